using System;

namespace IdeogramGen
{
    /// <summary>
    /// One image of an Ideogram answer, whatever the endpoint family: the generated image types implement it, so code
    /// that does not know the generated types (telemetry, the Microsoft.Extensions.AI adapter, one download loop over
    /// <see cref="IIdeogramImageResponse.Images"/> with <see cref="ImageDownloaderExtensions"/>) can read them.
    /// </summary>
    public interface IIdeogramImage
    {
        /// <summary>The temporary image link (Ideogram's <c>url</c>); null or empty when the image was withheld.</summary>
        string? Url { get; }

        /// <summary>True when Ideogram withheld the image after its safety check (<c>is_image_safe</c> = false): billed, but without a link.</summary>
        bool IsWithheld { get; }

        /// <summary>
        /// Ideogram's safety verdict (<c>is_image_safe</c>: "Whether this request passes safety checks. If false, the url
        /// field will be empty."), when the endpoint returns one.
        /// </summary>
        bool? IsImageSafe { get; }

        /// <summary>When the link expires (its <c>exp</c> query parameter); null when there is no link or no <c>exp</c>.</summary>
        DateTimeOffset? ExpiresAt { get; }

        /// <summary>The seed Ideogram used (<c>seed</c>), when the endpoint returns one.</summary>
        int? Seed { get; }

        /// <summary>The image's resolution as Ideogram writes it (<c>resolution</c>, e.g. <c>1024x1024</c>), when the endpoint returns one.</summary>
        string? Resolution { get; }

        /// <summary>The prompt Ideogram used (<c>prompt</c>, after MagicPrompt), when the endpoint returns one.</summary>
        string? Prompt { get; }
    }
}
