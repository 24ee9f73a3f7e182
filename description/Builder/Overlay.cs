using System.Collections.Generic;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.ApiDescription.Builder;

/// <summary>
/// The facts the OpenAPI document does not state in machine-readable form: which endpoints IdeogramGen covers and
/// their C# names, C# type names for vocabularies and response shapes, and rules Ideogram states only in prose or in
/// its public documentation. Every value list here is a restriction on a vocabulary read from the document, never a
/// vocabulary of its own; each rule carries its source.
/// </summary>
internal static class Overlay
{
    /// <summary>Covered paths, in the order the generated client lists them.</summary>
    public static readonly (string Path, string Name, string Family)[] Endpoints =
    {
        ("/v1/ideogram-v3/generate", "GenerateV3", ApiFamilies.V3),
        ("/v1/ideogram-v3/edit", "EditV3", ApiFamilies.V3),
        ("/v1/ideogram-v3/inpaint", "InpaintV3", ApiFamilies.V3),
        ("/v1/ideogram-v3/remix", "RemixV3", ApiFamilies.V3),
        ("/v1/ideogram-v3/reframe", "ReframeV3", ApiFamilies.V3),
        ("/v1/ideogram-v3/replace-background", "ReplaceBackgroundV3", ApiFamilies.V3),
        ("/v1/ideogram-v3/generate-transparent", "GenerateTransparentV3", ApiFamilies.V3),
        ("/v1/ideogram-v3/generate-design", "GenerateDesignV3", ApiFamilies.V3),
        ("/v1/ideogram-v3/layerize-design", "LayerizeDesignV3", ApiFamilies.V3),
        ("/v1/ideogram-v3/layerize-text", "LayerizeTextV3", ApiFamilies.V3),
        ("/v1/ideogram-v3/try-on", "TryOnV3", ApiFamilies.V3),
        ("/v1/ideogram-v3/graphic", "GenerateGraphicV3", ApiFamilies.V3),
        ("/v1/edit", "InstructionEdit", ApiFamilies.InstructionEdit),
        ("/v1/ideogram-v4/generate", "GenerateV4", ApiFamilies.V4),
        ("/generate", "GenerateLegacy", ApiFamilies.Legacy),
        ("/remix", "RemixLegacy", ApiFamilies.Legacy),
        ("/upscale", "UpscaleLegacy", ApiFamilies.Legacy),
        ("/edit", "EditLegacy", ApiFamilies.Legacy),
        ("/reframe", "ReframeLegacy", ApiFamilies.Legacy),
        ("/describe", "DescribeLegacy", ApiFamilies.Legacy),
    };

