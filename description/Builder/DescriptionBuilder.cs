using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.ApiDescription.Builder;

/// <summary>The derived description, as C# source for the shared table and for the runtime vocabulary.</summary>
public sealed record BuildResult(string DescriptionSource, string VocabularySource, int EndpointCount, int EnumCount, int SchemaCount);

/// <summary>
/// Reads Ideogram's OpenAPI document and the <see cref="Overlay"/> and writes IdeogramGen's one API description.
/// Deterministic: the same document gives byte-identical output.
/// </summary>
public static class DescriptionBuilder
{
    public const string DocumentPath = "description/ideogram-openapi.json";
    public const string DescriptionOutputPath = "description/Api/IdeogramApi.g.cs";
    public const string VocabularyOutputPath = "runtime/Vocabulary.g.cs";
    public const string DocumentDate = "2026-04-27";
    public const string DocumentUrl = "https://api.ideogram.ai/openapi.json";
    public const string NewerDocumentPath = "description/ideogram-openapi-2026-10-07.reduced.json";
    public const string NewerDocumentDate = "2026-10-07";

    /// <summary>The source of a fact of the 2026-10-07 document: <c>openapi 2026-10-07 #/json/pointer</c>.</summary>
    public static string NewerSource(string pointer) => ApiSources.Newer + " " + pointer;

    /// <summary>A JSON pointer token (RFC 6901): <c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>.</summary>
    public static string PointerToken(string token) => token.Replace("~", "~0").Replace("/", "~1");

    private static readonly Regex ConjunctionRx = new(@"[Cc]annot be used in conjunction with ([a-z_]+(?:(?:,\s*|\s+or\s+)[a-z_]+)*)", RegexOptions.CultureInvariant);
    private static readonly Regex MatchCountRx = new(@"must match the number of ([a-z_]+)", RegexOptions.CultureInvariant);
    private static readonly Regex OnlySupportsRx = new(@"only supports (\d+)", RegexOptions.CultureInvariant);
    private static readonly Regex MaxSizeRx = new(@"(?:max(?:imum)?(?: total)?(?: size)?|up to) (\d+)\s?MB|\(max (\d+)MB\)", RegexOptions.CultureInvariant);

    /// <summary>The ids of the newer-facts.json facts the description relies on, with what each decides.</summary>
    public static IReadOnlyList<(string Id, string Use)> UsedFacts => Overlay.UsedFacts;

    /// <summary>The (path, method) of every covered operation of the 2026-10-07 document.</summary>
    public static IReadOnlyList<(string Path, string Method)> NewerOperations => Overlay.NewerEndpoints.Select(o => (o.Path, o.Method)).ToList();

    /// <summary>Builds from the 2026-04-27 document and the reduced 2026-10-07 document.</summary>
    public static BuildResult Build(string openApiJson, string newerJson)
    {
        using var doc = JsonDocument.Parse(openApiJson);
        using var newerDoc = JsonDocument.Parse(newerJson);
        var ctx = new Context(doc.RootElement, null);
        var newer = new Context(newerDoc.RootElement, NewerDocumentDate);
        var enums = BuildEnums(ctx, newer);
        EnumValues = enums.ToDictionary(e => e.Name, e => e.Values, StringComparer.Ordinal);
        var requestSchemas = new List<ApiRequestSchema>();
        var endpoints = new List<(ApiEndpoint Endpoint, Context From)>();
        var newerPaths = new HashSet<string>(Overlay.NewerEndpoints.Select(n => n.Path), StringComparer.Ordinal);
        foreach (var (path, name, family) in Overlay.Endpoints)
        {
            // An operation in both documents takes the newer shape (its entry in Overlay.NewerEndpoints names it).
            if (newerPaths.Contains(path)) endpoints.Add((BuildNewer(newer, Overlay.NewerEndpoints.Single(n => n.Path == path), requestSchemas), newer));
            else endpoints.Add((BuildEndpoint(ctx, path, "post", name, family, requestSchemas), ctx));
        }
        foreach (var op in Overlay.NewerEndpoints)
            if (!Overlay.Endpoints.Any(o => o.Path == op.Path)) endpoints.Add((BuildNewer(newer, op, requestSchemas), newer));
        var schemas = BuildSchemas(newer, endpoints.Where(e => e.From == newer).Select(e => e.Endpoint), requestSchemas, new List<ApiSchema>());
        schemas = BuildSchemas(ctx, endpoints.Where(e => e.From == ctx).Select(e => e.Endpoint), requestSchemas, schemas);

        var sha = Sha256(openApiJson);
        var info = doc.RootElement.GetProperty("info");
        var palette = PaletteRules(ctx, newer);
        var list = endpoints.Select(e => e.Endpoint).ToList();
        var description = Emit.Description(enums, schemas, list, requestSchemas, palette, info.GetProperty("title").GetString()!, info.GetProperty("version").GetString()!, sha, Sha256(newerJson));
        var vocabulary = Emit.Vocabulary(enums, palette);
        return new BuildResult(description, vocabulary, list.Count, enums.Count, schemas.Count);
    }

