using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using IdeogramGen.ApiDescription;
using IdeogramGen.ApiDescription.Builder;

namespace IdeogramGen.Tests.Description;

/// <summary>The API description agrees with Ideogram's OpenAPI document: nothing missing, nothing invented.</summary>
public class DescriptionTests
{
    private static readonly JsonElement Document = JsonDocument.Parse(File.ReadAllText(TestPaths.InRepo("description", "ideogram-openapi.json"))).RootElement;
    private static JsonElement Schemas => Document.GetProperty("components").GetProperty("schemas");

    public static TheoryData<string> OpenApiEndpoints()
    {
        var data = new TheoryData<string>();
        foreach (var e in IdeogramApi.Endpoints.Where(e => e.Source == "openapi")) data.Add(e.Path);
        return data;
    }

    [Fact]
    public void Derived_files_are_current()
    {
        var result = DescriptionBuilder.Build(File.ReadAllText(TestPaths.InRepo("description", "ideogram-openapi.json")), File.ReadAllText(TestPaths.InRepo(DescriptionBuilder.NewerDocumentPath)));
        Assert.Equal(result.DescriptionSource, File.ReadAllText(TestPaths.InRepo(DescriptionBuilder.DescriptionOutputPath)));
        Assert.Equal(result.VocabularySource, File.ReadAllText(TestPaths.InRepo(DescriptionBuilder.VocabularyOutputPath)));
    }

    [Fact]
    public void Document_hash_matches_the_vendored_file()
    {
        var bytes = File.ReadAllBytes(TestPaths.InRepo("description", "ideogram-openapi.json"));
        var hash = System.Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant();
        Assert.Equal(IdeogramApi.DocumentSha256, hash);
    }

    [Fact]
    public void Newer_document_hash_matches_the_vendored_file()
    {
        var text = File.ReadAllText(TestPaths.InRepo(DescriptionBuilder.NewerDocumentPath));
        var hash = System.Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
        Assert.Equal(IdeogramApi.NewerDocumentSha256, hash);
    }

    [Fact]
    public void Covers_every_image_endpoint_of_the_issue()
    {
        var expected = new[]
        {
            "/v1/ideogram-v4/generate-transparent", "/v1/ideogram-v4/remix", "/v1/ideogram-v4/magic-prompt", "/v1/ideogram-v4/describe",
            "/v1/ideogram-v4/async/generate", "/v1/ideogram-v4/async/generate-transparent", "/v1/ideogram-v4/async/remix",
            "/v1/ideogram-v45/generate", "/v1/ideogram-v45/async/generate", "/v1/text-to-image/p-image-ideogram", "/v1/async/text-to-image/p-image-ideogram",
            "/v1/p-image-ideogram/very-low/generate", "/v1/p-image-ideogram/low/generate", "/v1/p-image-ideogram/medium/generate", "/v1/p-image-ideogram/high/generate",
            "/v1/remove-object", "/v1/generations/{generation_id}", "/v2/generations/{generation_id}",
            "/v2/image/generate/ideogram-4", "/v2/image/generate/ideogram-4-5", "/v2/image/generate/ideogram-3", "/v2/image/reframe/ideogram-3", "/v2/image/remix/auto", "/v2/image/generate/ideogram-3-transparent", "/v2/image/generate/ideogram-4-transparent",
            "/v2/image/generate/p-image-ideogram", "/v2/image/precise-edit/ideogram-4-5", "/v2/image/remix/ideogram-4", "/v2/image/upscale/auto",
            "/v2/image/remove-background/ideogram-1", "/v2/image/describe/ideogram-3", "/v2/image/describe/ideogram-4", "/v2/image/reframe/auto",
            "/v2/image/remove-object/ideogram-1", "/v2/image/replace-background/ideogram-3", "/v2/image/inpaint/ideogram-3", "/v2/design/layerize/ideogram-3", "/v2/image/generate/auto", "/v2/image/inpaint/ideogram-3-custom-model", "/v2/image/generate/ideogram-4-custom-model", "/v2/image/inpaint/ideogram-3-character", "/v1/ideogram-v4/async/image-to-image",
            "/v2/image/generate/ideogram-3-character", "/v2/image/remix/ideogram-3-character", "/v2/image/remix/ideogram-3", "/v2/image/generate/ideogram-3-custom-model", "/v2/image/remix/ideogram-3-custom-model", "/v2/image/generate/ideogram-2", "/v2/image/generate/ideogram-2a",
            "/v1/ideogram-v3/generate", "/v1/ideogram-v3/edit", "/v1/ideogram-v3/inpaint", "/v1/ideogram-v3/remix", "/v1/ideogram-v3/reframe",
            "/v1/ideogram-v3/replace-background", "/v1/ideogram-v3/generate-transparent", "/v1/ideogram-v3/generate-design",
            "/v1/ideogram-v3/layerize-design", "/v1/ideogram-v3/layerize-text", "/v1/ideogram-v3/try-on", "/v1/ideogram-v3/graphic",
            "/v1/edit", "/v1/ideogram-v4/generate", "/generate", "/remix", "/upscale", "/edit", "/reframe", "/describe", "/v1/remove-background",
        };
        Assert.Equal(expected.OrderBy(x => x), IdeogramApi.Endpoints.Select(e => e.Path).OrderBy(x => x));
        Assert.True(IdeogramApi.FindEndpoint("/v1/ideogram-v3/graphic")!.Deprecated);
        Assert.Equal("openapi 2026-10-07 #/paths/~1v1~1remove-background/post", IdeogramApi.FindEndpoint("/v1/remove-background")!.Source);
        Assert.False(Document.GetProperty("paths").TryGetProperty("/v1/remove-background", out _));
    }