    /// <summary>
    /// Vocabulary schema → (C# struct, member prefix, concept word). Struct names follow <c>{Concept}{FamilyTag}</c>
    /// (description/README.md, "C# names"): Ideogram's own suffix where its schema has one (<c>AspectRatioV3</c>),
    /// <c>Legacy</c> for the unversioned schemas of the legacy routes whose concept another family also has, none for
    /// vocabularies one v1 family owns alone or several share. Members: values that are a pair of numbers
    /// (<c>16x9</c>, <c>ASPECT_16_9</c>, <c>RESOLUTION_1024_640</c>) become <c>{Prefix}{W}x{H}</c> after the concept
    /// word is dropped (<c>Ratio16x9</c>, <c>Size1024x640</c>); other values starting with a digit take the prefix too.
    /// </summary>
    public static readonly Dictionary<string, (string TypeName, string Prefix, string? ConceptWord)> Enums = new()
    {
        ["ModelEnum"] = ("IdeogramModel", "", null),
        ["AspectRatio"] = ("AspectRatioLegacy", "Ratio", "ASPECT"),
        ["Resolution"] = ("ResolutionLegacy", "Size", "RESOLUTION"),
        ["StyleType"] = ("StyleTypeLegacy", "", null),
        ["MagicPromptOption"] = ("MagicPromptOption", "", null),
        ["MagicPromptVersionEnum"] = ("MagicPromptVersion", "", null),
        ["AspectRatioV3"] = ("AspectRatioV3", "Ratio", null),
        ["ResolutionV3"] = ("ResolutionV3", "Size", null),
        ["ResolutionV4"] = ("ResolutionV4", "Size", null),
        ["ResolutionV4ImageToImage"] = ("ResolutionV4ImageToImage", "Size", null),
        ["RenderingSpeed"] = ("RenderingSpeed", "", null),
        ["StyleTypeV3"] = ("StyleTypeV3", "", null),
        ["StylePresetV3"] = ("StylePresetV3", "Style", null),
        ["ColorPalettePresetName"] = ("ColorPalettePreset", "", null),
        ["UpscaleFactor"] = ("UpscaleFactor", "", null),
        ["DescribeModelVersion"] = ("DescribeModelVersion", "", null),
        // 2026-10-07 document, v1 (uppercase, Ideogram's spellings).
        ["AspectRatioV4"] = ("AspectRatioV4", "Ratio", null),
        ["RenderingSpeedV4"] = ("RenderingSpeedV4", "", null),
        ["OutputResolution"] = ("OutputResolution", "Tier", null),
        ["PImageResolution"] = ("ResolutionPImage", "Tier", null),
        ["Quality"] = ("QualityPImage", "", null),
        // 2026-10-07 document, v2 (lowercase): types of their own, never converting into the v1 ones.
        ["MagicPromptMode"] = ("MagicPromptV2", "", null),
        ["IdeogramColorPalettePresetName"] = ("ColorPalettePresetV2", "", null),
        ["IdeogramV3AspectRatio"] = ("AspectRatioV2Ideogram3", "Ratio", null),
        ["IdeogramV4AspectRatio"] = ("AspectRatioV2Ideogram4", "Ratio", null),
        ["IdeogramV3StyleType"] = ("StyleTypeV2Ideogram3", "", null),
        ["IdeogramV2StyleType"] = ("StyleTypeV2Ideogram2", "", null),
        ["IdeogramV3StylePreset"] = ("StylePresetV2Ideogram3", "Style", null),
        ["GenerationQuality"] = ("QualityV2PImage", "", null),
        ["AssetType"] = ("AssetType", "", null),
        ["GenerationKind"] = ("GenerationKind", "", null),
        ["PriceQualifier"] = ("PriceQualifier", "", null),
        ["GenerationRejectReason"] = ("GenerationRejectReason", "", null),
    };

    /// <summary>
    /// Vocabularies the 2026-10-07 document writes inline in a property (no schema of their own): C# struct → (member
    /// prefix, every (schema, property) that uses it). The builder reads the values from the first use and refuses the
    /// overlay when another use lists different values. Names follow <c>{Concept}{FamilyTag}</c>, the v2 tag being
    /// <c>V2</c> plus the route's model.
    /// </summary>
    public static readonly Dictionary<string, (string Prefix, (string Schema, string Property)[] Uses)> InlineEnums = new()
    {
        ["RenderingSpeedV2"] = ("", new[]
        {
            ("GenerateImageIdeogramV4Request", "rendering_speed"), ("GenerateImageIdeogramV3TransparentRequest", "rendering_speed"),
            ("GenerateImageIdeogramV4TransparentRequest", "rendering_speed"), ("RemixImageIdeogramV4Request", "rendering_speed"),
            ("GenerateImageIdeogramV3Request", "rendering_speed"), ("ReframeImageIdeogramV3Request", "rendering_speed"),
            ("ReplaceBackgroundIdeogramV3Request", "rendering_speed"), ("InpaintImageIdeogramV3Request", "rendering_speed"),
            ("InpaintImageIdeogramV3CustomModelRequest", "rendering_speed"), ("GenerateImageIdeogramV4CustomModelRequest", "rendering_speed"),
            ("InpaintImageIdeogramV3CharacterRequest", "rendering_speed"), ("GenerateImageIdeogramV3CharacterRequest", "rendering_speed"),
            ("RemixImageIdeogramV3CharacterRequest", "rendering_speed"), ("RemixImageIdeogramV3Request", "rendering_speed"),
            ("GenerateImageIdeogramV3CustomModelRequest", "rendering_speed"), ("RemixImageIdeogramV3CustomModelRequest", "rendering_speed"),
            ("GenerateImageIdeogramV2Request", "rendering_speed"), ("GenerateImageIdeogramV2ARequest", "rendering_speed"),
        }),
        ["QualityV2Ideogram45"] = ("", new[] { ("GenerateImageIdeogram45Request", "quality"), ("PreciseEditImageIdeogram45Request", "quality") }),
        ["ResolutionV2PImage"] = ("Tier", new[] { ("GenerateImagePImageIdeogramRequest", "resolution") }),
        ["OutputResolutionV2"] = ("Tier", new[] { ("GenerateImageIdeogramV4TransparentRequest", "output_resolution") }),
        ["UpscaleFactorV2Ideogram3"] = ("", new[] { ("GenerateImageIdeogramV3TransparentRequest", "upscale_factor") }),
        ["UpscaleFactorV2Auto"] = ("", new[] { ("UpscaleToolRequest", "upscale_factor") }),
        ["StyleTypeV2Ideogram3Character"] = ("", new[] { ("InpaintImageIdeogramV3CharacterRequest", "style_type"), ("GenerateImageIdeogramV3CharacterRequest", "style_type"),
            ("RemixImageIdeogramV3CharacterRequest", "style_type") }),
        ["ResolutionTierV2Auto"] = ("Tier", new[] { ("GenerateImageV2AutoRequest", "resolution_tier") }),
        ["ResolutionTierV2RemixAuto"] = ("Tier", new[] { ("ToolRemixRequest", "resolution_tier") }),
        ["TaskCompletionSpeed"] = ("", new[] { ("GenerationErrorResponse", "task_completion_speed") }),
    };

