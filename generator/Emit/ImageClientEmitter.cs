using System;
using System.Collections.Generic;
using System.Linq;
using IdeogramGen.ApiDescription;
using static IdeogramGen.Generator.Emit.EmitContext;

namespace IdeogramGen.Generator.Emit
{
    /// <summary>
    /// Writes the client's implementation of <c>IdeogramGen.IIdeogramImageClient</c> (an explicit one, so it adds no
    /// public member): <c>ImageRequestPaths</c> and <c>SendImageRequestAsync</c>, which fills an image endpoint's own
    /// request type from an <c>IdeogramImageRequest</c> by Ideogram field name and sends it. Used by the
    /// Microsoft.Extensions.AI adapter, which cannot know the generated types. The filling is written once, in the models
    /// file; each client passes its own paths to it.
    /// </summary>
    internal static class ImageClientEmitter
    {
        /// <summary>The endpoints the interface serves: those answering with images (a <c>data</c> array of items with a <c>url</c>).</summary>
        public static List<ApiEndpoint> ImageEndpoints(IEnumerable<ApiEndpoint> endpoints) =>
            endpoints.Where(e => ImageInterfaceEmitter.ImageItem(IdeogramApi.FindSchema(e.Response)) != null).ToList();

        /// <summary>The name of the models file's class that holds what every client shares (<see cref="EmitShared"/>).</summary>
        public const string SharedClass = "ClientDispatch";

        /// <summary>
        /// Writes the client's members: its image paths and the interface's two members. <c>SendImageRequestAsync</c> calls
        /// the models file's shared body (<see cref="EmitShared"/>, once per compilation) with the client's paths, so
        /// each class compiles one line instead of a filling block per endpoint.
        /// </summary>
        /// <param name="w">The writer, inside the client class.</param>
        /// <param name="n">The nullable annotation for reference types ("?" or "").</param>
        /// <param name="endpoints">The client's endpoints.</param>
        /// <param name="models">The models namespace, global-qualified and followed by a dot.</param>
        public static void Emit(SourceWriter w, string n, IReadOnlyList<ApiEndpoint> endpoints, string models)
        {
            var images = ImageEndpoints(endpoints);
            w.Line("private static readonly string[] s_ideogramImageRequestPaths = { " + string.Join(", ", images.Select(e => Lit(e.Path))) + " };");
            w.Line();
            w.Line("global::System.Collections.Generic.IReadOnlyList<string> " + Rt + "IIdeogramImageClient.ImageRequestPaths => s_ideogramImageRequestPaths;");
            w.Line();
            var signature = "global::System.Threading.Tasks.Task<" + Rt + "IdeogramResponse> " + Rt + "IIdeogramImageClient.SendImageRequestAsync(" + Rt + "IdeogramImageRequest request, "
                + Rt + "IdeogramRequestOptions" + n + " options, global::System.Threading.CancellationToken cancellationToken)";
            if (endpoints.Count > 0)
            {
                // The client selects families, so the models file (with the shared body) exists.
                w.Line(signature);
                w.Line("    => " + models + SharedClass + ".SendImageRequest(_pipeline, s_ideogramImageRequestPaths, request, options, cancellationToken);");
                return;
            }
            w.Line(signature);
            w.Open("");
            w.Line("if (request == null) throw new global::System.ArgumentNullException(nameof(request));");
            w.Line("if (request.RawRequest != null) throw request.NotARequest();");
            w.Line("throw request.NotSupported(s_ideogramImageRequestPaths);");
            w.Close();
        }

