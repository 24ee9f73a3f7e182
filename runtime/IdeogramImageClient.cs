using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen
{
    /// <summary>
    /// Implemented by every generated client: sends an image request described without the generated request types,
    /// for code that cannot know them (the <c>IdeogramGen.Extensions.AI</c> <c>IImageGenerator</c> adapter). The
    /// generated implementation fills the endpoint's own request type from <see cref="IdeogramImageRequest"/> and calls
    /// the endpoint's method, so validation, body encoding and the pipeline are the same as for a direct call.
    /// </summary>
    public interface IIdeogramImageClient
    {
        /// <summary>The transport the client sends through (its gateway, options and base URI).</summary>
        GatewayPipeline Pipeline { get; }

        /// <summary>The Ideogram paths (e.g. <c>/v1/ideogram-v3/generate</c>) this client can send an <see cref="IdeogramImageRequest"/> to.</summary>
        IReadOnlyList<string> ImageRequestPaths { get; }

        /// <summary>Sends <paramref name="request"/> to its endpoint.</summary>
        /// <returns>The endpoint's generated response; those of image endpoints implement <see cref="IIdeogramImageResponse"/>.</returns>
        /// <exception cref="NotSupportedException">This client has no such endpoint (see <see cref="ImageRequestPaths"/>; the class's <c>Families</c> decide).</exception>
        /// <exception cref="ArgumentException"><see cref="IdeogramImageRequest.RawRequest"/> is not a request type of this client.</exception>
        Task<IdeogramResponse> SendImageRequestAsync(IdeogramImageRequest request, IdeogramRequestOptions? options, CancellationToken cancellationToken);
    }

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

    /// <summary>Used by generated code: picks the listed resolution or aspect ratio nearest to a wanted size.</summary>
    public static class ImageShapes
    {
        /// <summary>The listed value naming exactly <paramref name="width"/> x <paramref name="height"/> (e.g. <c>1024x1024</c>, <c>RESOLUTION_1024_1024</c>), or null.</summary>
        public static string? Exact<T>(IReadOnlyList<T> known, int width, int height)
        {
            foreach (var value in known)
                if (Numbers(value?.ToString()) is (int w, int h) && w == width && h == height) return value!.ToString();
            return null;
        }

        /// <summary>The listed value (a resolution, or an aspect ratio such as <c>16x9</c> or <c>ASPECT_16_9</c>) nearest in shape, then in area, to the wanted size; null when none parses.</summary>
        public static string? Nearest<T>(IReadOnlyList<T> known, int width, int height)
        {
            if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), "The image size must be positive.");
            string? best = null;
            double bestShape = double.MaxValue, bestArea = double.MaxValue;
            double wanted = Math.Log((double)width / height);
            foreach (var value in known)
            {
                if (!(Numbers(value?.ToString()) is (int w, int h))) continue;
                double shape = Math.Abs(Math.Log((double)w / h) - wanted);
                double area = Math.Abs(Math.Log((double)w * h / ((double)width * height)));
                if (shape < bestShape - 1e-9 || (Math.Abs(shape - bestShape) <= 1e-9 && area < bestArea))
                {
                    best = value!.ToString();
                    bestShape = shape;
                    bestArea = area;
                }
            }
            return best;
        }

        /// <summary>The two positive whole numbers a value names (<c>16x9</c>, <c>ASPECT_16_9</c>, <c>1280x800</c>), or null.</summary>
        private static (int, int)? Numbers(string? text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            var found = new List<int>(2);
            for (int i = 0; i < text!.Length;)
            {
                if (!char.IsDigit(text[i])) { i++; continue; }
                int start = i;
                while (i < text.Length && char.IsDigit(text[i])) i++;
                if (!int.TryParse(text.Substring(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n == 0) return null;
                found.Add(n);
            }
            return found.Count == 2 ? (found[0], found[1]) : ((int, int)?)null;
        }
    }
}