    /// <summary>Vocabularies of a union's discriminator (<c>type</c> of <c>V4PromptElement</c>): C# struct → union schema; the values are the mapping's keys.</summary>
    public static readonly Dictionary<string, string> DiscriminatorEnums = new()
    {
        ["PromptElementTypeV4"] = "V4PromptElement",
    };

    /// <summary>Response properties whose C# name would hide a member of the runtime's IdeogramResponse: (schema, wire name) → C# name.</summary>
    public static readonly Dictionary<(string Schema, string Property), string> PropertyMembers = new()
    {
        // RemoveBackgroundV2Response: the HTTP status of a failure after the answer started streaming (the answer itself is 200).
        [("RemoveBackgroundV2Response", "status_code")] = "ErrorStatusCode",
    };

    /// <summary>The inline vocabulary of a property, or null.</summary>
    public static string? InlineEnumOf(string schema, string property)
    {
        foreach (var kv in DiscriminatorEnums) if (kv.Value == schema && property == "type") return kv.Key;
        foreach (var kv in InlineEnums)
            foreach (var use in kv.Value.Uses)
                if (use.Schema == schema && use.Property == property) return kv.Key;
        return null;
    }

    /// <summary>Single-value enums that are a union's discriminator (the union's own vocabulary covers them).</summary>
    public static readonly HashSet<string> DiscriminatorFields = new() { "V4ObjPromptElement.type", "V4TextPromptElement.type" };

    /// <summary>
    /// The <c>oneOf</c> schemas that are a color palette → runtime class. v1 presets are uppercase (<c>PASTEL</c>), v2
    /// presets lowercase (<c>pastel</c>): two classes, so that neither family's preset reaches the other's requests.
    /// </summary>
    public static readonly Dictionary<string, string> ColorPaletteSchemas = new()
    {
        ["ColorPaletteWithPresetNameOrMembers"] = "ColorPalette",
        ["IdeogramColorPalette"] = "ColorPaletteV2",
    };

    /// <summary>Nested request objects (<see cref="ApiField.Ref"/>) → C# class in the models namespace.</summary>
    public static readonly Dictionary<string, string> RequestSchemas = new()
    {
        ["AssetIdentifier"] = "AssetIdentifier",
        ["V4JsonPrompt"] = "JsonPromptV4",
        ["V4CompositionalDeconstruction"] = "CompositionalDeconstructionV4",
        ["V4PromptElement"] = "PromptElementV4",
        ["V4StyleDescription"] = "StyleDescriptionV4",
        ["StackedCustomModel"] = "StackedCustomModelV2",
    };

