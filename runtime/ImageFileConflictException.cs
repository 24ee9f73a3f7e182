using System;

namespace IdeogramGen
{
    /// <summary>
    /// <see cref="ImageDownloader.DownloadToFileAsync"/> finished its transfer, but another download (or another writer)
    /// created or replaced the target file while it ran. That file was kept, untouched; this download's bytes were
    /// discarded and no temporary file is left. Nothing was billed (downloads never are): download the link again to
    /// another path while it is valid (<see cref="ImageDownloadException.ExpiresAt"/>).
    /// </summary>
    public sealed class ImageFileConflictException : ImageDownloadException
    {
        internal ImageFileConflictException(string message, string path, Exception? inner = null)
            : base(message, inner)
        {
            Path = path;
        }

        /// <summary>The full path of the file another writer produced.</summary>
        public string Path { get; }
    }
}
