using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.IntegrationTests.Gateway;
using IdeogramGen.Testing;
using Microsoft.Extensions.Time.Testing;

namespace IdeogramGen.IntegrationTests.Downloads;

/// <summary>
/// <see cref="ImageDownloader.DownloadToFileAsync"/> on loopback: a folder as target is refused before sending, no
/// temporary file survives any failure, and of two downloads racing to one path the first keeps the file and the
/// second is told. Emulator gates order the racing transfers; nothing waits on real time.
/// </summary>
public sealed class ImageDownloaderFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "idg-downloads-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string[] Entries() => Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;

    private static async Task<(GatewayHarness Harness, string[] Urls)> GenerateV3Async(int images = 1)
    {
        var h = await GatewayHarness.StartAsync();
        var result = await h.Client.GenerateV3Async(GatewayHarness.Request(images: images));
        return (h, result.Data.Select(d => d.Url!).ToArray());
    }

    private static async Task<byte[]> BytesAsync(GatewayHarness h, string url)
    {
        using var buffer = new MemoryStream();
        await new ImageDownloader(h.Http).DownloadAsync(url, buffer);
        return buffer.ToArray();
    }

    [Fact]
    public async Task Downloading_onto_an_existing_folder_is_refused_before_anything_is_sent()
    {
        var (h, urls) = await GenerateV3Async();
        await using var _ = h;
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "images")).FullName;

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new ImageDownloader(h.Http).DownloadToFileAsync(urls[0], folder));
        Assert.Equal("path", ex.ParamName);
        Assert.Contains("is a folder", ex.Message);
        Assert.Contains(Path.Combine(folder, "image.png"), ex.Message);
        var trailing = await Assert.ThrowsAsync<ArgumentException>(() => new ImageDownloader(h.Http).DownloadToFileAsync(urls[0], Path.Combine(_dir, "new") + Path.DirectorySeparatorChar));
        Assert.Equal("path", trailing.ParamName);

        Assert.Equal(0, h.Emulator.ImageDownloadCount);
        Assert.Equal(new[] { "images" }, Entries());
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task A_file_already_at_the_path_is_replaced_in_one_step()
    {
        var (h, urls) = await GenerateV3Async();
        await using var _ = h;
        var path = Path.Combine(_dir, "image.png");
        File.WriteAllText(path, "an older image");

        long bytes = await new ImageDownloader(h.Http).DownloadToFileAsync(urls[0], path);

        Assert.Equal(await BytesAsync(h, urls[0]), File.ReadAllBytes(path));
        Assert.Equal(bytes, new FileInfo(path).Length);
        Assert.Equal(new[] { "image.png" }, Entries());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Of_two_downloads_racing_to_one_path_the_first_to_finish_keeps_the_file_and_the_second_is_told(bool fileExistedBefore)
    {
        var (h, urls) = await GenerateV3Async(images: 2);
        await using var _ = h;
        var path = Path.Combine(_dir, "image.png");
        if (fileExistedBefore) File.WriteAllText(path, "an older image");
        var downloader = new ImageDownloader(h.Http);

        // Both transfers are under way (both temporary files exist) before either finishes.
        var firstGate = new EmulatorGate();
        h.Emulator.Faults.Enqueue(EmulatorFault.HoldImageBody(firstGate, 1000));
        var first = downloader.DownloadToFileAsync(urls[0], path);
        await Eventually.Within(firstGate.WaitReachedAsync());
        var secondGate = new EmulatorGate();
        h.Emulator.Faults.Enqueue(EmulatorFault.HoldImageBody(secondGate, 1000));
        var second = downloader.DownloadToFileAsync(urls[1], path);
        await Eventually.Within(secondGate.WaitReachedAsync());
        Assert.Equal(2, Directory.GetFiles(_dir, "image.png.*.partial").Length);

        firstGate.Release();
        long written = await Eventually.Within(first);
        secondGate.Release();
        var ex = await Assert.ThrowsAsync<ImageFileConflictException>(() => Eventually.Within(second));

        Assert.Equal(Path.GetFullPath(path), ex.Path);
        Assert.Contains("was written by another download", ex.Message);
        Assert.Contains("Download the link again to another path", ex.Message);
        Assert.True(ex.IsRetrySafe);
        Assert.False(ex.MayHaveBeenBilled);
        Assert.Equal(ImageUrl.GetExpiry(urls[1]), ex.ExpiresAt);
        var kept = File.ReadAllBytes(path);
        Assert.Equal(written, kept.Length);
        Assert.Equal(await BytesAsync(h, urls[0]), kept);
        Assert.NotEqual(await BytesAsync(h, urls[1]), kept);
        Assert.Equal(new[] { "image.png" }, Entries());
    }

    [Fact]
    public async Task Timeout_runs_on_the_downloader_clock_and_leaves_no_file()
    {
        var (h, urls) = await GenerateV3Async();
        await using var _ = h;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var gate = new EmulatorGate();
        h.Emulator.Faults.Enqueue(EmulatorFault.HoldImageBody(gate, 1000));
        var progress = new ProgressLog();
        var path = Path.Combine(_dir, "image.png");

        var download = new ImageDownloader(h.Http) { TimeProvider = clock, Timeout = TimeSpan.FromMinutes(10) }.DownloadToFileAsync(urls[0], path, progress);
        await Eventually.Within(gate.WaitReachedAsync());
        await Eventually.TrueAsync(() => !progress.Reports.IsEmpty, "no progress before the hold");
        clock.Advance(TimeSpan.FromMinutes(10));
        var ex = await Assert.ThrowsAsync<ImageDownloadException>(() => Eventually.Within(download));

        Assert.Contains("within 600 s (ImageDownloader.Timeout)", ex.Message);
        Assert.True(ex.IsTransient);
        Assert.True(ex.IsRetrySafe);
        Assert.Empty(Entries());
        gate.Release();
    }

    public static TheoryData<string> Failures() => new() { "caller cancels mid-body", "caller cancels before the first byte", "host refuses", "larger than MaxBytes" };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task No_temporary_file_survives_a_failed_download(string failure)
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var h = await GatewayHarness.StartAsync(new EmulatorOptions { TimeProvider = clock, ImageLinkLifetime = TimeSpan.FromMinutes(2) });
        var url = (await h.Client.GenerateV3Async(GatewayHarness.Request())).Data[0].Url!;
        var path = Path.Combine(_dir, "image.png");
        var downloader = new ImageDownloader(h.Http);
        using var cts = new CancellationTokenSource();
        var gate = new EmulatorGate();
        Task<long> download;
        switch (failure)
        {
            case "caller cancels mid-body":
                h.Emulator.Faults.Enqueue(EmulatorFault.HoldImageBody(gate, 1000));
                download = downloader.DownloadToFileAsync(url, path, null, cts.Token);
                await Eventually.Within(gate.WaitReachedAsync());
                cts.Cancel();
                Assert.Equal(cts.Token, (await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.Within(download))).CancellationToken);
                break;
            case "caller cancels before the first byte":
                h.Emulator.Faults.Enqueue(EmulatorFault.HoldImageFirstByte(gate));
                download = downloader.DownloadToFileAsync(url, path, null, cts.Token);
                await Eventually.Within(gate.WaitReachedAsync());
                cts.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.Within(download));
                break;
            case "host refuses":
                clock.Advance(TimeSpan.FromMinutes(3));   // the host's clock says the link expired; the downloader's does not
                Assert.Equal(403, (await Assert.ThrowsAsync<ImageDownloadException>(() => downloader.DownloadToFileAsync(url, path))).StatusCode);
                break;
            case "larger than MaxBytes":
                downloader.MaxBytes = 100;
                Assert.Contains("MaxBytes", (await Assert.ThrowsAsync<ImageDownloadException>(() => downloader.DownloadToFileAsync(url, path))).Message);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(failure), failure, null);
        }
        gate.Release();
        Assert.Empty(Entries());
    }
}