    /// <summary>
    /// The facts of newer-facts.json the description relies on (besides the document itself), with what each decides.
    /// A test checks every one exists and has a source.
    /// </summary>
    public static readonly (string Id, string Use)[] UsedFacts =
    {
        ("async.v1.submit", "the v1 async/ routes are AsyncSubmit endpoints polled at v1/generations/{generation_id}"),
        ("async.v2.flag", "v2 reframe/auto, remove-object and replace-background are AsyncSubmit (always asynchronous); the other v2 routes with an async field are AsyncCapable"),
        ("v1.ideogram4.prompt", "GenerateV4: exactly one of text_prompt or json_prompt; rendering_speed FLASH not accepted"),
        ("v2.lowercase", "the v2 vocabularies are types of their own (MagicPromptV2, RenderingSpeedV2, QualityV2PImage, ResolutionV2PImage, ...)"),
        ("v2.ideogram45.quality-size", "GenerateV2Ideogram45 / PreciseEditV2Ideogram45: quality and size instead of rendering_speed and resolution"),
        ("uploads.v1.25mb", "upload limits of /v1/edit, Ideogram 4.0 remix and describe, remove-background and remove-object (read from the fields' descriptions; checked against this fact)"),
        ("uploads.v2.limits", "upload limits of the v2 routes (read from the fields' descriptions; checked against this fact)"),
        ("uploads.v1.edit.transparent", "/v1/edit transparent_background"),
        ("dryrun.parameter", "ApiEndpoint.DryRun: the dry_run query parameter"),
        ("dryrun.not-on-describe", "the v2 describe routes have DryRun false"),
    };

    /// <summary>An operation of the 2026-10-07 document the description covers.</summary>
    public sealed record NewerOperation(string Path, string Method, string Name, string Family, EndpointMode Mode = EndpointMode.Sync, string? SyncTwin = null);

