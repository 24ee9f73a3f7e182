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
            bool hook = HasAsyncFields(e);
            using (w.Block("internal void WriteJson(global::System.Text.Json.Utf8JsonWriter writer" + (hook ? ", bool submitAsync, string" + ctx.N + " webhookUrl" : "") + ")"))
            {
                w.Line("writer.WriteStartObject();");
                if (e.Encoding == BodyEncoding.JsonWrapped) w.Line("writer.WriteStartObject(" + Lit(e.Wrapper!) + ");");
                foreach (var f in PublicFields(e))
                    if (f.Kind != ValueKind.File && f.Kind != ValueKind.FileArray) WriteField(w, f);
                if (e.Field("async") != null && hook) w.Line("if (submitAsync) writer.WriteBoolean(\"async\", true);");
                if (e.Field("webhook_url") != null && hook) w.Line("if (webhookUrl != null) writer.WriteString(\"webhook_url\", webhookUrl);");
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
                case ValueKind.IntegerArray:
                    w.Open("if (" + m + " != null)");
                    w.Line("writer.WriteStartArray(" + name + ");");
                    w.Line("foreach (var item in " + m + ") writer.WriteNumberValue(item);");
                    w.Line("writer.WriteEndArray();");
                    w.Close();
                    break;
                case ValueKind.Object:
                    w.Open("if (" + m + " != null)");
                    w.Line("writer.WritePropertyName(" + name + ");");
                    w.Line(m + ".WriteJson(writer);");
                    w.Close();
                    break;
                case ValueKind.ObjectArray:
                    w.Open("if (" + m + " != null)");
                    w.Line("writer.WritePropertyName(" + name + ");");
                    w.Line("Write" + m + "(writer);");
                    w.Close();
                    break;
            }
        }

        /// <summary>For each object-list field, a writer of the list as a JSON array (shared by the JSON body and a JSON multipart part).</summary>
        public static void EmitArrayWriters(SourceWriter w, System.Collections.Generic.IEnumerable<ApiField> fields)
        {
            foreach (var f in fields.Where(f => f.Kind == ValueKind.ObjectArray))
            {
                w.Line();
                using (w.Block("private void Write" + f.Member + "(global::System.Text.Json.Utf8JsonWriter writer)"))
                {
                    w.Line("writer.WriteStartArray();");
                    w.Line("if (" + f.Member + " != null) foreach (var item in " + f.Member + ") item.WriteJson(writer);");
                    w.Line("writer.WriteEndArray();");
                }
            }
        }

        public static void EmitRead(EmitContext ctx, ApiSchema s) => EmitRead(ctx, s.TypeName, s.Properties);

        public static void EmitRead(EmitContext ctx, string t, System.Collections.Generic.IEnumerable<ApiProperty> properties, bool mutableLists = false)
        {
            var w = ctx.W;
            var known = properties.ToList();
            if (known.Count > 0)
            {
                // The names as UTF-8, once per type: a property name is matched by index (JsonPropertyNames.Match)
                // instead of one ValueTextEquals per known name.
                w.Line("private static readonly " + EmitContext.Rt + "JsonPropertyNames ReadPropertyNames = new " + EmitContext.Rt + "JsonPropertyNames("
                    + string.Join(", ", known.Select(p => Lit(p.Name))) + ");");
                w.Line();
            }
            w.Summary("Reads one " + t + " from JSON (reflection-free); unknown properties are skipped.");
            using (w.Block("internal static " + t + " Read(ref global::System.Text.Json.Utf8JsonReader reader)"))
            {
                w.Line(Json + "ExpectObject(ref reader, " + Lit(t) + ");");
                w.Line("var result = new " + t + "();");
                if (known.Count > 0) w.Line("int next = 0;");
                using (w.Block("while (" + Json + "NextProperty(ref reader, " + Lit(t) + "))"))
                {
                    if (known.Count == 0)
                    {
                        w.Line(Json + "Value(ref reader, " + Lit(t) + ");");
                        w.Line(Json + "Skip(ref reader, " + Lit(t) + ");");
                    }
                    else
                    {
                        using (w.Block("switch (ReadPropertyNames.Match(ref reader, ref next))"))
                        {
                            for (int i = 0; i < known.Count; i++)
                            {
                                var p = known[i];
                                var path = Lit(t + "." + p.Name);
                                w.Line("case " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":");
                                w.Open("");
                                w.Line(Json + "Value(ref reader, " + path + ");");
                                ReadProperty(w, p, path, mutableLists);
                                w.Line("break;");
                                w.Close();
                            }
                            w.Line("default:");
                            w.Open("");
                            w.Line(Json + "Value(ref reader, " + Lit(t) + ");");
                            w.Line(Json + "Skip(ref reader, " + Lit(t) + ");");
                            w.Line("break;");
                            w.Close();
                        }
                    }
                }
                w.Line("return result;");
            }
        }

        internal static void ReadProperty(SourceWriter w, ApiProperty p, string path, bool mutableLists = false)
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
                    if (mutableLists) w.Line(target + " = " + Json + "ReadArray<" + item + ">(ref reader, " + path + ", " + item + ".Read);");
                    else w.Line(target + " = " + Json + "ReadArray<" + item + ">(ref reader, " + path + ", " + item + ".Read) ?? (global::System.Collections.Generic.IReadOnlyList<" + item + ">)global::System.Array.Empty<" + item + ">();");
                    break;
                case ValueKind.StringArray:
                    if (mutableLists) w.Line(target + " = " + Json + "ReadStringArray(ref reader, " + path + ");");
                    else w.Line(target + " = " + Json + "ReadStringArray(ref reader, " + path + ") ?? (global::System.Collections.Generic.IReadOnlyList<string>)global::System.Array.Empty<string>();");
                    break;
                case ValueKind.IntegerArray:
                    w.Line(target + " = " + Json + "ReadInt32Array(ref reader, " + path + ");");
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
