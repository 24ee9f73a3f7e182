using System.Linq;
using IdeogramGen.ApiDescription;
using static IdeogramGen.Generator.Emit.EmitContext;

namespace IdeogramGen.Generator.Emit
{
    /// <summary>
    /// Writes one nested request object (<see cref="ApiField.Ref"/>: <c>AssetIdentifier</c>, <c>JsonPromptV4</c>, ...):
    /// its properties, <c>Validate()</c> (field names as paths such as <c>json_prompt.compositional_deconstruction.elements[0].desc</c>),
    /// its JSON writer and, because some answers carry the same shape (describe's <c>json_prompt</c>), its JSON reader.
    /// </summary>
    internal static class RequestObjectEmitter
    {
        public static void Emit(EmitContext ctx, ApiRequestSchema s, string accessibility)
        {
            var w = ctx.W;
            var fields = s.Fields.ToList();
            w.Summary((s.Description.Length > 0 ? FirstParagraph(s.Description) + " " : "") + "Ideogram schema " + s.Name + ". Unset (null) fields are not sent.",
                "/// <remarks>Sent as a JSON object (a JSON part in multipart bodies). Source: " + Xml(s.Source) + ".</remarks>");
            w.Line(GeneratedCode);
            using (w.Block(accessibility + " sealed partial class " + s.TypeName))
            {
                foreach (var f in fields)
                {
                    w.Summary(RequestEmitter.FieldDoc(f));
                    w.Line("public " + RequestEmitter.PropertyType(ctx, f) + " " + f.Member + " { get; set; }");
                    w.Line();
                }
                var arrays = RequestEmitter.ConstantArrays(fields, s.Rules, r => fields.First(f => f.Name == r.Fields[0]).Member + "NotValues");
                foreach (var (name, items) in arrays)
                    w.Line("private static readonly string[] " + name + " = { " + string.Join(", ", items.Select(Lit)) + " };");
                if (arrays.Count > 0) w.Line();
                w.Summary("Checks the object against Ideogram's documented limits; the request that holds it calls this before sending.",
                    "/// <exception cref=\"" + Rt + "IdeogramValidationException\">A field is missing, out of range or malformed.</exception>");
                w.Line("public void Validate() => ValidateAt(\"\");");
                w.Line();
                using (w.Block("internal void ValidateAt(string path)"))
                    RequestEmitter.ValidateBody(w, fields, s.Rules, name => "path + " + Lit(name), r => fields.First(f => f.Name == r.Fields[0]).Member + "NotValues");
                w.Line();
                using (w.Block("internal void WriteJson(global::System.Text.Json.Utf8JsonWriter writer)"))
                {
                    w.Line("writer.WriteStartObject();");
                    foreach (var f in fields) JsonEmitter.WriteField(w, f);
                    w.Line("writer.WriteEndObject();");
                }
                JsonEmitter.EmitArrayWriters(w, fields);
                w.Line();
                var properties = fields.Select(f => new ApiProperty
                {
                    Name = f.Name,
                    Member = f.Member,
                    Kind = f.Kind,
                    Ref = f.Kind == ValueKind.Enum ? f.Enum : f.Ref,
                    Description = f.Description,
                }).ToList();
                JsonEmitter.EmitRead(ctx, s.TypeName, properties, mutableLists: true);
            }
        }
    }
}
