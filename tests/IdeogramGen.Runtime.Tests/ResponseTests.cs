using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace IdeogramGen.Runtime.Tests;

/// <summary>Typed responses and gateway metadata.</summary>
public class ResponseTests
{
    [Fact]
    public async Task Images_metadata_and_withheld_images_are_typed()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, StubHandler.Success,
            ("cf-aig-log-id", "0193f7d2-5c3b-7a10-8a7e-3e0f2c9d1b4a"), ("cf-aig-event-id", "0193f7d2-5c3b-7a10-8a7e-3e0f2c9d1b4a"),
            ("cf-aig-request-id", "0193f7d2-5c3b-7a10-8a7e-3e0f2c9d1b4b"), ("cf-aig-cache-status", "MISS"), ("cf-aig-step", "0"),
            ("cf-aig-dlp", """{"findings":[{"profile":{"context":{},"entry_ids":["e1"],"profile_id":"p1"},"policy_ids":["pol"],"check":"REQUEST"}],"action":"FLAG"}""")));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ideogram-test-key"));
        var result = await client.GenerateV3Async(new GenerateV3Request { Prompt = "A serene landscape" });

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero), result.Created);
        Assert.Equal(2, result.Data.Count);
        var first = result.Data[0];
        Assert.Equal(ResolutionV3.Size1024x1024, first.Resolution);
        Assert.Equal(12345, first.Seed);
        Assert.Equal(StyleTypeV3.General, first.StyleType);
        Assert.True(first.IsImageSafe);
        Assert.False(first.IsWithheld);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(4102444800), first.ExpiresAt);
        Assert.True(result.Data[1].IsWithheld);
        Assert.Null(result.Data[1].Url);
        Assert.Equal(1, result.WithheldCount);

        Assert.Equal("0193f7d2-5c3b-7a10-8a7e-3e0f2c9d1b4a", result.Gateway.LogId);
        Assert.Equal("0193f7d2-5c3b-7a10-8a7e-3e0f2c9d1b4b", result.Gateway.RequestId);
        Assert.Equal(GatewayCacheStatus.Miss, result.Gateway.CacheStatus);
        Assert.Equal(0, result.Gateway.Step);
        Assert.Equal("FLAG", result.Gateway.Dlp!.Action);
        Assert.Equal("p1", result.Gateway.Dlp.Findings.Single().ProfileId);
    }

    [Fact]
    public async Task Unknown_properties_are_skipped_and_ulid_log_ids_are_opaque()
    {
        var body = """{"created":"2026-11-29T10:00:00Z","new_field":{"a":[1,2,{"b":null}]},"data":[{"url":"u","prompt":"p","resolution":"1x1","is_image_safe":true,"seed":1,"future":true}]}""";
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, body, ("cf-aig-log-id", "01JADMCQQQBWH3NXZ5GCRN98DP"), ("cf-aig-cache-status", "HIT")));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ideogram-test-key"));
        var result = await client.GenerateV3Async(new GenerateV3Request { Prompt = "p" });
        Assert.Single(result.Data);
        Assert.Equal("01JADMCQQQBWH3NXZ5GCRN98DP", result.Gateway.LogId);
        Assert.Equal(GatewayCacheStatus.Hit, result.Gateway.CacheStatus);
        Assert.False(result.Data[0].Resolution.IsKnown);
    }

    [Fact]
    public async Task An_image_with_a_link_is_not_withheld_even_if_is_image_safe_is_missing()
    {
        var body = """{"created":"2026-11-29T10:00:00Z","data":[{"url":"https://x/a.png","prompt":"p","resolution":"1024x1024","seed":1},{"url":"","prompt":"p","resolution":"1024x1024","seed":2,"is_image_safe":false}]}""";
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, body));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ideogram-test-key"));
        var result = await client.GenerateV3Async(new GenerateV3Request { Prompt = "p" });
        Assert.False(result.Data[0].IsWithheld);
        Assert.True(result.Data[1].IsWithheld);
        Assert.Equal(1, result.WithheldCount);
    }

    [Fact]
    public async Task Layered_describe_and_layerize_text_shapes_read()
    {
        var handler = new StubHandler((req, _) => req.RequestUri!.AbsolutePath.EndsWith("/describe", StringComparison.Ordinal)
            ? StubHandler.Json(HttpStatusCode.OK, """{"descriptions":[{"text":"A cat"}]}""")
            : req.RequestUri.AbsolutePath.EndsWith("layerize-text", StringComparison.Ordinal)
                ? StubHandler.Json(HttpStatusCode.OK, """{"base_image_url":"https://x/b.png","original_image_url":null,"seed":3,"text_blocks":[{"x":1,"y":2,"width":3,"height":4,"text":"Hi","alignment":"left","formatting":["bold"],"role":"heading","color":"#212121"}]}""")
                : StubHandler.Json(HttpStatusCode.OK, """{"created":"2026-11-29T10:00:00Z","data":[{"url":"u","prompt":"p","resolution":"1024x1024","is_image_safe":true,"seed":1,"text_containers":[{"id":"c1","items":[{"x":0,"y":6,"width":1,"height":5,"alignment":"center","angle":0,"style_class":"body","glyph_type":null,"spans":[{"text":"Sale","color":"#212121","font_fx":["bold"]}]}]}],"image_layers":[{"x":7,"y":9,"width":3,"height":2,"ref_id":"REF_0"}],"text_html":"<p>Sale</p>"}]}"""));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ideogram-test-key"));
        var png = IdeogramFile.FromBytes(WireTests.Png(), "i.png");

        var described = await client.DescribeLegacyAsync(new DescribeLegacyRequest { Image = png });
        Assert.Equal("A cat", described.Descriptions.Single().Text);

        var text = await client.LayerizeTextV3Async(new LayerizeTextV3Request { Image = png });
        Assert.Equal("Hi", text.TextBlocks.Single().Text);
        Assert.Equal(new[] { "bold" }, text.TextBlocks.Single().Formatting);

        var design = await client.GenerateDesignV3Async(new GenerateDesignV3Request { Prompt = "A sale poster" });
        var layered = design.Data.Single();
        Assert.Equal("Sale", layered.TextContainers.Single().Items.Single().Spans.Single().Text);
        Assert.Equal("REF_0", layered.ImageLayers.Single().RefId);
    }
}
