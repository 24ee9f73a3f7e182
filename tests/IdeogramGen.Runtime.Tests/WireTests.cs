using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace IdeogramGen.Runtime.Tests;

/// <summary>What goes on the wire, byte for byte.</summary>
public class WireTests
{
    // Cloudflare AI Gateway docs, Providers > Ideogram: the curl example this library must reproduce.
    private const string SeedUrl = "https://gateway.ai.cloudflare.com/v1/3ebbcb006d4d46d7bb6a8c7f14676cb0/my-gateway/ideogram/v1/ideogram-v3/generate";
    private const string SeedBody = """{ "prompt": "A serene landscape with mountains and a lake at sunset", "model": "V_3" }""";

    private static (TestImages Client, StubHandler Handler) Client(string apiKey = "ideogram-test-key", string? token = null)
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, StubHandler.Success));
        return (new TestImages(new HttpClient(handler), new IdeogramCredentials(apiKey, token)), handler);
    }

    [Fact]
    public async Task Seed_example_goes_out_exactly_as_cloudflares_curl()
    {
        var (client, handler) = Client();
        await client.GenerateV3Async(new GenerateV3Request
        {
            Prompt = "A serene landscape with mountains and a lake at sunset",
            Model = IdeogramModel.V3,
        });

        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(SeedUrl, request.RequestUri!.AbsoluteUri);
        Assert.Equal("ideogram-test-key", Assert.Single(request.Headers.GetValues("Api-Key")));
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.False(request.Headers.Contains("cf-aig-authorization"));
        Assert.Equal(Compact(SeedBody), Encoding.UTF8.GetString(body));
        Assert.StartsWith("IdeogramGen/", request.Headers.UserAgent.ToString());
    }

    [Fact]
    public void Url_builder_matches_the_gateway_layout()
    {
        Assert.Equal("3ebbcb006d4d46d7bb6a8c7f14676cb0", TestImages.AccountId);
        Assert.Equal("my-gateway", TestImages.GatewayId);
        Assert.Equal("https://gateway.ai.cloudflare.com/v1/3ebbcb006d4d46d7bb6a8c7f14676cb0/my-gateway/ideogram/", TestImages.GatewayBaseUri.AbsoluteUri);
        Assert.Equal(SeedUrl, TestImages.Endpoints.GenerateV3.AbsoluteUri);
        Assert.Equal("https://gateway.ai.cloudflare.com/v1/3ebbcb006d4d46d7bb6a8c7f14676cb0/my-gateway/ideogram/generate", TestImages.Endpoints.GenerateLegacy.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5000/v1/3ebbcb006d4d46d7bb6a8c7f14676cb0/my-gateway/ideogram/v1/edit",
            TestImages.Endpoints.For("/v1/edit", new Uri("http://127.0.0.1:5000")).AbsoluteUri);
    }

    [Fact]
    public async Task Gateway_token_goes_in_cf_aig_authorization()
    {
        var (client, handler) = Client(token: "cf-token-123456");
        await client.GenerateV3Async(new GenerateV3Request { Prompt = "p" });
        var request = handler.Requests.Single().Request;
        Assert.Equal("Bearer cf-token-123456", request.Headers.GetValues("cf-aig-authorization").Single());
    }

    [Fact]
    public async Task Unset_optional_fields_are_omitted_and_set_ones_use_ideograms_names()
    {
        var (client, handler) = Client();
        await client.GenerateV3Async(new GenerateV3Request
        {
            Prompt = "p",
            AspectRatio = AspectRatioV3.Ratio16x9,
            RenderingSpeed = RenderingSpeed.Turbo,
            MagicPrompt = MagicPromptOption.Off,
            NumImages = 2,
            Seed = 7,
            StyleCodes = new[] { "AAFF5733" },
            ColorPalette = ColorPalette.FromPreset(ColorPalettePreset.Pastel),
        });
        var json = Encoding.UTF8.GetString(handler.Requests.Single().Body);
        Assert.Equal("""{"prompt":"p","seed":7,"aspect_ratio":"16x9","rendering_speed":"TURBO","magic_prompt":"OFF","num_images":2,"color_palette":{"name":"PASTEL"},"style_codes":["AAFF5733"]}""", json);
    }

    [Fact]
    public async Task A_v2_palette_sends_its_lowercase_preset_or_the_same_members_as_v1()
    {
        var (client, handler) = Client();
        await client.GenerateV2Ideogram3Async(new GenerateV2Ideogram3Request { Prompt = "p", ColorPalette = ColorPaletteV2.FromPreset(ColorPalettePresetV2.Pastel) });
        await client.GenerateV2Ideogram3Async(new GenerateV2Ideogram3Request
        {
            Prompt = "p",
            ColorPalette = ColorPaletteV2.FromMembers(new ColorPaletteMember("#FF0000", 0.6), new ColorPaletteMember("#0f0")),
        });
        Assert.Equal("/v1/" + TestImages.AccountId + "/" + TestImages.GatewayId + "/ideogram/v2/image/generate/ideogram-3", handler.Requests[0].Request.RequestUri!.AbsolutePath);
        Assert.Equal("""{"color_palette":{"name":"pastel"},"prompt":"p"}""", Encoding.UTF8.GetString(handler.Requests[0].Body));
        Assert.Equal("""{"color_palette":{"members":[{"color_hex":"#FF0000","color_weight":0.6},{"color_hex":"#0f0"}]},"prompt":"p"}""", Encoding.UTF8.GetString(handler.Requests[1].Body));
    }

    [Fact]
    public void A_v2_palette_checks_its_members_and_preset_like_v1()
    {
        Assert.Equal("color_palette.members", Assert.Throws<IdeogramValidationException>(() => ColorPaletteV2.FromMembers()).Field);
        Assert.Equal("color_palette.members", Assert.Throws<IdeogramValidationException>(() => ColorPaletteV2.FromMembers(Enumerable.Repeat(new ColorPaletteMember("#fff"), 9).ToArray())).Field);
        Assert.Equal("color_palette.members[1].color_hex", Assert.Throws<IdeogramValidationException>(() => ColorPaletteV2.FromMembers(new ColorPaletteMember("#fff"), new ColorPaletteMember("red"))).Field);
        Assert.Equal("color_palette.members[0].color_weight", Assert.Throws<IdeogramValidationException>(() => ColorPaletteV2.FromMembers(new ColorPaletteMember("#fff", double.NaN))).Field);
        Assert.Equal("color_palette.members[0]", Assert.Throws<IdeogramValidationException>(() => ColorPaletteV2.FromMembers(new ColorPaletteMember[] { null! })).Field);
        Assert.Throws<ArgumentNullException>(() => ColorPaletteV2.FromMembers(null!));
        var unset = Assert.Throws<IdeogramValidationException>(() => ColorPaletteV2.FromPreset(default));
        Assert.Contains("ember", unset.Message);
        Assert.Equal("ColorPaletteV2(ultramarine)", ColorPaletteV2.FromPreset(ColorPalettePresetV2.Ultramarine).ToString());
        Assert.Equal("ColorPaletteV2(2 members)", ColorPaletteV2.FromMembers(new ColorPaletteMember("#fff"), new ColorPaletteMember("#000", 0.05)).ToString());
    }

    [Fact]
    public async Task A_file_switches_generate_to_multipart_with_ideograms_part_names()
    {
        var (client, handler) = Client();
        var png = Png();
        await client.GenerateV3Async(new GenerateV3Request
        {
            Prompt = "p",
            NumImages = 1,
            StyleReferenceImages = new[] { IdeogramFile.FromBytes(png, "a.png"), IdeogramFile.FromBytes(png, "b.png") },
            ColorPalette = ColorPalette.FromMembers(new ColorPaletteMember("#FF0000", 0.6), new ColorPaletteMember("#0f0")),
        });
        var (request, body) = handler.Requests.Single();
        Assert.Equal("multipart/form-data", request.Content!.Headers.ContentType!.MediaType);
        var parts = Multipart.Parse(body, request.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"'));
        Assert.Equal(new[] { "prompt", "num_images", "color_palette", "style_reference_images", "style_reference_images" }, parts.Select(p => p.Name));
        Assert.Equal("p", parts[0].Text);
        Assert.Equal("1", parts[1].Text);
        Assert.Equal("application/json", parts[2].ContentType);
        Assert.Equal("""{"members":[{"color_hex":"#FF0000","color_weight":0.6},{"color_hex":"#0f0"}]}""", parts[2].Text);
        Assert.Equal("image/png", parts[3].ContentType);
        Assert.Equal("a.png", parts[3].FileName);
        Assert.Equal(png, parts[3].Bytes);
    }

    [Fact]
    public async Task Legacy_generate_wraps_fields_in_image_request()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, """{"created":"2026-11-29T10:00:00Z","data":[]}"""));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("k-123456"));
        await client.GenerateLegacyAsync(new GenerateLegacyRequest { Prompt = "p", Model = IdeogramModel.V2Turbo, AspectRatio = AspectRatioLegacy.Ratio16x9 });
        Assert.Equal("""{"image_request":{"prompt":"p","aspect_ratio":"ASPECT_16_9","model":"V_2_TURBO"}}""", Encoding.UTF8.GetString(handler.Requests.Single().Body));
    }

    [Fact]
    public async Task Legacy_remix_sends_image_request_as_a_json_part_and_image_file()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, """{"created":"2026-11-29T10:00:00Z","data":[]}"""));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("k-123456"));
        await client.RemixLegacyAsync(new RemixLegacyRequest { Prompt = "p", ImageWeight = 40, Image = IdeogramFile.FromBytes(Png(), "in.png") });
        var (request, body) = handler.Requests.Single();
        var parts = Multipart.Parse(body, request.Content!.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"'));
        Assert.Equal(new[] { "image_request", "image_file" }, parts.Select(p => p.Name));
        Assert.Equal("application/json", parts[0].ContentType);
        Assert.Equal("""{"prompt":"p","image_weight":40}""", parts[0].Text);
        Assert.Equal("image/png", parts[1].ContentType);
    }

    internal static byte[] Png() => Samples.PngBytes();

    private static string Compact(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var sb = new StringBuilder();
        bool inString = false, escape = false;
        foreach (var c in json)
        {
            if (inString)
            {
                sb.Append(c);
                if (escape) escape = false;
                else if (c == '\\') escape = true;
                else if (c == '"') inString = false;
            }
            else if (c == '"') { inString = true; sb.Append(c); }
            else if (!char.IsWhiteSpace(c)) sb.Append(c);
        }
        return sb.ToString();
    }
}
