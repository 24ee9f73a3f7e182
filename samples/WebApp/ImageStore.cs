using System.Collections.Concurrent;
using IdeogramGen;

namespace WebApp;

/// <summary>
/// Keeps the images of recent generations in memory and serves them from the app: Ideogram's links are temporary
/// (exp= in the URL), so each image is downloaded once, at once, with <see cref="ImageDownloader"/>.
/// </summary>
public sealed class ImageStore(IHttpClientFactory http)
{
    /// <summary>The name of the HttpClient used for downloads (no credentials are ever sent on it).</summary>
    public const string DownloadClient = "image-downloads";

    private const int Capacity = 64;
    private readonly ConcurrentDictionary<string, byte[]> _images = new();
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>Downloads the image behind <paramref name="url"/> and returns its id in the store.</summary>
    public async Task<string> AddAsync(string url, CancellationToken cancellationToken)
    {
        var downloader = new ImageDownloader(http.CreateClient(DownloadClient));
        using var buffer = new MemoryStream();
        await downloader.DownloadAsync(url, buffer, cancellationToken: cancellationToken);
        var id = Guid.NewGuid().ToString("N") + ".png";
        _images[id] = buffer.ToArray();
        _order.Enqueue(id);
        while (_order.Count > Capacity && _order.TryDequeue(out var old)) _images.TryRemove(old, out _);
        return id;
    }

    /// <summary>The bytes of a stored image, or null.</summary>
    public byte[]? Get(string id) => _images.TryGetValue(id, out var bytes) ? bytes : null;
}
