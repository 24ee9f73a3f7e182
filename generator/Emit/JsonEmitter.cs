using System.Linq;
using IdeogramGen.ApiDescription;
using static IdeogramGen.Generator.Emit.EmitContext;

namespace IdeogramGen.Generator.Emit
{
    /// <summary>
    /// Writes the reflection-free JSON code: a request's <c>WriteJson</c> (over <c>Utf8JsonWriter</c>) and a response's
    /// <c>Read</c> (over <c>Utf8JsonReader</c>, unknown properties skipped).
    /// </summary>
    internal static class JsonEmitter
    {
        public static void EmitWriteJson(EmitContext ctx, ApiEndpoint e)
        {
            var w = ctx.W;
            using (w.Block("internal void WriteJson(global::System.Text.Json.Utf8JsonWriter writer)"))
            {
                w.Line("writer.WriteStartObject();");
                if (e.Encoding == BodyEncoding.JsonWrapped) w.Line("writer.WriteStartObject(" + Lit(e.Wrapper!) + ");");
                foreach (var f in e.Fields)
                    if (f.Kind != ValueKind.File && f.Kind != ValueKind.FileArray) WriteField(w, f);
                if (e.Encoding == BodyEncoding.JsonWrapped) w.Line("writer.WriteEndObject();");
                w.Line("writer.WriteEndObject();");
            }
        }

        /// <summary>Writes one request field as a JSON property when it is set.</summary>
        public static void WriteField(SourceWriter w, ApiField f)
        {
            var name = Lit(f.Name);
            var m = f.Member;
            switch (f.Kind)
            {
                case ValueKind.String: w.Line("if (" + m + " != null) writer.WriteString(" + name + ", " + m + ");"); break;
                case ValueKind.Integer: w.Line("if (" + m + ".HasValue) writer.WriteNumber(" + name + ", " + m + ".Value);"); break;
                case ValueKind.Number: w.Line("if (" + m + ".HasValue) writer.WriteNumber(" + name + ", " + m + ".Value);"); break;
                case ValueKind.Boolean: w.Line("if (" + m + ".HasValue) writer.WriteBoolean(" + name + ", " + m + ".Value);"); break;
                case ValueKind.Enum: w.Line("if (" + EnumSet(m) + ") writer.WriteString(" + name + ", " + m + ".Value.Value);"); break;
                case ValueKind.ColorPalette:
                    w.Open("if (" + m + " != null)");
                    w.Line("writer.WritePropertyName(" + name + ");");
                    w.Line(m + ".WriteTo(writer);");
                    w.Close();
                    break;
                case ValueKind.StringArray:
                    w.Open("if (" + m + " != null)");
                    w.Line("writer.WriteStartArray(" + name + ");");
                    w.Line("foreach (var item in " + m + ") writer.WriteStringValue(item);");
                    w.Line("writer.WriteEndArray();");
                    w.Close();
                    break;
            }
        }

        public static void EmitRead(EmitContext ctx, ApiSchema s)
        {
            var w = ctx.W;
            var t = s.TypeName;
            w.Summary("Reads one " + t + " from JSON (reflection-free); unknown properties are skipped.");
            using (w.Block("internal static " + t + " Read(ref global::System.Text.Json.Utf8JsonReader reader)"))
            {
                w.Line(Json + "ExpectObject(ref reader, " + Lit(t) + ");");
                w.Line("var result = new " + t + "();");
                using (w.Block("while (" + Json + "NextProperty(ref reader, " + Lit(t) + "))"))
                {
                    bool first = true;
                    foreach (var p in s.Properties)
                    {
                        var path = Lit(t + "." + p.Name);
                        w.Open((first ? "if" : "else if") + " (reader.ValueTextEquals(" + Lit(p.Name) + "))");
                        first = false;
                        w.Line(Json + "Value(ref reader, " + path + ");");
                        ReadProperty(w, p, path);
                        w.Close();
                    }
                    w.Open(first ? "" : "else");
                    w.Line(Json + "Value(ref reader, " + Lit(t) + ");");
                    w.Line(Json + "Skip(ref reader, " + Lit(t) + ");");
                    w.Close();
                }
                w.Line("return result;");
            }
        }

        private static void ReadProperty(SourceWriter w, ApiProperty p, string path)
        {
            bool optional = !p.Required || p.Nullable;
            var target = "result." + p.Member;
            switch (p.Kind)
            {
                case ValueKind.String:
                    w.Line(target + " = " + Json + "ReadString(ref reader, " + path + ")" + (optional ? "" : " ?? \"\"") + ";");
                    break;
                case ValueKind.Integer:
                    w.Line(target + " = " + Json + "ReadInt32OrNull(ref reader, " + path + ")" + (optional ? "" : " ?? 0") + ";");
                    break;
                case ValueKind.Number:
                    w.Line(target + " = " + Json + "ReadDoubleOrNull(ref reader, " + path + ")" + (optional ? "" : " ?? 0d") + ";");
                    break;
                case ValueKind.Boolean:
                    w.Line(target + " = " + Json + "ReadBooleanOrNull(ref reader, " + path + ")" + (optional ? "" : " ?? false") + ";");
                    break;
                case ValueKind.DateTime:
                    w.Line(target + " = " + Json + "ReadDateTime(ref reader, " + path + ")" + (optional ? "" : " ?? default(global::System.DateTimeOffset)") + ";");
                    break;
                case ValueKind.Enum:
                    w.Open("");
                    w.Line("var text = " + Json + "ReadString(ref reader, " + path + ");");
                    w.Line("if (!string.IsNullOrEmpty(text)) " + target + " = new " + EnumType(p.Ref!) + "(text);");
                    w.Close();
                    break;
                case ValueKind.Object:
                    w.Line(target + " = reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? null : " + SchemaTypeName(p.Ref!) + ".Read(ref reader);");
                    break;
                case ValueKind.ObjectArray:
                    var item = SchemaTypeName(p.Ref!);
                    w.Line(target + " = " + Json + "ReadArray<" + item + ">(ref reader, " + path + ", " + item + ".Read) ?? (global::System.Collections.Generic.IReadOnlyList<" + item + ">)global::System.Array.Empty<" + item + ">();");
                    break;
                case ValueKind.StringArray:
                    w.Line(target + " = " + Json + "ReadStringArray(ref reader, " + path + ") ?? (global::System.Collections.Generic.IReadOnlyList<string>)global::System.Array.Empty<string>();");
                    break;
                case ValueKind.EnumArray:
                    var enumType = EnumType(p.Ref!);
                    w.Open("");
                    w.Line("var texts = " + Json + "ReadStringArray(ref reader, " + path + ");");
                    w.Line("var values = new global::System.Collections.Generic.List<" + enumType + ">();");
                    w.Line("if (texts != null) foreach (var text in texts) if (text.Length > 0) values.Add(new " + enumType + "(text));");
                    w.Line(target + " = values;");
                    w.Close();
                    break;
            }
        }
    }
}
