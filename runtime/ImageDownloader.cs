using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen
{
    /// <summary>
    /// Downloads generated images: streams them to a <see cref="Stream"/> or a file without holding the whole image in
    /// memory (one pooled buffer per download, so memory does not grow with the image's size), checks the link's expiry
    /// before sending anything, and reports progress. The image host is called with a plain GET: no Ideogram key and no
    /// gateway token (a client whose default headers carry either is refused).
    /// </summary>
    public sealed class ImageDownloader
    {
        /// <summary>The size of the pooled copy buffer (the same as <see cref="Stream.CopyToAsync(Stream)"/>'s).</summary>
        private const int BufferSize = 81920;

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

        /// <summary>The longest download, per image, measured on <see cref="TimeProvider"/>; default 5 minutes.</summary>
        public TimeSpan Timeout
        {
            get => _timeout;
            set => _timeout = value > TimeSpan.Zero && value.TotalMilliseconds <= int.MaxValue
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "The download timeout must be positive and at most about 24 days.");
        }

        private TimeSpan _timeout = TimeSpan.FromMinutes(5);

        /// <summary>
        /// The clock the link expiry (<c>exp</c>) is checked against before a download, and whose timers run
        /// <see cref="Timeout"/>; default <see cref="System.TimeProvider.System"/>. Give it the clock of an emulator or
        /// test that controls time (a fake clock's timers fire only when the test advances it).
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
        /// <param name="url">The image link of a generated image (absolute http or https; Ideogram's links carry <c>exp</c>).</param>
        /// <param name="destination">Where the bytes go; written in order, never sought, not disposed.</param>
        /// <param name="progress">Told the bytes written so far (and the announced size) after each chunk.</param>
        /// <param name="cancellationToken">Cancels the download.</param>
        /// <returns>The number of bytes written.</returns>
        /// <exception cref="ImageDownloadException">The link is missing or expired, the host refused, the image is too large, or the transfer broke or timed out.</exception>
        /// <exception cref="OperationCanceledException">The caller cancelled (the exception carries <paramref name="cancellationToken"/>).</exception>
        public Task<long> DownloadAsync(string? url, Stream destination, IProgress<ImageDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            if (destination is null) throw new ArgumentNullException(nameof(destination));
            var uri = CheckLink(url, out var expiry);
            return CopyAsync(uri, expiry, destination, progress, cancellationToken);
        }

        /// <summary>
        /// Streams the image into a file. The file appears only when complete: data goes to a temporary
        /// <c>&lt;path&gt;.&lt;unique&gt;.partial</c> file in the same folder, moved into place in one step at the end. No
        /// temporary file is left behind when the download fails or is cancelled. A file already at
        /// <paramref name="path"/> when the download starts is replaced; a file another download (or writer) puts there
        /// while this one runs is kept, and this call throws <see cref="ImageFileConflictException"/>.
        /// </summary>
        /// <param name="url">The image link.</param>
        /// <param name="path">The file to write; its folder is created when missing. Not an existing folder.</param>
        /// <param name="progress">Told the bytes written so far (and the announced size) after each chunk.</param>
        /// <param name="cancellationToken">Cancels the download.</param>
        /// <returns>The number of bytes written.</returns>
        /// <exception cref="ArgumentException"><paramref name="path"/> is empty or names an existing folder (checked before anything is sent).</exception>
        /// <exception cref="ImageFileConflictException">Another writer created or replaced <paramref name="path"/> while this download ran; this download's bytes were discarded.</exception>
        /// <exception cref="ImageDownloadException">The link is missing or expired, the host refused, the image is too large, or the transfer broke or timed out.</exception>
        /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
        public async Task<long> DownloadToFileAsync(string? url, string path, IProgress<ImageDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("A file path is required.", nameof(path));
            var full = Path.GetFullPath(path);
            var name = Path.GetFileName(full);
            if (name.Length == 0 || Directory.Exists(full))
                throw new ArgumentException($"'{path}' is a folder; give the path of the image file to write, e.g. '{Path.Combine(path, "image.png")}'.", nameof(path));
            var uri = CheckLink(url, out var expiry);

            var dir = Path.GetDirectoryName(full)!;
            Directory.CreateDirectory(dir);
            var before = FileState.Of(full);
            string temp = Path.Combine(dir, name + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".partial");
            bool moved = false;
            try
            {
                long written;
                // Unbuffered (the copy writes whole chunks), created new so no other download can share the name.
                using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
                    written = await CopyAsync(uri, expiry, file, progress, cancellationToken).ConfigureAwait(false);
                MoveIntoPlace(temp, full, before, written, expiry);
                moved = true;
                return written;
            }
            finally
            {
                if (!moved)
                {
                    try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                }
            }
        }

        /// <summary>
        /// Moves the finished temporary file to <paramref name="path"/> in one rename: without replacing anything when no
        /// file was there at the start (so of two racing downloads exactly one wins), replacing the file that was there
        /// at the start otherwise, unless another writer changed it meanwhile.
        /// </summary>
        private static void MoveIntoPlace(string temp, string path, FileState? before, long written, DateTimeOffset? expiry)
        {
            if (before is FileState start)
            {
                var now = FileState.Of(path);
                if (now is FileState current && !current.Equals(start)) throw Conflict(path, written, expiry);
                if (now is not null)
                {
#if NETCOREAPP3_0_OR_GREATER
                    File.Move(temp, path, overwrite: true);
#else
                    File.Replace(temp, path, null);
#endif
                    return;
                }
            }
            try
            {
                File.Move(temp, path);
            }
            catch (IOException ex) when (File.Exists(path) || Directory.Exists(path))
            {
                throw Conflict(path, written, expiry, ex);
            }
        }

        private static ImageFileConflictException Conflict(string path, long written, DateTimeOffset? expiry, Exception? inner = null)
        {
            var until = expiry is DateTimeOffset e ? " (the link is valid until " + e.ToString("u", CultureInfo.InvariantCulture) + ")" : "";
            return new ImageFileConflictException(
                $"'{path}' was written by another download while this one ran; that file was kept and this download's {written} bytes were discarded. Download the link again to another path{until}.",
                path, inner)
            {
                ExpiresAt = expiry, IsRetrySafe = true,
            };
        }

        /// <summary>Checks the link before anything is sent: present, absolute http(s), not expired on <see cref="TimeProvider"/>.</summary>
        private Uri CheckLink(string? url, out DateTimeOffset? expiry)
        {
            if (string.IsNullOrEmpty(url))
                throw new ImageDownloadException("The image has no link: Ideogram withholds the link of an image that failed its safety check (is_image_safe = false).");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw new ImageDownloadException("The image link is not an absolute http(s) URL.");
            expiry = ImageUrl.GetExpiry(url);
            if (expiry != null && expiry.Value <= _time.GetUtcNow())
                throw new ImageDownloadException($"The image link expired at {expiry.Value.ToString("u", CultureInfo.InvariantCulture)}; Ideogram's links are temporary. If the answer came from the gateway cache (cf-aig-cache-status: HIT), send the request with SkipCache to get fresh links.")
                {
                    Expired = true, ExpiresAt = expiry,
                };
            return uri;
        }

        private async Task<long> CopyAsync(Uri uri, DateTimeOffset? expiry, Stream destination, IProgress<ImageDownloadProgress>? progress, CancellationToken cancellationToken)
        {
#if NET8_0_OR_GREATER
            using var timeoutCts = new CancellationTokenSource(Timeout, _time);
#else
            using var timeoutCts = _time.CreateCancellationTokenSource(Timeout);
#endif
            using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token) : null;
            var token = linked?.Token ?? timeoutCts.Token;
            byte[]? buffer = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status < 200 || status > 299)
                {
                    var expired = status == 403 || status == 410 ? " The link may have expired." : "";
                    throw new ImageDownloadException($"The image host answered {status}.{expired}") { StatusCode = status, ExpiresAt = expiry, IsTransient = status >= 500 || status == 429, IsRetrySafe = true };
                }
                var total = response.Content.Headers.ContentLength;
                if (total > MaxBytes) throw new ImageDownloadException($"The image is {total} bytes, more than ImageDownloader.MaxBytes ({MaxBytes}).") { StatusCode = status, IsRetrySafe = true };