    /// <summary>
    /// The covered operations of the 2026-10-07 document, in the order the generated client lists the new ones. Those
    /// also in <see cref="Endpoints"/> take their place there with the newer shape. An <see cref="EndpointMode.AsyncSubmit"/>
    /// route has the <see cref="ApiEndpoint.Name"/> of the sync route it mirrors (its <see cref="ApiEndpoint.SyncTwin"/>), or
    /// its own when it has none (the always-asynchronous v2 routes). The polls belong to no family ("").
    /// Not covered: GET /v1/.well-known/jwks.json (the webhook key set, which IdeogramGen.Webhooks reads), video,
    /// account, training and third-party routes, and the operations in newer-pending-operations.json.
    /// </summary>
    public static readonly NewerOperation[] NewerEndpoints =
    {
        new("/v1/edit", "post", "InstructionEdit", ApiFamilies.InstructionEdit),
        new("/v1/ideogram-v4/generate", "post", "GenerateV4", ApiFamilies.V4),
        new("/v1/remove-background", "post", "RemoveBackground", ApiFamilies.RemoveBackground),
        new("/v1/ideogram-v4/generate-transparent", "post", "GenerateTransparentV4", ApiFamilies.V4),
        new("/v1/ideogram-v4/remix", "post", "RemixV4", ApiFamilies.V4),
        new("/v1/ideogram-v4/magic-prompt", "post", "MagicPromptV4", ApiFamilies.V4),
        new("/v1/ideogram-v4/describe", "post", "DescribeV4", ApiFamilies.V4),
        new("/v1/ideogram-v4/async/generate", "post", "GenerateV4", ApiFamilies.V4, EndpointMode.AsyncSubmit, "GenerateV4"),
        new("/v1/ideogram-v4/async/generate-transparent", "post", "GenerateTransparentV4", ApiFamilies.V4, EndpointMode.AsyncSubmit, "GenerateTransparentV4"),
        new("/v1/ideogram-v4/async/remix", "post", "RemixV4", ApiFamilies.V4, EndpointMode.AsyncSubmit, "RemixV4"),
        // Asynchronous only (no synchronous image-to-image route is covered); the webhook_url query is required.
        new("/v1/ideogram-v4/async/image-to-image", "post", "ImageToImageV4", ApiFamilies.V4, EndpointMode.AsyncSubmit),
        new("/v1/ideogram-v45/generate", "post", "GenerateV45", ApiFamilies.V45),
        new("/v1/ideogram-v45/async/generate", "post", "GenerateV45", ApiFamilies.V45, EndpointMode.AsyncSubmit, "GenerateV45"),
        new("/v1/text-to-image/p-image-ideogram", "post", "GeneratePImage", ApiFamilies.PImage),
        new("/v1/async/text-to-image/p-image-ideogram", "post", "GeneratePImage", ApiFamilies.PImage, EndpointMode.AsyncSubmit, "GeneratePImage"),
        new("/v1/p-image-ideogram/very-low/generate", "post", "GeneratePImageVeryLow", ApiFamilies.PImage),
        new("/v1/p-image-ideogram/low/generate", "post", "GeneratePImageLow", ApiFamilies.PImage),
        new("/v1/p-image-ideogram/medium/generate", "post", "GeneratePImageMedium", ApiFamilies.PImage),
        new("/v1/p-image-ideogram/high/generate", "post", "GeneratePImageHigh", ApiFamilies.PImage),
        new("/v1/remove-object", "post", "RemoveObject", ApiFamilies.RemoveObject),
        new("/v1/generations/{generation_id}", "get", "GetGeneration", "", EndpointMode.Poll),
        new("/v2/image/generate/ideogram-4", "post", "GenerateV2Ideogram4", ApiFamilies.V2),
        new("/v2/image/generate/ideogram-4-5", "post", "GenerateV2Ideogram45", ApiFamilies.V2),
        new("/v2/image/generate/ideogram-3", "post", "GenerateV2Ideogram3", ApiFamilies.V2),
        new("/v2/image/reframe/ideogram-3", "post", "ReframeV2Ideogram3", ApiFamilies.V2),
        new("/v2/image/remix/auto", "post", "RemixV2Auto", ApiFamilies.V2),
        new("/v2/image/generate/ideogram-3-transparent", "post", "GenerateTransparentV2Ideogram3", ApiFamilies.V2),
        new("/v2/image/generate/ideogram-4-transparent", "post", "GenerateTransparentV2Ideogram4", ApiFamilies.V2),
        new("/v2/image/generate/p-image-ideogram", "post", "GenerateV2PImage", ApiFamilies.V2),
        new("/v2/image/precise-edit/ideogram-4-5", "post", "PreciseEditV2Ideogram45", ApiFamilies.V2),
        new("/v2/image/remix/ideogram-4", "post", "RemixV2Ideogram4", ApiFamilies.V2),
        new("/v2/image/upscale/auto", "post", "UpscaleV2Auto", ApiFamilies.V2),
        new("/v2/image/remove-background/ideogram-1", "post", "RemoveBackgroundV2Ideogram1", ApiFamilies.V2),
        new("/v2/image/describe/ideogram-3", "post", "DescribeV2Ideogram3", ApiFamilies.V2),
        new("/v2/image/describe/ideogram-4", "post", "DescribeV2Ideogram4", ApiFamilies.V2),
        new("/v2/image/inpaint/ideogram-3", "post", "InpaintV2Ideogram3", ApiFamilies.V2),
        new("/v2/design/layerize/ideogram-3", "post", "LayerizeV2Ideogram3", ApiFamilies.V2),
        new("/v2/image/generate/auto", "post", "GenerateV2Auto", ApiFamilies.V2),
        new("/v2/image/inpaint/ideogram-3-custom-model", "post", "InpaintV2Ideogram3CustomModel", ApiFamilies.V2),
        new("/v2/image/inpaint/ideogram-3-character", "post", "InpaintV2Ideogram3Character", ApiFamilies.V2),
        new("/v2/image/generate/ideogram-4-custom-model", "post", "GenerateV2Ideogram4CustomModel", ApiFamilies.V2),
        new("/v2/image/generate/ideogram-3-character", "post", "GenerateV2Ideogram3Character", ApiFamilies.V2),
        new("/v2/image/remix/ideogram-3-character", "post", "RemixV2Ideogram3Character", ApiFamilies.V2),
        new("/v2/image/remix/ideogram-3", "post", "RemixV2Ideogram3", ApiFamilies.V2),
        new("/v2/image/generate/ideogram-3-custom-model", "post", "GenerateV2Ideogram3CustomModel", ApiFamilies.V2),
        new("/v2/image/remix/ideogram-3-custom-model", "post", "RemixV2Ideogram3CustomModel", ApiFamilies.V2),
        new("/v2/image/generate/ideogram-2", "post", "GenerateV2Ideogram2", ApiFamilies.V2),
        new("/v2/image/generate/ideogram-2a", "post", "GenerateV2Ideogram2A", ApiFamilies.V2),
        // Always asynchronous (newer-facts.json async.v2.flag): they answer {generation_id}, polled at v2/generations.
        new("/v2/image/reframe/auto", "post", "ReframeV2Auto", ApiFamilies.V2, EndpointMode.AsyncSubmit),
        new("/v2/image/remove-object/ideogram-1", "post", "RemoveObjectV2Ideogram1", ApiFamilies.V2, EndpointMode.AsyncSubmit),
        new("/v2/image/replace-background/ideogram-3", "post", "ReplaceBackgroundV2Ideogram3", ApiFamilies.V2, EndpointMode.AsyncSubmit),
        new("/v2/generations/{generation_id}", "get", "GetGenerationV2", "", EndpointMode.Poll),
    };

