using System.Linq;
using IdeogramGen.ApiDescription;
using static IdeogramGen.Generator.Emit.EmitContext;

namespace IdeogramGen.Generator.Emit
{
    // The common image interfaces of the runtime (IIdeogramImage, IIdeogramImageResponse): which generated response types
    // implement them, and the explicit members that map each schema's properties onto them.
    internal static class ImageInterfaceEmitter
    {
        private const string ImageInterface = "global::IdeogramGen.IIdeogramImage";
        private const string ImageResponseInterface = "global::IdeogramGen.IIdeogramImageResponse";

        /// <summary>An image object: a schema with a <c>url</c> link and an <c>is_image_safe</c> verdict.</summary>
        private static bool IsImageObject(ApiSchema s) =>
            s.Properties.Any(p => p.Name == "url" && p.Kind == ValueKind.String) && s.Properties.Any(p => p.Name == "is_image_safe" && p.Kind == ValueKind.Boolean);

        /// <summary>The <c>data</c> list of a response whose items are image objects, or null.</summary>
        private static ApiProperty? ImageData(ApiSchema? s)
        {
            var data = s?.Properties.FirstOrDefault(p => p.Name == "data" && p.Kind == ValueKind.ObjectArray && p.Ref != null);
            return data != null && IdeogramApi.FindSchema(data.Ref!) is ApiSchema item && IsImageObject(item) ? data : null;
        }

        /// <summary>
        /// The item schema of a response whose <c>data</c> holds image objects, or null: the one test of "an image
        /// response", shared by the interfaces above and the image client (<see cref="ImageClientEmitter"/>).
        /// </summary>
        public static ApiSchema? ImageItem(ApiSchema? response) => ImageData(response) is ApiProperty data ? IdeogramApi.FindSchema(data.Ref!) : null;

        /// <summary>The base class and interfaces of a response type, as <c> : A, B</c> (or nothing).</summary>
        public static string BaseList(ApiSchema s, bool isTop)
        {
            var bases = new System.Collections.Generic.List<string>();
            if (isTop) bases.Add(Rt + "IdeogramResponse");
            if (IsImageObject(s)) bases.Add(ImageInterface);
            if (isTop && ImageData(s) != null) bases.Add(ImageResponseInterface);
            return bases.Count == 0 ? "" : " : " + string.Join(", ", bases);
        }

        public static void EmitMembers(EmitContext ctx, ApiSchema s, bool isTop)
        {
            var w = ctx.W;
            var n = ctx.N;
            if (IsImageObject(s))
            {
                var url = s.Properties.First(p => p.Name == "url").Member;
                w.Line("string" + n + " " + ImageInterface + ".Url => " + url + ";");
                w.Line("int? " + ImageInterface + ".Seed => " + (Find(s, "seed", ValueKind.Integer) ?? "null") + ";");
                w.Line("string" + n + " " + ImageInterface + ".Resolution => " + ResolutionText(s) + ";");
                w.Line("bool? " + ImageInterface + ".IsImageSafe => " + (Find(s, "is_image_safe", ValueKind.Boolean) ?? "null") + ";");
                w.Line("bool " + ImageInterface + ".IsWithheld => string.IsNullOrEmpty(" + url + ");");
                w.Line("global::System.DateTimeOffset? " + ImageInterface + ".ExpiresAt => " + Rt + "ImageUrl.GetExpiry(" + url + ");");
                w.Line("string" + n + " " + ImageInterface + ".Prompt => " + (Find(s, "prompt", ValueKind.String) ?? "null") + ";");
                w.Line();
            }
            var data = isTop ? ImageData(s) : null;
            if (data != null)
            {
                w.Line("global::System.Collections.Generic.IReadOnlyList<" + ImageInterface + "> " + ImageResponseInterface + ".Images => " + data.Member + ";");
                w.Line();
            }
        }

        private static string? Find(ApiSchema s, string wireName, ValueKind kind) =>
            s.Properties.FirstOrDefault(p => p.Name == wireName && p.Kind == kind)?.Member;

        /// <summary>The <c>resolution</c> as text: a string property as it is, a vocabulary's wire value when set, else null.</summary>
        private static string ResolutionText(ApiSchema s)
        {
            var p = s.Properties.FirstOrDefault(x => x.Name == "resolution");
            if (p == null) return "null";
            if (p.Kind == ValueKind.String) return p.Member;
            if (p.Kind != ValueKind.Enum) return "null";
            bool optional = !p.Required || p.Nullable;
            return optional
                ? "(" + p.Member + ".HasValue && " + p.Member + ".Value.IsSet ? " + p.Member + ".Value.Value : null)"
                : "(" + p.Member + ".IsSet ? " + p.Member + ".Value : null)";
        }
    }
}