        /// <summary>
        /// Writes, in the models file, the body every client's <c>SendImageRequestAsync</c> shares: it fills the image
        /// endpoint's own request type from an <c>IdeogramImageRequest</c> by Ideogram field name and sends it, when the
        /// calling client has that path.
        /// </summary>
        /// <param name="ctx">The models file's context, inside the shared class.</param>
        /// <param name="endpoints">The synchronous endpoints of every selected family.</param>
        public static void EmitShared(EmitContext ctx, IReadOnlyList<ApiEndpoint> endpoints)
        {
            var w = ctx.W;
            var n = ctx.N;
            var images = ImageEndpoints(endpoints);
            w.Summary("The body of every client's IIdeogramImageClient.SendImageRequestAsync: the endpoint's request filled from the image request and sent, when paths (the client's image paths) has its path.",
                "/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"request\"/> is null.</exception>",
                "/// <exception cref=\"global::System.ArgumentException\">RawRequest is not a request type of the client's image endpoints.</exception>",
                "/// <exception cref=\"global::System.NotSupportedException\">The client has no image endpoint at the request's path.</exception>");
            w.Line("internal static global::System.Threading.Tasks.Task<" + Rt + "IdeogramResponse> SendImageRequest(" + Rt + "GatewayPipeline pipeline, string[] paths, " + Rt + "IdeogramImageRequest request, "
                + Rt + "IdeogramRequestOptions" + n + " options, global::System.Threading.CancellationToken cancellationToken)");
            w.Open("");
            w.Line("if (request == null) throw new global::System.ArgumentNullException(nameof(request));");
            w.Line("object" + n + " raw = request.RawRequest;");
            w.Line("string" + n + " path = request.Path;");
            w.Open("if (raw != null)");
            for (int i = 0; i < images.Count; i++)
                w.Line((i == 0 ? "if" : "else if") + " (raw is " + ctx.Models + RequestTypeName(images[i]) + ") path = " + Lit(images[i].Path) + ";");
            w.Line((images.Count > 0 ? "else " : "") + "throw request.NotARequest();");
            w.Line("if (global::System.Array.IndexOf(paths, path) < 0) throw request.NotARequest();");
            w.Close();
            w.Line("else if (global::System.Array.IndexOf(paths, path) < 0) throw request.NotSupported(paths);");
            if (images.Count > 0)
            {
                w.Open("switch (path)");
                foreach (var e in images)
                {
                    var type = ctx.Models + RequestTypeName(e);
                    w.Line("case " + Lit(e.Path) + ":");
                    w.Open("");
                    w.Line("var r = raw as " + type + " ?? new " + type + "();");
                    Fill(w, e);
                    w.Line("return " + Rt + "IdeogramImageRequest.Upcast(" + type + ".Send(pipeline, r, options, cancellationToken));");
                    w.Close();
                }
                w.Close();
            }
            w.Line("throw request.NotSupported(paths);");
            w.Close();
        }

        private static void Fill(SourceWriter w, ApiEndpoint e)
        {
            foreach (var f in PublicFields(e))
            {
                switch (f.Name)
                {
                    case "prompt":
                    case "text_prompt":
                    case "negative_prompt":
                        if (f.Kind == ValueKind.String)
                            w.Line("if (r." + f.Member + " == null" + (f.Name == "text_prompt" && e.Field("json_prompt") != null ? " && r." + e.Field("json_prompt")!.Member + " == null" : "")
                                + ") r." + f.Member + " = request." + (f.Name == "negative_prompt" ? "NegativePrompt" : "Prompt") + ";");
                        break;
                    case "num_images":
                    case "seed":
                        if (f.Kind == ValueKind.Integer)
                            w.Line("if (!r." + f.Member + ".HasValue) r." + f.Member + " = request." + (f.Name == "seed" ? "Seed" : "NumImages") + ";");
                        break;
                    case "model":
                        if (f.Kind == ValueKind.Enum)
                            w.Line("if (!r." + f.Member + ".HasValue && request.Model != null) r." + f.Member + " = new " + Rt + EnumType(f) + "(request.Model);");
                        break;
                    case "image":
                    case "image_file":
                        if (f.Kind == ValueKind.File)
                            w.Line("if (r." + f.Member + " == null && request.Images != null && request.Images.Count > 0) r." + f.Member + " = request.Images[0];");
                        break;
                    case "images":
                        if (f.Kind == ValueKind.FileArray)
                            w.Line("if (r." + f.Member + " == null && request.Images != null && request.Images.Count > 0) r." + f.Member + " = request.Images;");
                        break;
                    case "mask":
                        if (f.Kind == ValueKind.File)
                            w.Line("if (r." + f.Member + " == null) r." + f.Member + " = request.Mask;");
                        break;
                }
            }
            var resolution = e.Fields.FirstOrDefault(f => f.Name == "resolution" && f.Kind == ValueKind.Enum);
            var aspect = e.Fields.FirstOrDefault(f => f.Name == "aspect_ratio" && f.Kind == ValueKind.Enum);
            if (resolution == null && aspect == null) return;
            var unset = string.Join(" && ", new[] { resolution, aspect }.Where(f => f != null).Select(f => "!r." + f!.Member + ".HasValue"));
            w.Open("if (request.Size.HasValue && " + unset + ")");
            w.Line("var size = request.Size.Value;");
            if (resolution != null)
            {
                var res = Rt + EnumType(resolution);
                w.Line("var resolution = " + Rt + "ImageShapes." + (aspect != null ? "Exact" : "Nearest") + "(" + res + ".KnownValues, size.Width, size.Height);");
                w.Line("if (resolution != null) r." + resolution.Member + " = new " + res + "(resolution);");
            }
            if (aspect != null)
            {
                var asp = Rt + EnumType(aspect);
                w.Open(resolution != null ? "else" : "");
                w.Line("var aspect = " + Rt + "ImageShapes.Nearest(" + asp + ".KnownValues, size.Width, size.Height);");
                w.Line("if (aspect != null) r." + aspect.Member + " = new " + asp + "(aspect);");
                w.Close();
            }
            w.Close();
        }

        private static string EnumType(ApiField f) => (IdeogramApi.FindEnum(f.Enum!) ?? throw new InvalidOperationException("Unknown vocabulary " + f.Enum)).TypeName;
    }
}