    /// <summary>
    /// Request fields whose C# name is not the PascalCase of the wire name, so that one concept has one name across
    /// families. The wire names stay as Ideogram spells them.
    /// </summary>
    public static readonly Dictionary<string, string> FieldMembers = new()
    {
        // v3 and /v1/edit send magic_prompt; /v1/ideogram-v4 and the legacy routes send magic_prompt_option.
        ["magic_prompt_option"] = "MagicPrompt",
        // v3 and /v1/remove-background send image; the legacy routes send image_file.
        ["image_file"] = "Image",
    };

    /// <summary>Values the document still lists but Ideogram's public reference no longer documents.</summary>
    public static readonly Dictionary<string, Dictionary<string, string>> ObsoleteValues = new()
    {
        ["RenderingSpeed"] = new()
        {
            ["BALANCED"] = "BALANCED is no longer documented by Ideogram's API reference (which lists FLASH, TURBO, DEFAULT, QUALITY); use DEFAULT.",
        },
    };

    // ---- Product-name aliases (read by the analyzers' value fixes; not sent on the wire) ----------------------------

    /// <summary>
    /// Names people type for a vocabulary value, mapped to the value: Ideogram's product names for its models
    /// ("Ideogram 3.0", the v3 paths' "ideogram-v3") and their short forms. The analyzers look an unknown value up
    /// here (ignoring case, spaces and punctuation) before they fall back to edit distance. Every target must be a
    /// value of the vocabulary; the builder refuses the overlay otherwise.
    /// </summary>
    public static readonly Dictionary<string, Dictionary<string, string>> Aliases = new()
    {
        ["ModelEnum"] = new()
        {
            ["Ideogram 1.0"] = "V_1", ["ideogram-v1"] = "V_1", ["Ideogram 1"] = "V_1", ["v1.0"] = "V_1",
            ["Ideogram 1.0 Turbo"] = "V_1_TURBO", ["ideogram-v1-turbo"] = "V_1_TURBO", ["v1.0-turbo"] = "V_1_TURBO",
            ["Ideogram 2.0"] = "V_2", ["ideogram-v2"] = "V_2", ["Ideogram 2"] = "V_2", ["v2.0"] = "V_2",
            ["Ideogram 2.0 Turbo"] = "V_2_TURBO", ["ideogram-v2-turbo"] = "V_2_TURBO", ["v2.0-turbo"] = "V_2_TURBO",
            ["Ideogram 2a"] = "V_2A", ["ideogram-v2a"] = "V_2A", ["Ideogram 2.0a"] = "V_2A",
            ["Ideogram 2a Turbo"] = "V_2A_TURBO", ["ideogram-v2a-turbo"] = "V_2A_TURBO",
            ["Ideogram 3.0"] = "V_3", ["ideogram-v3"] = "V_3", ["Ideogram 3"] = "V_3", ["v3.0"] = "V_3", ["ideogram-3.0"] = "V_3",
        },
    };

    // -------------------------------------------------------------------------------------------------------------

