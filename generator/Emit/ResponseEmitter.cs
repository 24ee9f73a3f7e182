using System;
using System.Linq;
using IdeogramGen.ApiDescription;
using static IdeogramGen.Generator.Emit.EmitContext;

namespace IdeogramGen.Generator.Emit
{
    /// <summary>
    /// Writes one response type: its properties, the image helpers (<c>ExpiresAt</c>, <c>IsWithheld</c>,
    /// <c>WithheldCount</c>) where the schema has images, and its JSON reader (<see cref="JsonEmitter"/>).
    /// </summary>
    internal static class ResponseEmitter
    {
        public static void Emit(EmitContext ctx, ApiSchema s, string accessibility, bool isTopLevel)
        {
            var w = ctx.W;
            w.Summary((s.Description.Length > 0 ? FirstParagraph(s.Description) + " " : "") + "Ideogram schema " + s.Name + (s.Source != "openapi" ? " (" + s.Source + ")" : "") + ".");
            w.Line(GeneratedCode);
            using (w.Block(accessibility + " sealed partial class " + s.TypeName + ImageInterfaceEmitter.BaseList(s, isTopLevel)))
            {
                foreach (var p in s.Properties)
                {
                    var doc = (p.Description.Length > 0 ? p.Description.TrimEnd('.') + ". " : "") + "Wire name: " + p.Name + "." + (p.Pattern != null ? " Pattern: " + p.Pattern + "." : "");
                    if (p.Name == "url") doc += " Null or empty when is_image_safe is false. The link is temporary: download the image (see ExpiresAt).";
                    w.Summary(doc);
                    var init = InitialValue(ctx, p);
                    w.Line("public " + PropertyType(ctx, p) + " " + p.Member + " { get; set; }" + (init != null ? " = " + init + ";" : ""));
                    w.Line();
                }
                EmitHelpers(ctx, s);
                ImageInterfaceEmitter.EmitMembers(ctx, s, isTopLevel);
                JsonEmitter.EmitRead(ctx, s);
            }
        }

        private static bool Optional(ApiProperty p) => !p.Required || p.Nullable;

        private static string PropertyType(EmitContext ctx, ApiProperty p)
        {
            var n = ctx.N;
            bool optional = Optional(p);
            switch (p.Kind)
            {
                case ValueKind.String: return optional ? "string" + n : "string";
                case ValueKind.Integer: return optional ? "int?" : "int";
                case ValueKind.Number: return optional ? "double?" : "double";
                case ValueKind.Boolean: return optional ? "bool?" : "bool";
                case ValueKind.DateTime: return optional ? "global::System.DateTimeOffset?" : "global::System.DateTimeOffset";
                case ValueKind.Enum: return EnumType(p.Ref!) + (optional ? "?" : "");
                case ValueKind.Object: return ctx.SchemaType(p.Ref!) + n;
                case ValueKind.ObjectArray: return "global::System.Collections.Generic.IReadOnlyList<" + ctx.SchemaType(p.Ref!) + ">";
                case ValueKind.StringArray: return "global::System.Collections.Generic.IReadOnlyList<string>";
                case ValueKind.EnumArray: return "global::System.Collections.Generic.IReadOnlyList<" + EnumType(p.Ref!) + ">";
                default: throw new InvalidOperationException("Unsupported response property kind " + p.Kind);
            }
        }

        private static string? InitialValue(EmitContext ctx, ApiProperty p)
        {
            switch (p.Kind)
            {
                case ValueKind.String: return Optional(p) ? null : "\"\"";
                case ValueKind.ObjectArray: return "global::System.Array.Empty<" + ctx.SchemaType(p.Ref!) + ">()";
                case ValueKind.StringArray: return "global::System.Array.Empty<string>()";
                case ValueKind.EnumArray: return "global::System.Array.Empty<" + EnumType(p.Ref!) + ">()";
                default: return null;
            }
        }

        private static void EmitHelpers(EmitContext ctx, ApiSchema s)
        {
            var w = ctx.W;
            var url = s.Properties.FirstOrDefault(p => p.Name == "url");
            var safe = s.Properties.FirstOrDefault(p => p.Name == "is_image_safe");
            if (url != null && url.Kind == ValueKind.String)
            {
                w.Summary("When the image link expires, read from its exp query parameter; null when there is no link or no exp.");
                w.Line("public global::System.DateTimeOffset? ExpiresAt => " + Rt + "ImageUrl.GetExpiry(" + url.Member + ");");
                w.Line();
            }
            if (safe != null && safe.Kind == ValueKind.Boolean && url != null)
            {
                w.Summary("True when there is no link to this image: Ideogram withheld it after its safety check (is_image_safe = false, \"the url field will be empty\"). It was billed all the same.");
                w.Line("public bool IsWithheld => string.IsNullOrEmpty(" + url.Member + ");");
                w.Line();
            }
            var data = s.Properties.FirstOrDefault(p => p.Name == "data" && p.Kind == ValueKind.ObjectArray);
            if (data != null)
            {
                var item = IdeogramApi.FindSchema(data.Ref!)!;
                if (item.Properties.Any(p => p.Name == "is_image_safe") && item.Properties.Any(p => p.Name == "url"))
                {
                    w.Summary("How many images Ideogram withheld after its safety check (is_image_safe = false): billed, but without a link. Check it: a 200 answer can hold fewer usable images than requested.");
                    using (w.Block("public int WithheldCount"))
                    {
                        using (w.Block("get"))
                        {
                            w.Line("int count = 0;");
                            w.Line("foreach (var image in " + data.Member + ") if (image.IsWithheld) count++;");
                            w.Line("return count;");
                        }
                    }
                    w.Line();
                }
            }
        }
    }
}
