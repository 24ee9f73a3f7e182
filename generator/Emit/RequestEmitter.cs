using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using IdeogramGen.ApiDescription;
using static IdeogramGen.Generator.Emit.EmitContext;

namespace IdeogramGen.Generator.Emit
{
    /// <summary>
    /// Writes one request type: its properties, <c>Validate()</c> (constant arrays as static fields, so a call
    /// allocates nothing), the body it sends (<see cref="JsonEmitter"/>, <see cref="MultipartEmitter"/>) and the
    /// <c>Send</c> helper the clients' methods call.
    /// </summary>
    internal static class RequestEmitter
    {
        public static void Emit(EmitContext ctx, ApiEndpoint e, string accessibility)
        {
            var w = ctx.W;
            var type = RequestTypeName(e);
            w.Summary("The request of POST " + e.Path + (e.Summary.Length > 0 ? " (" + e.Summary + ")" : "") + ". Unset (null) fields are not sent.",
                "/// <remarks>Field names, ranges and rules are Ideogram's (OpenAPI document of " + e.DocumentDate + "); <see cref=\"Validate\"/> checks them before sending."
                + (HasAsyncFields(e) ? " The body fields async and webhook_url, which make Ideogram answer {generation_id} instead of the result, are not properties: the asynchronous methods set them." : "")
                + "</remarks>");
            w.Line(GeneratedCode);
            w.Line("[" + Rt + "IdeogramEndpoint(" + Lit(e.Path) + ")]");
            if (e.Deprecated) w.Line(Obsolete(e));
            using (w.Block(accessibility + " sealed partial class " + type))
            {
                foreach (var f in PublicFields(e))
                {
                    w.Summary(FieldDoc(f));
                    w.Line("public " + PropertyType(ctx, f) + " " + f.Member + " { get; set; }");
                    w.Line();
                }
                EmitValidate(ctx, e);
                if (e.Mode == EndpointMode.Sync)
                {
                    w.Line();
                    EmitSend(ctx, e);
                }
                AsyncEmitter.EmitRequestMembers(ctx, e);
                w.Line();
                EmitCreateBody(ctx, e);
                if (WritesJson(e))
                {
                    w.Line();
                    JsonEmitter.EmitWriteJson(ctx, e);
                }
                if (WritesMultipart(e))
                {
                    w.Line();
                    MultipartEmitter.EmitWriteMultipart(ctx, e);
                }
                JsonEmitter.EmitArrayWriters(w, PublicFields(e));
            }
        }

        internal static string PropertyType(EmitContext ctx, ApiField f)
        {
            var n = ctx.N;
            switch (f.Kind)
            {
                case ValueKind.String: return "string" + n;
                case ValueKind.Integer: return "int?";
                case ValueKind.Number: return "double?";
                case ValueKind.Boolean: return "bool?";
                case ValueKind.Enum: return EnumType(f.Enum!) + "?";
                case ValueKind.File: return Rt + "IdeogramFile" + n;
                case ValueKind.FileArray: return "global::System.Collections.Generic.IList<" + Rt + "IdeogramFile>" + n;
                case ValueKind.StringArray: return "global::System.Collections.Generic.IList<string>" + n;
                case ValueKind.ColorPalette: return Rt + IdeogramApi.PaletteOf(f).TypeName + n;
                case ValueKind.Object: return ctx.Models + SchemaTypeName(f.Ref!) + n;
                case ValueKind.ObjectArray: return "global::System.Collections.Generic.IList<" + ctx.Models + SchemaTypeName(f.Ref!) + ">" + n;
                case ValueKind.IntegerArray: return "global::System.Collections.Generic.IList<int>" + n;
                default: throw new InvalidOperationException("Unsupported request field kind " + f.Kind);
            }
        }

