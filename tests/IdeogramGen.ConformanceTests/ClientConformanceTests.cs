using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using IdeogramGen.ApiDescription;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace IdeogramGen.ConformanceTests;

/// <summary>
/// Every request the generated client builds is checked by Prism against Ideogram's own OpenAPI document
/// (description/ideogram-openapi.json): one request per endpoint and content type, with a realistic set of fields, and the
/// client must read Prism's example answer into its typed response.
/// </summary>
public sealed class ClientConformanceTests : IClassFixture<PrismFixture>
{
    private readonly PrismFixture _prism;
    private readonly ITestOutputHelper _output;

    public ClientConformanceTests(PrismFixture prism, ITestOutputHelper output)
    {
        _prism = prism;
        _output = output;
    }

    /// <summary>One request through the generated client.</summary>
    /// <param name="Path">Ideogram's path.</param>
    /// <param name="Json">True for a JSON body, false for multipart.</param>
    /// <param name="UsesUnvalidatableParts">
    /// The request sends form arrays or JSON parts, which Prism 5.16.0 cannot parse (<see cref="PrismLimitations"/>);
    /// such reports are tolerated for exactly those fields, every other violation still fails.
    /// </param>
    public sealed record Case(string Path, bool Json, bool UsesUnvalidatableParts, Func<TestImages, Task<IdeogramResponse>> Send);

