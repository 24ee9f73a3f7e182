using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using IdeogramGen.ApiDescription;
using IdeogramGen.Testing;

namespace IdeogramGen.IntegrationTests.Endpoints;

/// <summary>A loopback emulator shared by the tests of one class.</summary>
public sealed class LoopbackEmulatorFixture : IAsyncLifetime
{
    public IdeogramEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { ApiKey = "ideogram-e2e-key" });

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}

/// <summary>
/// Every endpoint of the API description, end to end: the generated client sends a valid request with some optional
/// fields to the emulator over loopback, the typed answer has the expected shape, the emulator saw the right path,
/// content type and fields, and a linked image downloads as a PNG of the reported size.
/// </summary>
public sealed class EveryEndpointTests : IClassFixture<LoopbackEmulatorFixture>
{
    private const string Prompt = "A lighthouse on a cliff at dusk";
    private readonly IdeogramEmulator _emulator;

    public EveryEndpointTests(LoopbackEmulatorFixture fixture) => _emulator = fixture.Emulator;

    /// <summary>One call: what it sends and what the answer must show.</summary>
    /// <param name="Json">JSON body (else multipart).</param>
    /// <param name="Fields">Non-file wire fields the emulator must have received (inside image_request for legacy wrappers).</param>
    /// <param name="Files">File part names, in order.</param>
    /// <param name="Images">Images the answer must hold (0: none).</param>
    /// <param name="Seed">The seed the answer must report, when sent.</param>
    /// <param name="Resolution">The resolution the answer must report, when the request fixes it.</param>
    public sealed record Case(bool Json, string[] Fields, string[] Files, int Images, int? Seed, string? Resolution, Func<TestImages, Task<IdeogramResponse>> Send);