    [Theory]
    [MemberData(nameof(OpenApiEndpoints))]
    public void Fields_are_exactly_the_documents(string path)
    {
        var endpoint = IdeogramApi.FindEndpoint(path)!;
        var op = Document.GetProperty("paths").GetProperty(path).GetProperty("post");
        var content = op.GetProperty("requestBody").GetProperty("content");
        var body = content.TryGetProperty("multipart/form-data", out var mp) ? mp : content.GetProperty("application/json");
        var schema = Resolve(body.GetProperty("schema"));
        var documented = new Dictionary<string, (JsonElement Schema, bool Required)>();
        Collect(schema, documented);
        if (documented.Remove("image_request", out var wrapper)) Collect(Resolve(wrapper.Schema), documented);

        foreach (var name in documented.Keys)
            Assert.True(endpoint.Field(name) != null, $"{path}: document field {name} is missing");
        foreach (var f in endpoint.Fields)
            Assert.True(documented.ContainsKey(f.Name) || (f.Source != "openapi" && f.Source.Length > 0), $"{path}: field {f.Name} is not in the document and names no other source");
        foreach (var f in endpoint.Fields.Where(f => documented.ContainsKey(f.Name)))
        {
            var (fieldSchema, required) = documented[f.Name];
            Assert.Equal(required, f.Required);
            var resolved = Resolve(fieldSchema);
            if (resolved.TryGetProperty("minimum", out var min) && resolved.GetProperty("type").GetString() == "integer") Assert.Equal(min.GetInt64(), f.Minimum);
            if (resolved.TryGetProperty("maximum", out var max) && resolved.GetProperty("type").GetString() == "integer") Assert.Equal(max.GetInt64(), f.Maximum);
            if (fieldSchema.TryGetProperty("$ref", out var r) && resolved.TryGetProperty("enum", out _))
                Assert.Equal(RefName(r.GetString()!), f.Enum);
        }
    }

    [Fact]
    public void Vocabularies_have_exactly_the_documents_values()
    {
        foreach (var e in IdeogramApi.Enums.Where(e => e.Source == "openapi"))
        {
            var values = Schemas.GetProperty(e.Name).GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ToArray();
            Assert.Equal(values, e.Values);
        }
    }