    private static readonly ColorPalette Members = ColorPalette.FromMembers(new ColorPaletteMember("#1E3A5F", 0.6), new ColorPaletteMember("#F4A261", 0.3), new ColorPaletteMember("#FFFFFF"));
    private static readonly ColorPalette Preset = ColorPalette.FromPreset(ColorPalettePreset.Pastel);

#pragma warning disable CS0618 // GenerateGraphic (/v1/ideogram-v3/graphic) is deprecated by Ideogram and still covered.
    public static readonly IReadOnlyDictionary<string, Case> Cases = new Dictionary<string, Case>
    {
        // ---- JSON bodies (no files) ----
        ["generate (json)"] = new("/v1/ideogram-v3/generate", true, false, async c => await c.GenerateV3Async(new GenerateV3Request
        {
            Prompt = "A serene landscape with mountains and a lake at sunset", Model = IdeogramModel.V3, Seed = 42,
            AspectRatio = AspectRatioV3.Ratio16x9, RenderingSpeed = RenderingSpeed.Turbo, MagicPrompt = MagicPromptOption.On,
            NegativePrompt = "people, text", NumImages = 2, ColorPalette = Members, StyleType = StyleTypeV3.Realistic,
            StylePreset = StylePresetV3.GoldenHour,
        })),
        ["generate-transparent (json)"] = new("/v1/ideogram-v3/generate-transparent", true, false, async c => await c.GenerateTransparentV3Async(new GenerateTransparentV3Request
        {
            Prompt = "A glossy red apple sticker", Seed = 7, UpscaleFactor = UpscaleFactor.X2, AspectRatio = AspectRatioV3.Ratio1x1,
            RenderingSpeed = RenderingSpeed.Quality, MagicPrompt = MagicPromptOption.Off, NegativePrompt = "shadow", NumImages = 1,
        })),
        ["generate-design (json)"] = new("/v1/ideogram-v3/generate-design", true, false, async c => await c.GenerateDesignV3Async(new GenerateDesignV3Request
        {
            Prompt = "Summer sale poster, 50% off, bold headline", AspectRatio = AspectRatioV3.Ratio4x5, RenderingSpeed = RenderingSpeed.Default,
            MagicPrompt = MagicPromptOption.Auto, NumImages = 1, ColorPalette = Preset, StyleType = StyleTypeV3.Design,
            FontNameH1 = "Montserrat", FontNameBody = "Inter", Seed = 1234,
        })),
        ["graphic (json)"] = new("/v1/ideogram-v3/graphic", true, false, async c => await c.GenerateGraphicV3Async(new GenerateGraphicV3Request
        {
            Prompt = "Coffee shop menu board", Resolution = ResolutionV3.Size1024x1024, StyleCodes = new[] { "AAFF5733", "0f0f0f0f" },
            ColorPalette = Members, NumImages = 1, FontNameH2 = "Lora",
        })),
        ["legacy generate (json, image_request)"] = new("/generate", true, false, async c => await c.GenerateLegacyAsync(new GenerateLegacyRequest
        {
            Prompt = "An isometric city block at night", AspectRatio = AspectRatioLegacy.Ratio16x9, Model = IdeogramModel.V2Turbo,
            MagicPrompt = MagicPromptOption.On, MagicPromptVersion = MagicPromptVersion.V0_4, Seed = 5, StyleType = StyleTypeLegacy.Render3D,
            NegativePrompt = "blur", NumImages = 2, ColorPalette = ColorPalette.FromPreset(ColorPalettePreset.Ember),
        })),

        // ---- multipart with single files and scalar parts only: Prism validates every part ----
        ["generate-design (multipart, font file)"] = new("/v1/ideogram-v3/generate-design", false, false, async c => await c.GenerateDesignV3Async(new GenerateDesignV3Request
        {
            Prompt = "Bakery opening flyer", FontFileH1 = Samples.Font(), FontNameBody = "Inter", AspectRatio = AspectRatioV3.Ratio3x4,
            NumImages = 1, RenderingSpeed = RenderingSpeed.Turbo, Seed = 77,
        })),
        ["graphic (multipart, flat image)"] = new("/v1/ideogram-v3/graphic", false, false, async c => await c.GenerateGraphicV3Async(new GenerateGraphicV3Request
        {
            Prompt = "Concert poster", FlatGraphicImage = Samples.Png("flat.png"), FontFileBody = Samples.Font("Body.ttf"), Seed = 3,
        })),
        ["edit (multipart)"] = new("/v1/ideogram-v3/edit", false, false, async c => await c.EditV3Async(new EditV3Request
        {
            Image = Samples.Png(), Mask = Samples.Png("mask.png"), Prompt = "Replace the sky with northern lights", MagicPrompt = MagicPromptOption.Off,
            NumImages = 2, Seed = 11, RenderingSpeed = RenderingSpeed.Quality, StyleType = StyleTypeV3.Realistic,
        })),
        ["inpaint (multipart)"] = new("/v1/ideogram-v3/inpaint", false, false, async c => await c.InpaintV3Async(new InpaintV3Request
        {
            Image = Samples.Png(), Mask = Samples.Png("mask.png"), Prompt = "A red umbrella", NumImages = 1, Seed = 12,
            RenderingSpeed = RenderingSpeed.Turbo, StylePreset = StylePresetV3.Watercolor,
        })),
        ["remix (multipart)"] = new("/v1/ideogram-v3/remix", false, false, async c => await c.RemixV3Async(new RemixV3Request
        {
            Image = Samples.Png(), Prompt = "Same scene in autumn", ImageWeight = 60, Seed = 13, AspectRatio = AspectRatioV3.Ratio3x2,
            RenderingSpeed = RenderingSpeed.Default, NegativePrompt = "snow", NumImages = 1, StyleType = StyleTypeV3.General,
        })),
        ["reframe (multipart)"] = new("/v1/ideogram-v3/reframe", false, false, async c => await c.ReframeV3Async(new ReframeV3Request
        {
            Image = Samples.Png(), Resolution = ResolutionV3.Size1280x800, NumImages = 1, Seed = 14, RenderingSpeed = RenderingSpeed.Turbo,
            StylePreset = StylePresetV3.FlatArt,
        })),
        ["replace-background (multipart)"] = new("/v1/ideogram-v3/replace-background", false, false, async c => await c.ReplaceBackgroundV3Async(new ReplaceBackgroundV3Request
        {
            Image = Samples.Png(), Prompt = "A marble kitchen counter", MagicPrompt = MagicPromptOption.Auto, NumImages = 1, Seed = 15,
            RenderingSpeed = RenderingSpeed.Default, StylePreset = StylePresetV3.Editorial,
        })),
        ["layerize-design (multipart)"] = new("/v1/ideogram-v3/layerize-design", false, false, async c => await c.LayerizeDesignV3Async(new LayerizeDesignV3Request
        {
            FlatGraphicImage = Samples.Png("flyer.png"), Prompt = "A flyer with a headline", Seed = 16, FontFileH1 = Samples.Font(), FontNameSmall = "Roboto",
        })),
        ["layerize-text (multipart)"] = new("/v1/ideogram-v3/layerize-text", false, false, async c => await c.LayerizeTextV3Async(new LayerizeTextV3Request
        {
            Image = Samples.Png(), Prompt = "A street sign", Seed = 17,
        })),
        ["v1 edit (multipart, no file)"] = new("/v1/edit", false, false, async c => await c.InstructionEditAsync(new InstructionEditRequest
        {
            Prompt = "Make it look like a pencil sketch", NumImages = 1, Seed = 18, MagicPrompt = MagicPromptOption.Off,
            AspectRatio = AspectRatioV3.Ratio1x1, TransparentBackground = false,
        })),
        ["legacy edit (multipart)"] = new("/edit", false, false, async c => await c.EditLegacyAsync(new EditLegacyRequest
        {
            Image = Samples.Png(), Mask = Samples.Png("mask.png"), Prompt = "Add a hot air balloon", Model = IdeogramModel.V2,
            MagicPrompt = MagicPromptOption.On, NumImages = 1, Seed = 19, StyleType = StyleTypeLegacy.General,
        })),
        ["legacy reframe (multipart)"] = new("/reframe", false, false, async c => await c.ReframeLegacyAsync(new ReframeLegacyRequest
        {
            Image = Samples.Png(), Resolution = ResolutionLegacy.Size1024x640, Model = IdeogramModel.V2Turbo, NumImages = 1, Seed = 20,
            StyleType = StyleTypeLegacy.Design,
        })),
        ["describe (multipart)"] = new("/describe", false, false, async c => await c.DescribeLegacyAsync(new DescribeLegacyRequest
        {
            Image = Samples.Png(), DescribeModelVersion = DescribeModelVersion.V3,
        })),

        // ---- multipart with form arrays (repeated parts) and JSON parts ----
        ["generate (multipart, style references)"] = new("/v1/ideogram-v3/generate", false, true, async c => await c.GenerateV3Async(new GenerateV3Request
        {
            Prompt = "A cozy reading nook", AspectRatio = AspectRatioV3.Ratio9x16, RenderingSpeed = RenderingSpeed.Turbo, NumImages = 2, Seed = 21,
            ColorPalette = Preset, StyleReferenceImages = new[] { Samples.Png("ref1.png"), Samples.Png("ref2.png") },
            CharacterReferenceImages = new[] { Samples.Png("character.png") },
        })),
        ["generate-design (multipart, assets)"] = new("/v1/ideogram-v3/generate-design", false, true, async c => await c.GenerateDesignV3Async(new GenerateDesignV3Request
        {
            Prompt = "Product launch banner", FontFileH1 = Samples.Font(), ColorPalette = Preset, NumImages = 1,
            StyleReferenceImages = new[] { Samples.Png("style.png") }, ReferenceAssetImages = new[] { Samples.Png("logo.png"), Samples.Png("icon.png") },
        })),
        ["graphic (multipart, assets)"] = new("/v1/ideogram-v3/graphic", false, true, async c => await c.GenerateGraphicV3Async(new GenerateGraphicV3Request
        {
            Prompt = "Event badge", ColorPalette = Members, StyleReferenceImages = new[] { Samples.Png("style.png") },
            ReferenceAssetImages = new[] { Samples.Png("logo.png") }, NumImages = 1,
        })),
        ["edit (multipart, style references)"] = new("/v1/ideogram-v3/edit", false, true, async c => await c.EditV3Async(new EditV3Request
        {
            Image = Samples.Png(), Mask = Samples.Png("mask.png"), Prompt = "A neon sign", ColorPalette = Preset, NumImages = 1,
            StyleReferenceImages = new[] { Samples.Png("ref1.png"), Samples.Png("ref2.png") },
        })),
        ["inpaint (multipart, style codes)"] = new("/v1/ideogram-v3/inpaint", false, true, async c => await c.InpaintV3Async(new InpaintV3Request
        {
            Image = Samples.Png(), Mask = Samples.Png("mask.png"), Prompt = "A wooden bench", StyleCodes = new[] { "AAFF5733", "12ab34cd" }, ColorPalette = Members,
        })),
        ["remix (multipart, character reference)"] = new("/v1/ideogram-v3/remix", false, true, async c => await c.RemixV3Async(new RemixV3Request
        {
            Image = Samples.Png(), Prompt = "The same person as an astronaut", ImageWeight = 40, ColorPalette = Preset,
            CharacterReferenceImages = new[] { Samples.Png("character.png") }, CharacterReferenceImagesMask = new[] { Samples.Png("character-mask.png") },
        })),
        ["reframe (multipart, style references)"] = new("/v1/ideogram-v3/reframe", false, true, async c => await c.ReframeV3Async(new ReframeV3Request
        {
            Image = Samples.Png(), Resolution = ResolutionV3.Size1024x1024, ColorPalette = Preset, StyleReferenceImages = new[] { Samples.Png("ref.png") },
        })),
        ["replace-background (multipart, style codes)"] = new("/v1/ideogram-v3/replace-background", false, true, async c => await c.ReplaceBackgroundV3Async(new ReplaceBackgroundV3Request
        {
            Image = Samples.Png(), Prompt = "A beach at dawn", StyleCodes = new[] { "AAFF5733" }, ColorPalette = Preset, NumImages = 1,
        })),
        ["layerize-design (multipart, assets)"] = new("/v1/ideogram-v3/layerize-design", false, true, async c => await c.LayerizeDesignV3Async(new LayerizeDesignV3Request
        {
            FlatGraphicImage = Samples.Png("flyer.png"), ReferenceAssetImages = new[] { Samples.Png("logo.png"), Samples.Png("icon.png") },
        })),
        ["try-on (multipart)"] = new("/v1/ideogram-v3/try-on", false, true, async c => await c.TryOnV3Async(new TryOnV3Request
        {
            Image = Samples.Png("person.png"), Prompt = "Change the shirt to this jacket", MagicPrompt = MagicPromptOption.Auto, NumImages = 1, Seed = 22,
            RenderingSpeed = RenderingSpeed.Turbo, StyleType = StyleTypeV3.Realistic, ProductReferenceImages = new[] { Samples.Png("jacket.png") },
        })),
        ["v1 edit (multipart, images)"] = new("/v1/edit", false, true, async c => await c.InstructionEditAsync(new InstructionEditRequest
        {
            Prompt = "Put both products on one shelf", Images = new[] { Samples.Png("a.png"), Samples.Png("b.png") }, NumImages = 1,
            AspectRatio = AspectRatioV3.Ratio16x9, TransparentBackground = true,
        })),
        ["legacy remix (multipart, image_request)"] = new("/remix", false, true, async c => await c.RemixLegacyAsync(new RemixLegacyRequest
        {
            Image = Samples.Png(), Prompt = "A vintage postcard version", ImageWeight = 45, Model = IdeogramModel.V2, AspectRatio = AspectRatioLegacy.Ratio3x2,
            MagicPrompt = MagicPromptOption.Off, StyleType = StyleTypeLegacy.Realistic, NumImages = 1, Seed = 23, ColorPalette = Preset,
        })),
        ["upscale (multipart, image_request)"] = new("/upscale", false, true, async c => await c.UpscaleLegacyAsync(new UpscaleLegacyRequest
        {
            Image = Samples.Png(), Prompt = "Sharper details", Resemblance = 70, Detail = 60, MagicPrompt = MagicPromptOption.Off, NumImages = 1, Seed = 24,
        })),
    };
#pragma warning restore CS0618