    private static IdeogramFile Png(string name = "input.png") => Samples.Png(name);

#pragma warning disable CS0618 // GenerateGraphic is deprecated by Ideogram and still covered.
    public static readonly IReadOnlyDictionary<string, Case> Cases = new Dictionary<string, Case>
    {
        ["GenerateV3"] = new(true, new[] { "prompt", "seed", "aspect_ratio", "rendering_speed", "num_images", "color_palette" }, Array.Empty<string>(), 2, 101, null,
            async c => await c.GenerateV3Async(new GenerateV3Request
            {
                Prompt = Prompt, Seed = 101, AspectRatio = AspectRatioV3.Ratio16x9, RenderingSpeed = RenderingSpeed.Turbo, NumImages = 2,
                ColorPalette = ColorPalette.FromMembers(new ColorPaletteMember("#1E3A5F", 0.7), new ColorPaletteMember("#F4A261")),
            })),
        ["EditV3"] = new(false, new[] { "prompt", "seed", "num_images", "style_type" }, new[] { "image", "mask" }, 1, 102, null,
            async c => await c.EditV3Async(new EditV3Request { Image = Png(), Mask = Png("mask.png"), Prompt = Prompt, Seed = 102, NumImages = 1, StyleType = StyleTypeV3.Realistic })),
        ["InpaintV3"] = new(false, new[] { "prompt", "seed", "rendering_speed", "color_palette" }, new[] { "image", "mask" }, 1, 103, null,
            async c => await c.InpaintV3Async(new InpaintV3Request
            {
                Image = Png(), Mask = Png("mask.png"), Prompt = Prompt, Seed = 103, RenderingSpeed = RenderingSpeed.Quality, ColorPalette = ColorPalette.FromPreset(ColorPalettePreset.Magic),
            })),
        ["RemixV3"] = new(false, new[] { "prompt", "seed", "image_weight", "resolution" }, new[] { "image", "style_reference_images", "style_reference_images" }, 1, 104, "1280x800",
            async c => await c.RemixV3Async(new RemixV3Request
            {
                Image = Png(), Prompt = Prompt, Seed = 104, ImageWeight = 35, Resolution = ResolutionV3.Size1280x800,
                StyleReferenceImages = new[] { Png("style1.png"), Png("style2.png") },
            })),
        ["ReframeV3"] = new(false, new[] { "resolution", "seed", "num_images" }, new[] { "image" }, 2, 105, "1280x768",
            async c => await c.ReframeV3Async(new ReframeV3Request { Image = Png(), Resolution = ResolutionV3.Size1280x768, Seed = 105, NumImages = 2 })),
        ["ReplaceBackgroundV3"] = new(false, new[] { "prompt", "seed", "style_codes" }, new[] { "image" }, 1, 106, null,
            async c => await c.ReplaceBackgroundV3Async(new ReplaceBackgroundV3Request { Image = Png(), Prompt = Prompt, Seed = 106, StyleCodes = new[] { "AAFF5733", "12ab34cd" } })),
        ["GenerateTransparentV3"] = new(true, new[] { "prompt", "seed", "upscale_factor", "aspect_ratio" }, Array.Empty<string>(), 1, 107, "1024x1024",
            async c => await c.GenerateTransparentV3Async(new GenerateTransparentV3Request { Prompt = Prompt, Seed = 107, UpscaleFactor = UpscaleFactor.X2, AspectRatio = AspectRatioV3.Ratio1x1 })),
        ["GenerateDesignV3"] = new(false, new[] { "prompt", "seed", "font_name_body" }, new[] { "font_file_h1", "reference_asset_images" }, 1, 108, null,
            async c => await c.GenerateDesignV3Async(new GenerateDesignV3Request
            {
                Prompt = Prompt, Seed = 108, FontFileH1 = Samples.Font(), FontNameBody = "Inter", ReferenceAssetImages = new[] { Png("logo.png") },
            })),
        ["LayerizeDesignV3"] = new(false, new[] { "prompt", "seed" }, new[] { "flat_graphic_image" }, 1, 109, null,
            async c => await c.LayerizeDesignV3Async(new LayerizeDesignV3Request { FlatGraphicImage = Png("flyer.png"), Prompt = Prompt, Seed = 109 })),
        ["LayerizeTextV3"] = new(false, new[] { "prompt", "seed" }, new[] { "image" }, 1, 110, null,
            async c => await c.LayerizeTextV3Async(new LayerizeTextV3Request { Image = Png("sign.png"), Prompt = Prompt, Seed = 110 })),
        ["TryOnV3"] = new(false, new[] { "prompt", "seed", "rendering_speed" }, new[] { "image", "product_reference_images" }, 1, 111, null,
            async c => await c.TryOnV3Async(new TryOnV3Request { Image = Png("person.png"), Prompt = Prompt, Seed = 111, RenderingSpeed = RenderingSpeed.Turbo, ProductReferenceImages = new[] { Png("jacket.png") } })),
        ["GenerateGraphicV3"] = new(true, new[] { "prompt", "seed", "aspect_ratio", "style_type" }, Array.Empty<string>(), 1, 112, null,
            async c => await c.GenerateGraphicV3Async(new GenerateGraphicV3Request { Prompt = Prompt, Seed = 112, AspectRatio = AspectRatioV3.Ratio4x3, StyleType = StyleTypeV3.Design })),
        ["InstructionEdit"] = new(false, new[] { "prompt", "seed", "num_images", "transparent_background" }, new[] { "images", "images" }, 2, 113, null,
            async c => await c.InstructionEditAsync(new InstructionEditRequest { Prompt = Prompt, Seed = 113, NumImages = 2, TransparentBackground = true, Images = new[] { Png("a.png"), Png("b.png") } })),
        ["GenerateV4"] = new(true, new[] { "text_prompt", "seed", "rendering_speed", "resolution" }, Array.Empty<string>(), 1, 114, "720x1280",
            async c => await c.GenerateV4Async(new GenerateV4Request { TextPrompt = Prompt, Seed = 114, RenderingSpeed = RenderingSpeed.Turbo, Resolution = ResolutionV4.Size720x1280 })),
        ["GenerateLegacy"] = new(true, new[] { "prompt", "seed", "model", "aspect_ratio", "num_images" }, Array.Empty<string>(), 2, 115, null,
            async c => await c.GenerateLegacyAsync(new GenerateLegacyRequest { Prompt = Prompt, Seed = 115, Model = IdeogramModel.V2Turbo, AspectRatio = AspectRatioLegacy.Ratio16x9, NumImages = 2 })),
        ["RemixLegacy"] = new(false, new[] { "prompt", "seed", "image_weight", "model" }, new[] { "image_file" }, 1, 116, null,
            async c => await c.RemixLegacyAsync(new RemixLegacyRequest { Image = Png(), Prompt = Prompt, Seed = 116, ImageWeight = 45, Model = IdeogramModel.V2 })),
        ["UpscaleLegacy"] = new(false, new[] { "prompt", "seed", "resemblance", "detail" }, new[] { "image_file" }, 1, 117, null,
            async c => await c.UpscaleLegacyAsync(new UpscaleLegacyRequest { Image = Png(), Prompt = "Sharper", Seed = 117, Resemblance = 70, Detail = 60 })),
        ["EditLegacy"] = new(false, new[] { "prompt", "model", "seed" }, new[] { "image_file", "mask" }, 1, 118, null,
            async c => await c.EditLegacyAsync(new EditLegacyRequest { Image = Png(), Mask = Png("mask.png"), Prompt = Prompt, Model = IdeogramModel.V2, Seed = 118 })),
        ["ReframeLegacy"] = new(false, new[] { "resolution", "model", "seed" }, new[] { "image_file" }, 1, 119, null,
            async c => await c.ReframeLegacyAsync(new ReframeLegacyRequest { Image = Png(), Resolution = ResolutionLegacy.Size1024x640, Model = IdeogramModel.V2Turbo, Seed = 119 })),
        ["DescribeLegacy"] = new(false, new[] { "describe_model_version" }, new[] { "image_file" }, 0, null, null,
            async c => await c.DescribeLegacyAsync(new DescribeLegacyRequest { Image = Png(), DescribeModelVersion = DescribeModelVersion.V3 })),
        ["RemoveBackground"] = new(false, Array.Empty<string>(), new[] { "image" }, 1, null, null,
            async c => await c.RemoveBackgroundAsync(new RemoveBackgroundRequest { Image = Png("product.png") })),
        // Ideogram's 2026-10-07 document: v1.
        ["GenerateTransparentV4"] = new(true, new[] { "json_prompt", "seed", "aspect_ratio", "output_resolution", "rendering_speed" }, Array.Empty<string>(), 1, 120, null,
            async c => await c.GenerateTransparentV4Async(new GenerateTransparentV4Request
            {
                JsonPrompt = JsonPrompt(), Seed = 120, AspectRatio = AspectRatioV4.Ratio4x5, OutputResolution = OutputResolution.Tier2K, RenderingSpeed = RenderingSpeedV4.Quality,
            })),
        ["RemixV4"] = new(false, new[] { "text_prompt", "image_weight", "rendering_speed" }, new[] { "image" }, 1, null, null,
            async c => await c.RemixV4Async(new RemixV4Request { Image = Png(), TextPrompt = Prompt, ImageWeight = 40, RenderingSpeed = RenderingSpeed.Default })),
        ["MagicPromptV4"] = new(true, new[] { "text_prompt", "aspect_ratio" }, Array.Empty<string>(), 0, null, null,
            async c => await c.MagicPromptV4Async(new MagicPromptV4Request { TextPrompt = Prompt, AspectRatio = AspectRatioV4.Auto })),
        ["DescribeV4"] = new(false, new[] { "include_bbox", "include_tags" }, new[] { "image_file" }, 0, null, null,
            async c => await c.DescribeV4Async(new DescribeV4Request { Image = Png(), IncludeBbox = false, IncludeTags = true })),
        ["GenerateV45"] = new(true, new[] { "json_prompt", "seed", "resolution" }, Array.Empty<string>(), 1, 121, "1440x720",
            async c => await c.GenerateV45Async(new GenerateV45Request { JsonPrompt = JsonPrompt(), Seed = 121, Resolution = ResolutionV4.Size1440x720 })),
        ["GeneratePImage"] = new(true, new[] { "prompt", "seed", "quality", "resolution", "aspect_ratio", "prompt_upsampling" }, Array.Empty<string>(), 1, 122, null,
            async c => await c.GeneratePImageAsync(new GeneratePImageRequest
            {
                Prompt = Prompt, Seed = 122, Quality = QualityPImage.VeryHigh, Resolution = ResolutionPImage.Tier2K, AspectRatio = AspectRatioV3.Ratio16x9, PromptUpsampling = MagicPromptOption.Off,
            })),
        ["GeneratePImageVeryLow"] = new(true, new[] { "prompt", "seed" }, Array.Empty<string>(), 1, 123, null,
            async c => await c.GeneratePImageVeryLowAsync(new GeneratePImageVeryLowRequest { Prompt = Prompt, Seed = 123 })),
        ["GeneratePImageLow"] = new(true, new[] { "prompt", "resolution" }, Array.Empty<string>(), 1, null, "1280x720",
            async c => await c.GeneratePImageLowAsync(new GeneratePImageLowRequest { Prompt = Prompt, Resolution = ResolutionV4.Size1280x720 })),
        ["GeneratePImageMedium"] = new(true, new[] { "prompt", "prompt_upsampling" }, Array.Empty<string>(), 1, null, null,
            async c => await c.GeneratePImageMediumAsync(new GeneratePImageMediumRequest { Prompt = Prompt, PromptUpsampling = MagicPromptOption.On })),
        ["GeneratePImageHigh"] = new(true, new[] { "prompt", "seed" }, Array.Empty<string>(), 1, 124, null,
            async c => await c.GeneratePImageHighAsync(new GeneratePImageHighRequest { Prompt = Prompt, Seed = 124 })),
        ["RemoveObject"] = new(false, new[] { "guidance_scale", "num_inference_steps", "seed" }, new[] { "image", "mask" }, 1, null, null,
            async c => await c.RemoveObjectAsync(new RemoveObjectRequest { Image = Png(), Mask = Png("mask.png"), GuidanceScale = 2.5, NumInferenceSteps = 24, Seed = 125 })),
        // v2.
        ["GenerateV2Ideogram4"] = new(true, new[] { "prompt", "seed", "num_images", "rendering_speed", "magic_prompt", "resolution" }, Array.Empty<string>(), 2, 126, "1024x1024",
            async c => await c.GenerateV2Ideogram4Async(new GenerateV2Ideogram4Request
            {
                Prompt = Prompt, Seed = 126, NumImages = 2, RenderingSpeed = RenderingSpeedV2.Turbo, MagicPrompt = MagicPromptV2.Off, Resolution = ResolutionV4.Size1024x1024,
            })),
        ["GenerateV2Ideogram45"] = new(false, new[] { "prompt", "seed", "quality", "size", "image_asset_identifiers" }, new[] { "images" }, 1, 127, null,
            async c => await c.GenerateV2Ideogram45Async(new GenerateV2Ideogram45Request
            {
                Prompt = Prompt, Seed = 127, Quality = QualityV2Ideogram45.Medium, Size = "auto", Images = new[] { Png("source.png") },
                ImageAssetIdentifiers = new[] { new AssetIdentifier { AssetId = "7uS_VESkRI6O3-sVgHQp_A", AssetType = AssetType.Response } },
            })),
        ["GenerateV2Ideogram3"] = new(true, new[] { "prompt", "seed", "num_images", "color_palette", "aspect_ratio", "style_type", "rendering_speed" }, Array.Empty<string>(), 2, 135, null,
            async c => await c.GenerateV2Ideogram3Async(new GenerateV2Ideogram3Request
            {
                Prompt = Prompt, Seed = 135, NumImages = 2, ColorPalette = ColorPaletteV2.FromPreset(ColorPalettePresetV2.Pastel), AspectRatio = AspectRatioV2Ideogram3.Ratio16x9,
                StyleType = StyleTypeV2Ideogram3.Design, RenderingSpeed = RenderingSpeedV2.Turbo,
            })),
        ["ReframeV2Ideogram3"] = new(false, new[] { "resolution", "seed", "num_images", "color_palette", "rendering_speed" }, new[] { "image" }, 2, 136, "1536x640",
            async c => await c.ReframeV2Ideogram3Async(new ReframeV2Ideogram3Request
            {
                Image = Png(), Resolution = ResolutionV3.Size1536x640, Seed = 136, NumImages = 2, RenderingSpeed = RenderingSpeedV2.Quality,
                ColorPalette = ColorPaletteV2.FromMembers(new ColorPaletteMember("#264653", 0.6), new ColorPaletteMember("#E9C46A", 0.4)),
            })),
        ["RemixV2Auto"] = new(false, new[] { "prompt", "image_weight", "color_palette", "resolution_tier", "num_images", "seed" }, new[] { "image" }, 2, 137, null,
            async c => await c.RemixV2AutoAsync(new RemixV2AutoRequest
            {
                Image = Png(), Prompt = "In watercolour", ImageWeight = 55, ColorPalette = ColorPaletteV2.FromPreset(ColorPalettePresetV2.Jungle),
                ResolutionTier = ResolutionTierV2RemixAuto.Tier1K, NumImages = 2, Seed = 137,
            })),
        ["GenerateTransparentV2Ideogram3"] = new(true, new[] { "prompt", "seed", "aspect_ratio", "upscale_factor", "negative_prompt" }, Array.Empty<string>(), 1, 128, null,
            async c => await c.GenerateTransparentV2Ideogram3Async(new GenerateTransparentV2Ideogram3Request
            {
                Prompt = Prompt, Seed = 128, AspectRatio = AspectRatioV2Ideogram3.Ratio1x1, UpscaleFactor = UpscaleFactorV2Ideogram3.X2, NegativePrompt = "blur",
            })),
        ["GenerateTransparentV2Ideogram4"] = new(true, new[] { "prompt", "aspect_ratio", "output_resolution" }, Array.Empty<string>(), 1, null, null,
            async c => await c.GenerateTransparentV2Ideogram4Async(new GenerateTransparentV2Ideogram4Request
            {
                Prompt = Prompt, AspectRatio = AspectRatioV2Ideogram4.Auto, OutputResolution = OutputResolutionV2.Tier1K,
            })),
        ["GenerateV2PImage"] = new(true, new[] { "prompt", "quality", "resolution", "seed" }, Array.Empty<string>(), 1, 129, null,
            async c => await c.GenerateV2PImageAsync(new GenerateV2PImageRequest { Prompt = Prompt, Quality = QualityV2PImage.VeryLow, Resolution = ResolutionV2PImage.Tier1K, Seed = 129 })),
        ["PreciseEditV2Ideogram45"] = new(false, new[] { "prompt", "context_window", "reference_image_asset_identifiers" }, new[] { "image", "mask" }, 1, null, null,
            async c => await c.PreciseEditV2Ideogram45Async(new PreciseEditV2Ideogram45Request
            {
                Prompt = Prompt, Image = Png(), Mask = Png("mask.png"), ContextWindow = "auto",
                ReferenceImageAssetIdentifiers = new[] { new AssetIdentifier { AssetId = "ref-asset-1", AssetType = AssetType.Upload } },
            })),
        ["RemixV2Ideogram4"] = new(false, new[] { "prompt", "image_weight", "rendering_speed" }, new[] { "image" }, 1, null, null,
            async c => await c.RemixV2Ideogram4Async(new RemixV2Ideogram4Request { Prompt = Prompt, Image = Png(), ImageWeight = 60, RenderingSpeed = RenderingSpeedV2.Quality })),
        ["UpscaleV2Auto"] = new(false, new[] { "upscale_factor", "seed" }, new[] { "image" }, 1, 130, null,
            async c => await c.UpscaleV2AutoAsync(new UpscaleV2AutoRequest { Image = Png(), UpscaleFactor = UpscaleFactorV2Auto.X4, Seed = 130 })),
        ["RemoveBackgroundV2Ideogram1"] = new(false, new[] { "private", "image_asset_identifier" }, new[] { "image" }, 1, null, null,
            async c => await c.RemoveBackgroundV2Ideogram1Async(new RemoveBackgroundV2Ideogram1Request
            {
                Image = Png("product.png"), Private = true, ImageAssetIdentifier = new AssetIdentifier { AssetId = "7uS_VESkRI6O3-sVgHQp_A", AssetType = AssetType.Upload },
            })),
        ["DescribeV2Ideogram3"] = new(false, Array.Empty<string>(), new[] { "image" }, 0, null, null,
            async c => await c.DescribeV2Ideogram3Async(new DescribeV2Ideogram3Request { Image = Png() })),
        ["DescribeV2Ideogram4"] = new(true, new[] { "image_asset_identifier", "include_style_descriptions" }, Array.Empty<string>(), 0, null, null,
            async c => await c.DescribeV2Ideogram4Async(new DescribeV2Ideogram4Request
            {
                ImageAssetIdentifier = new AssetIdentifier { AssetId = "7uS_VESkRI6O3-sVgHQp_A", AssetType = AssetType.Asset }, IncludeStyleDescriptions = true,
            })),
        ["InpaintV2Ideogram3"] = new(false, new[] { "prompt", "seed", "num_images", "rendering_speed", "style_type", "style_codes" }, new[] { "image", "mask" }, 2, 131, null,
            async c => await c.InpaintV2Ideogram3Async(new InpaintV2Ideogram3Request
            {
                Prompt = Prompt, Image = Png(), Mask = Png("mask.png"), Seed = 131, NumImages = 2, RenderingSpeed = RenderingSpeedV2.Turbo,
                StyleType = StyleTypeV2Ideogram3.Realistic, StyleCodes = new[] { "AAFF5733" },
            })),
        ["LayerizeV2Ideogram3"] = new(false, new[] { "prompt", "seed" }, new[] { "font_candidate_files", "image" }, 1, 132, null,
            async c => await c.LayerizeV2Ideogram3Async(new LayerizeV2Ideogram3Request
            {
                Image = Png("flyer.png"), Prompt = "A concert flyer", Seed = 132, FontCandidateFiles = new[] { Samples.Font() },
            })),
        ["GenerateV2Auto"] = new(false, new[] { "prompt", "seed", "num_images", "resolution_tier", "aspect_ratio" }, new[] { "images" }, 2, 133, null,
            async c => await c.GenerateV2AutoAsync(new GenerateV2AutoRequest
            {
                Prompt = "Make it night", Images = new[] { Png("source.png") }, Seed = 133, NumImages = 2, ResolutionTier = ResolutionTierV2Auto.Tier1K, AspectRatio = "16x9",
            })),
        ["InpaintV2Ideogram3CustomModel"] = new(false, new[] { "prompt", "custom_model_uri", "seed", "style_preset" }, new[] { "image", "mask" }, 1, 134, null,
            async c => await c.InpaintV2Ideogram3CustomModelAsync(new InpaintV2Ideogram3CustomModelRequest
            {
                Prompt = Prompt, CustomModelUri = "model/my-custom-model/version/1", Image = Png(), Mask = Png("mask.png"), Seed = 134,
                StylePreset = StylePresetV2Ideogram3.Style80SIllustration,
            })),
        ["GenerateV2Ideogram4CustomModel"] = new(true, new[] { "prompt", "custom_model_uri", "seed", "rendering_speed", "stacked_custom_models" }, Array.Empty<string>(), 1, 135, "1024x1024",
            async c => await c.GenerateV2Ideogram4CustomModelAsync(new GenerateV2Ideogram4CustomModelRequest
            {
                Prompt = Prompt, CustomModelUri = "model/my-custom-v4-model/version/1", Seed = 135, RenderingSpeed = RenderingSpeedV2.Turbo, Resolution = ResolutionV4.Size1024x1024,
                StackedCustomModels = new[] { new StackedCustomModelV2 { CustomModelUri = "model/my-base-plora/version/1", Weight = 0.5 } },
            })),
        ["InpaintV2Ideogram3Character"] = new(false, new[] { "prompt", "seed", "style_type" }, new[] { "character_reference_images", "character_reference_mask", "image", "mask" }, 1, 136, null,
            async c => await c.InpaintV2Ideogram3CharacterAsync(new InpaintV2Ideogram3CharacterRequest
            {
                Prompt = Prompt, Image = Png(), Mask = Png("mask.png"), Seed = 136, StyleType = StyleTypeV2Ideogram3Character.Fiction,
                CharacterReferenceImages = new[] { Png("character.png") }, CharacterReferenceMask = Png("character-mask.png"),
            })),
        ["GenerateV2Ideogram3Character"] = new(false, new[] { "prompt", "seed", "num_images", "rendering_speed", "style_type", "aspect_ratio" }, new[] { "character_reference_images", "character_reference_mask" }, 2, 137, null,
            async c => await c.GenerateV2Ideogram3CharacterAsync(new GenerateV2Ideogram3CharacterRequest
            {
                Prompt = Prompt, Seed = 137, NumImages = 2, RenderingSpeed = RenderingSpeedV2.Turbo, StyleType = StyleTypeV2Ideogram3Character.Realistic,
                AspectRatio = AspectRatioV2Ideogram3.Ratio16x9, CharacterReferenceImages = new[] { Png("character.png") }, CharacterReferenceMask = Png("character-mask.png"),
            })),
        ["RemixV2Ideogram3Character"] = new(false, new[] { "prompt", "seed", "image_weight", "style_type", "rendering_speed" }, new[] { "character_reference_images", "character_reference_mask", "image" }, 1, 138, null,
            async c => await c.RemixV2Ideogram3CharacterAsync(new RemixV2Ideogram3CharacterRequest
            {
                Prompt = "The same person in winter", Image = Png(), ImageWeight = 60, Seed = 138, StyleType = StyleTypeV2Ideogram3Character.Fiction,
                RenderingSpeed = RenderingSpeedV2.Quality, CharacterReferenceImages = new[] { Png("character.png") }, CharacterReferenceMask = Png("character-mask.png"),
            })),
        ["RemixV2Ideogram3"] = new(false, new[] { "prompt", "seed", "num_images", "image_weight", "style_type", "rendering_speed", "aspect_ratio", "color_palette" }, new[] { "image" }, 2, 139, null,
            async c => await c.RemixV2Ideogram3Async(new RemixV2Ideogram3Request
            {
                Prompt = "In watercolour", Image = Png(), Seed = 139, NumImages = 2, ImageWeight = 45, StyleType = StyleTypeV2Ideogram3.Design,
                RenderingSpeed = RenderingSpeedV2.Turbo, AspectRatio = AspectRatioV3.Ratio16x9, ColorPalette = ColorPaletteV2.FromPreset(ColorPalettePresetV2.Ember),
            })),
        ["GenerateV2Ideogram3CustomModel"] = new(true, new[] { "prompt", "custom_model_uri", "seed", "num_images", "rendering_speed", "aspect_ratio", "style_codes" }, Array.Empty<string>(), 2, 140, null,
            async c => await c.GenerateV2Ideogram3CustomModelAsync(new GenerateV2Ideogram3CustomModelRequest
            {
                Prompt = Prompt, CustomModelUri = "model/my-custom-model/version/1", Seed = 140, NumImages = 2, RenderingSpeed = RenderingSpeedV2.Quality,
                AspectRatio = AspectRatioV2Ideogram3.Ratio4x3, StyleCodes = new[] { "AAFF5733" },
            })),
        ["RemixV2Ideogram3CustomModel"] = new(false, new[] { "prompt", "custom_model_uri", "seed", "image_weight", "rendering_speed", "style_preset", "resolution" }, new[] { "image" }, 1, 141, "1024x1024",
            async c => await c.RemixV2Ideogram3CustomModelAsync(new RemixV2Ideogram3CustomModelRequest
            {
                Prompt = "In watercolour", CustomModelUri = "model/my-custom-model/version/1", Image = Png(), Seed = 141, ImageWeight = 70,
                RenderingSpeed = RenderingSpeedV2.Default, StylePreset = StylePresetV2Ideogram3.Style80SIllustration, Resolution = ResolutionV3.Size1024x1024,
            })),
        ["GenerateV2Ideogram2"] = new(true, new[] { "prompt", "seed", "num_images", "rendering_speed", "style_type", "aspect_ratio", "negative_prompt" }, Array.Empty<string>(), 2, 142, null,
            async c => await c.GenerateV2Ideogram2Async(new GenerateV2Ideogram2Request
            {
                Prompt = Prompt, Seed = 142, NumImages = 2, RenderingSpeed = RenderingSpeedV2.Turbo, StyleType = StyleTypeV2Ideogram2.Render3D,
                AspectRatio = AspectRatioV2Ideogram3.Ratio3x2, NegativePrompt = "fog",
            })),
        ["GenerateV2Ideogram2A"] = new(true, new[] { "prompt", "seed", "num_images", "rendering_speed", "style_type", "aspect_ratio" }, Array.Empty<string>(), 2, 143, null,
            async c => await c.GenerateV2Ideogram2AAsync(new GenerateV2Ideogram2ARequest
            {
                Prompt = Prompt, Seed = 143, NumImages = 2, RenderingSpeed = RenderingSpeedV2.Default, StyleType = StyleTypeV2Ideogram2.Design,
                AspectRatio = AspectRatioV2Ideogram3.Ratio9x16,
            })),
    };

