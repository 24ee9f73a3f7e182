using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.ApiDescription;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace IdeogramGen.Testing.Internal
{
    /// <summary>One value of a request field: a text part, a JSON value, or a file part.</summary>
    internal sealed class FieldValue
    {
        public string? Text { get; init; }
        public JsonElement? Json { get; init; }
        public byte[]? Bytes { get; init; }
        public string? FileName { get; init; }
        public string? ContentType { get; init; }
        public bool IsFile => Bytes is not null;

        /// <summary>The value as a string: the text, a JSON string's content, or other JSON as its text.</summary>
        public string AsText() => Text ?? (Json is { } j ? (j.ValueKind == JsonValueKind.String ? j.GetString() ?? "" : j.GetRawText()) : "");
    }

    /// <summary>A request body read into fields by wire name, independent of how it travelled (JSON, multipart, legacy wrapper).</summary>
    internal sealed class ParsedRequest
    {
        public Dictionary<string, List<FieldValue>> Values { get; } = new(StringComparer.Ordinal);

        public bool Has(string name) => Values.TryGetValue(name, out var v) && v.Count > 0;

        public IReadOnlyList<FieldValue> Get(string name) => Values.TryGetValue(name, out var v) ? v : (IReadOnlyList<FieldValue>)Array.Empty<FieldValue>();

        public string? Text(string name) => Has(name) ? Values[name][0].AsText() : null;

        public void Add(string name, FieldValue value)
        {
            if (!Values.TryGetValue(name, out var list)) Values[name] = list = new List<FieldValue>();
            list.Add(value);
        }

        public IReadOnlyDictionary<string, IReadOnlyList<string>> RecordFields() =>
            Values.Where(kv => kv.Value.Any(v => !v.IsFile))
                .ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.Where(v => !v.IsFile).Select(v => v.AsText()).ToArray(), StringComparer.Ordinal);

        public IReadOnlyList<RecordedFile> RecordFiles() =>
            Values.SelectMany(kv => kv.Value.Where(v => v.IsFile).Select(v => new RecordedFile(kv.Key, v.FileName, v.Bytes!.LongLength, v.ContentType))).ToArray();
    }

    /// <summary>Thrown when a body cannot be read at all; becomes HTTP 400 <c>{"error":"&lt;message&gt;"}</c>.</summary>
    internal sealed class BadRequestException : Exception
    {
        public BadRequestException(string message) : base(message) { }
    }

    /// <summary>
    /// Reads a request body the way the endpoint's description says it travels: JSON (flat, or wrapped in
    /// <c>image_request</c>), or multipart/form-data (text parts, JSON parts, file parts, repeated parts for arrays,
    /// the legacy <c>image_request</c> JSON part). Parts the endpoint does not declare are kept for the record and
    /// otherwise ignored.
    /// </summary>
    internal static class RequestReader
    {
        public static bool IsJson(string? contentType) => MediaType(contentType) == "application/json";

        public static bool IsMultipart(string? contentType) => MediaType(contentType) == "multipart/form-data";

        private static string? MediaType(string? contentType) =>
            contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;

        public static async Task<ParsedRequest> ReadJsonAsync(ApiEndpoint endpoint, HttpRequest request, CancellationToken ct)
        {
            JsonDocument doc;
            try
            {
                doc = await JsonDocument.ParseAsync(request.Body, default, ct).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                throw new BadRequestException("body: malformed JSON");
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new BadRequestException("body: must be a JSON object");
                var parsed = new ParsedRequest();
                if (endpoint.Wrapper is { } wrapper)
                {
                    if (!root.TryGetProperty(wrapper, out var inner) || inner.ValueKind == JsonValueKind.Null)
                        throw new BadRequestException(wrapper + ": field required");
                    if (inner.ValueKind != JsonValueKind.Object) throw new BadRequestException(wrapper + ": must be a JSON object");
                    AddJsonObject(endpoint, parsed, inner);
                }
                else
                {
                    AddJsonObject(endpoint, parsed, root);
                }
                return parsed;
            }
        }

        public static async Task<ParsedRequest> ReadMultipartAsync(ApiEndpoint endpoint, HttpRequest request, CancellationToken ct)
        {
            var mediaType = MediaTypeHeaderValue.Parse(request.ContentType);
            string boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value ?? "";
            if (boundary.Length == 0) throw new BadRequestException("body: multipart/form-data without a boundary");
            var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = 128L * 1024 * 1024 };
            var parsed = new ParsedRequest();
            bool sawWrapper = false;
            try
            {
                MultipartSection? section;
                while ((section = await reader.ReadNextSectionAsync(ct).ConfigureAwait(false)) is not null)
                {
                    if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                        || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                        continue;
                    string name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                    if (name.Length == 0) continue;
                    string? fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    if (string.IsNullOrEmpty(fileName)) fileName = null;
                    byte[] bytes;
                    using (var buffer = new MemoryStream())
                    {
                        await section.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
                        bytes = buffer.ToArray();
                    }
                    var field = endpoint.Field(name);
                    if (endpoint.Wrapper is { } wrapper && name == wrapper)
                    {
                        sawWrapper = true;
                        JsonDocument doc;
                        try { doc = JsonDocument.Parse(bytes); }
                        catch (JsonException) { throw new BadRequestException(wrapper + ": malformed JSON"); }
                        using (doc)
                        {
                            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new BadRequestException(wrapper + ": must be a JSON object");
                            AddJsonObject(endpoint, parsed, doc.RootElement);
                        }
                        continue;
                    }
                    // A part counts as a file when it has a filename or a non-text content type; a plain form value sent for a
                    // file field stays text, so validation can say it must be a file.
                    bool looksLikeFile = fileName is not null
                        || (section.ContentType is { } partType && !partType.StartsWith("text/", StringComparison.OrdinalIgnoreCase));
                    bool declaredFile = field is { Kind: ValueKind.File or ValueKind.FileArray } && !field.InWrapper && looksLikeFile;
                    if (declaredFile || (field is null && fileName is not null))
                    {
                        parsed.Add(name, new FieldValue { Bytes = bytes, FileName = fileName, ContentType = section.ContentType });
                        continue;
                    }
                    string text = Encoding.UTF8.GetString(bytes);
                    if (field is { Kind: ValueKind.ColorPalette or ValueKind.Object or ValueKind.ObjectArray } && !field.InWrapper)
                    {
                        try
                        {
                            using var doc = JsonDocument.Parse(text);
                            // A list of objects travels as one JSON part holding the array (the document's encoding: application/json).
                            if (field.Kind == ValueKind.ObjectArray && doc.RootElement.ValueKind == JsonValueKind.Array)
                            {
                                foreach (var item in doc.RootElement.EnumerateArray()) parsed.Add(name, new FieldValue { Json = item.Clone(), ContentType = section.ContentType });
                                if (doc.RootElement.GetArrayLength() == 0) parsed.Values.TryAdd(name, new List<FieldValue>());
                            }
                            else parsed.Add(name, new FieldValue { Json = doc.RootElement.Clone(), ContentType = section.ContentType });
                        }
                        catch (JsonException)
                        {
                            throw new BadRequestException(name + ": must be a JSON part (Content-Type: application/json)");
                        }
                        continue;
                    }
                    parsed.Add(name, new FieldValue { Text = text, ContentType = section.ContentType });
                }
            }
            catch (IOException) when (!ct.IsCancellationRequested)
            {
                throw new BadRequestException("body: malformed multipart/form-data");
            }
            catch (InvalidDataException)
            {
                throw new BadRequestException("body: malformed multipart/form-data");
            }
            if (endpoint.Wrapper is { } w && !sawWrapper) throw new BadRequestException(w + ": field required");
            return parsed;
        }

        private static void AddJsonObject(ApiEndpoint endpoint, ParsedRequest parsed, JsonElement obj)
        {
            foreach (var property in obj.EnumerateObject())
            {
                var value = property.Value;
                if (value.ValueKind == JsonValueKind.Null) continue;
                var field = endpoint.Field(property.Name);
                bool keepWhole = field is { Kind: ValueKind.ColorPalette or ValueKind.Object };
                if (value.ValueKind == JsonValueKind.Array && !keepWhole)
                {
                    foreach (var item in value.EnumerateArray()) parsed.Add(property.Name, new FieldValue { Json = item.Clone() });
                    if (value.GetArrayLength() == 0) parsed.Values.TryAdd(property.Name, new List<FieldValue>());
                }
                else
                {
                    parsed.Add(property.Name, new FieldValue { Json = value.Clone() });
                }
            }
        }

        internal static string Invariant(long v) => v.ToString(CultureInfo.InvariantCulture);
    }
}
