using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace IdeogramGen.Benchmarks;

/// <summary>
/// One image download in memory (20 MB, and 1 MB to show that allocations do not grow with the size): <see cref="ImageDownloader.DownloadAsync"/> (link check, timeout, size limit,
/// progress-ready copy loop over a pooled buffer) against the floor, a raw streamed
/// <c>GetAsync(ResponseHeadersRead)</c> + <c>CopyToAsync</c> (baseline). Both read the same bytes from a handler that
/// serves a fixed array with its <c>Content-Length</c> the way a socket does (at most 16 KiB per read, no shortcut
/// for <c>CopyToAsync</c>), into a sink that only counts.
/// </summary>
[MemoryDiagnoser]
public class DownloadBenchmarks
{
    /// <summary>The image size in MiB.</summary>
    [Params(1, 20)]
    public int Megabytes { get; set; } = 20;

    /// <summary>The image size in bytes.</summary>
    public int ImageBytes => Megabytes * 1024 * 1024;

    /// <summary>The link both download (no <c>exp</c>, so no expiry to check).</summary>
    public const string Url = "https://ideogram.ai/api/images/ephemeral/benchmark.png";

    private HttpClient _http = null!;
    private ImageDownloader _downloader = null!;

    /// <summary>The handler serving the image; counts what it served.</summary>
    public ImageHostHandler Host { get; private set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        var image = new byte[ImageBytes];
        new Random(20).NextBytes(image);
        image[0] = 0x89;
        Host = new ImageHostHandler(image);
        _http = new HttpClient(Host) { Timeout = Timeout.InfiniteTimeSpan };
        _downloader = new ImageDownloader(_http);
    }

    [GlobalCleanup]
    public void Cleanup() => _http.Dispose();

    [Benchmark(Baseline = true, Description = "raw GetAsync + CopyToAsync")]
    public async Task<long> RawCopy()
    {
        using var response = await _http.GetAsync(Url, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var source = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var counting = new CountingStream();
        await source.CopyToAsync(counting).ConfigureAwait(false);
        return counting.Written;
    }

    [Benchmark(Description = "ImageDownloader.DownloadAsync")]
    public Task<long> Downloader() => _downloader.DownloadAsync(Url, new CountingStream());

    /// <summary>Serves one fixed image for every GET, streamed from memory with its length.</summary>
    public sealed class ImageHostHandler : HttpMessageHandler
    {
        private readonly byte[] _image;
        private int _served;

        public ImageHostHandler(byte[] image) => _image = image;

        /// <summary>The image served.</summary>
        public ReadOnlyMemory<byte> Image => _image;

        /// <summary>How many requests were answered.</summary>
        public int Served => Volatile.Read(ref _served);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _served);
            var content = new StreamContent(new SocketLikeStream(_image));
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            content.Headers.ContentLength = _image.Length;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }

    /// <summary>
    /// Reads a fixed array at most <see cref="MaxRead"/> bytes at a time, completing synchronously, with no
    /// <c>CopyToAsync</c> override (a <see cref="MemoryStream"/> would hand its whole buffer to the destination in one write).
    /// </summary>
    private sealed class SocketLikeStream : Stream
    {
        private const int MaxRead = 16 * 1024;
        private readonly byte[] _data;
        private int _position;

        public SocketLikeStream(byte[] data) => _data = data;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(Math.Min(buffer.Length, MaxRead), _data.Length - _position);
            _data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));
    }

    /// <summary>A write-only sink that counts bytes (the baseline returns the count, as the downloader does).</summary>
    public sealed class CountingStream : Stream
    {
        public long Written { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written;
        public override long Position { get => Written; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Written += count;
        public override void Write(ReadOnlySpan<byte> buffer) => Written += buffer.Length;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written += buffer.Length;
            return default;
        }
    }
}
