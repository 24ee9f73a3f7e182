using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.Testing.Internal
{
    /// <summary>
    /// Checks a parsed request against the endpoint's entry in the API description (<see cref="IdeogramApi"/>): required
    /// fields, value kinds, integer and number ranges, patterns (per item for string arrays), item counts, vocabularies
    /// and per-endpoint allowed values, file formats and sizes, and the cross-field rules. Fields the endpoint does not
    /// declare are ignored. The first problem found is returned as <c>"&lt;field&gt;: &lt;what is wrong&gt;"</c>.
    /// </summary>
    internal static class RequestValidator
    {
        private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

        public static string? Validate(ApiEndpoint endpoint, ParsedRequest request)
        {
            foreach (var field in endpoint.Fields)
                if (field.Required && !request.Has(field.Name)) return field.Name + ": field required";

            foreach (var field in endpoint.Fields)
            {
                if (!request.Values.TryGetValue(field.Name, out var values)) continue;
                string? problem = CheckField(field, values);
                if (problem is not null) return field.Name + ": " + problem;
            }

            foreach (var rule in endpoint.Rules)
            {
                string? problem = CheckRule(endpoint, rule, request);
                if (problem is not null) return problem;
            }
            return null;
        }

        private static string? CheckField(ApiField field, List<FieldValue> values)
        {
            bool isArray = field.Kind is ValueKind.StringArray or ValueKind.FileArray or ValueKind.EnumArray or ValueKind.ObjectArray;
            if (!isArray && values.Count > 1) return "expected one value, got " + values.Count.ToString(CultureInfo.InvariantCulture);
            if (isArray)
            {
                if (field.MinItems is int min && values.Count < min) return $"needs at least {min} item(s), got {values.Count}";
                if (field.MaxItems is int max && values.Count > max) return $"accepts at most {max} item(s), got {values.Count}";
            }
            if (field.Kind is ValueKind.File or ValueKind.FileArray)
            {
                long total = 0;
                foreach (var v in values)
                {
                    string? problem = CheckFile(field, v);
                    if (problem is not null) return problem;
                    total += v.Bytes!.LongLength;
                }
                if (field.MaxBytes is long maxBytes && total > maxBytes)
                    return field.Kind == ValueKind.FileArray
                        ? $"files total {total} bytes, more than the maximum of {maxBytes} bytes"
                        : $"file is {total} bytes, more than the maximum of {maxBytes} bytes";
                return null;
            }
            foreach (var v in values)
            {
                if (v.IsFile) return "must be a form field, not a file";
                string? problem = CheckValue(field, v);
                if (problem is not null) return problem;
            }
            return null;
        }

        private static string? CheckValue(ApiField field, FieldValue v)
        {
            JsonValueKind? json = v.Json?.ValueKind;
            switch (field.Kind)
            {
                case ValueKind.String:
                case ValueKind.StringArray:
                case ValueKind.DateTime:
                    if (json is not null and not JsonValueKind.String) return "must be a string";
                    return CheckPattern(field, v.AsText());
                case ValueKind.Integer:
                {
                    if (json is not null and not JsonValueKind.Number and not JsonValueKind.String) return "must be an integer";
                    if (!long.TryParse(v.AsText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)) return $"'{v.AsText()}' is not an integer";
                    if (field.Minimum is long lo && n < lo || field.Maximum is long hi && n > hi) return $"{n} is out of range {Range(field.Minimum, field.Maximum)}";
                    return null;
                }
                case ValueKind.Number:
                {
                    if (json is not null and not JsonValueKind.Number and not JsonValueKind.String) return "must be a number";
                    if (!double.TryParse(v.AsText(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return $"'{v.AsText()}' is not a number";
                    if (field.MinimumNumber is double lo && (d < lo || field.ExclusiveMinimum && d == lo) || field.MaximumNumber is double hi && d > hi)
                        return $"{d.ToString(CultureInfo.InvariantCulture)} is out of range {Range(field.MinimumNumber, field.MaximumNumber)}";
                    return null;
                }
                case ValueKind.Boolean:
                    if (json is JsonValueKind.True or JsonValueKind.False) return null;
                    if (json is not null and not JsonValueKind.String) return "must be a boolean";
                    return bool.TryParse(v.AsText(), out _) ? null : $"'{v.AsText()}' is not a boolean (true or false)";
                case ValueKind.Enum:
                case ValueKind.EnumArray:
                    if (json is not null and not JsonValueKind.String) return "must be a string";
                    return CheckEnum(field, v.AsText());
                case ValueKind.ColorPalette:
                    return CheckPalette(IdeogramApi.PaletteOf(field), v);
                case ValueKind.Object:
                case ValueKind.ObjectArray:
                    if (json is not JsonValueKind.Object) return "must be a JSON object";
                    return field.Ref is { } shape && IdeogramApi.FindRequestSchema(shape) is { } schema ? CheckObject(schema, v.Json!.Value, 0) : null;
                default:
                    return null;
            }
        }

        /// <summary>A nested request object (<c>AssetIdentifier</c>, <c>V4JsonPrompt</c>): required fields present, values of the right kind.</summary>
        private static string? CheckObject(ApiRequestSchema schema, JsonElement obj, int depth)
        {
            foreach (var f in schema.Fields)
            {
                bool present = obj.TryGetProperty(f.Name, out var value) && value.ValueKind != JsonValueKind.Null;
                if (!present)
                {
                    if (f.Required) return f.Name + ": field required";
                    continue;
                }
                string? problem;
                if (f.Kind is ValueKind.StringArray or ValueKind.IntegerArray or ValueKind.ObjectArray)
                {
                    if (value.ValueKind != JsonValueKind.Array) return f.Name + ": must be an array";
                    int count = value.GetArrayLength();
                    if (f.MinItems is int min && count < min || f.MaxItems is int max && count > max) return $"{f.Name}: has {count} item(s), expected {f.MinItems ?? 0} to {f.MaxItems?.ToString(CultureInfo.InvariantCulture) ?? "any"}";
                    int i = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        problem = f.Kind == ValueKind.IntegerArray
                            ? (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long n) ? "must be an integer" : f.Minimum is long lo && n < lo || f.Maximum is long hi && n > hi ? $"{n} is out of range {Range(f.Minimum, f.Maximum)}" : null)
                            : f.Kind == ValueKind.ObjectArray && depth < 8 && f.Ref is { } itemRef && IdeogramApi.FindRequestSchema(itemRef) is { } itemSchema
                                ? (item.ValueKind == JsonValueKind.Object ? CheckObject(itemSchema, item, depth + 1) : "must be a JSON object")
                                : CheckValue(f, new FieldValue { Json = item });
                        if (problem is not null) return $"{f.Name}[{i}]" + (problem.Contains(':') ? "." : ": ") + problem;
                        i++;
                    }
                    continue;
                }
                problem = f.Kind == ValueKind.Object && depth < 8 && f.Ref is { } objectRef && IdeogramApi.FindRequestSchema(objectRef) is { } inner
                    ? (value.ValueKind == JsonValueKind.Object ? CheckObject(inner, value, depth + 1) : "must be a JSON object")
                    : CheckValue(f, new FieldValue { Json = value });
                if (problem is not null) return f.Name + (problem.Contains(':') ? "." : ": ") + problem;
            }
            return null;
        }

        private static string? CheckPattern(ApiField field, string text)
        {
            if (field.Pattern is null) return null;
            var regex = Patterns.GetOrAdd(field.Pattern, p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            return regex.IsMatch(text) ? null : $"'{text}' does not match the pattern {field.Pattern}";
        }

        private static string? CheckEnum(ApiField field, string value)
        {
            var vocabulary = field.Enum is null ? null : IdeogramApi.FindEnum(field.Enum);
            if (vocabulary is not null && Array.IndexOf(vocabulary.Values, value) < 0)
                return $"'{value}' is not a valid {vocabulary.Name} value; expected one of {List(vocabulary.Values)}";
            if (field.AllowedValues is { } allowed && Array.IndexOf(allowed, value) < 0)
                return $"'{value}' is not accepted by this endpoint; expected one of {List(allowed)}";
            return null;
        }

        /// <summary>A <c>color_palette</c> of the field's palette kind (v1 uppercase or v2 lowercase presets; the members alike), with the description's limits.</summary>
        private static string? CheckPalette(ApiPalette kind, FieldValue v)
        {
            if (v.Json is not { ValueKind: JsonValueKind.Object } palette) return "must be a JSON object with either name or members";
            bool hasName = palette.TryGetProperty("name", out var name) && name.ValueKind != JsonValueKind.Null;
            bool hasMembers = palette.TryGetProperty("members", out var members) && members.ValueKind != JsonValueKind.Null;
            if (hasName == hasMembers) return hasName ? "name and members cannot be used together" : "either name or members is required";
            if (hasName)
            {
                var presets = IdeogramApi.FindEnum(kind.PresetEnum);
                if (name.ValueKind != JsonValueKind.String) return "name must be a string";
                string preset = name.GetString() ?? "";
                if (presets is not null && Array.IndexOf(presets.Values, preset) < 0)
                    return $"name '{preset}' is not a valid {presets.Name} value; expected one of {List(presets.Values)}";
                return null;
            }
            if (members.ValueKind != JsonValueKind.Array) return "members must be an array";
            int count = members.GetArrayLength();
            if (count < kind.MinMembers || count > kind.MaxMembers) return $"members needs {kind.MinMembers} to {kind.MaxMembers} items, got {count}";
            var hex = Patterns.GetOrAdd(kind.HexPattern, p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            int i = 0;
            foreach (var member in members.EnumerateArray())
            {
                if (member.ValueKind != JsonValueKind.Object) return $"members[{i}] must be an object";
                if (!member.TryGetProperty("color_hex", out var colorHex) || colorHex.ValueKind != JsonValueKind.String)
                    return $"members[{i}].color_hex: field required";
                if (!hex.IsMatch(colorHex.GetString() ?? "")) return $"members[{i}].color_hex '{colorHex.GetString()}' does not match the pattern {kind.HexPattern}";
                if (member.TryGetProperty("color_weight", out var weight) && weight.ValueKind != JsonValueKind.Null)
                {
                    if (weight.ValueKind != JsonValueKind.Number) return $"members[{i}].color_weight must be a number";
                    double w = weight.GetDouble();
                    if (w < kind.MinWeight || w > kind.MaxWeight)
                        return $"members[{i}].color_weight {w.ToString(CultureInfo.InvariantCulture)} is out of range {kind.MinWeight.ToString(CultureInfo.InvariantCulture)}..{kind.MaxWeight.ToString(CultureInfo.InvariantCulture)}";
                }
                i++;
            }
            return null;
        }

        private static string? CheckFile(ApiField field, FieldValue v)
        {
            if (!v.IsFile) return "must be a file part";
            byte[] bytes = v.Bytes!;
            if (bytes.Length == 0) return "file is empty";
            if (field.MaxBytes is long max && bytes.LongLength > max) return $"file is {bytes.LongLength} bytes, more than the maximum of {max} bytes";
            var expected = ExpectedFormat(field);
            if (expected == FileFormat.Image && SniffImage(bytes) is null)
                return "unsupported image format; only JPEG, PNG and WebP are accepted";
            if (expected == FileFormat.Font && !IsFont(bytes))
                return "unsupported font format; only TTF, OTF, WOFF and WOFF2 are accepted";
            return null;
        }

        private enum FileFormat { Any, Image, Font }

        /// <summary>The accepted formats, from the field's media types in the description.</summary>
        private static FileFormat ExpectedFormat(ApiField field) =>
            field.MediaTypes == null ? FileFormat.Any : ApiMediaTypes.IsFont(field) ? FileFormat.Font : FileFormat.Image;

        /// <summary>The image format by magic bytes: <c>image/jpeg</c>, <c>image/png</c>, <c>image/webp</c>, or null.</summary>
        public static string? SniffImage(byte[] b)
        {
            if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return "image/jpeg";
            if (b.Length >= 8 && b[0] == 0x89 && b[1] == (byte)'P' && b[2] == (byte)'N' && b[3] == (byte)'G' && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) return "image/png";
            if (b.Length >= 12 && b[0] == (byte)'R' && b[1] == (byte)'I' && b[2] == (byte)'F' && b[3] == (byte)'F'
                && b[8] == (byte)'W' && b[9] == (byte)'E' && b[10] == (byte)'B' && b[11] == (byte)'P') return "image/webp";
            return null;
        }

        private static bool IsFont(byte[] b)
        {
            if (b.Length < 4) return false;
            uint tag = (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
            return tag is 0x00010000u /* TrueType */ or 0x4F54544Fu /* OTTO */ or 0x774F4646u /* wOFF */ or 0x774F4632u /* wOF2 */ or 0x74727565u /* true */;
        }

        private static string? CheckRule(ApiEndpoint endpoint, ApiRule rule, ParsedRequest request)
        {
            switch (rule.Kind)
            {
                case RuleKind.MutuallyExclusive:
                {
                    var present = rule.Fields.Where(request.Has).ToArray();
                    return present.Length > 1 ? $"{present[0]}: cannot be used in conjunction with {string.Join(", ", present.Skip(1))}" : null;
                }
                case RuleKind.SameCount:
                {
                    if (rule.Fields.Length < 2 || !request.Has(rule.Fields[1])) return null;
                    int expected = request.Get(rule.Fields[0]).Count, actual = request.Get(rule.Fields[1]).Count;
                    return expected == actual ? null : $"{rule.Fields[1]}: has {actual} item(s) but {rule.Fields[0]} has {expected}; the counts must match";
                }
                case RuleKind.NotWithValues:
                {
                    if (rule.Fields.Length == 0 || !request.Has(rule.Fields[0]) || rule.WhenField is null) return null;
                    string? when = request.Text(rule.WhenField) ?? endpoint.Field(rule.WhenField)?.Default;
                    return when is not null && Array.IndexOf(rule.WhenValues, when) >= 0
                        ? $"{rule.Fields[0]}: not accepted when {rule.WhenField} is {when}"
                        : null;
                }
                case RuleKind.AtLeastOne:
                    return rule.Fields.Any(request.Has) ? null : $"{string.Join(", ", rule.Fields)}: at least one is required";
                default:
                    return null;
            }
        }

        private static string Range(long? min, long? max) =>
            (min?.ToString(CultureInfo.InvariantCulture) ?? "") + ".." + (max?.ToString(CultureInfo.InvariantCulture) ?? "");

        private static string Range(double? min, double? max) =>
            (min?.ToString(CultureInfo.InvariantCulture) ?? "") + ".." + (max?.ToString(CultureInfo.InvariantCulture) ?? "");

        private static string List(string[] values) =>
            values.Length <= 16 ? string.Join(", ", values) : string.Join(", ", values.Take(16)) + ", … (" + values.Length.ToString(CultureInfo.InvariantCulture) + " values)";
    }
}