    private static string Sha256(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    private static ApiEndpoint BuildNewer(Context newer, Overlay.NewerOperation op, List<ApiRequestSchema> requestSchemas)
    {
        var e = BuildEndpoint(newer, op.Path, op.Method, op.Name, op.Family, requestSchemas);
        e.Mode = op.Mode;
        e.SyncTwin = op.SyncTwin;
        e.ApiVersion = op.Path.StartsWith("/v2/", StringComparison.Ordinal) ? "v2" : "v1";
        e.DryRun = e.Parameter("dry_run") != null;
        e.AsyncCapable = e.ApiVersion == "v2" && op.Mode == EndpointMode.Sync && e.Field("async") != null;
        if (op.Mode == EndpointMode.AsyncSubmit || e.AsyncCapable) e.PollPath = e.ApiVersion + "/generations/{generation_id}";
        return e;
    }

    private sealed class Context
    {
        public Context(JsonElement root, string? newerDate)
        {
            Root = root;
            Schemas = root.GetProperty("components").GetProperty("schemas");
            IsNewer = newerDate != null;
        }

        public JsonElement Root { get; }
        public JsonElement Schemas { get; }
        /// <summary>True for the 2026-10-07 document, whose facts carry their JSON pointer as source.</summary>
        public bool IsNewer { get; }

        public static string RefName(string reference) => reference.Substring(reference.LastIndexOf('/') + 1);

        public JsonElement Schema(string name) => Schemas.GetProperty(name);

        public bool HasSchema(string name) => Schemas.TryGetProperty(name, out _);

        /// <summary>The source of a schema: <c>openapi</c> for the 2026-04-27 document, the pointer for the newer one.</summary>
        public string SchemaSource(string name) => IsNewer ? NewerSource("#/components/schemas/" + PointerToken(name)) : "openapi";

        public string PropertySource(string schema, string property) =>
            IsNewer ? NewerSource("#/components/schemas/" + PointerToken(schema) + "/properties/" + PointerToken(property)) : "openapi";

        public string OperationSource(string path, string method) =>
            IsNewer ? NewerSource("#/paths/" + PointerToken(path) + "/" + method) : "openapi";

        /// <summary>A <c>$ref</c>, or an <c>allOf</c> of exactly one <c>$ref</c> (how the newer document adds a description to a reference).</summary>
        public static string? SingleRef(JsonElement schema)
        {
            if (schema.TryGetProperty("$ref", out var r)) return RefName(r.GetString()!);
            if (schema.TryGetProperty("allOf", out var all) && all.GetArrayLength() == 1 && all[0].TryGetProperty("$ref", out var ar)) return RefName(ar.GetString()!);
            return null;
        }

        /// <summary>Properties of an object schema, allOf parents first, in document order.</summary>
        public List<(string Name, JsonElement Schema)> Properties(JsonElement schema, out HashSet<string> required)
        {
            var list = new List<(string, JsonElement)>();
            required = new HashSet<string>(StringComparer.Ordinal);
            if (schema.TryGetProperty("allOf", out var allOf))
            {
                foreach (var part in allOf.EnumerateArray())
                {
                    var target = part.TryGetProperty("$ref", out var r) ? Schema(RefName(r.GetString()!)) : part;
                    list.AddRange(Properties(target, out var inner));
                    required.UnionWith(inner);
                }
            }
            if (schema.TryGetProperty("properties", out var props))
                foreach (var p in props.EnumerateObject())
                {
                    list.RemoveAll(x => x.Item1 == p.Name);
                    list.Add((p.Name, p.Value));
                }
            if (schema.TryGetProperty("required", out var req))
                foreach (var r in req.EnumerateArray()) required.Add(r.GetString()!);
            return list;
        }

        /// <summary>
        /// The properties of a schema that is a <c>oneOf</c> of object schemas (a discriminated union such as
        /// <c>V4PromptElement</c>): every variant's properties once, in variant order; required = required in every variant.
        /// </summary>
        public List<(string Name, JsonElement Schema)> UnionProperties(JsonElement schema, out HashSet<string> required)
        {
            var list = new List<(string, JsonElement)>();
            HashSet<string>? common = null;
            foreach (var variant in schema.GetProperty("oneOf").EnumerateArray())
            {
                var target = Schema(RefName(variant.GetProperty("$ref").GetString()!));
                var vp = Properties(target, out var req);
                foreach (var (name, ps) in vp)
                    if (!list.Any(x => x.Item1 == name)) list.Add((name, ps));
                if (common == null) common = new HashSet<string>(req, StringComparer.Ordinal);
                else common.IntersectWith(req);
            }
            required = common ?? new HashSet<string>(StringComparer.Ordinal);
            return list;
        }
    }

    /// <summary>
    /// One palette kind: its <c>oneOf</c> schema, runtime class, source, and the limits of its members branch
    /// (<c>ColorPaletteWithMembers</c> → <c>ColorPaletteMember</c>) and the vocabulary of its preset branch's <c>name</c>.
    /// </summary>
    internal sealed record PaletteLimits(string Schema, string TypeName, string Source, int MinMembers, int MaxMembers, double MinWeight, double MaxWeight, string HexPattern, string PresetEnum);

    /// <summary>The palette kinds of <see cref="Overlay.ColorPaletteSchemas"/>, each read from the document that has it (the newer one first).</summary>
    private static List<PaletteLimits> PaletteRules(Context ctx, Context newer)
    {
        var result = new List<PaletteLimits>();
        foreach (var (schema, typeName) in Overlay.ColorPaletteSchemas)
        {
            var from = newer.HasSchema(schema) ? newer : ctx.HasSchema(schema) ? ctx : throw new InvalidOperationException($"Palette schema {schema} is in neither document.");
            string? membersSchema = null, presetEnum = null;
            foreach (var branch in from.Schema(schema).GetProperty("oneOf").EnumerateArray())
            {
                var name = Context.RefName(branch.GetProperty("$ref").GetString()!);
                var props = from.Schema(name).GetProperty("properties");
                if (props.TryGetProperty("members", out _)) membersSchema = name;
                else if (props.TryGetProperty("name", out var preset)) presetEnum = Context.RefName(preset.GetProperty("$ref").GetString()!);
            }
            if (membersSchema == null || presetEnum == null) throw new InvalidOperationException($"Palette schema {schema} is not a oneOf of a preset name and members.");
            var members = from.Schema(membersSchema).GetProperty("properties").GetProperty("members");
            var member = from.Schema(Context.RefName(members.GetProperty("items").GetProperty("$ref").GetString()!)).GetProperty("properties");
            var weight = member.GetProperty("color_weight");
            result.Add(new PaletteLimits(schema, typeName, from.SchemaSource(schema),
                members.GetProperty("minItems").GetInt32(),
                members.GetProperty("maxItems").GetInt32(),
                weight.GetProperty("minimum").GetDouble(),
                weight.GetProperty("maximum").GetDouble(),
                member.GetProperty("color_hex").GetProperty("pattern").GetString()!,
                presetEnum));
        }
        var first = result[0];
        foreach (var p in result)
            if (p with { Schema = first.Schema, TypeName = first.TypeName, Source = first.Source, PresetEnum = first.PresetEnum } != first)
                throw new InvalidOperationException($"Palette {p.Schema} has other member limits than {first.Schema}: the runtime's ColorPaletteRules would need one set per palette.");
        return result;
    }

    private static List<ApiEnum> BuildEnums(Context ctx, Context newer)
    {
        var result = new List<ApiEnum>();
        foreach (var (name, (typeName, prefix, conceptWord)) in Overlay.Enums)
        {
            // A vocabulary both documents have takes the newer document's values (the description follows Ideogram's current API).
            var from = newer.HasSchema(name) ? newer : ctx;
            var s = from.Schema(name);
            var values = s.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToArray();
            result.Add(Vocabulary(name, typeName, prefix, conceptWord, values, s.TryGetProperty("default", out var d) ? d.GetString() : null, Text(s, "description"), from.SchemaSource(name)));
        }
        foreach (var (typeName, (prefix, uses)) in Overlay.InlineEnums)
        {
            // Enums the newer document writes inline in a property: one vocabulary per concept, the same values at every use.
            string[]? values = null;
            string? source = null, description = null, dflt = null;
            foreach (var (schema, property) in uses)
            {
                var ps = newer.Schema(schema).GetProperty("properties").GetProperty(property);
                var these = ps.GetProperty("enum").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray();
                if (values == null)
                {
                    values = these;
                    source = newer.PropertySource(schema, property);
                    description = Text(ps, "description");
                    dflt = ps.TryGetProperty("default", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                }
                else if (!values.SequenceEqual(these))
                    throw new InvalidOperationException($"Overlay.InlineEnums: {schema}.{property} lists [{string.Join(", ", these)}], not the [{string.Join(", ", values)}] of {typeName}'s first use.");
            }
            result.Add(Vocabulary(typeName, typeName, prefix, null, values!, dflt, description!, source!));
        }
        foreach (var (typeName, union) in Overlay.DiscriminatorEnums)
        {
            var discriminator = newer.Schema(union).GetProperty("discriminator");
            var values = discriminator.GetProperty("mapping").EnumerateObject().Select(m => m.Name).ToArray();
            result.Add(Vocabulary(typeName, typeName, "", null, values, null, "The kind of " + union + ": " + string.Join(", ", values) + ".",
                newer.SchemaSource(union) + "/discriminator/mapping"));
        }
        return result;
    }

    private static ApiEnum Vocabulary(string name, string typeName, string prefix, string? conceptWord, string[] values, string? dflt, string description, string source)
    {
        var obsolete = Overlay.ObsoleteValues.TryGetValue(name, out var o)
            ? o.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value)).ToArray()
            : Array.Empty<KeyValuePair<string, string>>();
        var aliases = Overlay.Aliases.TryGetValue(name, out var a)
            ? a.Select(kv => Array.IndexOf(values, kv.Value) >= 0
                    ? new KeyValuePair<string, string>(kv.Key, kv.Value)
                    : throw new InvalidOperationException($"Overlay alias '{kv.Key}' names '{kv.Value}', which is not a {name} value."))
                .ToArray()
            : Array.Empty<KeyValuePair<string, string>>();
        return new ApiEnum
        {
            Name = name,
            TypeName = typeName,
            MemberPrefix = prefix,
            Members = values.Select(v => MemberName(v, prefix, conceptWord)).ToArray(),
            Values = values,
            Default = dflt,
            Description = description,
            Obsolete = obsolete,
            Aliases = aliases,
            Source = source,
        };
    }

