using System;
using System.Collections.Generic;
using System.Linq;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.ConformanceTests;

/// <summary>
/// The multipart shapes Prism 5.16.0 cannot validate although the OpenAPI document prescribes them, so that its
/// reports on them are told apart from real violations. Source: <c>@stoplight/prism-http</c> 5.16.0,
/// <c>dist/validator/validators/body.js</c>:
/// <list type="bullet">
/// <item><c>parseMultipartFormDataParams</c> keeps one string per part name (the last one): a form array sent as
/// repeated parts (OpenAPI's default for <c>type: array</c> in multipart) is reported as
/// <c>request.body.&lt;field&gt; … must be array</c>.</item>
/// <item>An encoding's <c>contentType: application/json</c> is ignored: a JSON part (<c>color_palette</c>,
/// <c>image_request</c>) stays a string and is reported as <c>must be object</c> / <c>must match exactly one schema
/// in oneOf</c> / <c>must have required property …</c>, and <c>validateAgainstReservedCharacters</c> rejects JSON text
/// containing <c>,</c> <c>[</c> <c>]</c> … (<c>Reserved characters used in request body</c>) before any schema check.</item>
/// </list>
/// A violation is attributed to these limitations only when the request really sent that field in that shape.
/// </summary>
internal static class PrismLimitations
{
    /// <summary>Splits violations into genuine ones and those caused by the limitations above.</summary>
    /// <param name="violations">Prism's violations for one request.</param>
    /// <param name="parts">The multipart parts sent (empty for a JSON body).</param>
    /// <param name="endpoint">The endpoint called: only its declared array fields and JSON parts qualify.</param>
    public static (List<PrismViolation> Genuine, List<PrismViolation> Limitations) Classify(IEnumerable<PrismViolation> violations, IReadOnlyList<Multipart.Part> parts, ApiEndpoint? endpoint)
    {
        var jsonParts = new HashSet<string>(parts.Where(p => p.FileName == null && p.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true).Select(p => p.Name), StringComparer.Ordinal);
        var sentParts = new HashSet<string>(parts.Select(p => p.Name), StringComparer.Ordinal);
        var genuine = new List<PrismViolation>();
        var limitations = new List<PrismViolation>();
        foreach (var v in violations)
        {
            var field = v.BodyField;
            var declared = field == null || endpoint == null ? null : endpoint.Field(field);
            bool isJsonPart = field != null && jsonParts.Contains(field)
                && (declared?.PartContentType == "application/json" || (endpoint?.Encoding == BodyEncoding.MultipartWithJsonPart && endpoint.Wrapper == field));
            bool isFormArray = declared is { Kind: ValueKind.FileArray or ValueKind.StringArray } && sentParts.Contains(field!)
                && v.Message.EndsWith("must be array", StringComparison.Ordinal);
            (isJsonPart || isFormArray ? limitations : genuine).Add(v);
        }
        return (genuine, limitations);
    }
}
