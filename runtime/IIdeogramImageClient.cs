using System;
using System.Collections.Generic;
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
}
