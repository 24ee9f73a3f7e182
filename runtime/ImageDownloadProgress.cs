namespace IdeogramGen
{
    /// <summary>Progress of one image download.</summary>
    public readonly struct ImageDownloadProgress
    {
        /// <summary>Creates a progress report.</summary>
        public ImageDownloadProgress(long bytesReceived, long? totalBytes)
        {
            BytesReceived = bytesReceived;
            TotalBytes = totalBytes;
        }

        /// <summary>Bytes written so far.</summary>
        public long BytesReceived { get; }

        /// <summary>The size the image host announced, when it did.</summary>
        public long? TotalBytes { get; }
    }
}
