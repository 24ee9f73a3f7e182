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
        ["RenderingSpeed"] = ("RenderingSpeed", "", null),
        ["StyleTypeV3"] = ("StyleTypeV3", "", null),
        ["StylePresetV3"] = ("StylePresetV3", "Style", null),
        ["ColorPalettePresetName"] = ("ColorPalettePreset", "", null),
        ["UpscaleFactor"] = ("UpscaleFactor", "", null),
        ["DescribeModelVersion"] = ("DescribeModelVersion", "", null),
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
        ["RemoveBackgroundObject"] = "BackgroundRemovedImage",
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

    /// <summary>/v1/remove-background: in Ideogram's public reference but not in the 2026-04-27 document.</summary>
    public static ApiEndpoint RemoveBackground() => new()
    {
        Name = "RemoveBackground",
        Path = "/v1/remove-background",
        Family = ApiFamilies.RemoveBackground,
        OperationId = "post_remove_background",
        Summary = "Remove background",
        Description = "Removes the background of an image, returning an image with a transparent background.",
        AcceptsJson = false,
        AcceptsMultipart = true,
        Encoding = BodyEncoding.Flat,
        Response = "RemoveBackgroundResponse",
        ErrorStatuses = new[] { 400, 401, 422, 429 },
        Source = IdeogramReference + " (not in the 2026-04-27 OpenAPI document)",
        ApiVersion = "v1",
        DocumentDate = IdeogramReference,
        Fields = new[]
        {
            new ApiField
            {
                Name = "image", Member = "Image", Kind = ValueKind.File, Required = true, MaxBytes = 10 * 1024 * 1024, MediaTypes = ApiMediaTypes.Images,
                Description = "The image whose background is removed (max size 10MB); JPEG, WebP and PNG formats are supported.",
                Source = IdeogramReference,
            },
        },
    };

    public static ApiSchema[] RemoveBackgroundSchemas() => new[]
    {
        new ApiSchema
        {
            Name = "RemoveBackgroundResponse", TypeName = "RemoveBackgroundResponse", Source = IdeogramReference,
            Description = "The images with their background removed. Image links are available for a limited period of time.",
            Properties = new[]
            {
                new ApiProperty { Name = "created", Member = "Created", Kind = ValueKind.DateTime, Description = "The time the request was created." },
                new ApiProperty { Name = "data", Member = "Data", Kind = ValueKind.ObjectArray, Ref = "RemoveBackgroundObject", Required = true, Description = "The resulting images." },
            },
        },
        new ApiSchema
        {
            Name = "RemoveBackgroundObject", TypeName = "BackgroundRemovedImage", Source = IdeogramReference,
            Description = "One image with its background removed.",
            Properties = new[]
            {
                new ApiProperty { Name = "url", Member = "Url", Kind = ValueKind.String, Nullable = true, Description = "The direct link to the image. Empty when the image fails safety checks." },
                new ApiProperty { Name = "is_image_safe", Member = "IsImageSafe", Kind = ValueKind.Boolean, Required = true, Description = "Whether the image passes safety checks. If false, the url field will be empty." },
            },
        },
    };
}
