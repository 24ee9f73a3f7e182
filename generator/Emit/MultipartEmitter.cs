using System.Linq;
using IdeogramGen.ApiDescription;
using static IdeogramGen.Generator.Emit.EmitContext;

namespace IdeogramGen.Generator.Emit
{
    /// <summary>
    /// Writes a request's <c>WriteMultipart</c>: one form part per set field (files as file parts), and for the legacy
    /// endpoints the JSON part <c>image_request</c> (<c>WriteWrapper</c>).
    /// </summary>
    internal static class MultipartEmitter
    {
        public static void EmitWriteMultipart(EmitContext ctx, ApiEndpoint e)
        {
            var w = ctx.W;
            if (e.Encoding == BodyEncoding.MultipartWithJsonPart)
            {
                using (w.Block("private void WriteWrapper(global::System.Text.Json.Utf8JsonWriter writer)"))
                {
                    w.Line("writer.WriteStartObject();");
                    foreach (var f in e.Fields.Where(f => f.InWrapper)) JsonEmitter.WriteField(w, f);
                    w.Line("writer.WriteEndObject();");
                }
                w.Line();
            }
            bool hook = HasAsyncFields(e);
            using (w.Block("internal void WriteMultipart(" + Rt + "MultipartBuilder form" + (hook ? ", bool submitAsync, string" + ctx.N + " webhookUrl" : "") + ")"))
            {
                if (e.Encoding == BodyEncoding.MultipartWithJsonPart) w.Line("form.Json(" + Lit(e.Wrapper!) + ", WriteWrapper);");
                foreach (var f in PublicFields(e).Where(f => !f.InWrapper)) WritePart(w, f);
                if (hook && e.Field("async") != null) w.Line("if (submitAsync) form.Boolean(\"async\", true);");
                if (hook && e.Field("webhook_url") != null) w.Line("if (webhookUrl != null) form.Text(\"webhook_url\", webhookUrl);");
            }
        }

        private static void WritePart(SourceWriter w, ApiField f)
        {
            var name = Lit(f.Name);
            var m = f.Member;
            switch (f.Kind)
            {
                case ValueKind.String: w.Line("if (" + m + " != null) form.Text(" + name + ", " + m + ");"); break;
                case ValueKind.Integer: w.Line("if (" + m + ".HasValue) form.Number(" + name + ", (long)" + m + ".Value);"); break;
                case ValueKind.Number: w.Line("if (" + m + ".HasValue) form.Number(" + name + ", " + m + ".Value);"); break;
                case ValueKind.Boolean: w.Line("if (" + m + ".HasValue) form.Boolean(" + name + ", " + m + ".Value);"); break;
                case ValueKind.Enum: w.Line("if (" + EnumSet(m) + ") form.Text(" + name + ", " + m + ".Value.Value);"); break;
                case ValueKind.ColorPalette: w.Line("if (" + m + " != null) form.Json(" + name + ", " + m + ".WriteTo);"); break;
                case ValueKind.StringArray: w.Line("if (" + m + " != null) foreach (var item in " + m + ") form.Text(" + name + ", item);"); break;
                case ValueKind.File: w.Line("if (" + m + " != null) form.File(" + name + ", " + m + ");"); break;
                case ValueKind.FileArray: w.Line("if (" + m + " != null) form.Files(" + name + ", " + m + ");"); break;
                // Objects travel as one JSON part (the document's multipart encoding: contentType application/json).
                case ValueKind.Object: w.Line("if (" + m + " != null) form.Json(" + name + ", " + m + ".WriteJson);"); break;
                case ValueKind.ObjectArray: w.Line("if (" + m + " != null) form.Json(" + name + ", Write" + m + ");"); break;
                case ValueKind.IntegerArray: w.Line("if (" + m + " != null) foreach (var item in " + m + ") form.Number(" + name + ", item);"); break;
            }
        }
    }
}