    /// <summary>A structured Ideogram 4.0 prompt with one text element and one object element.</summary>
    private static JsonPromptV4 JsonPrompt() => new()
    {
        HighLevelDescription = Prompt,
        CompositionalDeconstruction = new CompositionalDeconstructionV4
        {
            Background = "A stormy sea",
            Elements = new[]
            {
                new PromptElementV4 { Type = PromptElementTypeV4.Text, Text = "LIGHTHOUSE", Desc = "Bold serif title", Bbox = new[] { 50, 100, 200, 900 } },
                new PromptElementV4 { Type = PromptElementTypeV4.Obj, Desc = "A white lighthouse", ColorPalette = new[] { "#FFFFFF" } },
            },
        },
    };
#pragma warning restore CS0618

    /// <summary>The synchronous endpoints (asynchronous submits and polls have tests of their own).</summary>
    public static IEnumerable<object[]> EndpointNames => IdeogramApi.Endpoints.Where(e => e.Mode == EndpointMode.Sync).Select(e => new object[] { e.Name });

    [Fact]
    public void Every_endpoint_of_the_description_has_a_case()
    {
        Assert.Equal(IdeogramApi.Endpoints.Where(e => e.Mode == EndpointMode.Sync).Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal), Cases.Keys.OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(59, Cases.Count);
    }