    /// <summary>Response schema → C# type name.</summary>
    public static readonly Dictionary<string, string> Schemas = new()
    {
        ["GenerateImageResponse"] = "ImageLegacyResponse",
        ["ImageObject"] = "GeneratedImageLegacy",
        ["ImageGenerationResponseV3"] = "ImageV3Response",
        ["ImageGenerationObjectV3"] = "GeneratedImageV3",
        ["ImageGenerationResponseV4"] = "ImageV4Response",
        ["ImageGenerationObjectV4"] = "GeneratedImageV4",
        ["LayeredImageGenerationResponseV3"] = "LayeredImageV3Response",
        ["LayeredImageGenerationObjectV3"] = "LayeredImageV3",
        ["TextContainerV3"] = "TextContainerV3",
        ["TextItemV3"] = "TextItemV3",
        ["TextSpanV3"] = "TextSpanV3",
        ["ImageLayerV3"] = "ImageLayerV3",
        ["LayerizeTextResponse"] = "LayerizeTextV3Response",
        ["DetectedTextBlock"] = "DetectedTextBlockV3",
        ["DescribeResponse"] = "DescribeLegacyResponse",
        ["Description"] = "ImageDescriptionLegacy",
        ["V1EditImagesResponse"] = "InstructionEditResponse",
        ["V1EditImageObject"] = "InstructionEditImage",
        ["RemoveBackgroundResponse"] = "RemoveBackgroundResponse",
        ["RemoveBackgroundImageObject"] = "BackgroundRemovedImage",
        // 2026-10-07 document.
        ["AsyncImageGenerationResponseV4"] = "GenerationSubmittedV4Response",
        ["DescribeResponseV4"] = "DescribeV4Response",
        ["MagicPromptV4Response"] = "MagicPromptV4Response",
        ["RemoveObjectResponse"] = "RemoveObjectResponse",
        ["RemoveObjectImageObject"] = "ObjectRemovedImage",
        ["GenerationResponse"] = "GenerationResponse",
        ["GenerationResponse_data_inner"] = "GenerationDataItem",
        ["LayerizedTextBlock"] = "LayerizedTextBlock",
        ["TextColorSpan"] = "TextColorSpan",
        ["DescribeImageIdeogramV3Response"] = "DescribeV2Ideogram3Response",
        ["GeneratedDescription"] = "GeneratedDescriptionV2",
        ["DescribeImageIdeogramV4Response"] = "DescribeV2Ideogram4Response",
        ["GenerateImageIdeogramV3Response"] = "GenerateV2Ideogram3Response",
        ["ReframeImageIdeogramV3Response"] = "ReframeV2Ideogram3Response",
        ["ToolRemixResponse"] = "RemixV2AutoResponse",
        ["GenerateImageIdeogramV3TransparentResponse"] = "GenerateTransparentV2Ideogram3Response",
        ["GeneratedImageObject"] = "GeneratedImageV2",
        ["GenerateImageIdeogramV4Response"] = "GenerateV2Ideogram4Response",
        ["GenerateImageIdeogram45Response"] = "GenerateV2Ideogram45Response",
        ["GenerateImageIdeogramV4TransparentResponse"] = "GenerateTransparentV2Ideogram4Response",
        ["GenerateImagePImageIdeogramResponse"] = "GenerateV2PImageResponse",
        ["PreciseEditImageIdeogram45Response"] = "PreciseEditV2Ideogram45Response",
        ["ReframeImageAutoResponse"] = "ReframeV2AutoResponse",
        ["RemixImageIdeogramV4Response"] = "RemixV2Ideogram4Response",
        ["RemixedImageObject"] = "RemixedImageV2",
        ["RemoveBackgroundV2Response"] = "RemoveBackgroundV2Ideogram1Response",
        ["BackgroundRemovedImageObject"] = "BackgroundRemovedImageV2",
        ["RemoveObjectFromV2AssetsResponse"] = "RemoveObjectV2Ideogram1Response",
        ["ReplaceBackgroundResponse"] = "ReplaceBackgroundV2Ideogram3Response",
        ["UpscaleToolResponse"] = "UpscaleV2AutoResponse",
        ["UpscaleImageObject"] = "UpscaledImageV2",
        ["InpaintImageIdeogramV3Response"] = "InpaintV2Ideogram3Response",
        ["InpaintedImageObject"] = "InpaintedImageV2",
        ["LayerizeDesignIdeogramV3Response"] = "LayerizeV2Ideogram3Response",
        ["LayerizedImageObject"] = "LayerizedImageV2",
        ["GenerateImageV2AutoResponse"] = "GenerateV2AutoResponse",
        ["InpaintImageIdeogramV3CustomModelResponse"] = "InpaintV2Ideogram3CustomModelResponse",
        ["GenerateImageIdeogramV4CustomModelResponse"] = "GenerateV2Ideogram4CustomModelResponse",
        ["InpaintImageIdeogramV3CharacterResponse"] = "InpaintV2Ideogram3CharacterResponse",
        ["GenerateImageIdeogramV3CharacterResponse"] = "GenerateV2Ideogram3CharacterResponse",
        ["GenerateImageIdeogramV2Response"] = "GenerateV2Ideogram2Response",
        ["GenerateImageIdeogramV2AResponse"] = "GenerateV2Ideogram2AResponse",
        ["RemixImageIdeogramV3CharacterResponse"] = "RemixV2Ideogram3CharacterResponse",
        ["RemixImageIdeogramV3Response"] = "RemixV2Ideogram3Response",
        ["GenerateImageIdeogramV3CustomModelResponse"] = "GenerateV2Ideogram3CustomModelResponse",
        ["RemixImageIdeogramV3CustomModelResponse"] = "RemixV2Ideogram3CustomModelResponse",
    };