    private static ApiEndpoint BuildEndpoint(Context ctx, string path, string method, string name, string family, List<ApiRequestSchema> requestSchemas)
    {
        var op = ctx.Root.GetProperty("paths").GetProperty(path).GetProperty(method);
        var endpoint = new ApiEndpoint
        {
            Name = name,
            Path = path,
            Family = family,
            Method = method.ToUpperInvariant(),
            OperationId = op.GetProperty("operationId").GetString()!,
            Summary = Text(op, "summary"),
            Description = Text(op, "description"),
            Deprecated = op.TryGetProperty("deprecated", out var dep) && dep.GetBoolean(),
            ApiVersion = "v1",
            DocumentDate = ctx.IsNewer ? NewerDocumentDate : DocumentDate,
            Source = ctx.OperationSource(path, method),
        };
        if (endpoint.Deprecated) endpoint.DeprecationMessage = FirstSentenceWith(endpoint.Description, "deprecated") ?? "Deprecated by Ideogram.";
        endpoint.Parameters = Parameters(ctx, path, method, op).ToArray();
        if (method == "get") endpoint.Mode = EndpointMode.Poll;

        var fields = new List<ApiField>();
        string? bodyName = null;
        if (op.TryGetProperty("requestBody", out var requestBody))
        {
            var content = requestBody.GetProperty("content");
            bool json = content.TryGetProperty("application/json", out var jsonContent);
            bool multipart = content.TryGetProperty("multipart/form-data", out var multipartContent);
            endpoint.AcceptsJson = json;
            endpoint.AcceptsMultipart = multipart;
            // Multipart's schema is the superset where the two differ (a JSON body cannot carry files).
            var bodyContent = multipart ? multipartContent : jsonContent;
            bodyName = Context.RefName(bodyContent.GetProperty("schema").GetProperty("$ref").GetString()!);
            var encodings = new Dictionary<string, string>(StringComparer.Ordinal);
            if (multipart && multipartContent.TryGetProperty("encoding", out var enc))
                foreach (var e in enc.EnumerateObject())
                    if (e.Value.TryGetProperty("contentType", out var ct)) encodings[e.Name] = ct.GetString()!;

            var bodySchema = ctx.Schema(bodyName);
            var outer = ctx.Properties(bodySchema, out var outerRequired);
            var wrapper = outer.FirstOrDefault(p => p.Name == "image_request");
            if (wrapper.Name != null)
            {
                endpoint.Wrapper = "image_request";
                endpoint.Encoding = json && !multipart ? BodyEncoding.JsonWrapped : BodyEncoding.MultipartWithJsonPart;
                var innerName = Context.RefName(wrapper.Schema.GetProperty("$ref").GetString()!);
                var inner = ctx.Properties(ctx.Schema(innerName), out var innerRequired);
                foreach (var (pn, ps) in inner) fields.Add(Field(ctx, innerName, pn, ps, innerRequired.Contains(pn), inWrapper: true, encodings, requestSchemas));
                foreach (var (pn, ps) in outer)
                    if (pn != "image_request") fields.Add(Field(ctx, bodyName, pn, ps, outerRequired.Contains(pn), inWrapper: false, encodings, requestSchemas));
            }
            else
            {
                endpoint.Encoding = BodyEncoding.Flat;
                foreach (var (pn, ps) in outer) fields.Add(Field(ctx, bodyName, pn, ps, outerRequired.Contains(pn), inWrapper: false, encodings, requestSchemas));
            }
        }

        if (Overlay.ExtraFields.TryGetValue(path, out var extra))
        {
            var after = Overlay.ExtraFieldsAfter.TryGetValue(path, out var a) ? fields.FindIndex(f => f.Name == a) + 1 : fields.Count;
            fields.InsertRange(after, extra);
        }
        foreach (var f in fields.Where(f => (f.Kind == ValueKind.File || f.Kind == ValueKind.FileArray) && f.MaxBytes == null))
        {
            if (!ctx.IsNewer) { f.MaxBytes = 10 * 1024L * 1024L; continue; }
            // The newer document states no size for a few masks; the limit it states for the request's image applies to them.
            var stated = fields.Where(o => o.MaxBytes != null).Select(o => o.MaxBytes!.Value).DefaultIfEmpty(0).Max();
            if (stated == 0) throw new InvalidOperationException($"{path}: no size limit stated for {f.Name} or any other file of the request.");
            f.MaxBytes = stated;
            f.Source += " (size not stated for this file; the request's stated image limit applies)";
        }
        foreach (var f in fields.Where(f => f.Kind == ValueKind.Enum).ToList())
        {
            // The newer document states value exclusions in the field's prose ("requests with `rendering_speed=FLASH` currently return a 400").
            foreach (Match m in Return400Rx.Matches(f.Description))
                if (m.Groups[1].Value == f.Name && EnumValues[f.Enum!].Contains(m.Groups[2].Value))
                    Narrow(fields, f.Name, values => values.Where(v => v != m.Groups[2].Value).ToArray(), f.Source + " (field description: \"" + m.Value + "\")");
        }
        foreach (var (p, f, removed, source) in Overlay.Narrowing)
            if (p == path) Narrow(fields, f, values => values.Where(v => !removed.Contains(v)).ToArray(), source);
        foreach (var (p, f, kept, source) in Overlay.Restriction)
            if (p == path) Narrow(fields, f, values => values.Where(kept.Contains).ToArray(), source);

        endpoint.Fields = fields.ToArray();
        endpoint.Rules = Rules(ctx, endpoint.Family, endpoint.Fields, bodyName == null ? "" : Text(ctx.Schema(bodyName), "description"), bodyName == null ? "openapi" : ctx.SchemaSource(bodyName)).ToArray();

        foreach (var r in op.GetProperty("responses").EnumerateObject())
        {
            if (r.Name == "200")
            {
                var schema = r.Value.GetProperty("content").GetProperty("application/json").GetProperty("schema");
                endpoint.Response = Context.RefName(schema.GetProperty("$ref").GetString()!);
            }
            else endpoint.ErrorStatuses = endpoint.ErrorStatuses.Append(int.Parse(r.Name, CultureInfo.InvariantCulture)).ToArray();
        }
        return endpoint;
    }