        internal static string FieldDoc(ApiField f)
        {
            var sb = new StringBuilder();
            var description = f.Description.Trim();
            if (description.Length > 0) sb.Append(description.TrimEnd('.')).Append(". ");
            sb.Append("Wire name: ").Append(f.Name).Append(f.InWrapper ? " (inside image_request)" : "").Append('.');
            if (f.Required) sb.Append(" Required.");
            if (f.Minimum != null || f.Maximum != null) sb.Append(" Range: ").Append(Num(f.Minimum)).Append(" to ").Append(Num(f.Maximum)).Append('.');
            if (f.MinimumNumber != null || f.MaximumNumber != null)
                sb.Append(" Range: ").Append(f.ExclusiveMinimum ? "more than " : "").Append(Num(f.MinimumNumber)).Append(" to ").Append(Num(f.MaximumNumber)).Append('.');
            if (f.MinItems != null || f.MaxItems != null) sb.Append(" Items: ").Append(f.MinItems?.ToString(CultureInfo.InvariantCulture) ?? "0").Append(" to ").Append(f.MaxItems?.ToString(CultureInfo.InvariantCulture) ?? "any").Append('.');
            if (f.Pattern != null) sb.Append(" Pattern: ").Append(f.Pattern).Append('.');
            if (f.MaxBytes != null) sb.Append(" At most ").Append((f.MaxBytes.Value / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)).Append(" MB").Append(ApiMediaTypes.IsFont(f) ? " (.ttf, .otf, .woff, .woff2)" : " (JPEG, PNG or WebP)").Append('.');
            if (f.AllowedValues != null) sb.Append(" Accepted here: ").Append(string.Join(", ", f.AllowedValues)).Append('.');
            if (f.Default != null) sb.Append(" Ideogram's default: ").Append(f.Default).Append('.');
            if (f.Kind == ValueKind.IntegerArray && (f.Minimum != null || f.Maximum != null)) sb.Append(" (each item)");
            if (f.Source != "openapi") sb.Append(" Source: ").Append(f.Source).Append('.');
            return sb.ToString();
        }

