using System;
using System.Collections.Generic;

namespace IdeogramGen
{
    /// <summary>
    /// One image Ideogram generated, whatever the endpoint family: every generated image type
    /// (<c>GeneratedImageV3</c>, <c>GeneratedImageV4</c>, <c>GeneratedImageLegacy</c>, <c>LayeredImageV3</c>,
    /// <c>InstructionEditImage</c>, <c>BackgroundRemovedImage</c>) implements it, so one loop downloads the images of any
    /// answer (see <see cref="IImageResponse"/>). Members the endpoint's schema does not have are null.
    /// </summary>
    /// <remarks>
    /// Source: Ideogram OpenAPI image objects (<c>url</c>, <c>prompt</c>, <c>resolution</c>, <c>is_image_safe</c>,
    /// <c>seed</c>): "Whether this request passes safety checks. If false, the url field will be empty." Image links are
    /// temporary ("Images links are available for a limited period of time").
    /// </remarks>
    public interface IGeneratedImage
    {
        /// <summary>The temporary link to the image (wire <c>url</c>); null or empty when the image was withheld.</summary>
        string? Url { get; }

        /// <summary>The seed the image was generated with (wire <c>seed</c>), when the schema has one.</summary>
        int? Seed { get; }

        /// <summary>The image's size as <c>{width}x{height}</c> (wire <c>resolution</c>), when the schema has one.</summary>
        string? Resolution { get; }

        /// <summary>Ideogram's safety verdict (wire <c>is_image_safe</c>), when the schema has one.</summary>
        bool? IsImageSafe { get; }

        /// <summary>True when there is no link: Ideogram withheld the image after its safety check. It was billed all the same.</summary>
        bool IsWithheld { get; }

        /// <summary>When the link expires (its <c>exp</c> query parameter); null when there is no link or no <c>exp</c>.</summary>
        DateTimeOffset? ExpiresAt { get; }

        /// <summary>The prompt the image was generated from (wire <c>prompt</c>; may differ from the request's when Magic Prompt ran), when the schema has one.</summary>
        string? Prompt { get; }
    }

    /// <summary>
    /// An answer that carries generated images (wire <c>data</c>): implemented by every generated response type whose
    /// <c>data</c> holds images, so one download loop serves all of them.
    /// </summary>
    /// <example>
    /// <code>
    /// foreach (var image in response.Images)
    ///     if (!image.IsWithheld) await downloader.DownloadToFileAsync(image, $"{image.Seed}.png");
    /// </code>
    /// </example>
    public interface IImageResponse
    {
        /// <summary>The images, in Ideogram's order (the same objects as the response's <c>Data</c>); withheld ones included.</summary>
        IReadOnlyList<IGeneratedImage> Images { get; }

        /// <summary>The gateway's <c>cf-aig-*</c> headers of the call that returned the images.</summary>
        GatewayMetadata Gateway { get; }
    }
}