    [Theory]
    [MemberData(nameof(EndpointNames))]
    public async Task Endpoint_round_trips_through_the_generated_client(string name)
    {
        var endpoint = IdeogramApi.Endpoints.Single(e => e.Name == name && e.Mode == EndpointMode.Sync);
        var @case = Cases[name];
        using var http = new HttpClient(_emulator.CreateHandler()) { Timeout = TimeSpan.FromSeconds(60) };
        var client = new TestImages(http, new IdeogramCredentials("ideogram-e2e-key"), new GatewayOptions { GatewayRoot = _emulator.Root });

        var response = await @case.Send(client);

        // What the emulator received.
        var recorded = _emulator.Requests.Last(r => r.IdeogramPath == endpoint.Path);
        Assert.Equal($"/v1/{TestImages.AccountId}/{TestImages.GatewayId}/ideogram{endpoint.Path}", recorded.Path);
        Assert.Equal("POST", recorded.Method);
        Assert.StartsWith(@case.Json ? "application/json" : "multipart/form-data", recorded.ContentType, StringComparison.Ordinal);
        Assert.Equal(200, recorded.StatusCode);
        Assert.True(@case.Fields.All(recorded.Fields.ContainsKey), $"Fields sent: {string.Join(", ", recorded.Fields.Keys)}; expected at least {string.Join(", ", @case.Fields)}.");
        Assert.Equal(@case.Files, recorded.Files.Select(f => f.Name));
        Assert.All(recorded.Files, f => Assert.True(f.Length > 0 && f.ContentType is "image/png" or "font/ttf", f.ToString()));

        // The typed answer.
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(recorded.LogId, response.Gateway.LogId);
        var images = ImagesOf(response);
        Assert.Equal(@case.Images, images.Count);
        foreach (var image in images)
        {
            Assert.False(string.IsNullOrEmpty(image.Url), "image link");
            if (@case.Seed is int seed && image.Seed is int reported) Assert.Equal(seed, reported);
            if (@case.Resolution is not null) Assert.Equal(@case.Resolution, image.Resolution);
            if (image.Prompt is not null && recorded.Fields.TryGetValue("prompt", out var sent)) Assert.Equal(sent.Single(), image.Prompt);
        }
        if (response is DescribeLegacyResponse described)
            Assert.True(described.Descriptions.Count > 0 && described.Descriptions.All(d => !string.IsNullOrWhiteSpace(d.Text)));
        if (response is DescribeV2Ideogram3Response describedV2)
            Assert.True(describedV2.Descriptions.Count > 0 && describedV2.Descriptions.All(d => !string.IsNullOrWhiteSpace(d.Text)));
        if (response is LayerizeV2Ideogram3Response layerized)
            Assert.All(layerized.Data, d => Assert.True(d.ObjectType == "layerized_image" && d.TextBlocks.Count > 0 && !string.IsNullOrEmpty(d.BaseImageUrl)));
        // Answers carrying an Ideogram 4.0 JSON prompt read it into the same type a request sends.
        JsonPromptV4? jsonPrompt = response switch { DescribeV4Response d => d.JsonPrompt, DescribeV2Ideogram4Response d => d.JsonPrompt, MagicPromptV4Response m => m.JsonPrompt, _ => null };
        if (jsonPrompt is not null)
        {
            Assert.False(string.IsNullOrWhiteSpace(jsonPrompt.HighLevelDescription));
            Assert.NotNull(jsonPrompt.CompositionalDeconstruction);
            Assert.NotNull(jsonPrompt.CompositionalDeconstruction!.Elements);
        }

        // A linked image: PNG of the reported size (the upscaled size when the answer reports one).
        if (images.Count > 0)
        {
            var first = images[0];
            using var png = new MemoryStream();
            long bytes = await new ImageDownloader(http).DownloadAsync(first.Url, png);
            Assert.Equal(png.Length, bytes);
            var (width, height) = PngSize(png.ToArray());
            var expected = first.UpscaledResolution ?? first.Resolution ?? InputSize(recorded);
            Assert.Equal(expected, $"{width}x{height}");
        }
    }

