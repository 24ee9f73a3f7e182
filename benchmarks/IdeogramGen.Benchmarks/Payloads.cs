using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.Benchmarks;

/// <summary>The gateway every benchmark client is generated for.</summary>
[IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "bench-gateway")]
public partial class Images
{
}

/// <summary>The request and the canned answer shared by every benchmark, in their generated and POCO forms.</summary>
public static class Payloads
{
    public const string Prompt = "A serene landscape with mountains and a lake at sunset, golden light, wide angle";
    public const string NegativePrompt = "people, text, watermark";
    public const int Seed = 1234567;
    public const int ImageCount = 4;

    /// <summary>A typical generate request as the generated type.</summary>
    public static GenerateV3Request GeneratedRequest() => new()
    {
        Prompt = Prompt,
        Seed = Seed,
        AspectRatio = AspectRatioV3.Ratio16x9,
        RenderingSpeed = IdeogramGen.RenderingSpeed.Turbo,
        MagicPrompt = MagicPromptOption.Off,
        NegativePrompt = NegativePrompt,
        NumImages = ImageCount,
        StyleType = StyleTypeV3.Realistic,
    };

    /// <summary>The same request as a hand-written POCO.</summary>
    public static GenerateRequestPoco PocoRequest() => new()
    {
        Prompt = Prompt,
        Seed = Seed,
        AspectRatio = "16x9",
        RenderingSpeed = "TURBO",
        MagicPrompt = "OFF",
        NegativePrompt = NegativePrompt,
        NumImages = ImageCount,
        StyleType = "REALISTIC",
    };

    /// <summary>Ideogram's 200 answer to that request (four images, one withheld by the safety check).</summary>
    public static readonly byte[] ResponseBody = Encoding.UTF8.GetBytes(BuildResponse());

    /// <summary>Options equivalent to the generated writer: nulls left out, the same (relaxed) escaping.</summary>
    public static JsonSerializerOptions ReflectionOptions() => new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The source-generated context with the same options as <see cref="ReflectionOptions"/>.</summary>
    public static readonly PocoJsonContext SourceGenerated = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static string BuildResponse()
    {
        var sb = new StringBuilder("{\"created\":\"2026-04-27T10:15:30.123456+00:00\",\"data\":[");
        for (int i = 0; i < ImageCount; i++)
        {
            if (i > 0) sb.Append(',');
            bool safe = i != 2;
            sb.Append("{\"url\":").Append(safe ? $"\"https://ideogram.ai/api/images/ephemeral/b3Jk{i}x9Qz.png?exp=1777300000&signature=4f1c9e{i}a2b7d\"" : "null")
              .Append(",\"prompt\":\"").Append(Prompt).Append(", rendered with soft volumetric haze\"")
              .Append(",\"resolution\":\"1312x736\",\"upscaled_resolution\":null")
              .Append(",\"is_image_safe\":").Append(safe ? "true" : "false")
              .Append(",\"seed\":").Append(Seed + i)
              .Append(",\"style_type\":\"REALISTIC\"}");
        }
        return sb.Append("]}").ToString();
    }
}

/// <summary>The generate request as a POCO with the wire names, in the generated writer's property order.</summary>
public sealed class GenerateRequestPoco
{
    [JsonPropertyName("prompt")] public string? Prompt { get; set; }
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("seed")] public int? Seed { get; set; }
    [JsonPropertyName("resolution")] public string? Resolution { get; set; }
    [JsonPropertyName("aspect_ratio")] public string? AspectRatio { get; set; }
    [JsonPropertyName("rendering_speed")] public string? RenderingSpeed { get; set; }
    [JsonPropertyName("magic_prompt")] public string? MagicPrompt { get; set; }
    [JsonPropertyName("negative_prompt")] public string? NegativePrompt { get; set; }
    [JsonPropertyName("num_images")] public int? NumImages { get; set; }
    [JsonPropertyName("style_codes")] public List<string>? StyleCodes { get; set; }
    [JsonPropertyName("style_type")] public string? StyleType { get; set; }
    [JsonPropertyName("style_preset")] public string? StylePreset { get; set; }
    [JsonPropertyName("custom_model_uri")] public string? CustomModelUri { get; set; }
}

/// <summary>The generate answer as a POCO.</summary>
public sealed class ImageResponsePoco
{
    [JsonPropertyName("created")] public DateTimeOffset Created { get; set; }
    [JsonPropertyName("data")] public List<GeneratedImagePoco> Data { get; set; } = new();
}

/// <summary>One image of the answer as a POCO.</summary>
public sealed class GeneratedImagePoco
{
    [JsonPropertyName("url")] public string? Url { get; set; }
    [JsonPropertyName("prompt")] public string Prompt { get; set; } = "";
    [JsonPropertyName("resolution")] public string? Resolution { get; set; }
    [JsonPropertyName("upscaled_resolution")] public string? UpscaledResolution { get; set; }
    [JsonPropertyName("is_image_safe")] public bool IsImageSafe { get; set; }
    [JsonPropertyName("seed")] public int Seed { get; set; }
    [JsonPropertyName("style_type")] public string? StyleType { get; set; }
}

/// <summary>System.Text.Json's source-generated serializers for the POCOs.</summary>
[JsonSerializable(typeof(GenerateRequestPoco))]
[JsonSerializable(typeof(ImageResponsePoco))]
public sealed partial class PocoJsonContext : JsonSerializerContext
{
}

/// <summary>
/// Answers every request with the canned generate answer and gateway headers, after reading the request body
/// (as a server would, so that lazily serialized bodies are paid for). Keeps the last body for checks.
/// </summary>
public sealed class CannedHandler : HttpMessageHandler
{
    private readonly byte[] _body;

    public CannedHandler(byte[] body) => _body = body;

    /// <summary>The body of the last request.</summary>
    public byte[]? LastRequestBody { get; private set; }

    /// <summary>The URI of the last request.</summary>
    public Uri? LastRequestUri { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastRequestUri = request.RequestUri;
        LastRequestBody = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(_body) };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        response.Headers.TryAddWithoutValidation("cf-aig-log-id", "01JSKV6Q8T3R4WAXB5C7D9EFGH");
        response.Headers.TryAddWithoutValidation("cf-aig-cache-status", "MISS");
        return response;
    }
}
