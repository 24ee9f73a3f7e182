using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using IdeogramGen.ApiDescription;
using IdeogramGen.IntegrationTests.Gateway;
using IdeogramGen.Testing;

namespace IdeogramGen.IntegrationTests.Endpoints;

/// <summary>
/// Every asynchronous route of the API description, end to end: the generated <c>Submit…AndWaitAsync</c> submits a
/// valid request to the loopback emulator (the route's own path: a v1 <c>…/async/…</c> route, or a v2 route with
/// <c>async: true</c>, or a v2 route that is always asynchronous), polls the right version's generations route
/// without the gateway cache, and returns the result typed as documented, billed once. The emulator completes a
/// generation when it is accepted (<see cref="EmulatorOptions.GenerationTime"/> zero), so nothing waits on a clock.
/// </summary>
public sealed class EveryAsyncRouteTests
{
    private const string Prompt = "A lighthouse on a cliff at dusk";

    /// <summary>One route: its submit path and how the generated client submits to it.</summary>
    public sealed record Case(string SubmitPath, bool AsyncField, Func<TestImages, Uri, Task<IdeogramResponse>> SubmitAndWait);

    private static IdeogramFile Png(string name = "input.png") => Samples.Png(name);

    public static readonly IReadOnlyDictionary<string, Case> Cases = new Dictionary<string, Case>
    {
        ["GenerateV4"] = new("/v1/ideogram-v4/async/generate", false,
            async (c, _) => await c.SubmitGenerateV4AndWaitAsync(new GenerateV4Request { TextPrompt = Prompt, Seed = 1 })),
        ["GenerateTransparentV4"] = new("/v1/ideogram-v4/async/generate-transparent", false,
            async (c, _) => await c.SubmitGenerateTransparentV4AndWaitAsync(new GenerateTransparentV4Request { TextPrompt = Prompt })),
        ["RemixV4"] = new("/v1/ideogram-v4/async/remix", false,
            async (c, _) => await c.SubmitRemixV4AndWaitAsync(new RemixV4Request { Image = Png(), TextPrompt = Prompt, ImageWeight = 40 })),
        ["GenerateV45"] = new("/v1/ideogram-v45/async/generate", false,
            async (c, hook) => await c.SubmitGenerateV45AndWaitAsync(new GenerateV45Request { TextPrompt = Prompt }, hook)),
        ["ImageToImageV4"] = new("/v1/ideogram-v4/async/image-to-image", false,
            async (c, hook) => await c.SubmitImageToImageV4AndWaitAsync(new ImageToImageV4Request
            {
                Image = Png(), AdditionalImages = new[] { Png("reference.png") }, Prompt = Prompt, Resolution = ResolutionV4ImageToImage.Size512x512,
            }, hook)),
        ["GeneratePImage"] = new("/v1/async/text-to-image/p-image-ideogram", false,
            async (c, _) => await c.SubmitGeneratePImageAndWaitAsync(new GeneratePImageRequest { Prompt = Prompt, Seed = 3 })),
        ["GenerateV2Ideogram4"] = new("/v2/image/generate/ideogram-4", true,
            async (c, _) => await c.SubmitGenerateV2Ideogram4AndWaitAsync(new GenerateV2Ideogram4Request { Prompt = Prompt, NumImages = 2 })),
        ["GenerateV2Ideogram45"] = new("/v2/image/generate/ideogram-4-5", true,
            async (c, _) => await c.SubmitGenerateV2Ideogram45AndWaitAsync(new GenerateV2Ideogram45Request { Prompt = Prompt, Quality = QualityV2Ideogram45.Low })),
        ["GenerateV2Ideogram3"] = new("/v2/image/generate/ideogram-3", true,
            async (c, _) => await c.SubmitGenerateV2Ideogram3AndWaitAsync(new GenerateV2Ideogram3Request
            {
                Prompt = Prompt, ColorPalette = ColorPaletteV2.FromMembers(new ColorPaletteMember("#1E3A5F", 0.7), new ColorPaletteMember("#F4A261")),
            })),
        ["ReframeV2Ideogram3"] = new("/v2/image/reframe/ideogram-3", true,
            async (c, _) => await c.SubmitReframeV2Ideogram3AndWaitAsync(new ReframeV2Ideogram3Request
            {
                Image = Png(), Resolution = ResolutionV3.Size1024x1024, ColorPalette = ColorPaletteV2.FromPreset(ColorPalettePresetV2.Ember),
            })),
        ["RemixV2Auto"] = new("/v2/image/remix/auto", true,
            async (c, _) => await c.SubmitRemixV2AutoAndWaitAsync(new RemixV2AutoRequest { Image = Png(), Prompt = Prompt, AspectRatio = AspectRatioV2Ideogram4.Ratio16x9 })),
        ["GenerateTransparentV2Ideogram3"] = new("/v2/image/generate/ideogram-3-transparent", true,
            async (c, _) => await c.SubmitGenerateTransparentV2Ideogram3AndWaitAsync(new GenerateTransparentV2Ideogram3Request { Prompt = Prompt })),
        ["GenerateTransparentV2Ideogram4"] = new("/v2/image/generate/ideogram-4-transparent", true,
            async (c, _) => await c.SubmitGenerateTransparentV2Ideogram4AndWaitAsync(new GenerateTransparentV2Ideogram4Request { Prompt = Prompt })),
        ["GenerateV2PImage"] = new("/v2/image/generate/p-image-ideogram", true,
            async (c, _) => await c.SubmitGenerateV2PImageAndWaitAsync(new GenerateV2PImageRequest { Prompt = Prompt })),
        ["PreciseEditV2Ideogram45"] = new("/v2/image/precise-edit/ideogram-4-5", true,
            async (c, _) => await c.SubmitPreciseEditV2Ideogram45AndWaitAsync(new PreciseEditV2Ideogram45Request { Prompt = Prompt, Image = Png(), Mask = Png("mask.png") })),
        ["RemixV2Ideogram4"] = new("/v2/image/remix/ideogram-4", true,
            async (c, _) => await c.SubmitRemixV2Ideogram4AndWaitAsync(new RemixV2Ideogram4Request { Prompt = Prompt, Image = Png() })),
        ["UpscaleV2Auto"] = new("/v2/image/upscale/auto", true,
            async (c, _) => await c.SubmitUpscaleV2AutoAndWaitAsync(new UpscaleV2AutoRequest { Image = Png() })),
        ["RemoveBackgroundV2Ideogram1"] = new("/v2/image/remove-background/ideogram-1", true,
            async (c, _) => await c.SubmitRemoveBackgroundV2Ideogram1AndWaitAsync(new RemoveBackgroundV2Ideogram1Request { Image = Png("product.png") })),
        ["InpaintV2Ideogram3"] = new("/v2/image/inpaint/ideogram-3", true,
            async (c, _) => await c.SubmitInpaintV2Ideogram3AndWaitAsync(new InpaintV2Ideogram3Request { Prompt = Prompt, Image = Png(), Mask = Png("mask.png") })),
        ["LayerizeV2Ideogram3"] = new("/v2/design/layerize/ideogram-3", true,
            async (c, _) => await c.SubmitLayerizeV2Ideogram3AndWaitAsync(new LayerizeV2Ideogram3Request { Image = Png("flyer.png") })),
        ["GenerateV2Auto"] = new("/v2/image/generate/auto", true,
            async (c, _) => await c.SubmitGenerateV2AutoAndWaitAsync(new GenerateV2AutoRequest { Prompt = Prompt })),
        ["InpaintV2Ideogram3CustomModel"] = new("/v2/image/inpaint/ideogram-3-custom-model", true,
            async (c, _) => await c.SubmitInpaintV2Ideogram3CustomModelAndWaitAsync(new InpaintV2Ideogram3CustomModelRequest
            {
                Prompt = Prompt, CustomModelUri = "model/my-custom-model/version/1", Image = Png(), Mask = Png("mask.png"),
            })),
        ["GenerateV2Ideogram4CustomModel"] = new("/v2/image/generate/ideogram-4-custom-model", true,
            async (c, _) => await c.SubmitGenerateV2Ideogram4CustomModelAndWaitAsync(new GenerateV2Ideogram4CustomModelRequest
            {
                Prompt = Prompt, CustomModelUri = "model/my-custom-v4-model/version/1",
            })),
        ["InpaintV2Ideogram3Character"] = new("/v2/image/inpaint/ideogram-3-character", true,
            async (c, _) => await c.SubmitInpaintV2Ideogram3CharacterAndWaitAsync(new InpaintV2Ideogram3CharacterRequest
            {
                Prompt = Prompt, Image = Png(), Mask = Png("mask.png"), CharacterReferenceImages = new[] { Png("character.png") },
            })),
        ["GenerateV2Ideogram3Character"] = new("/v2/image/generate/ideogram-3-character", true,
            async (c, _) => await c.SubmitGenerateV2Ideogram3CharacterAndWaitAsync(new GenerateV2Ideogram3CharacterRequest
            {
                Prompt = Prompt, CharacterReferenceImages = new[] { Png("character.png") },
            })),
        ["RemixV2Ideogram3Character"] = new("/v2/image/remix/ideogram-3-character", true,
            async (c, _) => await c.SubmitRemixV2Ideogram3CharacterAndWaitAsync(new RemixV2Ideogram3CharacterRequest
            {
                Prompt = Prompt, Image = Png(), CharacterReferenceImages = new[] { Png("character.png") },
            })),
        ["RemixV2Ideogram3"] = new("/v2/image/remix/ideogram-3", true,
            async (c, _) => await c.SubmitRemixV2Ideogram3AndWaitAsync(new RemixV2Ideogram3Request
            {
                Prompt = Prompt, Image = Png(), StylePreset = StylePresetV2Ideogram3.Style80SIllustration,
            })),
        ["GenerateV2Ideogram3CustomModel"] = new("/v2/image/generate/ideogram-3-custom-model", true,
            async (c, _) => await c.SubmitGenerateV2Ideogram3CustomModelAndWaitAsync(new GenerateV2Ideogram3CustomModelRequest
            {
                Prompt = Prompt, CustomModelUri = "model/my-custom-model/version/1", ColorPalette = ColorPaletteV2.FromPreset(ColorPalettePresetV2.Magic),
            })),
        ["RemixV2Ideogram3CustomModel"] = new("/v2/image/remix/ideogram-3-custom-model", true,
            async (c, _) => await c.SubmitRemixV2Ideogram3CustomModelAndWaitAsync(new RemixV2Ideogram3CustomModelRequest
            {
                Prompt = Prompt, CustomModelUri = "model/my-custom-model/version/1", Image = Png(), AspectRatio = AspectRatioV3.Ratio3x2,
            })),
        ["GenerateV2Ideogram2"] = new("/v2/image/generate/ideogram-2", true,
            async (c, _) => await c.SubmitGenerateV2Ideogram2AndWaitAsync(new GenerateV2Ideogram2Request { Prompt = Prompt, StyleType = StyleTypeV2Ideogram2.Anime })),
        ["GenerateV2Ideogram2A"] = new("/v2/image/generate/ideogram-2a", true,
            async (c, _) => await c.SubmitGenerateV2Ideogram2AAndWaitAsync(new GenerateV2Ideogram2ARequest { Prompt = Prompt, RenderingSpeed = RenderingSpeedV2.Turbo })),
        ["ReframeV2Auto"] = new("/v2/image/reframe/auto", false,
            async (c, _) => await c.SubmitReframeV2AutoAndWaitAsync(new ReframeV2AutoRequest { Image = Png(), AspectRatio = "16:9" })),
        ["RemoveObjectV2Ideogram1"] = new("/v2/image/remove-object/ideogram-1", false,
            async (c, _) => await c.SubmitRemoveObjectV2Ideogram1AndWaitAsync(new RemoveObjectV2Ideogram1Request { Image = Png(), Mask = Png("mask.png") })),
        ["ReplaceBackgroundV2Ideogram3"] = new("/v2/image/replace-background/ideogram-3", false,
            async (c, _) => await c.SubmitReplaceBackgroundV2Ideogram3AndWaitAsync(new ReplaceBackgroundV2Ideogram3Request { Image = Png(), Prompt = "A marble counter" })),
    };