    [Fact]
    public async Task One_download_loop_serves_every_image_answer()
    {
        using var http = new HttpClient(_emulator.CreateHandler()) { Timeout = TimeSpan.FromSeconds(60) };
        var client = new TestImages(http, new IdeogramCredentials("ideogram-e2e-key"), new GatewayOptions { GatewayRoot = _emulator.Root });
        var downloader = new ImageDownloader(http);
        var withoutImages = new List<string>();
        int downloaded = 0;
        foreach (var (name, @case) in Cases)
        {
            var response = await @case.Send(client);
            if (response is not IIdeogramImageResponse answer)
            {
                withoutImages.Add(name);
                continue;
            }
            // The interface shows what the typed members show.
            Assert.Equal(ImagesOf(response).Select(i => (i.Url, i.Prompt, i.Resolution, i.Seed)), answer.Images.Select(i => (i.Url, i.Prompt, i.Resolution, i.Seed)));
            foreach (var image in answer.Images)
            {
                Assert.False(image.IsWithheld, name);
                Assert.True(image.IsImageSafe, name);
                Assert.Equal(ImageUrl.GetExpiry(image.Url), image.ExpiresAt);
                using var png = new MemoryStream();
                long bytes = await downloader.DownloadAsync(image, png);
                Assert.True(bytes > 0 && bytes == png.Length, name);
                downloaded++;
            }
        }
        Assert.Equal(new[] { "DescribeLegacy", "DescribeV2Ideogram3", "DescribeV2Ideogram4", "DescribeV4", "LayerizeTextV3", "MagicPromptV4" }, withoutImages.OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(Cases.Values.Sum(c => c.Images) - Cases["LayerizeTextV3"].Images, downloaded);
    }

    [Fact]
    public async Task A_stacked_custom_model_weight_of_zero_is_refused_before_sending()
    {
        // StackedCustomModel.weight: "minimum": 0 with "exclusiveMinimum": true (2026-10-07 document).
        using var http = new HttpClient(_emulator.CreateHandler()) { Timeout = TimeSpan.FromSeconds(60) };
        var client = new TestImages(http, new IdeogramCredentials("ideogram-e2e-key"), new GatewayOptions { GatewayRoot = _emulator.Root });
        int before = _emulator.Requests.Count;
        var error = await Assert.ThrowsAsync<IdeogramValidationException>(() => client.GenerateV2Ideogram4CustomModelAsync(new GenerateV2Ideogram4CustomModelRequest
        {
            Prompt = Prompt, CustomModelUri = "model/my-custom-v4-model/version/1",
            StackedCustomModels = new[] { new StackedCustomModelV2 { CustomModelUri = "model/my-base-plora/version/1", Weight = 0 } },
        }));
        Assert.Contains("weight", error.Message);
        Assert.Equal(before, _emulator.Requests.Count);
    }

    [Fact]
    public async Task A_withheld_image_is_reported_by_the_interface_and_refused_by_the_download()
    {
        var image = (IIdeogramImage)new GeneratedImageLegacy { Url = null, IsImageSafe = false, Seed = 7 };
        Assert.True(image.IsWithheld);
        Assert.False(image.IsImageSafe);
        Assert.Null(image.ExpiresAt);
        using var http = new HttpClient(_emulator.CreateHandler());
        var error = await Assert.ThrowsAsync<ImageDownloadException>(() => new ImageDownloader(http).DownloadAsync(image, new MemoryStream()));
        Assert.Contains("safety check", error.Message);
    }

    /// <summary>An image of an answer, whatever its type.</summary>
    private sealed record Image(string? Url, string? Prompt, string? Resolution, string? UpscaledResolution, int? Seed);

    private static List<Image> ImagesOf(IdeogramResponse response) => response switch
    {
        ImageV3Response r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution.Value, i.UpscaledResolution, i.Seed)).ToList(),
        LayeredImageV3Response r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution.Value, i.UpscaledResolution, i.Seed)).ToList(),
        ImageV4Response r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        InstructionEditResponse r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, i.UpscaledResolution, i.Seed)).ToList(),
        ImageLegacyResponse r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, i.UpscaledResolution, i.Seed)).ToList(),
        LayerizeTextV3Response r => new List<Image> { new(r.BaseImageUrl, null, null, null, r.Seed) },
        RemoveBackgroundResponse r => r.Data.Select(i => new Image(i.Url, null, null, null, null)).ToList(),
        DescribeLegacyResponse => new List<Image>(),
        RemoveObjectResponse r => r.Data.Select(i => new Image(i.Url, null, null, null, null)).ToList(),
        GenerateV2Ideogram4Response r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        GenerateV2Ideogram45Response r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        ReframeV2Ideogram3Response r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        RemixV2AutoResponse r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        GenerateV2Ideogram3Response r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        GenerateTransparentV2Ideogram3Response r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        GenerateTransparentV2Ideogram4Response r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        GenerateV2PImageResponse r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        PreciseEditV2Ideogram45Response r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        RemixV2Ideogram4Response r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        UpscaleV2AutoResponse r => r.Data.Select(i => new Image(i.Url, null, i.Resolution, null, i.Seed)).ToList(),
        RemoveBackgroundV2Ideogram1Response r => r.Data.Select(i => new Image(i.Url, null, null, null, null)).ToList(),
        InpaintV2Ideogram3Response r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        GenerateV2AutoResponse r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        InpaintV2Ideogram3CustomModelResponse r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        GenerateV2Ideogram4CustomModelResponse r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        InpaintV2Ideogram3CharacterResponse r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        GenerateV2Ideogram3CharacterResponse r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        GenerateV2Ideogram2Response r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        GenerateV2Ideogram2AResponse r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        RemixV2Ideogram3CharacterResponse r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        RemixV2Ideogram3Response r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        GenerateV2Ideogram3CustomModelResponse r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        RemixV2Ideogram3CustomModelResponse r => r.Data.Select(i => new Image(i.Url, i.Prompt, i.Resolution, null, i.Seed)).ToList(),
        LayerizeV2Ideogram3Response r => r.Data.Select(i => new Image(i.Url, null, i.Resolution, null, i.Seed)).ToList(),
        MagicPromptV4Response or DescribeV4Response or DescribeV2Ideogram3Response or DescribeV2Ideogram4Response => new List<Image>(),
        _ => throw new InvalidOperationException("No image mapping for " + response.GetType().Name),
    };

    /// <summary>Answers without a resolution (layerize-text, remove-background) keep the uploaded image's size: 1x1 here.</summary>
    private static string InputSize(RecordedRequest recorded)
    {
        Assert.NotEmpty(recorded.Files);
        var (w, h) = PngSize(Samples.PngBytes());
        return $"{w}x{h}";
    }

    /// <summary>Checks the PNG signature and the IHDR chunk, returns width and height.</summary>
    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.Length > 24, "not a PNG: too short");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png.Take(8));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16, 4)), (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20, 4)));
    }
}
