using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace IdeogramGen
{
    /// <summary>
    /// An image request in endpoint-neutral terms. Each set property fills the field of the same Ideogram name when the
    /// endpoint has it and the raw request left it unset; the others are ignored.
    /// </summary>
    public sealed class IdeogramImageRequest
    {
        /// <summary>
        /// Ideogram's path, e.g. <c>/v1/ideogram-v3/generate</c>; ignored when <see cref="RawRequest"/> is set (its type
        /// names the endpoint).
        /// </summary>
        public string? Path { get; set; }

        /// <summary>
        /// A generated request object to start from (any field Ideogram offers: rendering speed, style, magic prompt, ...);
        /// the properties below fill only what it leaves unset. It is filled in place.
        /// </summary>
        public object? RawRequest { get; set; }

        /// <summary><c>prompt</c>.</summary>
        public string? Prompt { get; set; }

        /// <summary><c>num_images</c>.</summary>
        public int? NumImages { get; set; }

        /// <summary><c>seed</c>.</summary>
        public int? Seed { get; set; }

        /// <summary><c>model</c>, on the endpoints that take one (legacy).</summary>
        public string? Model { get; set; }

        /// <summary><c>negative_prompt</c>.</summary>
        public string? NegativePrompt { get; set; }

        /// <summary>
        /// The wanted output size in pixels, width and height: sent as the endpoint's <c>resolution</c> when it lists that
        /// exact size, else as the nearest <c>aspect_ratio</c> it lists (or the nearest resolution when it has no aspect ratio).
        /// </summary>
        public (int Width, int Height)? Size { get; set; }

        /// <summary>The input image: the endpoint's <c>image</c> or <c>image_file</c> field, or the first of <c>images</c>.</summary>
        public IList<IdeogramFile>? Images { get; set; }

        /// <summary><c>mask</c>, for the endpoints that edit a masked region.</summary>
        public IdeogramFile? Mask { get; set; }

        /// <summary>Used by generated code: upcasts an endpoint's task.</summary>
        public static async Task<IdeogramResponse> Upcast<T>(Task<T> call) where T : IdeogramResponse => await call.ConfigureAwait(false);

        /// <summary>Used by generated code: the error for a path the client does not have.</summary>
        public NotSupportedException NotSupported(IReadOnlyList<string> paths) =>
            new NotSupportedException("This client cannot send an image request to " + (Path ?? "(no path)") + "; it has " + string.Join(", ", paths)
                + ". The [IdeogramGateway] Families argument selects the endpoint families a client has.");

        /// <summary>Used by generated code: the error for a raw request of another client or type.</summary>
        public ArgumentException NotARequest() =>
            new ArgumentException("RawRequest is a " + RawRequest!.GetType().FullName + ", not a request type of this client's image endpoints.", "request");
    }
}
