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

    private static readonly Regex ConjunctionRx = new(@"[Cc]annot be used in conjunction with ([a-z_]+(?:(?:,\s*|\s+or\s+)[a-z_]+)*)", RegexOptions.CultureInvariant);
    private static readonly Regex MatchCountRx = new(@"must match the number of ([a-z_]+)", RegexOptions.CultureInvariant);
    private static readonly Regex OnlySupportsRx = new(@"only supports (\d+)", RegexOptions.CultureInvariant);
    private static readonly Regex MaxSizeRx = new(@"max(?:imum)?(?: total)? size (\d+)\s?MB|\(max (\d+)MB\)", RegexOptions.CultureInvariant);

    public static BuildResult Build(string openApiJson)
    {
        using var doc = JsonDocument.Parse(openApiJson);
        var ctx = new Context(doc.RootElement);
        var enums = BuildEnums(ctx);
        var endpoints = new List<ApiEndpoint>();
        foreach (var (path, name, family) in Overlay.Endpoints) endpoints.Add(BuildEndpoint(ctx, path, name, family));
        endpoints.Add(Overlay.RemoveBackground());
        var schemas = BuildSchemas(ctx, endpoints);
        schemas.AddRange(Overlay.RemoveBackgroundSchemas());

        var sha = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(openApiJson))).ToLowerInvariant();
        var info = doc.RootElement.GetProperty("info");
        var palette = PaletteRules(ctx);
        var requestSchemas = new List<ApiRequestSchema>();
        var description = Emit.Description(enums, schemas, endpoints, requestSchemas, palette, info.GetProperty("title").GetString()!, info.GetProperty("version").GetString()!, sha);
        var vocabulary = Emit.Vocabulary(enums, palette);
        return new BuildResult(description, vocabulary, endpoints.Count, enums.Count, schemas.Count);
    }

    private sealed class Context
    {
        public Context(JsonElement root)
        {
            Root = root;
            Schemas = root.GetProperty("components").GetProperty("schemas");
        }

        public JsonElement Root { get; }
        public JsonElement Schemas { get; }

        public static string RefName(string reference) => reference.Substring(reference.LastIndexOf('/') + 1);

        public JsonElement Schema(string name) => Schemas.GetProperty(name);

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
    }

    /// <summary>Limits of <c>color_palette</c> members, from <c>ColorPaletteWithMembers</c> and <c>ColorPaletteMember</c>.</summary>
    internal sealed record PaletteLimits(int MinMembers, int MaxMembers, double MinWeight, double MaxWeight, string HexPattern, string PresetEnum);

    private static PaletteLimits PaletteRules(Context ctx)
    {
        var members = ctx.Schema("ColorPaletteWithMembers").GetProperty("properties").GetProperty("members");
        var member = ctx.Schema("ColorPaletteMember").GetProperty("properties");
        var weight = member.GetProperty("color_weight");
        return new PaletteLimits(
            members.GetProperty("minItems").GetInt32(),
            members.GetProperty("maxItems").GetInt32(),
            weight.GetProperty("minimum").GetDouble(),
            weight.GetProperty("maximum").GetDouble(),
            member.GetProperty("color_hex").GetProperty("pattern").GetString()!,
            Context.RefName(ctx.Schema("ColorPaletteWithPresetName").GetProperty("properties").GetProperty("name").GetProperty("$ref").GetString()!));
    }

    private static List<ApiEnum> BuildEnums(Context ctx)
    {
        var result = new List<ApiEnum>();
        foreach (var (name, (typeName, prefix, conceptWord)) in Overlay.Enums)
        {
            var s = ctx.Schema(name);
            var values = s.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToArray();
            var obsolete = Overlay.ObsoleteValues.TryGetValue(name, out var o)
                ? o.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value)).ToArray()
                : Array.Empty<KeyValuePair<string, string>>();
            var aliases = Overlay.Aliases.TryGetValue(name, out var a)
                ? a.Select(kv => Array.IndexOf(values, kv.Value) >= 0
                        ? new KeyValuePair<string, string>(kv.Key, kv.Value)
                        : throw new InvalidOperationException($"Overlay alias '{kv.Key}' names '{kv.Value}', which is not a {name} value."))
                    .ToArray()
                : Array.Empty<KeyValuePair<string, string>>();
            result.Add(new ApiEnum
            {
                Name = name,
                TypeName = typeName,
                MemberPrefix = prefix,
                Members = values.Select(v => MemberName(v, prefix, conceptWord)).ToArray(),
                Values = values,
                Default = s.TryGetProperty("default", out var d) ? d.GetString() : null,
                Description = Text(s, "description"),
                Obsolete = obsolete,
                Aliases = aliases,
            });
        }
        return result;
    }

    private static ApiEndpoint BuildEndpoint(Context ctx, string path, string name, string family)
    {
        var op = ctx.Root.GetProperty("paths").GetProperty(path).GetProperty("post");
        var content = op.GetProperty("requestBody").GetProperty("content");
        bool json = content.TryGetProperty("application/json", out var jsonContent);
        bool multipart = content.TryGetProperty("multipart/form-data", out var multipartContent);
        var bodyContent = multipart ? multipartContent : jsonContent;
        var bodyName = Context.RefName(bodyContent.GetProperty("schema").GetProperty("$ref").GetString()!);
        var encodings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (multipart && multipartContent.TryGetProperty("encoding", out var enc))
            foreach (var e in enc.EnumerateObject())
                if (e.Value.TryGetProperty("contentType", out var ct)) encodings[e.Name] = ct.GetString()!;

        var endpoint = new ApiEndpoint
        {
            Name = name,
            Path = path,
            Family = family,
            OperationId = op.GetProperty("operationId").GetString()!,
            Summary = Text(op, "summary"),
            Description = Text(op, "description"),
            AcceptsJson = json,
            AcceptsMultipart = multipart,
            Deprecated = op.TryGetProperty("deprecated", out var dep) && dep.GetBoolean(),
            ApiVersion = "v1",
            DocumentDate = DocumentDate,
        };
        if (endpoint.Deprecated) endpoint.DeprecationMessage = FirstSentenceWith(endpoint.Description, "deprecated") ?? "Deprecated by Ideogram.";

        var fields = new List<ApiField>();
        var bodySchema = ctx.Schema(bodyName);
        var outer = ctx.Properties(bodySchema, out var outerRequired);
        var wrapper = outer.FirstOrDefault(p => p.Name == "image_request");
        if (wrapper.Name != null)
        {
            endpoint.Wrapper = "image_request";
            endpoint.Encoding = json && !multipart ? BodyEncoding.JsonWrapped : BodyEncoding.MultipartWithJsonPart;
            var innerSchema = ctx.Schema(Context.RefName(wrapper.Schema.GetProperty("$ref").GetString()!));
            var inner = ctx.Properties(innerSchema, out var innerRequired);
            foreach (var (pn, ps) in inner) fields.Add(Field(ctx, pn, ps, innerRequired.Contains(pn), inWrapper: true, encodings));
            foreach (var (pn, ps) in outer)
                if (pn != "image_request") fields.Add(Field(ctx, pn, ps, outerRequired.Contains(pn), inWrapper: false, encodings));
        }
        else
        {
            endpoint.Encoding = BodyEncoding.Flat;
            foreach (var (pn, ps) in outer) fields.Add(Field(ctx, pn, ps, outerRequired.Contains(pn), inWrapper: false, encodings));
        }

        if (Overlay.ExtraFields.TryGetValue(path, out var extra))
        {
            var after = Overlay.ExtraFieldsAfter.TryGetValue(path, out var a) ? fields.FindIndex(f => f.Name == a) + 1 : fields.Count;
            fields.InsertRange(after, extra);
        }
        foreach (var (p, f, removed, source) in Overlay.Narrowing)
            if (p == path) Narrow(fields, f, values => values.Where(v => !removed.Contains(v)).ToArray(), source);
        foreach (var (p, f, kept, source) in Overlay.Restriction)
            if (p == path) Narrow(fields, f, values => values.Where(kept.Contains).ToArray(), source);

        endpoint.Fields = fields.ToArray();
        endpoint.Rules = Rules(ctx, endpoint).ToArray();

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

    private static void Narrow(List<ApiField> fields, string fieldName, Func<string[], string[]> narrow, string source)
    {
        var field = fields.Single(f => f.Name == fieldName);
        var all = IdeogramEnumValues(field.Enum!);
        field.AllowedValues = narrow(all);
        field.Source = source;
    }

    private static readonly Dictionary<string, string[]> EnumValueCache = new();
    private static string[] IdeogramEnumValues(string name) => EnumValueCache[name];

    private static ApiField Field(Context ctx, string name, JsonElement schema, bool required, bool inWrapper, Dictionary<string, string> encodings)
    {
        var f = new ApiField { Name = name, Member = Overlay.FieldMembers.TryGetValue(name, out var member) ? member : Pascal(name), Required = required, InWrapper = inWrapper };
        var description = Text(schema, "description");
        var s = schema;
        if (schema.TryGetProperty("$ref", out var r))
        {
            var refName = Context.RefName(r.GetString()!);
            s = ctx.Schema(refName);
            if (Overlay.Enums.ContainsKey(refName))
            {
                f.Kind = ValueKind.Enum;
                f.Enum = refName;
                EnumValueCache[refName] = s.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToArray();
                f.Default = s.TryGetProperty("default", out var ed) ? ed.GetString() : null;
                f.Description = description.Length > 0 ? description : Text(s, "description");
                f.PartContentType = encodings.GetValueOrDefault(name) is { } ect && ect != "text/plain" ? ect : null;
                return f;
            }
            if (s.TryGetProperty("oneOf", out _))
            {
                f.Kind = ValueKind.ColorPalette;
                f.Description = Text(s, "description");
                f.PartContentType = encodings.GetValueOrDefault(name);
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
                if (s.TryGetProperty("maximum", out var nmax)) f.MaximumNumber = nmax.GetDouble();
                break;
            case "boolean":
                f.Kind = ValueKind.Boolean;
                if (s.TryGetProperty("default", out var bdf)) f.Default = bdf.GetRawText();
                break;
            case "array":
                var items = s.GetProperty("items");
                var itemSchema = items.TryGetProperty("$ref", out var ir) ? ctx.Schema(Context.RefName(ir.GetString()!)) : items;
                if (itemSchema.TryGetProperty("format", out var fmt) && fmt.GetString() == "binary")
                {
                    f.Kind = ValueKind.FileArray;
                    f.MaxBytes = MaxBytes(description);
                    f.MediaTypes = MediaTypesOf(description);
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
                else
                {
                    f.Kind = ValueKind.String;
                    if (s.TryGetProperty("pattern", out var p)) f.Pattern = p.GetString();
                    // Ideogram's documents state text limits as maxLength (its /v2 routes: prompt and negative_prompt,
                    // 10000); none of the covered v1 and legacy fields has one (description/README.md).
                    if (s.TryGetProperty("maxLength", out var ml)) f.MaxLength = ml.GetInt32();
                    if (s.TryGetProperty("default", out var sd)) f.Default = sd.GetString();
                }
                break;
        }
        f.Description = description;
        if (encodings.TryGetValue(name, out var ct) && ct != "text/plain") f.PartContentType = ct;
        return f;
    }

    /// <summary>
    /// The upload formats a file field's text names: ".ttf, .otf, .woff, .woff2" for fonts; otherwise images (the
    /// document's image fields say "JPEG, WebP and PNG" or "JPEG, PNG or WebP", and wire facts give the same three for
    /// the few that do not).
    /// </summary>
    private static string[] MediaTypesOf(string description) =>
        description.Contains(".ttf", StringComparison.OrdinalIgnoreCase) ? ApiMediaTypes.Fonts : ApiMediaTypes.Images;

    private static long MaxBytes(string description)
    {
        var m = MaxSizeRx.Match(description);
        var mb = m.Success ? int.Parse(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, CultureInfo.InvariantCulture) : 10;
        return mb * 1024L * 1024L;
    }

    private static IEnumerable<ApiRule> Rules(Context ctx, ApiEndpoint endpoint)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in endpoint.Fields)
        {
            var texts = new List<string> { f.Description };
            if (f.Enum != null) texts.Add(Text(ctx.Schema(f.Enum), "description"));
            foreach (var text in texts)
            {
                foreach (Match m in ConjunctionRx.Matches(text))
                {
                    foreach (var other in Regex.Split(m.Groups[1].Value, @",\s*|\s+or\s+"))
                    {
                        if (endpoint.Field(other) == null || other == f.Name) continue;
                        var pair = string.CompareOrdinal(f.Name, other) < 0 ? new[] { f.Name, other } : new[] { other, f.Name };
                        if (!seen.Add(string.Join("|", pair))) continue;
                        yield return new ApiRule
                        {
                            Kind = RuleKind.MutuallyExclusive,
                            Fields = pair,
                            Message = Sentence(text, m.Index),
                        };
                    }
                }
                var count = MatchCountRx.Match(text);
                if (count.Success && endpoint.Field(count.Groups[1].Value) != null && seen.Add("count|" + f.Name))
                    yield return new ApiRule
                    {
                        Kind = RuleKind.SameCount,
                        Fields = new[] { count.Groups[1].Value, f.Name },
                        Message = Sentence(text, count.Index),
                    };
            }
        }
        if (endpoint.Family == ApiFamilies.Legacy && endpoint.Field("model") != null)
            foreach (var (field, models, quote) in Overlay.LegacyModelRules)
                if (endpoint.Field(field) != null)
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

    private static List<ApiSchema> BuildSchemas(Context ctx, List<ApiEndpoint> endpoints)
    {
        var result = new List<ApiSchema>();
        var queue = new Queue<string>(endpoints.Where(e => e.Source == "openapi").Select(e => e.Response).Distinct());
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (!done.Add(name)) continue;
            if (!Overlay.Schemas.TryGetValue(name, out var typeName)) throw new InvalidOperationException("No C# name for response schema " + name);
            var s = ctx.Schema(name);
            var props = new List<ApiProperty>();
            foreach (var (pn, ps) in ctx.Properties(s, out var required))
            {
                var p = new ApiProperty { Name = pn, Member = Pascal(pn), Required = required.Contains(pn) };
                var target = ps;
                var description = Text(ps, "description");
                if (ps.TryGetProperty("$ref", out var r))
                {
                    var rn = Context.RefName(r.GetString()!);
                    if (Overlay.Enums.ContainsKey(rn)) { p.Kind = ValueKind.Enum; p.Ref = rn; p.Description = description.Length > 0 ? description : Text(ctx.Schema(rn), "description"); props.Add(p); continue; }
                    target = ctx.Schema(rn);
                    if (target.TryGetProperty("properties", out _)) { p.Kind = ValueKind.Object; p.Ref = rn; queue.Enqueue(rn); p.Description = description; props.Add(p); continue; }
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
                        if (items.TryGetProperty("$ref", out var ir))
                        {
                            var irn = Context.RefName(ir.GetString()!);
                            if (Overlay.Enums.ContainsKey(irn)) { p.Kind = ValueKind.EnumArray; p.Ref = irn; }
                            else { p.Kind = ValueKind.ObjectArray; p.Ref = irn; queue.Enqueue(irn); }
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
            result.Add(new ApiSchema { Name = name, TypeName = typeName, Description = Text(s, "description"), Properties = props.ToArray() });
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