    public static IEnumerable<object[]> Names() => Cases.Keys.Select(k => new object[] { k });

    /// <summary>The names of the request endpoints that have an asynchronous route, from the description.</summary>
    private static IEnumerable<string> AsyncRoutesOfTheDescription() =>
        IdeogramApi.Endpoints.Where(e => e.Mode == EndpointMode.AsyncSubmit || e.AsyncCapable).Select(e => e.SyncTwin ?? e.Name).Distinct();

    [Fact]
    public void Every_asynchronous_route_of_the_description_has_a_case()
    {
        Assert.Equal(AsyncRoutesOfTheDescription().OrderBy(n => n, StringComparer.Ordinal), Cases.Keys.OrderBy(n => n, StringComparer.Ordinal));
        foreach (var (name, c) in Cases)
        {
            var route = IdeogramApi.Endpoints.Single(e => (e.Mode == EndpointMode.AsyncSubmit && (e.SyncTwin ?? e.Name) == name) || (e.AsyncCapable && e.Name == name));
            Assert.Equal((route.Path, route.AsyncCapable), (c.SubmitPath, c.AsyncField));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Submits_polls_and_returns_the_typed_result_billed_once(string name)
    {
        var c = Cases[name];
        await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { ApiKey = "ideogram-e2e-key" });
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = new HttpClient(emulator.CreateHandler());
        var client = new TestImages(http, new IdeogramCredentials("ideogram-e2e-key"), new GatewayOptions
        {
            GatewayRoot = emulator.Root,
            Polling = new IdeogramPollingOptions { FirstDelay = TimeSpan.Zero },
        }, null);

        var result = await Eventually.Within(c.SubmitAndWait(client, receiver.Url));

        var images = Assert.IsAssignableFrom<IIdeogramImageResponse>(result).Images;
        Assert.NotEmpty(images);
        Assert.All(images, i => Assert.False(string.IsNullOrEmpty(i.Url)));
        var version = c.SubmitPath.Substring(1, 2);
        Assert.Equal(version, result.Generation!.ApiVersion);
        Assert.Equal(c.SubmitPath.TrimStart('/'), result.Generation.RequestPath);

        var submit = Assert.Single(emulator.Requests, r => r.Method == "POST");
        Assert.Equal(c.SubmitPath, submit.IdeogramPath);
        Assert.Equal(200, submit.StatusCode);
        if (c.AsyncField) Assert.Equal(new[] { "true" }, submit.Field("async"));
        var polls = emulator.Requests.Where(r => r.Method == "GET").ToArray();
        Assert.NotEmpty(polls);
        Assert.All(polls, p =>
        {
            Assert.Equal("/" + version + "/generations/" + result.Generation.GenerationId, p.IdeogramPath);
            Assert.Equal("true", p.Headers["cf-aig-skip-cache"]);
        });
        Assert.Equal(1, emulator.BilledRequestCount);
        Assert.Equal(images.Count, emulator.BilledImageCount);

        // A linked image downloads.
        using var image = await http.GetAsync(images[0].Url);
        Assert.True(image.IsSuccessStatusCode, images[0].Url);
    }
}