    [Fact]
    public void Endpoint_subsets_only_remove_documented_values()
    {
        foreach (var e in IdeogramApi.Endpoints)
            foreach (var f in e.Fields.Where(f => f.AllowedValues != null))
            {
                var vocabulary = IdeogramApi.FindEnum(f.Enum!)!;
                Assert.All(f.AllowedValues!, v => Assert.Contains(v, vocabulary.Values));
                Assert.NotEqual("openapi", f.Source);
            }
        var transparent = IdeogramApi.FindEndpoint("/v1/ideogram-v3/generate-transparent")!.Field("rendering_speed")!;
        Assert.DoesNotContain("FLASH", transparent.AllowedValues!);
        Assert.Equal(new[] { "V_2", "V_2_TURBO" }, IdeogramApi.FindEndpoint("/edit")!.Field("model")!.AllowedValues);
    }

    [Fact]
    public void Response_shapes_have_the_documents_properties()
    {
        foreach (var s in IdeogramApi.Schemas.Where(s => s.Source == "openapi"))
        {
            var documented = new Dictionary<string, (JsonElement, bool)>();
            Collect(Schemas.GetProperty(s.Name), documented);
            Assert.Equal(documented.Keys.OrderBy(k => k), s.Properties.Select(p => p.Name).OrderBy(k => k));
            foreach (var p in s.Properties) Assert.Equal(documented[p.Name].Item2, p.Required);
        }
    }

    [Fact]
    public void Stated_exclusions_are_rules()
    {
        var generate = IdeogramApi.FindEndpoint("/v1/ideogram-v3/generate")!;
        bool Has(ApiEndpoint e, string a, string b) => e.Rules.Any(r => r.Kind == RuleKind.MutuallyExclusive && r.Fields.Contains(a) && r.Fields.Contains(b));
        Assert.True(Has(generate, "aspect_ratio", "resolution"));
        Assert.True(Has(generate, "style_codes", "style_type"));
        Assert.True(Has(generate, "style_codes", "style_reference_images"));
        Assert.Contains(generate.Rules, r => r.Kind == RuleKind.SameCount && r.Fields.SequenceEqual(new[] { "character_reference_images", "character_reference_images_mask" }));
        Assert.Equal(1, generate.Field("character_reference_images")!.MaxItems);
        Assert.Equal("^[0-9a-fA-F]{8}$", generate.Field("style_codes")!.Pattern);
        var legacy = IdeogramApi.FindEndpoint("/generate")!;
        Assert.Contains(legacy.Rules, r => r.Kind == RuleKind.NotWithValues && r.Fields[0] == "negative_prompt" && r.WhenValues.Contains("V_3"));
    }

    [Fact]
    public void Palette_limits_are_the_documents()
    {
        var members = Schemas.GetProperty("ColorPaletteWithMembers").GetProperty("properties").GetProperty("members");
        var member = Schemas.GetProperty("ColorPaletteMember").GetProperty("properties");
        Assert.Equal(members.GetProperty("minItems").GetInt32(), IdeogramApi.ColorPalette.MinMembers);
        Assert.Equal(members.GetProperty("maxItems").GetInt32(), IdeogramApi.ColorPalette.MaxMembers);
        Assert.Equal(member.GetProperty("color_weight").GetProperty("minimum").GetDouble(), IdeogramApi.ColorPalette.MinWeight);
        Assert.Equal(member.GetProperty("color_weight").GetProperty("maximum").GetDouble(), IdeogramApi.ColorPalette.MaxWeight);
        Assert.Equal(member.GetProperty("color_hex").GetProperty("pattern").GetString(), IdeogramApi.ColorPalette.HexPattern);
        Assert.NotNull(IdeogramApi.FindEnum(IdeogramApi.ColorPalette.PresetEnum));
    }