    private static readonly Regex Return400Rx = new(@"requests\s+with\s+`([a-z_]+)=([A-Za-z0-9_]+)`\s+currently\s+return\s+a\s+400", RegexOptions.CultureInvariant);

    private static IEnumerable<ApiParameter> Parameters(Context ctx, string path, string method, JsonElement op)
    {
        if (!op.TryGetProperty("parameters", out var list)) yield break;
        int index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var pointer = "#/paths/" + PointerToken(path) + "/" + method + "/parameters/" + index.ToString(CultureInfo.InvariantCulture);
            index++;
            var p = item;
            if (item.TryGetProperty("$ref", out var pr))
            {
                var refName = Context.RefName(pr.GetString()!);
                p = ctx.Root.GetProperty("components").GetProperty("parameters").GetProperty(refName);
                pointer = "#/components/parameters/" + PointerToken(refName);
            }
            var schema = p.GetProperty("schema");
            var description = Text(p, "description");
            var refSchema = Context.SingleRef(schema);
            if (refSchema != null)
            {
                schema = ctx.Schema(refSchema);
                if (description.Length == 0) description = Text(schema, "description");
            }
            var type = schema.TryGetProperty("type", out var t) ? t.GetString() : "string";
            var name = p.GetProperty("name").GetString()!;
            yield return new ApiParameter
            {
                Name = name,
                Member = Pascal(name),
                In = p.GetProperty("in").GetString()!,
                Kind = type == "boolean" ? ValueKind.Boolean : type == "integer" ? ValueKind.Integer : ValueKind.String,
                Required = p.TryGetProperty("required", out var req) && req.GetBoolean(),
                MaxLength = schema.TryGetProperty("maxLength", out var ml) ? ml.GetInt32() : null,
                Format = schema.TryGetProperty("format", out var fm) ? fm.GetString() : null,
                Default = schema.TryGetProperty("default", out var df) ? (df.ValueKind == JsonValueKind.String ? df.GetString() : df.GetRawText()) : null,
                Description = description,
                Source = ctx.IsNewer ? NewerSource(pointer) : "openapi",
            };
        }
    }

    private static void Narrow(List<ApiField> fields, string fieldName, Func<string[], string[]> narrow, string source)
    {
        var field = fields.Single(f => f.Name == fieldName);
        field.AllowedValues = narrow(field.AllowedValues ?? EnumValues[field.Enum!]);
        field.Source = source;
    }

    /// <summary>Every vocabulary's values, by schema name (set by <see cref="Build"/> before the endpoints are read).</summary>
    private static Dictionary<string, string[]> EnumValues = new(StringComparer.Ordinal);

    private static ApiField Field(Context ctx, string owner, string name, JsonElement schema, bool required, bool inWrapper, Dictionary<string, string> encodings, List<ApiRequestSchema> requestSchemas)
    {
        var f = new ApiField
        {
            Name = name,
            Member = Overlay.FieldMembers.TryGetValue(name, out var member) ? member : Pascal(name),
            Required = required,
            InWrapper = inWrapper,
            Source = ctx.PropertySource(owner, name),
        };
        var description = Text(schema, "description");
        var s = schema;
        var refName = Context.SingleRef(schema);
        if (refName != null)
        {
            s = ctx.Schema(refName);
            if (Overlay.Enums.ContainsKey(refName))
            {
                f.Kind = ValueKind.Enum;
                f.Enum = refName;
                f.Default = s.TryGetProperty("default", out var ed) ? ed.GetString() : schema.TryGetProperty("default", out var od) && od.ValueKind == JsonValueKind.String ? od.GetString() : null;
                f.Description = description.Length > 0 ? description : Text(s, "description");
                f.PartContentType = encodings.GetValueOrDefault(name) is { } ect && ect != "text/plain" ? ect : null;
                return f;
            }
            if (s.TryGetProperty("oneOf", out _) && Overlay.ColorPaletteSchemas.ContainsKey(refName))
            {
                f.Kind = ValueKind.ColorPalette;
                f.Palette = refName;
                f.Description = Text(s, "description");
                f.PartContentType = encodings.GetValueOrDefault(name);
                return f;
            }
            if (s.TryGetProperty("properties", out _) || s.TryGetProperty("oneOf", out _))
            {
                f.Kind = ValueKind.Object;
                f.Ref = refName;
                f.Description = description.Length > 0 ? description : Text(s, "description");
                if (encodings.TryGetValue(name, out var oct) && oct != "text/plain") f.PartContentType = oct;
                RequestSchema(ctx, refName, requestSchemas);
                return f;
            }
            if (description.Length == 0) description = Text(s, "description");
        }
        var type = s.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "integer":
                f.Kind = ValueKind.Integer;
                if (s.TryGetProperty("minimum", out var min)) f.Minimum = min.GetInt64();
                if (s.TryGetProperty("maximum", out var max)) f.Maximum = max.GetInt64();
                if (s.TryGetProperty("default", out var idf)) f.Default = idf.GetRawText();
                break;
            case "number":
                f.Kind = ValueKind.Number;
                if (s.TryGetProperty("minimum", out var nmin)) f.MinimumNumber = nmin.GetDouble();
                if (s.TryGetProperty("exclusiveMinimum", out var xmin) && xmin.ValueKind == JsonValueKind.True) f.ExclusiveMinimum = true;
                if (s.TryGetProperty("maximum", out var nmax)) f.MaximumNumber = nmax.GetDouble();
                break;
            case "boolean":
                f.Kind = ValueKind.Boolean;
                if (s.TryGetProperty("default", out var bdf)) f.Default = bdf.GetRawText();
                break;
            case "array":
                var items = s.GetProperty("items");
                var itemRef = Context.SingleRef(items);
                var itemSchema = itemRef != null ? ctx.Schema(itemRef) : items;
                if (itemSchema.TryGetProperty("format", out var fmt) && fmt.GetString() == "binary")
                {
                    f.Kind = ValueKind.FileArray;
                    f.MaxBytes = MaxBytes(description);
                    f.MediaTypes = MediaTypesOf(description);
                }
                else if (itemRef != null && (itemSchema.TryGetProperty("properties", out _) || itemSchema.TryGetProperty("oneOf", out _)))
                {
                    f.Kind = ValueKind.ObjectArray;
                    f.Ref = itemRef;
                    RequestSchema(ctx, itemRef, requestSchemas);
                }
                else if (itemSchema.TryGetProperty("type", out var it) && it.GetString() == "integer")
                {
                    f.Kind = ValueKind.IntegerArray;
                    if (itemSchema.TryGetProperty("minimum", out var imin)) f.Minimum = imin.GetInt64();
                    if (itemSchema.TryGetProperty("maximum", out var imax)) f.Maximum = imax.GetInt64();
                }
                else
                {
                    f.Kind = ValueKind.StringArray;
                    if (itemSchema.TryGetProperty("pattern", out var ip)) f.Pattern = ip.GetString();
                    if (itemSchema.TryGetProperty("maxLength", out var iml)) f.MaxLength = iml.GetInt32();
                }
                if (s.TryGetProperty("minItems", out var mi)) f.MinItems = mi.GetInt32();
                if (s.TryGetProperty("maxItems", out var ma)) f.MaxItems = ma.GetInt32();
                var only = OnlySupportsRx.Match(description);
                if (only.Success && f.MaxItems == null) f.MaxItems = int.Parse(only.Groups[1].Value, CultureInfo.InvariantCulture);
                var maxImages = Regex.Match(description, @"maximum (\d+) images|max (\d+)\)");
                if (maxImages.Success && f.MaxItems == null)
                    f.MaxItems = int.Parse(maxImages.Groups[1].Success ? maxImages.Groups[1].Value : maxImages.Groups[2].Value, CultureInfo.InvariantCulture);
                break;
            default:
                if (s.TryGetProperty("format", out var sf) && sf.GetString() == "binary")
                {
                    f.Kind = ValueKind.File;
                    f.MaxBytes = MaxBytes(description);
                    f.MediaTypes = MediaTypesOf(description);
                }
                else if (s.TryGetProperty("enum", out _) && Overlay.InlineEnumOf(owner, name) is { } inline)
                {
                    f.Kind = ValueKind.Enum;
                    f.Enum = inline;
                    f.Default = s.TryGetProperty("default", out var ied) && ied.ValueKind == JsonValueKind.String ? ied.GetString() : null;
                    f.Description = description;
                    return f;
                }
                else
                {
                    if (s.TryGetProperty("enum", out _) && !Overlay.DiscriminatorFields.Contains(owner + "." + name))
                        throw new InvalidOperationException($"{owner}.{name} has an inline enum; name its vocabulary in Overlay.InlineEnums.");
                    f.Kind = ValueKind.String;
                    if (s.TryGetProperty("pattern", out var p)) f.Pattern = p.GetString();
                    // Ideogram's documents state text limits as maxLength (its /v2 routes: prompt and negative_prompt,
                    // 10000); none of the covered v1 and legacy fields has one (description/README.md).
                    if (s.TryGetProperty("maxLength", out var ml)) f.MaxLength = ml.GetInt32();
                    if (s.TryGetProperty("default", out var sd) && sd.ValueKind == JsonValueKind.String) f.Default = sd.GetString();
                }
                break;
        }
        f.Description = description;
        if (encodings.TryGetValue(name, out var ct) && ct != "text/plain") f.PartContentType = ct;
        return f;
    }

    /// <summary>Adds a nested request object (and those it reaches) to <paramref name="requestSchemas"/>, once.</summary>
    private static void RequestSchema(Context ctx, string name, List<ApiRequestSchema> requestSchemas)
    {
        if (requestSchemas.Any(r => r.Name == name)) return;
        if (!Overlay.RequestSchemas.TryGetValue(name, out var typeName)) throw new InvalidOperationException("No C# name for request object schema " + name + " (Overlay.RequestSchemas).");
        var schema = ctx.Schema(name);
        var entry = new ApiRequestSchema { Name = name, TypeName = typeName, Description = Text(schema, "description"), Source = ctx.SchemaSource(name) };
        requestSchemas.Add(entry);
        var none = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = new List<ApiField>();
        if (schema.TryGetProperty("oneOf", out _))
        {
            // A discriminated union: one class with every variant's fields; the discriminator is a vocabulary of the mapping's keys.
            var discriminator = schema.GetProperty("discriminator");
            var tag = discriminator.GetProperty("propertyName").GetString()!;
            foreach (var (pn, ps) in ctx.UnionProperties(schema, out var required))
            {
                if (pn == tag)
                {
                    fields.Add(new ApiField
                    {
                        Name = pn, Member = Pascal(pn), Kind = ValueKind.Enum, Enum = Overlay.InlineEnumOf(name, pn) ?? throw new InvalidOperationException("No vocabulary for discriminator " + name + "." + pn),
                        Required = true, Description = Text(schema, "description"), Source = ctx.SchemaSource(name) + "/discriminator",
                    });
                    continue;
                }
                var variant = schema.GetProperty("oneOf").EnumerateArray().Select(v => Context.RefName(v.GetProperty("$ref").GetString()!))
                    .First(v => ctx.Schema(v).GetProperty("properties").TryGetProperty(pn, out _));
                fields.Add(Field(ctx, variant, pn, ps, required.Contains(pn), false, none, requestSchemas));
            }
        }
        else
        {
            foreach (var (pn, ps) in ctx.Properties(schema, out var required))
                fields.Add(Field(ctx, name, pn, ps, required.Contains(pn), false, none, requestSchemas));
        }
        entry.Fields = fields.ToArray();
        entry.Rules = Rules(ctx, "", entry.Fields, Text(schema, "description"), entry.Source).ToArray();
    }

    /// <summary>
    /// The upload formats a file field's text names: ".ttf, .otf, .woff, .woff2" for fonts; otherwise images (the
    /// document's image fields say "JPEG, WebP and PNG" or "JPEG, PNG or WebP", and wire facts give the same three for
    /// the few that do not).
    /// </summary>
    private static string[] MediaTypesOf(string description) =>
        description.Contains(".ttf", StringComparison.OrdinalIgnoreCase) ? ApiMediaTypes.Fonts : ApiMediaTypes.Images;

    private static long? MaxBytes(string description)
    {
        var m = MaxSizeRx.Match(description);
        if (!m.Success) return null;
        var mb = int.Parse(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, CultureInfo.InvariantCulture);
        return mb * 1024L * 1024L;
    }

    private static readonly Regex ExclusiveWithRx = new(@"(?:Mutually exclusive with|Cannot be combined with) ((?:`[a-z_]+`(?:/|,\s*|\s+or\s+)?)+)", RegexOptions.CultureInvariant);
    private static readonly Regex ExactlyOneRx = new(@"Supply\s+exactly\s+one\s+of\s+`([a-z_]+)`\s+or\s+`([a-z_]+)`", RegexOptions.CultureInvariant);

    private static IEnumerable<ApiRule> Rules(Context ctx, string family, ApiField[] fields, string schemaDescription, string schemaSource)
    {
        ApiField? Find(string n) => fields.FirstOrDefault(x => x.Name == n);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            var texts = new List<string> { f.Description };
            if (f.Enum != null && ctx.HasSchema(f.Enum)) texts.Add(Text(ctx.Schema(f.Enum), "description"));
            foreach (var text in texts)
            {
                var others = new List<(string Other, int Index)>();
                foreach (Match m in ConjunctionRx.Matches(text))
                    foreach (var other in Regex.Split(m.Groups[1].Value, @",\s*|\s+or\s+")) others.Add((other, m.Index));
                foreach (Match m in ExclusiveWithRx.Matches(text))
                    foreach (Match other in Regex.Matches(m.Groups[1].Value, "`([a-z_]+)`")) others.Add((other.Groups[1].Value, m.Index));
                foreach (var (other, index) in others)
                {
                    if (Find(other) == null || other == f.Name) continue;
                    var pair = string.CompareOrdinal(f.Name, other) < 0 ? new[] { f.Name, other } : new[] { other, f.Name };
                    if (!seen.Add(string.Join("|", pair))) continue;
                    yield return new ApiRule
                    {
                        Kind = RuleKind.MutuallyExclusive,
                        Fields = pair,
                        Message = Sentence(text, index),
                        Source = ctx.IsNewer ? f.Source : "openapi",
                    };
                }
                var count = MatchCountRx.Match(text);
                if (count.Success && Find(count.Groups[1].Value) != null && seen.Add("count|" + f.Name))
                    yield return new ApiRule
                    {
                        Kind = RuleKind.SameCount,
                        Fields = new[] { count.Groups[1].Value, f.Name },
                        Message = Sentence(text, count.Index),
                        Source = ctx.IsNewer ? f.Source : "openapi",
                    };
            }
        }
        var exactlyOne = ExactlyOneRx.Match(schemaDescription);
        if (exactlyOne.Success && Find(exactlyOne.Groups[1].Value) != null && Find(exactlyOne.Groups[2].Value) != null)
        {
            var pair = new[] { exactlyOne.Groups[1].Value, exactlyOne.Groups[2].Value };
            yield return new ApiRule { Kind = RuleKind.AtLeastOne, Fields = pair, Message = Sentence(schemaDescription, exactlyOne.Index), Source = schemaSource };
            var key = string.Join("|", pair.OrderBy(x => x, StringComparer.Ordinal));
            if (seen.Add(key))
                yield return new ApiRule { Kind = RuleKind.MutuallyExclusive, Fields = pair.OrderBy(x => x, StringComparer.Ordinal).ToArray(), Message = Sentence(schemaDescription, exactlyOne.Index), Source = schemaSource };
        }
        if (family == ApiFamilies.Legacy && Find("model") != null)
            foreach (var (field, models, quote) in Overlay.LegacyModelRules)
                if (Find(field) != null)
                    yield return new ApiRule
                    {
                        Kind = RuleKind.NotWithValues,
                        Fields = new[] { field },
                        WhenField = "model",
                        WhenValues = models,
                        Message = quote,
                        Source = "openapi (field description)",
                    };
    }

    private static List<ApiSchema> BuildSchemas(Context ctx, IEnumerable<ApiEndpoint> endpoints, List<ApiRequestSchema> requestSchemas, List<ApiSchema> result)
    {
        var queue = new Queue<string>(endpoints.Where(e => e.Response.Length > 0).Select(e => e.Response).Distinct());
        var done = new HashSet<string>(result.Select(r => r.Name), StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (!done.Add(name)) continue;
            if (!Overlay.Schemas.TryGetValue(name, out var typeName)) throw new InvalidOperationException("No C# name for response schema " + name);
            var s = ctx.Schema(name);
            var props = new List<ApiProperty>();
            HashSet<string> required;
            var list = s.TryGetProperty("oneOf", out _) ? ctx.UnionProperties(s, out required) : ctx.Properties(s, out required);
            foreach (var (pn, ps) in list)
            {
                var p = new ApiProperty { Name = pn, Member = Overlay.PropertyMembers.TryGetValue((name, pn), out var pm) ? pm : Pascal(pn), Required = required.Contains(pn) };
                var target = ps;
                var description = Text(ps, "description");
                var rn = Context.SingleRef(ps);
                if (rn != null)
                {
                    if (Overlay.Enums.ContainsKey(rn)) { p.Kind = ValueKind.Enum; p.Ref = rn; p.Description = description.Length > 0 ? description : Text(ctx.Schema(rn), "description"); props.Add(p); continue; }
                    target = ctx.Schema(rn);
                    if (target.TryGetProperty("properties", out _) || target.TryGetProperty("oneOf", out _))
                    {
                        p.Kind = ValueKind.Object; p.Ref = rn; p.Description = description.Length > 0 ? description : Text(target, "description");
                        // A shape that is also a request object (V4JsonPrompt: describe's answer, generate's input) is one C# class.
                        if (Overlay.RequestSchemas.ContainsKey(rn)) RequestSchema(ctx, rn, requestSchemas); else queue.Enqueue(rn);
                        props.Add(p);
                        continue;
                    }
                    if (description.Length == 0) description = Text(target, "description");
                }
                p.Nullable = target.TryGetProperty("nullable", out var n) && n.GetBoolean();
                var type = target.TryGetProperty("type", out var t) ? t.GetString() : null;
                switch (type)
                {
                    case "integer": p.Kind = ValueKind.Integer; break;
                    case "number": p.Kind = ValueKind.Number; break;
                    case "boolean": p.Kind = ValueKind.Boolean; break;
                    case "array":
                        var items = target.GetProperty("items");
                        var irn = Context.SingleRef(items);
                        if (irn != null)
                        {
                            if (Overlay.Enums.ContainsKey(irn)) { p.Kind = ValueKind.EnumArray; p.Ref = irn; }
                            else
                            {
                                p.Kind = ValueKind.ObjectArray; p.Ref = irn;
                                if (Overlay.RequestSchemas.ContainsKey(irn)) RequestSchema(ctx, irn, requestSchemas); else queue.Enqueue(irn);
                            }
                        }
                        else
                        {
                            p.Kind = ValueKind.StringArray;
                            if (items.TryGetProperty("enum", out var ie)) description = AppendValues(description, ie);
                        }
                        break;
                    default:
                        p.Kind = target.TryGetProperty("format", out var f) && f.GetString() == "date-time" ? ValueKind.DateTime : ValueKind.String;
                        if (target.TryGetProperty("pattern", out var pat)) p.Pattern = pat.GetString();
                        if (target.TryGetProperty("enum", out var e)) description = AppendValues(description, e);
                        break;
                }
                p.Description = description;
                props.Add(p);
            }
            result.Add(new ApiSchema { Name = name, TypeName = typeName, Description = Text(s, "description"), Properties = props.ToArray(), Source = ctx.SchemaSource(name) });
        }
        return result;
    }

    private static string AppendValues(string description, JsonElement values)
    {
        var list = string.Join(", ", values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()));
        return (description.Length > 0 ? description.TrimEnd() + " " : "") + "One of: " + list + ".";
    }

    internal static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim() : "";

    private static string? FirstSentenceWith(string text, string word)
    {
        foreach (var s in Regex.Split(text, @"(?<=[.!?])\s+"))
            if (s.Contains(word, StringComparison.OrdinalIgnoreCase)) return s.Trim();
        return null;
    }

    private static string Sentence(string text, int index)
    {
        int start = text.LastIndexOfAny(new[] { '.', '(' }, Math.Max(0, index - 1));
        start = start < 0 ? 0 : start + 1;
        int end = text.IndexOfAny(new[] { '.', ')' }, index);
        end = end < 0 ? text.Length : end + 1;
        return text.Substring(start, end - start).Trim().TrimEnd(')');
    }

    /// <summary><c>aspect_ratio</c> → <c>AspectRatio</c>.</summary>
    public static string Pascal(string wire)
    {
        var sb = new StringBuilder();
        foreach (var part in wire.Split('_', '-'))
        {
            if (part.Length == 0) continue;
            sb.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }
        return sb.ToString();
    }

    /// <summary>
    /// A vocabulary value as a C# member name: <c>V_2A_TURBO</c> → <c>V2ATurbo</c>, <c>16x9</c> → <c>Ratio16x9</c>,
    /// <c>ASPECT_16_9</c> → <c>Ratio16x9</c> (concept word <c>ASPECT</c> dropped, the pair written WxH),
    /// <c>render_3d</c> → <c>Render3D</c>, <c>80S_ILLUSTRATION</c> → <c>Style80SIllustration</c> (the vocabulary's prefix
    /// before a leading digit). Lowercase and uppercase spellings of a value give the same member.
    /// </summary>
    public static string MemberName(string value, string prefix, string? conceptWord = null)
    {
        var v = value;
        if (conceptWord != null && v.StartsWith(conceptWord + "_", StringComparison.OrdinalIgnoreCase)) v = v.Substring(conceptWord.Length + 1);
        var pair = Regex.Match(v, @"^(\d+)[_xX](\d+)$", RegexOptions.CultureInvariant);
        if (pair.Success) return prefix + pair.Groups[1].Value + "x" + pair.Groups[2].Value;
        var sb = new StringBuilder();
        string? previous = null;
        foreach (var part in v.Split('_'))
        {
            if (part.Length == 0) continue;
            if (previous != null && char.IsDigit(previous[^1]) && char.IsDigit(part[0])) sb.Append('_');
            var m = Regex.Match(part, @"^(\d+)([A-Za-z])$");
            if (m.Success) sb.Append(m.Groups[1].Value).Append(char.ToUpperInvariant(m.Groups[2].Value[0]));
            else sb.Append(char.ToUpperInvariant(part[0])).Append(part.Substring(1).ToLowerInvariant());
            previous = part;
        }
        var name = sb.ToString();
        return char.IsDigit(name[0]) ? prefix + name : name;
    }
}