    public const string CloudflareIdeogramPage = "Cloudflare AI Gateway docs, Providers > Ideogram (usage/providers/ideogram)";
    public const string IdeogramReference = "Ideogram API reference (developer.ideogram.ai), documented v1 operations, 2026-08-03";

    // Text limits. The builder takes maxLength from the document wherever it states one (DescriptionBuilder.Field), and the
    // generated Validate() enforces it. No limit is listed here because Ideogram states none for the covered fields:
    // the 2026-04-27 document has no maxLength on any of them; Ideogram's reference pages for the covered operations
    // (developer.ideogram.ai api-reference "Generate with Ideogram 3.0", "Generate with Ideogram 4.0") give no prompt
    // length; and Ideogram's own openapi.json of 2026-10-07 (copy in qmediat/ideogram-mcp, spec/openapi.json at
    // e312b2341395bb7db7c20f56036cb48cee17e863) states "maxLength": 10000 for prompt and negative_prompt only on its
    // /v2 routes (GenerateImageV2AutoRequest and the other v2 bodies), not on GenerateImageRequestV3, GenerateImageRequestV4
    // or the legacy ImageRequest. Third-party pages quoting other limits are not Ideogram's reference.

    /// <summary>Fields not in the document that a covered endpoint accepts, with their source.</summary>
    public static readonly Dictionary<string, ApiField[]> ExtraFields = new()
    {
        // Cloudflare's own example body is {"prompt": ..., "model": "V_3"}; the v3 schema allows additional properties.
        ["/v1/ideogram-v3/generate"] = new[]
        {
            new ApiField
            {
                Name = "model", Member = "Model", Kind = ValueKind.Enum, Enum = "ModelEnum",
                Description = "Model name, as in Cloudflare's Ideogram example body (\"model\": \"V_3\"). Not part of Ideogram's v3 schema, which implies the model from the path; sent only when set.",
                Source = CloudflareIdeogramPage,
            },
        },
    };

    /// <summary>Where the first extra field is inserted (after this field), to keep Cloudflare's example order.</summary>
    public static readonly Dictionary<string, string> ExtraFieldsAfter = new()
    {
        ["/v1/ideogram-v3/generate"] = "prompt",
    };

    /// <summary>Endpoint-specific narrowing of a vocabulary: (path, field) → values removed, with source.</summary>
    public static readonly (string Path, string Field, string[] Removed, string Source)[] Narrowing =
    {
        ("/v1/ideogram-v3/generate-transparent", "rendering_speed", new[] { "FLASH" },
            IdeogramReference + ": \"rendering_speed=FLASH is not supported for transparent-background generation; the request will return a 400.\""),
    };

    /// <summary>Endpoint-specific restriction to a subset: (path, field) → values kept, with source.</summary>
    public static readonly (string Path, string Field, string[] Kept, string Source)[] Restriction =
    {
        ("/edit", "model", new[] { "V_2", "V_2_TURBO" },
            "OpenAPI ModelEnum description: \"/edit is only supported for V_2 and V_2_TURBO.\""),
    };

    /// <summary>Model-dependent field rules of the legacy family, quoted from the document's field descriptions.</summary>
    public static readonly (string Field, string[] NotWithModels, string Quote)[] LegacyModelRules =
    {
        ("style_type", new[] { "V_1", "V_1_TURBO" },
            "style_type: \"only applicable for models V_2 and above and should not be specified for model versions V_1.\""),
        ("negative_prompt", new[] { "V_2A", "V_2A_TURBO", "V_3" },
            "negative_prompt: \"Only available for model versions V_1, V_1_TURBO, V_2 and V_2_TURBO.\""),
        ("color_palette", new[] { "V_1", "V_1_TURBO", "V_2A", "V_2A_TURBO" },
            "color_palette: \"Not supported by V_1, V_1_TURBO, V_2A and V_2A_TURBO models.\""),
    };
}