    [Fact]
    public void The_v2_palette_is_the_newer_documents_with_lowercase_presets_and_v1s_members()
    {
        var newer = JsonDocument.Parse(File.ReadAllText(TestPaths.InRepo(DescriptionBuilder.NewerDocumentPath))).RootElement.GetProperty("components").GetProperty("schemas");
        var v2 = IdeogramApi.ColorPaletteV2;
        Assert.Equal("IdeogramColorPalette", v2.Schema);
        Assert.Equal("openapi 2026-10-07 #/components/schemas/IdeogramColorPalette", v2.Source);
        Assert.Equal(new[] { "#/components/schemas/IdeogramColorPaletteWithPresetName", "#/components/schemas/ColorPaletteWithMembers" },
            newer.GetProperty("IdeogramColorPalette").GetProperty("oneOf").EnumerateArray().Select(b => b.GetProperty("$ref").GetString()));
        var members = newer.GetProperty("ColorPaletteWithMembers").GetProperty("properties").GetProperty("members");
        var member = newer.GetProperty("ColorPaletteMember").GetProperty("properties");
        Assert.Equal(members.GetProperty("minItems").GetInt32(), v2.MinMembers);
        Assert.Equal(members.GetProperty("maxItems").GetInt32(), v2.MaxMembers);
        Assert.Equal(member.GetProperty("color_weight").GetProperty("minimum").GetDouble(), v2.MinWeight);
        Assert.Equal(member.GetProperty("color_weight").GetProperty("maximum").GetDouble(), v2.MaxWeight);
        Assert.Equal(member.GetProperty("color_hex").GetProperty("pattern").GetString(), v2.HexPattern);
        // The runtime's one ColorPaletteRules serves both kinds only while their member limits agree.
        Assert.Equal((IdeogramApi.ColorPalette.MinMembers, IdeogramApi.ColorPalette.MaxMembers, IdeogramApi.ColorPalette.MinWeight, IdeogramApi.ColorPalette.MaxWeight, IdeogramApi.ColorPalette.HexPattern),
            (v2.MinMembers, v2.MaxMembers, v2.MinWeight, v2.MaxWeight, v2.HexPattern));
        var presets = IdeogramApi.FindEnum(v2.PresetEnum)!;
        Assert.Equal("ColorPalettePresetV2", presets.TypeName);
        Assert.Equal(newer.GetProperty("IdeogramColorPalettePresetName").GetProperty("enum").EnumerateArray().Select(v => v.GetString()), presets.Values);
        Assert.Equal(IdeogramApi.FindEnum(IdeogramApi.ColorPalette.PresetEnum)!.Values.Select(v => v.ToLowerInvariant()), presets.Values);
        // Every palette field names its kind: v1 routes the v1 palette, /v2 routes the v2 one.
        var fields = IdeogramApi.Endpoints.SelectMany(e => e.Fields.Select(f => (e, f))).Where(x => x.f.Kind == ValueKind.ColorPalette).ToList();
        Assert.Contains(fields, x => x.f.Palette == v2.Schema);
        Assert.All(fields, x => Assert.Equal(x.e.Path.StartsWith("/v2/", System.StringComparison.Ordinal) ? v2 : IdeogramApi.ColorPalette, IdeogramApi.PaletteOf(x.f)));
    }

    [Fact]
    public void Every_file_field_names_its_media_types()
    {
        foreach (var e in IdeogramApi.Endpoints)
            foreach (var f in e.Fields.Where(f => f.Kind is ValueKind.File or ValueKind.FileArray))
            {
                Assert.NotNull(f.MediaTypes);
                Assert.Equal(f.Description.Contains(".ttf"), ApiMediaTypes.IsFont(f));
                Assert.NotNull(f.MaxBytes);
            }
        Assert.Equal(5 * 1024 * 1024, IdeogramApi.FindEndpoint("/v1/ideogram-v3/generate-design")!.Field("font_file_h1")!.MaxBytes);
    }

    private static JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var r) ? Schemas.GetProperty(RefName(r.GetString()!)) : schema;

    private static string RefName(string reference) => reference[(reference.LastIndexOf('/') + 1)..];

    private static void Collect(JsonElement schema, Dictionary<string, (JsonElement, bool)> into)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("allOf", out var allOf)) foreach (var part in allOf.EnumerateArray()) Collect(part, into);
        var required = schema.TryGetProperty("required", out var req) ? req.EnumerateArray().Select(x => x.GetString()).ToHashSet() : new HashSet<string?>();
        if (schema.TryGetProperty("properties", out var props))
            foreach (var p in props.EnumerateObject()) into[p.Name] = (p.Value, required.Contains(p.Name));
        foreach (var name in required) if (name != null && into.TryGetValue(name, out var v)) into[name] = (v.Item1, true);
    }
}