    public static IEnumerable<object[]> CaseIds => Cases.Keys.Select(k => new object[] { k });

    [Fact]
    public void Every_openapi_endpoint_is_sent_as_each_content_type_it_accepts()
    {
        foreach (var endpoint in IdeogramApi.Endpoints.Where(e => e.Source == "openapi"))
        {
            var cases = Cases.Values.Where(c => c.Path == endpoint.Path).ToList();
            Assert.True(cases.Count > 0, $"No conformance request for {endpoint.Path}.");
            if (endpoint.AcceptsJson)
                Assert.True(cases.Any(c => c.Json), $"No JSON conformance request for {endpoint.Path}.");
            bool hasFileField = endpoint.Fields.Any(f => f.Kind is ValueKind.File or ValueKind.FileArray);
            if (endpoint.AcceptsMultipart && (!endpoint.AcceptsJson || hasFileField))
                Assert.True(cases.Any(c => !c.Json), $"No multipart conformance request for {endpoint.Path}.");
        }
        // Prism validates against the 2026-04-27 document: every case's route is in it. /v1/edit takes its shape from the
        // 2026-10-07 document now; the requests of its cases are valid under both.
        Assert.All(Cases.Values, c => Assert.True(IdeogramApi.FindEndpoint(c.Path) is { } e && (e.Source == "openapi" || e.Path == "/v1/edit"), c.Path));
    }

