using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen
{
    /// <summary>
    /// Downloads of a generated image of any endpoint family (<see cref="IIdeogramImage"/>), so one loop over
    /// <see cref="IIdeogramImageResponse.Images"/> serves every answer.
    /// </summary>
    public static class ImageDownloaderExtensions
    {
        /// <summary>Streams <paramref name="image"/> into <paramref name="destination"/>; see <see cref="ImageDownloader.DownloadAsync"/>.</summary>
        /// <returns>The number of bytes written.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="downloader"/> or <paramref name="image"/> is null.</exception>
        /// <exception cref="ImageDownloadException">The image was withheld (no link), its link expired, or the download failed.</exception>
        public static Task<long> DownloadAsync(this ImageDownloader downloader, IIdeogramImage image, Stream destination, IProgress<ImageDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            if (downloader is null) throw new ArgumentNullException(nameof(downloader));
            if (image is null) throw new ArgumentNullException(nameof(image));
            return downloader.DownloadAsync(image.Url, destination, progress, cancellationToken);
        }

        /// <summary>Streams <paramref name="image"/> into a file; see <see cref="ImageDownloader.DownloadToFileAsync"/>.</summary>
        /// <returns>The number of bytes written.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="downloader"/> or <paramref name="image"/> is null.</exception>
        /// <exception cref="ImageDownloadException">The image was withheld (no link), its link expired, or the download failed.</exception>
        public static Task<long> DownloadToFileAsync(this ImageDownloader downloader, IIdeogramImage image, string path, IProgress<ImageDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            if (downloader is null) throw new ArgumentNullException(nameof(downloader));
            if (image is null) throw new ArgumentNullException(nameof(image));
            return downloader.DownloadToFileAsync(image.Url, path, progress, cancellationToken);
        }
    }
}
