using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

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

    /// <summary>
    /// Downloads generated images: streams them to a <see cref="Stream"/> or a file without holding the whole image in
    /// memory, checks the link's expiry before sending anything, and reports progress. The image host is called with a
    /// plain GET: no Ideogram key and no gateway token (a client whose default headers carry either is refused).
    /// </summary>
    public sealed class ImageDownloader
    {
        private static readonly string[] SecretHeaders = { GatewayHeaders.IdeogramApiKey, GatewayHeaders.Authorization, "Authorization" };
        private readonly HttpClient _http;
        private TimeProvider _time = TimeProvider.System;

        /// <summary>Creates a downloader over <paramref name="httpClient"/>, which it never disposes.</summary>
        /// <exception cref="ArgumentException">The client's default headers carry a credential.</exception>
        public ImageDownloader(HttpClient httpClient)
        {
            _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
            foreach (var name in SecretHeaders)
                if (httpClient.DefaultRequestHeaders.Contains(name))
                    throw new ArgumentException($"The HttpClient for downloads has a default '{name}' header; image hosts must not receive credentials. Use a client without default credential headers.", nameof(httpClient));
        }

        /// <summary>The longest download, per image; default 5 minutes.</summary>
        public TimeSpan Timeout
        {
            get => _timeout;
            set => _timeout = value > TimeSpan.Zero && value.TotalMilliseconds <= int.MaxValue
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "The download timeout must be positive and at most about 24 days.");
        }

        private TimeSpan _timeout = TimeSpan.FromMinutes(5);

        /// <summary>
        /// The clock the link expiry (<c>exp</c>) is checked against before a download; default
        /// <see cref="System.TimeProvider.System"/>. Give it the clock of an emulator or test that controls time.
        /// <see cref="Timeout"/> always runs on real time.
        /// </summary>
        public TimeProvider TimeProvider
        {
            get => _time;
            set => _time = value ?? throw new ArgumentNullException(nameof(value));
        }

        /// <summary>The largest image accepted, in bytes; default 100 MiB.</summary>
        public long MaxBytes
        {
            get => _maxBytes;
            set => _maxBytes = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxBytes must be positive.");
        }

        private long _maxBytes = 100L * 1024 * 1024;

        /// <summary>Streams the image at <paramref name="url"/> into <paramref name="destination"/>.</summary>
        /// <returns>The number of bytes written.</returns>
        /// <exception cref="ImageDownloadException">The link is missing or expired, the host refused, the image is too large, or the transfer broke or timed out.</exception>
        /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
        public async Task<long> DownloadAsync(string? url, Stream destination, IProgress<ImageDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            if (destination is null) throw new ArgumentNullException(nameof(destination));
            if (string.IsNullOrEmpty(url))
                throw new ImageDownloadException("The image has no link: Ideogram withholds the link of an image that failed its safety check (is_image_safe = false).");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw new ImageDownloadException("The image link is not an absolute http(s) URL.");
            var expiry = ImageUrl.GetExpiry(url);
            if (expiry != null && expiry.Value <= _time.GetUtcNow())
                throw new ImageDownloadException($"The image link expired at {expiry.Value.ToString("u", CultureInfo.InvariantCulture)}; Ideogram's links are temporary. If the answer came from the gateway cache (cf-aig-cache-status: HIT), send the request with SkipCache to get fresh links.")
                {
                    Expired = true, ExpiresAt = expiry,
                };

            using var timeoutCts = new CancellationTokenSource(Timeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status < 200 || status > 299)
                {
                    var expired = status == 403 || status == 410 ? " The link may have expired." : "";
                    throw new ImageDownloadException($"The image host answered {status}.{expired}") { StatusCode = status, ExpiresAt = expiry, IsTransient = status >= 500 || status == 429, IsRetrySafe = true };
                }
                var total = response.Content.Headers.ContentLength;
                if (total > MaxBytes) throw new ImageDownloadException($"The image is {total} bytes, more than ImageDownloader.MaxBytes ({MaxBytes}).") { StatusCode = status };
#if NET5_0_OR_GREATER
                using var source = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
#else
                using var source = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
                var buffer = new byte[81920];
                long written = 0;
                while (true)
                {
                    int n = await source.ReadAsync(buffer, 0, buffer.Length, linked.Token).ConfigureAwait(false);
                    if (n == 0) break;
                    written += n;
                    if (written > MaxBytes) throw new ImageDownloadException($"The image is larger than ImageDownloader.MaxBytes ({MaxBytes}).") { StatusCode = status };
                    await destination.WriteAsync(buffer, 0, n, linked.Token).ConfigureAwait(false);
                    progress?.Report(new ImageDownloadProgress(written, total));
                }
                IdeogramTelemetry.RecordDownloaded(written);
                if (total != null && written != total)
                    throw new ImageDownloadException($"The image host announced {total} bytes but sent {written}.") { StatusCode = status, IsTransient = true, IsRetrySafe = true };
                return written;
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                // Carry the caller's token (HttpClient reports its internal linked token), so callers can tell their own cancellation.
                throw new OperationCanceledException(ex.Message, ex, cancellationToken);
            }
            catch (OperationCanceledException ex)
            {
                throw new ImageDownloadException($"The download did not finish within {Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.", ex) { IsTransient = true, IsRetrySafe = true, ExpiresAt = expiry };
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
            {
                throw new ImageDownloadException("The download failed: " + (ex.InnerException?.Message ?? ex.Message), ex) { IsTransient = true, IsRetrySafe = true, ExpiresAt = expiry };
            }
        }

        /// <summary>
        /// Streams the image into a file. The file appears only when complete: data goes to
        /// <c>&lt;path&gt;.partial</c> first and is moved into place at the end.
        /// </summary>
        /// <returns>The number of bytes written.</returns>
        public async Task<long> DownloadToFileAsync(string? url, string path, IProgress<ImageDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("A file path is required.", nameof(path));
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            var partial = path + ".partial";
            long written;
            try
            {
                using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                    written = await DownloadAsync(url, file, progress, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                try { File.Delete(partial); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                throw;
            }
            if (File.Exists(path)) File.Delete(path);
            File.Move(partial, path);
            return written;
        }
    }
}