    [Fact]
    public void Endpoints_not_in_the_document_are_left_to_the_emulator()
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(PrismFixture.Document));
        var paths = document.RootElement.GetProperty("paths");
        foreach (var endpoint in IdeogramApi.Endpoints.Where(e => e.Source == "openapi"))
            Assert.True(paths.TryGetProperty(endpoint.Path, out _), $"{endpoint.Path}: source '{endpoint.Source}' but absent from the document.");
        // The routes of the 2026-10-07 document (all but /v1/edit are absent from the 2026-04-27 one or changed shape)
        // are checked end to end against the emulator (Endpoints/EveryEndpointTests).
        Assert.Contains(IdeogramApi.Endpoints, e => e.Path == "/v1/remove-background" && e.DocumentDate == "2026-10-07");
        Assert.False(paths.TryGetProperty("/v1/remove-background", out _));
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public async Task Request_passes_prism_validation_and_the_answer_is_read(string id)
    {
        var @case = Cases[id];
        var handler = new GatewayPrefixHandler(_prism.Root, TestImages.AccountId, TestImages.GatewayId);
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var client = new TestImages(http, new IdeogramCredentials("ideogram-conformance-key"), new GatewayOptions { GatewayRoot = GatewayPrefixHandler.ClientRoot, AllowRedirectedAnswers = true });

        IdeogramResponse? response = null;
        var exchange = await _prism.ExchangeAsync(async () => response = await @case.Send(client));

        string Report() => handler.Describe() + "\n" + exchange.Describe() + (exchange.Error != null ? "\nClient threw: " + exchange.Error : "");
        Assert.True(handler.ForwardedPath == @case.Path, $"The client sent {handler.ForwardedPath}, expected {@case.Path}.\n{Report()}");
        Assert.True(handler.ContentType?.StartsWith(@case.Json ? "application/json" : "multipart/form-data", StringComparison.Ordinal) == true,
            $"Expected a {(@case.Json ? "JSON" : "multipart")} body.\n{Report()}");

        var parts = @case.Json ? new List<Multipart.Part>() : Multipart.Parse(handler.Body, Boundary(handler.ContentType!));
        var requestViolations = exchange.Violations.Where(v => !v.Location.StartsWith("response", StringComparison.Ordinal));
        var exampleIssues = exchange.Violations.Where(v => v.Location.StartsWith("response", StringComparison.Ordinal)).Distinct().ToList();
        if (exampleIssues.Count > 0)
            _output.WriteLine($"The document's example answer breaks its own response schema: {string.Join("; ", exampleIssues)}");
        var (genuine, limitations) = PrismLimitations.Classify(requestViolations, parts, IdeogramApi.FindEndpoint(@case.Path));
        Assert.True(genuine.Count == 0 && exchange.Errors.Count == 0,
            $"Prism reported violations of Ideogram's OpenAPI document:\n  {string.Join("\n  ", genuine.Concat(exchange.Errors.Select(e => new PrismViolation("error", e))))}\n{Report()}");

        if (limitations.Count > 0)
        {
            Assert.True(@case.UsesUnvalidatableParts, $"Unexpected Prism multipart limitation for a request without form arrays or JSON parts.\n{Report()}");
            Assert.True(handler.Status is >= 400 and < 500, $"Prism should answer a documented 4xx to the parts it cannot parse.\n{Report()}");
            _output.WriteLine($"Prism 5.16.0 cannot parse these parts (OpenAPI-conformant, see PrismLimitations): {string.Join("; ", limitations.Distinct())}");

            // Prism answered 4xx, so its answer says nothing about the typed reading: replay the same request against
            // the document's example answer for the endpoint (the one Prism answers a valid request with) instead.
            var answer = DocumentedAnswer(@case.Path);
            var replay = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, answer));
            using var replayHttp = new HttpClient(replay);
            var replayClient = new TestImages(replayHttp, new IdeogramCredentials("ideogram-conformance-key"), new GatewayOptions { GatewayRoot = GatewayPrefixHandler.ClientRoot });
            var replayed = await @case.Send(replayClient);
            Assert.Single(replay.Requests);
            AssertTyped(replayed, answer, () => Report() + "\nReplayed the document's example answer:\n" + answer);
            return;
        }

        Assert.True(exchange.Error is null && handler.Status is >= 200 and < 300, $"Expected a 2xx answer read into the typed response.\n{Report()}");
        AssertTyped(response!, handler.ResponseBody, Report);
    }

    /// <summary>
    /// The example answer Ideogram's OpenAPI document gives for a 200 from <paramref name="path"/>: the <c>example</c> of
    /// its <c>application/json</c> response schema (what Prism answers a valid request with).
    /// </summary>
    private static string DocumentedAnswer(string path)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(PrismFixture.Document));
        var schema = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("responses")
            .GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        if (schema.TryGetProperty("$ref", out var reference))
            schema = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/').Last());
        Assert.True(schema.TryGetProperty("example", out var example), $"The document has no example answer for {path}.");
        return example.GetRawText();
    }

    /// <summary>The typed response holds what Prism's JSON answer holds (compared property by property where present).</summary>
    private static void AssertTyped(IdeogramResponse response, string body, Func<string> report)
    {
        Assert.InRange(response.StatusCode, 200, 299);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        try
        {
            switch (response)
            {
                case ImageV3Response r:
                    Items(root, "data", r.Data, (json, i) => Image(json, i.Url, i.Prompt, i.Resolution.Value, i.Seed, i.IsImageSafe));
                    break;
                case LayeredImageV3Response r:
                    Items(root, "data", r.Data, (json, i) =>
                    {
                        Image(json, i.Url, i.Prompt, i.Resolution.Value, i.Seed, i.IsImageSafe);
                        Items(json, "text_containers", i.TextContainers, (c, container) =>
                        {
                            Same(c, "id", container.Id);
                            Items(c, "items", container.Items, (t, item) =>
                            {
                                Same(t, "style_class", item.StyleClass);
                                Same(t, "font_size", item.FontSize);
                                Items(t, "spans", item.Spans, (sp, span) => { Same(sp, "text", span.Text); Same(sp, "color", span.Color); Assert.Equal(sp.GetProperty("font_fx").GetArrayLength(), span.FontFx.Count); });
                            });
                        });
                        Items(json, "image_layers", i.ImageLayers, (l, layer) => { Same(l, "x", layer.X); Same(l, "width", layer.Width); Same(l, "ref_id", layer.RefId); });
                        Same(json, "text_html", i.TextHtml);
                    });
                    break;
                case ImageV4Response r:
                    Items(root, "data", r.Data, (json, i) => Image(json, i.Url, i.Prompt, i.Resolution, i.Seed, i.IsImageSafe));
                    break;
                case InstructionEditResponse r:
                    Items(root, "data", r.Data, (json, i) => Image(json, i.Url, i.Prompt, i.Resolution, i.Seed, i.IsImageSafe));
                    break;
                case ImageLegacyResponse r:
                    Items(root, "data", r.Data, (json, i) => Image(json, i.Url, i.Prompt, i.Resolution, i.Seed, i.IsImageSafe));
                    break;
                case LayerizeTextV3Response r:
                    Same(root, "base_image_url", r.BaseImageUrl);
                    Same(root, "seed", r.Seed);
                    Items(root, "text_blocks", r.TextBlocks, (json, b) => { Same(json, "text", b.Text); Same(json, "x", b.X); Same(json, "color", b.Color); Same(json, "role", b.Role); });
                    break;
                case DescribeLegacyResponse r:
                    Items(root, "descriptions", r.Descriptions, (json, d) => Same(json, "text", d.Text));
                    break;
                default:
                    Assert.Fail($"No shape check for {response.GetType().Name}.");
                    break;
            }
        }
        catch (Exception ex) when (ex is not XunitException || ex.Message.IndexOf("Prism log", StringComparison.Ordinal) < 0)
        {
            throw new XunitException($"The typed {response.GetType().Name} differs from Prism's answer: {ex.Message}\n{report()}");
        }
    }

    private static void Image(JsonElement json, string? url, string prompt, string? resolution, int seed, bool safe)
    {
        Same(json, "url", url);
        Same(json, "prompt", prompt);
        Same(json, "resolution", resolution);
        Same(json, "seed", seed);
        Same(json, "is_image_safe", safe);
    }

    /// <summary>Same item count as the JSON array (none when absent or null), then <paramref name="each"/> pairwise.</summary>
    private static void Items<T>(JsonElement json, string name, IReadOnlyList<T>? actual, Action<JsonElement, T> each)
    {
        var count = actual?.Count ?? 0;
        if (!json.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            Assert.True(count == 0, $"{name}: {count} items read where the answer has none");
            return;
        }
        Assert.True(array.GetArrayLength() == count, $"{name}: {count} items read, the answer has {array.GetArrayLength()}");
        Assert.True(count > 0 || name != "data", "the answer has no data items");
        int i = 0;
        foreach (var item in array.EnumerateArray()) each(item, actual![i++]);
    }

    /// <summary>When the answer has property <paramref name="name"/>, the typed value equals it.</summary>
    private static void Same(JsonElement json, string name, object? actual)
    {
        if (!json.TryGetProperty(name, out var value)) return;
        object? expected = value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.TryGetInt32(out var n) ? (object)n : value.GetDouble(),
            _ => value.GetRawText(),
        };
        Assert.True(Equals(expected, actual), $"{name}: read {actual ?? "null"}, the answer has {expected ?? "null"}");
    }

    internal static string Boundary(string contentType) =>
        contentType.Split(';').Select(p => p.Trim()).First(p => p.StartsWith("boundary=", StringComparison.Ordinal)).Substring("boundary=".Length).Trim('"');
}