        private static string Num(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "any";

        private static string Num(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "any";

        private static string Dbl(double d) => d.ToString("R", CultureInfo.InvariantCulture) + "d";

        private static bool IsValueField(ApiField f) =>
            f.Kind == ValueKind.Integer || f.Kind == ValueKind.Number || f.Kind == ValueKind.Boolean || f.Kind == ValueKind.Enum;

        /// <summary>An expression that is true when the field is set.</summary>
        internal static string SetExpr(ApiField f) => f.Kind == ValueKind.Enum ? EnumSet(f.Member) : IsValueField(f) ? f.Member + ".HasValue" : f.Member + " != null";

        /// <summary>An expression with the wire text of an enum field, or null.</summary>
        private static string EnumText(ApiField f) => EnumWire(f.Member);

        /// <summary>The constant string arrays Validate() passes, each a static field: (field name, items).</summary>
        private static List<(string Name, string[] Items)> ConstantArrays(ApiEndpoint e) => ConstantArrays(PublicFields(e), e.Rules, r => NotWithField(e, r));

        internal static List<(string Name, string[] Items)> ConstantArrays(IEnumerable<ApiField> fields, ApiRule[] rules, Func<ApiRule, string> notWithField)
        {
            var arrays = new List<(string, string[])>();
            foreach (var f in fields)
            {
                if (f.Kind == ValueKind.File || f.Kind == ValueKind.FileArray)
                {
                    if (!arrays.Any(a => a.Item1 == MediaTypesField(f))) arrays.Add((MediaTypesField(f), MediaTypes(f)));
                }
                else if (f.Kind == ValueKind.Enum && Excluded(f).Length > 0)
                    arrays.Add((ExcludedField(f), Excluded(f)));
            }
            foreach (var r in rules)
                if (r.Kind == RuleKind.NotWithValues) arrays.Add((notWithField(r), r.WhenValues));
            return arrays;
        }

        private static string[] MediaTypes(ApiField f) => f.MediaTypes ?? ApiMediaTypes.Images;

        /// <summary>The field holding a file field's media types; fields with the same list share one.</summary>
        private static string MediaTypesField(ApiField f) =>
            MediaTypes(f).SequenceEqual(ApiMediaTypes.Images) ? "ImageMediaTypes"
            : MediaTypes(f).SequenceEqual(ApiMediaTypes.Fonts) ? "FontMediaTypes"
            : f.Member + "MediaTypes";

        private static string ExcludedField(ApiField f) => f.Member + "Excluded";

        private static string NotWithField(ApiEndpoint e, ApiRule r) => e.Field(r.Fields[0])!.Member + "Not" + e.Field(r.WhenField!)!.Member + "Values";

        private static string[] Excluded(ApiField f)
        {
            if (f.AllowedValues == null) return new string[0];
            var vocabulary = IdeogramApi.FindEnum(f.Enum!)!;
            return vocabulary.Values.Where(v => Array.IndexOf(f.AllowedValues, v) < 0).ToArray();
        }

        private static void EmitValidate(EmitContext ctx, ApiEndpoint e)
        {
            var w = ctx.W;
            var arrays = ConstantArrays(e);
            foreach (var (name, items) in arrays)
                w.Line("private static readonly string[] " + name + " = { " + string.Join(", ", items.Select(Lit)) + " };");
            if (arrays.Count > 0) w.Line();
            w.Summary("Checks the request against Ideogram's documented limits; called before sending.",
                "/// <exception cref=\"" + Rt + "IdeogramValidationException\">A field is missing, out of range, malformed, not accepted by this endpoint, or combined with a field it excludes.</exception>");
            using (w.Block("public void Validate()"))
                ValidateBody(w, PublicFields(e).ToList(), e.Rules, Lit, r => NotWithField(e, r));
        }

        /// <summary>The checks of a set of fields and their rules; <paramref name="wire"/> gives a field's name as a C# expression.</summary>
        internal static void ValidateBody(SourceWriter w, List<ApiField> fields, ApiRule[] rules, Func<string, string> wire, Func<ApiRule, string> notWithField)
        {
            ApiField? Find(string name) => fields.FirstOrDefault(f => f.Name == name);
            foreach (var f in fields) ValidateField(w, f, wire(f.Name));
            foreach (var r in rules)
            {
                switch (r.Kind)
                {
                    case RuleKind.MutuallyExclusive:
                    case RuleKind.AtLeastOne:
                        var a = Find(r.Fields[0]);
                        var b = Find(r.Fields[1]);
                        if (a == null || b == null) break;
                        w.Line(Validation + (r.Kind == RuleKind.AtLeastOne ? "AtLeastOne(" : "Exclusive(") + SetExpr(a) + ", " + Lit(a.Name) + ", " + SetExpr(b) + ", " + Lit(b.Name) + ", " + Lit(r.Message) + ");");
                        break;
                    case RuleKind.SameCount:
                        var primary = Find(r.Fields[0])!;
                        var dependent = Find(r.Fields[1])!;
                        w.Line(Validation + "SameCount(" + primary.Member + ", " + Lit(primary.Name) + ", " + dependent.Member + ", " + Lit(dependent.Name) + ");");
                        break;
                    case RuleKind.NotWithValues:
                        var field = Find(r.Fields[0])!;
                        var when = Find(r.WhenField!)!;
                        w.Line(Validation + "NotWith(" + SetExpr(field) + ", " + Lit(field.Name) + ", " + EnumText(when) + ", " + notWithField(r) + ", " + Lit(r.Message) + ");");
                        break;
                }
            }
        }

        /// <summary>The documented limit of a text field as the last argument of RequestValidation.Text, or nothing.</summary>
        private static string MaxLengthArgument(ApiField f) =>
            f.MaxLength is int max ? ", " + max.ToString(CultureInfo.InvariantCulture) : "";

        private static void ValidateField(SourceWriter w, ApiField f, string wire)
        {
            if (f.Required)
                w.Line(Validation + "Required(" + (f.Kind == ValueKind.Enum ? EnumText(f) : f.Member) + ", " + wire + ", " + Lit(RequiredAllowed(f)) + ");");
            switch (f.Kind)
            {
                case ValueKind.String:
                    if (!f.Required) w.Line(Validation + "NotEmpty(" + f.Member + ", " + wire + ");");
                    w.Line(Validation + "Text(" + f.Member + ", " + wire + MaxLengthArgument(f) + ");");
                    if (f.Pattern != null) w.Line(Validation + "Pattern(" + f.Member + ", " + wire + ", " + Lit(f.Pattern) + ", " + Lit("text matching " + f.Pattern) + ");");
                    break;
                case ValueKind.Integer:
                    if (f.Minimum != null || f.Maximum != null)
                        w.Line(Validation + "Range(" + f.Member + ", " + wire + ", " + (f.Minimum ?? long.MinValue).ToString(CultureInfo.InvariantCulture) + "L, " + (f.Maximum ?? long.MaxValue).ToString(CultureInfo.InvariantCulture) + "L);");
                    break;
                case ValueKind.Number:
                    if (f.MinimumNumber != null || f.MaximumNumber != null)
                        w.Line(Validation + (f.ExclusiveMinimum ? "RangeAbove(" : "Range(") + f.Member + ", " + wire + ", " + Dbl(f.MinimumNumber ?? double.MinValue) + ", " + Dbl(f.MaximumNumber ?? double.MaxValue) + ");");
                    break;
                case ValueKind.Enum:
                    var vocabulary = IdeogramApi.FindEnum(f.Enum!)!;
                    w.Line(Validation + "Value(" + EnumText(f) + ", " + wire + ", " + (Excluded(f).Length > 0 ? ExcludedField(f) : "null") + ", "
                        + Lit(string.Join(", ", (f.AllowedValues ?? vocabulary.Values).Where(v => vocabulary.ObsoleteReason(v) == null))) + ");");
                    break;
                case ValueKind.StringArray:
                    w.Line(Validation + "NoNullItems(" + f.Member + ", " + wire + ");");
                    w.Line(Validation + "Text(" + f.Member + ", " + wire + MaxLengthArgument(f) + ");");
                    if (f.Pattern != null) w.Line(Validation + "Pattern(" + f.Member + ", " + wire + ", " + Lit(f.Pattern) + ", " + Lit("items matching " + f.Pattern) + ");");
                    Count(w, f, wire);
                    break;
                case ValueKind.File:
                    w.Line(Validation + "File(" + f.Member + ", " + wire + ", " + MediaTypesField(f) + ", " + MaxBytes(f) + ");");
                    break;
                case ValueKind.FileArray:
                    w.Line(Validation + "Files(" + f.Member + ", " + wire + ", " + MediaTypesField(f) + ", " + MaxBytes(f) + ", "
                        + (f.Description.IndexOf("total", StringComparison.OrdinalIgnoreCase) >= 0 ? "true" : "false") + ");");
                    Count(w, f, wire);
                    break;
                case ValueKind.Object:
                    w.Line("if (" + f.Member + " != null) " + f.Member + ".ValidateAt(" + wire + " + \".\");");
                    break;
                case ValueKind.ObjectArray:
                    w.Line(Validation + "NoNullItems(" + f.Member + ", " + wire + ");");
                    Count(w, f, wire);
                    w.Line("if (" + f.Member + " != null) for (int i = 0; i < " + f.Member + ".Count; i++) " + f.Member + "[i].ValidateAt(" + wire
                        + " + \"[\" + i.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \"].\");");
                    break;
                case ValueKind.IntegerArray:
                    if (f.Minimum != null || f.Maximum != null)
                        w.Line(Validation + "Range(" + f.Member + ", " + wire + ", " + (f.Minimum ?? long.MinValue).ToString(CultureInfo.InvariantCulture) + "L, " + (f.Maximum ?? long.MaxValue).ToString(CultureInfo.InvariantCulture) + "L);");
                    Count(w, f, wire);
                    break;
            }
        }

        private static void Count(SourceWriter w, ApiField f, string wire)
        {
            if (f.MinItems != null || f.MaxItems != null)
                w.Line(Validation + "Count(" + f.Member + ", " + wire + ", " + (f.MinItems ?? 0).ToString(CultureInfo.InvariantCulture) + ", " + (f.MaxItems ?? int.MaxValue).ToString(CultureInfo.InvariantCulture) + ");");
        }

        private static string MaxBytes(ApiField f) => (f.MaxBytes ?? 10485760).ToString(CultureInfo.InvariantCulture) + "L";

        private static string RequiredAllowed(ApiField f)
        {
            switch (f.Kind)
            {
                case ValueKind.File: return ApiMediaTypes.IsFont(f) ? "a font file" : "a JPEG, PNG or WebP image";
                case ValueKind.FileArray: return "one or more images";
                case ValueKind.Object: return "an object";
                case ValueKind.ObjectArray: return "a list of objects";
                case ValueKind.Enum: return string.Join(", ", f.AllowedValues ?? IdeogramApi.FindEnum(f.Enum!)!.Values);
                case ValueKind.String: return "a non-empty " + f.Name;
                default: return "a value";
            }
        }

        /// <summary>The static helper every client's method calls: validate, then send through the client's pipeline.</summary>
        private static void EmitSend(EmitContext ctx, ApiEndpoint e)
        {
            var w = ctx.W;
            var response = ctx.SchemaType(e.Response);
            ClientEmitter.MethodDoc(ctx, e);
            w.Line("internal static global::System.Threading.Tasks.Task<" + response + "> Send(" + Rt + "GatewayPipeline pipeline, " + RequestTypeName(e) + ctx.N + " request, "
                + Rt + "IdeogramRequestOptions" + ctx.N + " options, global::System.Threading.CancellationToken cancellationToken)");
            w.Open("");
            w.Line("if (request == null) throw new global::System.ArgumentNullException(nameof(request));");
            w.Line("request.Validate();");
            var weight = e.Field("num_images") != null ? "request.NumImages ?? 1" : "1";
            w.Line("return pipeline.SendAsync<" + response + ">(" + Lit(e.Path.TrimStart('/')) + ", request.CreateBody(), " + weight + ", " + response + ".Read, options, cancellationToken);");
            w.Close();
        }

        internal static List<ApiField> FileFields(ApiEndpoint e) =>
            e.Fields.Where(f => f.Kind == ValueKind.File || f.Kind == ValueKind.FileArray).ToList();

        internal static bool WritesJson(ApiEndpoint e) =>
            e.Encoding == BodyEncoding.JsonWrapped || (e.Encoding == BodyEncoding.Flat && e.AcceptsJson);

        internal static bool WritesMultipart(ApiEndpoint e) =>
            e.Encoding == BodyEncoding.MultipartWithJsonPart || (e.Encoding == BodyEncoding.Flat && e.AcceptsMultipart && (FileFields(e).Count > 0 || !e.AcceptsJson));

        private static void EmitCreateBody(EmitContext ctx, ApiEndpoint e)
        {
            var w = ctx.W;
            var fileFields = FileFields(e);
            bool hook = HasAsyncFields(e);
            string json = hook ? "writer => WriteJson(writer, submitAsync, webhookUrl)" : "WriteJson";
            string multipart = hook ? "form => WriteMultipart(form, submitAsync, webhookUrl)" : "WriteMultipart";
            if (hook)
            {
                w.Line("internal " + Rt + "RequestBody CreateBody() => CreateBody(false, null);");
                w.Line();
                w.Summary("The body; with <paramref name=\"submitAsync\"/> it carries async=true, with <paramref name=\"webhookUrl\"/> the webhook_url (both make Ideogram answer {generation_id}).");
            }
            using (w.Block("internal " + Rt + "RequestBody CreateBody(" + (hook ? "bool submitAsync, string" + ctx.N + " webhookUrl" : "") + ")"))
            {
                switch (e.Encoding)
                {
                    case BodyEncoding.JsonWrapped:
                        w.Line("return " + Rt + "RequestBody.Json(WriteJson);");
                        break;
                    case BodyEncoding.MultipartWithJsonPart:
                        w.Line("return " + Rt + "RequestBody.Multipart(WriteMultipart);");
                        break;
                    default:
                        if (e.AcceptsJson && e.AcceptsMultipart && fileFields.Count > 0)
                        {
                            var anyFile = string.Join(" || ", fileFields.Select(f => f.Kind == ValueKind.File ? f.Member + " != null" : "(" + f.Member + " != null && " + f.Member + ".Count > 0)"));
                            w.Line("return " + anyFile);
                            w.Line("    ? " + Rt + "RequestBody.Multipart(" + multipart + ")");
                            w.Line("    : " + Rt + "RequestBody.Json(" + json + ");");
                        }
                        else if (e.AcceptsJson)
                            w.Line("return " + Rt + "RequestBody.Json(" + json + ");");
                        else
                            w.Line("return " + Rt + "RequestBody.Multipart(" + multipart + ");");
                        break;
                }
            }
        }
    }
}
