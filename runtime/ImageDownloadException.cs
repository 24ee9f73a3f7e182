using System;

namespace IdeogramGen
{
    /// <summary>
    /// A download of a generated image failed: missing or expired link, image host error, size limit, broken transfer,
    /// timeout; <see cref="ImageFileConflictException"/> when another download wrote the target file first.
    /// </summary>
    public class ImageDownloadException : IdeogramGenException
    {
        internal ImageDownloadException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }

        /// <summary>When the image link expires (its <c>exp</c> query parameter), when known.</summary>
        public DateTimeOffset? ExpiresAt { get; internal set; }

        /// <summary>True when the link had expired before the download started.</summary>
        public bool Expired { get; internal set; }
    }
}
