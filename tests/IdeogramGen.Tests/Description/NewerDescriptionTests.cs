using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using IdeogramGen.ApiDescription;
using IdeogramGen.ApiDescription.Builder;

namespace IdeogramGen.Tests.Description;

/// <summary>
/// The description agrees with Ideogram's 2026-10-07 document for every operation it takes from there: every field,
/// parameter and enum value present, none invented, none dropped; where both documents have an operation the newer
/// shape is the one described; every source pointer resolves and every fact the description relies on has a source.
/// </summary>
public class NewerDescriptionTests
{
    private static readonly JsonElement Newer = JsonDocument.Parse(File.ReadAllText(TestPaths.InRepo(DescriptionBuilder.NewerDocumentPath))).RootElement;
    private static readonly JsonElement Older = JsonDocument.Parse(File.ReadAllText(TestPaths.InRepo("description", "ideogram-openapi.json"))).RootElement;
    private static readonly JsonElement Facts = JsonDocument.Parse(File.ReadAllText(TestPaths.InRepo("description", "newer-facts.json"))).RootElement;
    private static JsonElement Schemas => Newer.GetProperty("components").GetProperty("schemas");
    private const long MB = 1024 * 1024;

    public static TheoryData<string> NewerEndpoints()
    {
        var data = new TheoryData<string>();
        foreach (var e in IdeogramApi.Endpoints.Where(e => e.DocumentDate == "2026-10-07")) data.Add(e.Path);
        return data;
    }