#if NET5_0_OR_GREATER
                using var source = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
#else
                using var source = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
                buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                long written = 0;
                while (true)
                {
#if NETCOREAPP2_1_OR_GREATER
                    int n = await source.ReadAsync(buffer.AsMemory(), token).ConfigureAwait(false);
#else
                    int n = await source.ReadAsync(buffer, 0, buffer.Length, token).ConfigureAwait(false);
#endif
                    if (n == 0) break;
                    written += n;
                    if (written > MaxBytes) throw new ImageDownloadException($"The image is larger than ImageDownloader.MaxBytes ({MaxBytes}).") { StatusCode = status, IsRetrySafe = true };
#if NETCOREAPP2_1_OR_GREATER
                    await destination.WriteAsync(buffer.AsMemory(0, n), token).ConfigureAwait(false);
#else
                    await destination.WriteAsync(buffer, 0, n, token).ConfigureAwait(false);
#endif
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
            catch (OperationCanceledException ex) when (timeoutCts.IsCancellationRequested)
            {
                throw new ImageDownloadException($"The download did not finish within {Seconds(Timeout)} s (ImageDownloader.Timeout).", ex) { IsTransient = true, IsRetrySafe = true, ExpiresAt = expiry };
            }
            catch (OperationCanceledException ex)
            {
                throw new ImageDownloadException($"The HttpClient's own Timeout ({Seconds(_http.Timeout)} s) ended the download before ImageDownloader.Timeout ({Seconds(Timeout)} s); give the client an infinite or longer Timeout.", ex) { IsTransient = true, IsRetrySafe = true, ExpiresAt = expiry };
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
            {
                throw new ImageDownloadException("The download failed: " + (ex.InnerException?.Message ?? ex.Message), ex) { IsTransient = true, IsRetrySafe = true, ExpiresAt = expiry };
            }
            finally
            {
                if (buffer != null) ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private static string Seconds(TimeSpan span) =>
            span == System.Threading.Timeout.InfiniteTimeSpan ? "infinite" : span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

        /// <summary>What identifies the content of a file at a moment: its length and last write time.</summary>
        private readonly struct FileState : IEquatable<FileState>
        {
            private FileState(long length, DateTime lastWriteUtc)
            {
                Length = length;
                LastWriteUtc = lastWriteUtc;
            }

            public long Length { get; }
            public DateTime LastWriteUtc { get; }

            public static FileState? Of(string path)
            {
                var info = new FileInfo(path);
                return info.Exists ? new FileState(info.Length, info.LastWriteTimeUtc) : null;
            }

            public bool Equals(FileState other) => Length == other.Length && LastWriteUtc == other.LastWriteUtc;
            public override bool Equals(object? obj) => obj is FileState other && Equals(other);
            public override int GetHashCode() => Length.GetHashCode() ^ LastWriteUtc.GetHashCode();
        }
    }
}
