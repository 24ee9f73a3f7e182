using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.ConformanceTests;

/// <summary>
/// Negative controls: requests that break Ideogram's OpenAPI document must be caught by the same Prism set-up, log
/// attribution and classification the conformance tests rely on, so a passing conformance test means something.
/// </summary>
public sealed class PrismNegativeControlTests : IClassFixture<PrismFixture>
{
    private readonly PrismFixture _prism;

    public PrismNegativeControlTests(PrismFixture prism) => _prism = prism;

    [Fact]
    public async Task Invalid_enum_value_in_a_json_body_is_a_violation()
    {
        var (status, exchange) = await SendRawAsync("v1/ideogram-v3/generate", Json("""{"prompt":"A lighthouse","aspect_ratio":"17x9"}"""));
        AssertGenuineViolation(exchange, "request.body.aspect_ratio", "must be equal to one of the allowed values");
        Assert.Equal(422, status);
    }

    [Fact]
    public async Task Missing_required_field_is_a_violation()
    {
        var (status, exchange) = await SendRawAsync("v1/ideogram-v3/generate", Json("""{"num_images":2}"""));
        AssertGenuineViolation(exchange, "request.body", "must have required property 'prompt'");
        Assert.Equal(422, status);
    }

    [Fact]
    public async Task Out_of_range_multipart_part_is_a_violation()
    {
        // Quoted names as the client sends them: Prism 5.16.0 exits on an unquoted filename parameter (parse-multipart-data).
        var form = new MultipartFormDataContent
        {
            { new StringContent("A lighthouse"), "\"prompt\"" },
            { new StringContent("9"), "\"num_images\"" },
        };
        var image = new ByteArrayContent(Samples.PngBytes());
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(image, "\"image\"", "\"image.png\"");
        var (status, exchange) = await SendRawAsync("v1/ideogram-v3/remix", form);
        AssertGenuineViolation(exchange, "request.body.num_images", "must be <= 8");
        Assert.Equal(422, status);
    }

    [Fact]
    public async Task Missing_api_key_is_a_violation()
    {
        var (status, exchange) = await SendRawAsync("v1/ideogram-v3/generate", Json("""{"prompt":"A lighthouse"}"""), apiKey: null);
        AssertGenuineViolation(exchange, "request", "Invalid security scheme used");
        Assert.Equal(401, status);
    }

    [Fact]
    public async Task Unknown_vocabulary_value_sent_by_the_generated_client_is_a_violation()
    {
        // The client sends vocabulary values it does not know (Ideogram may add some); Ideogram's document rejects this one.
        var handler = new GatewayPrefixHandler(_prism.Root, TestImages.AccountId, TestImages.GatewayId);
        using var http = new HttpClient(handler);
        var client = new TestImages(http, new IdeogramCredentials("ideogram-conformance-key"), new GatewayOptions { GatewayRoot = GatewayPrefixHandler.ClientRoot, AllowRedirectedAnswers = true });
        var exchange = await _prism.ExchangeAsync(() => client.GenerateV3Async(new GenerateV3Request { Prompt = "A lighthouse", AspectRatio = new AspectRatioV3("7x5") }));

        AssertGenuineViolation(exchange, "request.body.aspect_ratio", "must be equal to one of the allowed values");
        Assert.Equal(422, handler.Status);
        var error = Assert.IsType<IdeogramApiException>(exchange.Error);
        Assert.Equal(422, error.StatusCode);
    }

    [Fact]
    public void Multipart_limitations_are_attributed_only_to_fields_sent_in_that_shape()
    {
        var parts = new List<Multipart.Part>
        {
            new("prompt", null, null, Encoding.UTF8.GetBytes("p")),
            new("color_palette", null, "application/json", Encoding.UTF8.GetBytes("""{"name":"PASTEL"}""")),
            new("style_reference_images", "a.png", "image/png", Samples.PngBytes()),
        };
        var violations = new[]
        {
            new PrismViolation("request.body.color_palette", "Request body property color_palette must be object"),
            new PrismViolation("request.body.style_reference_images", "Request body property style_reference_images must be array"),
            new PrismViolation("request.body.character_reference_images", "Request body property character_reference_images must be array"),
            new PrismViolation("request.body.prompt", "Request body property prompt must be array"),
            new PrismViolation("request.body.num_images", "Request body property num_images must be <= 8"),
        };
        var (genuine, limitations) = PrismLimitations.Classify(violations, parts, IdeogramApi.FindEndpoint("/v1/ideogram-v3/generate"));
        Assert.Equal(new[] { "color_palette", "style_reference_images" }, limitations.Select(v => v.BodyField));
        Assert.Equal(new[] { "character_reference_images", "prompt", "num_images" }, genuine.Select(v => v.BodyField));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(int Status, PrismExchange Exchange)> SendRawAsync(string path, HttpContent content, string? apiKey = "ideogram-conformance-key")
    {
        int status = 0;
        var exchange = await _prism.ExchangeAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_prism.Root, path)) { Content = content };
            if (apiKey != null) request.Headers.Add("Api-Key", apiKey);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await _prism.Raw.SendAsync(request);
            status = (int)response.StatusCode;
        });
        return (status, exchange);
    }

    private static void AssertGenuineViolation(PrismExchange exchange, string location, string message)
    {
        Assert.Null(exchange.Error is IdeogramApiException ? null : exchange.Error);
        var (genuine, _) = PrismLimitations.Classify(exchange.Violations, Array.Empty<Multipart.Part>(), null);
        Assert.True(genuine.Any(v => v.Location == location && v.Message.Contains(message, StringComparison.Ordinal)),
            $"Expected a violation at {location} ({message}).\n{exchange.Describe()}");
    }
}