    private static bool TryResolve(JsonElement document, string pointer, out JsonElement target)
    {
        target = document;
        if (!pointer.StartsWith("#/", StringComparison.Ordinal)) return false;
        foreach (var raw in pointer.Substring(2).Split('/'))
        {
            var token = raw.Replace("~1", "/").Replace("~0", "~");
            if (target.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index >= 0 && index < target.GetArrayLength()) { target = target[index]; continue; }
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(token, out target)) return false;
        }
        return true;
    }

    private static string? SingleRef(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var r)) return RefName(r.GetString()!);
        if (schema.TryGetProperty("allOf", out var all) && all.GetArrayLength() == 1 && all[0].TryGetProperty("$ref", out var ar)) return RefName(ar.GetString()!);
        return null;
    }

    private static JsonElement Resolve(JsonElement schema) => SingleRef(schema) is { } name ? Schemas.GetProperty(name) : schema;

    private static string RefName(string reference) => reference[(reference.LastIndexOf('/') + 1)..];

    private static void Collect(JsonElement schema, Dictionary<string, (JsonElement Schema, bool Required)> into)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("allOf", out var allOf)) foreach (var part in allOf.EnumerateArray()) Collect(part, into);
        var required = schema.TryGetProperty("required", out var req) ? req.EnumerateArray().Select(x => x.GetString()).ToHashSet() : new HashSet<string?>();
        if (schema.TryGetProperty("properties", out var props))
            foreach (var p in props.EnumerateObject()) into[p.Name] = (p.Value, required.Contains(p.Name));
    }

    private static string[]? EnumValues(JsonElement fieldSchema)
    {
        var resolved = Resolve(fieldSchema);
        return resolved.TryGetProperty("enum", out var e) ? e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray() : null;
    }

    [Fact]
    public void Describes_every_covered_operation_but_the_webhook_key_set()
    {
        var documented = new List<(string, string)>();
        foreach (var path in Newer.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
                if (path.Name != "/v1/.well-known/jwks.json") documented.Add((path.Name, op.Name.ToUpperInvariant()));
        var described = IdeogramApi.Endpoints.Where(e => e.DocumentDate == "2026-10-07").Select(e => (e.Path, e.Method)).ToList();
        Assert.Equal(documented.OrderBy(x => x), described.OrderBy(x => x));
        Assert.Null(IdeogramApi.FindEndpoint("/v1/.well-known/jwks.json"));
    }

    [Theory]
    [MemberData(nameof(NewerEndpoints))]
    public void Fields_and_parameters_are_exactly_the_documents(string path)
    {
        var endpoint = IdeogramApi.FindEndpoint(path)!;
        var op = Newer.GetProperty("paths").GetProperty(path).GetProperty(endpoint.Method.ToLowerInvariant());
        Assert.Equal("openapi 2026-10-07 #/paths/" + path.Replace("~", "~0").Replace("/", "~1") + "/" + endpoint.Method.ToLowerInvariant(), endpoint.Source);
        Assert.Equal(op.GetProperty("operationId").GetString(), endpoint.OperationId);

        var parameters = op.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray() : Array.Empty<string>();
        Assert.Equal(parameters, endpoint.Parameters.Select(p => p.Name));

        var documented = new Dictionary<string, (JsonElement Schema, bool Required)>();
        if (op.TryGetProperty("requestBody", out var body))
        {
            var content = body.GetProperty("content");
            Assert.Equal(content.TryGetProperty("application/json", out _), endpoint.AcceptsJson);
            Assert.Equal(content.TryGetProperty("multipart/form-data", out _), endpoint.AcceptsMultipart);
            // The multipart schema where there is one (a superset of the JSON one: files travel only in multipart).
            var bodySchema = (content.TryGetProperty("multipart/form-data", out var mp) ? mp : content.GetProperty("application/json")).GetProperty("schema");
            Collect(bodySchema, documented);
            if (content.TryGetProperty("application/json", out var json) && content.TryGetProperty("multipart/form-data", out _))
            {
                var jsonFields = new Dictionary<string, (JsonElement, bool)>();
                Collect(json.GetProperty("schema"), jsonFields);
                Assert.All(jsonFields.Keys, k => Assert.True(documented.ContainsKey(k), $"{path}: JSON field {k} is not in the multipart schema"));
            }
        }
        else Assert.Empty(endpoint.Fields);

        foreach (var name in documented.Keys)
            Assert.True(endpoint.Field(name) != null, $"{path}: document field {name} is missing");
        foreach (var f in endpoint.Fields)
            Assert.True(documented.ContainsKey(f.Name), $"{path}: field {f.Name} is not in the document");
        foreach (var f in endpoint.Fields)
        {
            var (schema, required) = documented[f.Name];
            Assert.Equal(required, f.Required);
            Assert.StartsWith("openapi 2026-10-07 #/components/schemas/", f.Source);
            var resolved = Resolve(schema);
            var type = resolved.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type == "integer")
            {
                Assert.Equal(resolved.TryGetProperty("minimum", out var min) ? min.GetInt64() : null, f.Minimum);
                Assert.Equal(resolved.TryGetProperty("maximum", out var max) ? max.GetInt64() : null, f.Maximum);
            }
            if (type == "string" && resolved.TryGetProperty("maxLength", out var ml)) Assert.Equal(ml.GetInt32(), f.MaxLength);
            if (type == "array")
            {
                Assert.Equal(resolved.TryGetProperty("maxItems", out var mi) ? mi.GetInt32() : (int?)null, f.MaxItems);
                Assert.Equal(resolved.TryGetProperty("minItems", out var mn) ? mn.GetInt32() : (int?)null, f.MinItems);
            }
            if (EnumValues(schema) is { } values)
            {
                Assert.Equal(ValueKind.Enum, f.Kind);
                var vocabulary = IdeogramApi.FindEnum(f.Enum!)!;
                Assert.Equal(values, vocabulary.Values);
                Assert.All(f.AllowedValues ?? Array.Empty<string>(), v => Assert.Contains(v, values));
                if (SingleRef(schema) is { } refName) Assert.Equal(refName, f.Enum);
            }
            if (SingleRef(schema) is { } objectRef && Resolve(schema).TryGetProperty("properties", out _)) Assert.Equal(objectRef, f.Ref);
        }
    }

    [Fact]
    public void Nested_request_objects_have_exactly_the_documents_fields()
    {
        Assert.NotEmpty(IdeogramApi.RequestSchemas);
        foreach (var s in IdeogramApi.RequestSchemas)
        {
            var schema = Schemas.GetProperty(s.Name);
            var documented = new Dictionary<string, (JsonElement Schema, bool Required)>();
            if (schema.TryGetProperty("oneOf", out var variants))
            {
                // A discriminated union: every variant's fields; required only where every variant requires it.
                var all = variants.EnumerateArray().Select(v => { var d = new Dictionary<string, (JsonElement, bool)>(); Collect(v, d); return d; }).ToList();
                foreach (var d in all) foreach (var kv in d) documented.TryAdd(kv.Key, (kv.Value.Item1, all.All(x => x.TryGetValue(kv.Key, out var o) && o.Item2)));
                var tag = schema.GetProperty("discriminator").GetProperty("propertyName").GetString()!;
                var mapping = schema.GetProperty("discriminator").GetProperty("mapping").EnumerateObject().Select(m => m.Name).ToArray();
                Assert.Equal(mapping, IdeogramApi.FindEnum(s.Field(tag)!.Enum!)!.Values);
            }
            else Collect(schema, documented);
            Assert.Equal(documented.Keys.OrderBy(k => k), s.Fields.Select(f => f.Name).OrderBy(k => k));
            foreach (var f in s.Fields) Assert.Equal(documented[f.Name].Required, f.Required);
        }
        var identifier = IdeogramApi.FindRequestSchema("AssetIdentifier")!;
        Assert.Equal("^[A-Za-z0-9_-]{22}$", identifier.Field("collection_id")!.Pattern);
        Assert.Equal("AssetType", identifier.Field("asset_type")!.Enum);
        var element = IdeogramApi.FindRequestSchema("V4PromptElement")!;
        Assert.Equal((0L, 1000L, 4, 4), (element.Field("bbox")!.Minimum!.Value, element.Field("bbox")!.Maximum!.Value, element.Field("bbox")!.MinItems!.Value, element.Field("bbox")!.MaxItems!.Value));
    }

    [Fact]
    public void Newer_vocabularies_and_response_shapes_are_the_documents()
    {
        foreach (var e in IdeogramApi.Enums.Where(e => e.Source != "openapi"))
        {
            var pointer = ApiSources.NewerPointer(e.Source)!;
            Assert.True(TryResolve(Newer, pointer, out var schema), $"{e.TypeName}: {pointer} does not resolve");
            // A union's discriminator vocabulary points at the mapping, whose keys are its values.
            var values = schema.TryGetProperty("enum", out var list)
                ? list.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)
                : schema.EnumerateObject().Select(m => m.Name);
            Assert.Equal(values, e.Values);
        }
        foreach (var s in IdeogramApi.Schemas.Where(s => s.Source != "openapi"))
        {
            var schema = Schemas.GetProperty(s.Name);
            var documented = new Dictionary<string, (JsonElement, bool)>();
            if (schema.TryGetProperty("oneOf", out var variants)) foreach (var v in variants.EnumerateArray()) Collect(v, documented);
            else Collect(schema, documented);
            Assert.Equal(documented.Keys.OrderBy(k => k), s.Properties.Select(p => p.Name).OrderBy(k => k));
        }
    }

    [Fact]
    public void Where_both_documents_have_an_operation_the_newer_shape_wins()
    {
        foreach (var path in new[] { "/v1/edit", "/v1/ideogram-v4/generate" })
        {
            Assert.True(Older.GetProperty("paths").TryGetProperty(path, out _));
            Assert.Equal("2026-10-07", IdeogramApi.FindEndpoint(path)!.DocumentDate);
        }
        var v4 = IdeogramApi.FindEndpoint("/v1/ideogram-v4/generate")!;
        Assert.Null(v4.Field("prompt"));
        Assert.Null(v4.Field("num_images"));
        Assert.Equal(ValueKind.String, v4.Field("text_prompt")!.Kind);
        Assert.Equal("V4JsonPrompt", v4.Field("json_prompt")!.Ref);
        Assert.Equal("application/json", v4.Field("json_prompt")!.PartContentType);
        Assert.Contains(v4.Rules, r => r.Kind == RuleKind.AtLeastOne && r.Fields.SequenceEqual(new[] { "text_prompt", "json_prompt" }));
        Assert.Contains(v4.Rules, r => r.Kind == RuleKind.MutuallyExclusive && r.Fields.SequenceEqual(new[] { "json_prompt", "text_prompt" }));
        Assert.DoesNotContain("FLASH", v4.Field("rendering_speed")!.AllowedValues!);
        Assert.Equal(38, IdeogramApi.FindEnum("ResolutionV4")!.Values.Length);

        var edit = IdeogramApi.FindEndpoint("/v1/edit")!;
        Assert.Equal(25 * MB, edit.Field("images")!.MaxBytes);
        Assert.Equal(10, edit.Field("images")!.MaxItems);
        Assert.Equal(ValueKind.Boolean, edit.Field("transparent_background")!.Kind);
        Assert.Equal(25 * MB, IdeogramApi.FindEndpoint("/v1/remove-background")!.Field("image")!.MaxBytes);
    }

    [Fact]
    public void Upload_limits_are_the_stated_ones()
    {
        void Is(string path, string field, long mb) => Assert.True(mb * MB == IdeogramApi.FindEndpoint(path)!.Field(field)!.MaxBytes, $"{path} {field}: {IdeogramApi.FindEndpoint(path)!.Field(field)!.MaxBytes} bytes, not {mb} MB");
        // uploads.v1.25mb
        Is("/v1/edit", "images", 25); Is("/v1/ideogram-v4/remix", "image", 25); Is("/v1/ideogram-v4/describe", "image_file", 25);
        Is("/v1/remove-background", "image", 25); Is("/v1/remove-object", "image", 25);
        // uploads.v2.limits
        Is("/v2/image/generate/ideogram-4-5", "images", 25); Is("/v2/image/remove-background/ideogram-1", "image", 25);
        Is("/v2/image/precise-edit/ideogram-4-5", "image", 50); Is("/v2/image/precise-edit/ideogram-4-5", "mask", 50); Is("/v2/image/precise-edit/ideogram-4-5", "reference_images", 50);
        Is("/v2/image/remix/ideogram-4", "image", 50); Is("/v2/image/reframe/auto", "image", 50); Is("/v2/image/remove-object/ideogram-1", "image", 50);
        Is("/v2/image/replace-background/ideogram-3", "image", 50); Is("/v2/image/upscale/auto", "image", 50);
        Is("/v2/image/describe/ideogram-3", "image", 10); Is("/v2/image/describe/ideogram-4", "image", 10);
        Assert.Equal(5, IdeogramApi.FindEndpoint("/v2/image/generate/ideogram-4-5")!.Field("images")!.MaxItems);
        Assert.Equal((1L, 8L), (IdeogramApi.FindEndpoint("/v2/image/generate/ideogram-4")!.Field("num_images")!.Minimum!.Value, IdeogramApi.FindEndpoint("/v2/image/generate/ideogram-4")!.Field("num_images")!.Maximum!.Value));
    }

    [Fact]
    public void Modes_follow_the_document_and_the_facts()
    {
        foreach (var e in IdeogramApi.Endpoints.Where(e => e.DocumentDate == "2026-10-07"))
        {
            Assert.Equal(e.Parameter("dry_run") != null, e.DryRun);
            if (e.Path.Contains("/async/", StringComparison.Ordinal))
            {
                Assert.Equal(EndpointMode.AsyncSubmit, e.Mode);
                Assert.Equal("v1/generations/{generation_id}", e.PollPath);
                // Image-to-image with Ideogram 4.0 is asynchronous only (no synchronous twin is covered).
                if (e.Path == "/v1/ideogram-v4/async/image-to-image") Assert.Null(e.SyncTwin);
                else Assert.Equal(e.Family, IdeogramApi.Endpoints.Single(s => s.Name == e.SyncTwin && s.Mode == EndpointMode.Sync).Family);
                Assert.NotNull(e.Parameter("webhook_url"));
            }
            if (e.Method == "GET") Assert.Equal((EndpointMode.Poll, ""), (e.Mode, e.Family));
            Assert.Equal(e.Path.StartsWith("/v2/", StringComparison.Ordinal) ? "v2" : "v1", e.ApiVersion);
            if (e.AsyncCapable) Assert.Equal(("v2", EndpointMode.Sync, "v2/generations/{generation_id}"), (e.ApiVersion, e.Mode, e.PollPath));
        }
        foreach (var path in new[] { "/v2/image/reframe/auto", "/v2/image/remove-object/ideogram-1", "/v2/image/replace-background/ideogram-3" })
            Assert.Equal((EndpointMode.AsyncSubmit, (string?)null), (IdeogramApi.FindEndpoint(path)!.Mode, IdeogramApi.FindEndpoint(path)!.SyncTwin));
        Assert.True(IdeogramApi.FindEndpoint("/v2/image/generate/ideogram-4-5")!.AsyncCapable);
        Assert.False(IdeogramApi.FindEndpoint("/v2/image/describe/ideogram-4")!.DryRun);
        Assert.True(IdeogramApi.FindEndpoint("/v1/ideogram-v45/async/generate")!.Parameter("webhook_url")!.Required);
        Assert.True(IdeogramApi.FindEndpoint("/v1/ideogram-v4/async/image-to-image")!.Parameter("webhook_url")!.Required);
    }

    [Fact]
    public void V2_vocabularies_are_their_own_lowercase_types()
    {
        var speed = IdeogramApi.FindEndpoint("/v2/image/generate/ideogram-4")!.Field("rendering_speed")!;
        Assert.Equal("RenderingSpeedV2", IdeogramApi.FindEnum(speed.Enum!)!.TypeName);
        Assert.Equal(new[] { "turbo", "default", "quality" }, IdeogramApi.FindEnum(speed.Enum!)!.Values);
        Assert.Equal(new[] { "auto", "on", "off" }, IdeogramApi.FindEnum("MagicPromptV2")!.Values);
        Assert.Equal(new[] { "1k", "2k" }, IdeogramApi.FindEnum("ResolutionV2PImage")!.Values);
        Assert.Equal(new[] { "very_low", "low", "medium", "high", "very_high" }, IdeogramApi.FindEnum("QualityV2PImage")!.Values);
        foreach (var e in IdeogramApi.Endpoints.Where(e => e.ApiVersion == "v2"))
            foreach (var f in e.Fields.Where(f => f.Kind == ValueKind.Enum))
                Assert.DoesNotContain(f.Enum, new[] { "RenderingSpeed", "MagicPromptOption", "Quality", "PImageResolution" });
        Assert.True(typeof(RenderingSpeedV2) != typeof(RenderingSpeed));
        Assert.Equal("turbo", RenderingSpeedV2.Turbo.Value);
    }

    [Fact]
    public void Every_newer_source_resolves_and_every_used_fact_has_a_source()
    {
        var sources = new List<string>();
        foreach (var e in IdeogramApi.Endpoints.Where(e => e.DocumentDate == "2026-10-07"))
        {
            sources.Add(e.Source);
            sources.AddRange(e.Fields.Select(f => f.Source));
            sources.AddRange(e.Parameters.Select(p => p.Source));
            sources.AddRange(e.Rules.Select(r => r.Source));
        }
        sources.AddRange(IdeogramApi.RequestSchemas.SelectMany(r => r.Fields.Select(f => f.Source).Append(r.Source)));
        sources.AddRange(IdeogramApi.Enums.Where(e => e.Source != "openapi").Select(e => e.Source));
        sources.AddRange(IdeogramApi.Schemas.Where(s => s.Source != "openapi").Select(s => s.Source));
        foreach (var source in sources)
        {
            var pointer = ApiSources.NewerPointer(source);
            Assert.True(pointer != null, $"source '{source}' is not a pointer into the 2026-10-07 document");
            Assert.True(TryResolve(Newer, pointer!, out _), $"source '{source}' does not resolve in the reduced document");
        }

        var facts = Facts.GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
        Assert.NotEmpty(DescriptionBuilder.UsedFacts);
        foreach (var (id, use) in DescriptionBuilder.UsedFacts)
        {
            Assert.True(facts.TryGetValue(id, out var fact), $"used fact {id} ({use}) is not in newer-facts.json");
            Assert.NotEmpty(fact.GetProperty("sources").EnumerateArray());
            Assert.False(fact.TryGetProperty("status", out var status), $"used fact {id} is {status}, not stated");
        }
    }
}
