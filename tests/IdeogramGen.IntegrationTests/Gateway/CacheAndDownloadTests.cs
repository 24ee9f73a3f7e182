using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Testing;
using Microsoft.Extensions.Time.Testing;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>The gateway cache (HIT is not billed, but replays links that expire) and image downloads, on loopback.</summary>
public class CacheAndDownloadTests
{
    private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    [Fact]
    public async Task Cache_key_makes_the_second_call_a_free_HIT_whose_expired_links_the_downloader_refuses()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var h = await GatewayHarness.StartAsync(new EmulatorOptions { TimeProvider = clock, ImageLinkLifetime = TimeSpan.FromMinutes(2) });
        var cached = new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { CacheKey = "lighthouse-v1", CacheTtl = TimeSpan.FromHours(1) } };

        var first = await h.Client.GenerateV3Async(GatewayHarness.Request(), cached);
        Assert.Equal(GatewayCacheStatus.Miss, first.Gateway.CacheStatus);
        var second = await h.Client.GenerateV3Async(GatewayHarness.Request(), cached);
        Assert.Equal(GatewayCacheStatus.Hit, second.Gateway.CacheStatus);
        Assert.Equal(first.Data[0].Url, second.Data[0].Url);
        Assert.Equal(1, h.Emulator.BilledRequestCount);
        Assert.Equal(new[] { "MISS", "HIT" }, h.Emulator.Requests.Select(r => r.CacheStatus));

        var downloader = new ImageDownloader(h.Http) { TimeProvider = clock };
        using (var fresh = new MemoryStream())
        {
            await downloader.DownloadAsync(second.Data[0].Url, fresh);
            Assert.Equal(PngSignature, fresh.ToArray().Take(8));
        }

        // Past the link lifetime but inside the cache TTL: the gateway still answers HIT, with the stale links.
        clock.Advance(TimeSpan.FromMinutes(5));
        var stale = await h.Client.GenerateV3Async(GatewayHarness.Request(), cached);
        Assert.Equal(GatewayCacheStatus.Hit, stale.Gateway.CacheStatus);
        Assert.Equal(1, h.Emulator.BilledRequestCount);
        int downloads = h.Emulator.ImageDownloadCount;
        var ex = await Assert.ThrowsAsync<ImageDownloadException>(() => downloader.DownloadAsync(stale.Data[0].Url, Stream.Null));
        Assert.True(ex.Expired);
        Assert.Equal(ImageUrl.GetExpiry(stale.Data[0].Url), ex.ExpiresAt);
        Assert.Contains("HIT", ex.Message);
        Assert.Contains("SkipCache", ex.Message);
        Assert.False(ex.IsTransient);
        Assert.Equal(downloads, h.Emulator.ImageDownloadCount); // refused before anything was sent

        // SkipCache gets fresh links (and is billed).
        var fresh2 = await h.Client.GenerateV3Async(GatewayHarness.Request(),
            new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { CacheKey = "lighthouse-v1", SkipCache = true } });
        Assert.Equal(GatewayCacheStatus.Miss, fresh2.Gateway.CacheStatus);
        Assert.Equal(2, h.Emulator.BilledRequestCount);
        Assert.True(await downloader.DownloadAsync(fresh2.Data[0].Url, Stream.Null) > 0);
    }

    [Fact]
    public async Task Without_a_cache_key_nothing_is_cached()
    {
        await using var h = await GatewayHarness.StartAsync();
        await h.Client.GenerateV3Async(GatewayHarness.Request());
        var again = await h.Client.GenerateV3Async(GatewayHarness.Request());
        Assert.NotEqual(GatewayCacheStatus.Hit, again.Gateway.CacheStatus);
        Assert.Equal(2, h.Emulator.BilledRequestCount);
    }

    [Fact]
    public async Task Download_held_mid_body_reports_progress_then_completes()
    {
        await using var h = await GatewayHarness.StartAsync();
        var result = await h.Client.GenerateV3Async(GatewayHarness.Request());
        var gate = new EmulatorGate();
        h.Emulator.Faults.Enqueue(EmulatorFault.HoldImageBody(gate, 2000));
        var progress = new ProgressLog();
        var path = Path.Combine(Path.GetTempPath(), "idg-" + Guid.NewGuid().ToString("N") + ".png");
        try
        {
            var download = new ImageDownloader(h.Http).DownloadToFileAsync(result.Data[0].Url, path, progress);
            await Eventually.Within(gate.WaitReachedAsync());
            await Eventually.TrueAsync(() => !progress.Reports.IsEmpty, "no progress while the body is held");
            Assert.False(download.IsCompleted);
            Assert.False(File.Exists(path));
            Assert.All(progress.Reports, r => Assert.True(r.BytesReceived <= 2000, r.BytesReceived.ToString()));
            gate.Release();
            long bytes = await Eventually.Within(download);

            Assert.Equal(bytes, new FileInfo(path).Length);
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".*.partial"));
            var reports = progress.Reports.ToArray();
            Assert.True(reports.Length >= 2, $"{reports.Length} reports");
            Assert.Equal(reports.Select(r => r.BytesReceived).OrderBy(b => b), reports.Select(r => r.BytesReceived));
            Assert.Equal(bytes, reports[^1].BytesReceived);
            Assert.All(reports, r => Assert.Equal(bytes, r.TotalBytes));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Download_past_the_downloader_timeout_is_a_transient_download_error_and_leaves_no_file()
    {
        await using var h = await GatewayHarness.StartAsync();
        var result = await h.Client.GenerateV3Async(GatewayHarness.Request());
        var gate = new EmulatorGate();
        h.Emulator.Faults.Enqueue(EmulatorFault.HoldImageBody(gate, 1000));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var path = Path.Combine(Path.GetTempPath(), "idg-" + Guid.NewGuid().ToString("N") + ".png");
        var progress = new ProgressLog();
        var download = new ImageDownloader(h.Http) { Timeout = TimeSpan.FromSeconds(3), TimeProvider = clock }.DownloadToFileAsync(result.Data[0].Url, path, progress);
        await Eventually.Within(gate.WaitReachedAsync());
        await Eventually.TrueAsync(() => !progress.Reports.IsEmpty, "no progress while the body is held");
        clock.Advance(TimeSpan.FromSeconds(3));
        var ex = await Assert.ThrowsAsync<ImageDownloadException>(() => Eventually.Within(download));
        gate.Release();
        Assert.Contains("within 3 s", ex.Message);
        Assert.False(ex.Expired);
        Assert.True(ex.IsTransient);
        Assert.True(ex.IsRetrySafe);
        Assert.False(ex.MayHaveBeenBilled);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".*.partial"));
    }

    [Fact]
    public async Task Caller_cancellation_of_a_held_download_is_OperationCanceledException_with_the_callers_token()
    {
        await using var h = await GatewayHarness.StartAsync();
        var result = await h.Client.GenerateV3Async(GatewayHarness.Request());
        var gate = new EmulatorGate();
        h.Emulator.Faults.Enqueue(EmulatorFault.HoldImageBody(gate, 1000));
        using var cts = new CancellationTokenSource();
        var download = new ImageDownloader(h.Http).DownloadAsync(result.Data[0].Url, Stream.Null, null, cts.Token);
        await Eventually.Within(gate.WaitReachedAsync());
        cts.Cancel();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.Within(download));
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task Link_the_host_calls_expired_is_a_403_download_error()
    {
        // The downloader's clock says the link is valid; the host's clock disagrees.
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var h = await GatewayHarness.StartAsync(new EmulatorOptions { TimeProvider = clock, ImageLinkLifetime = TimeSpan.FromMinutes(2) });
        var result = await h.Client.GenerateV3Async(GatewayHarness.Request());
        clock.Advance(TimeSpan.FromMinutes(3));
        var ex = await Assert.ThrowsAsync<ImageDownloadException>(() => new ImageDownloader(h.Http).DownloadAsync(result.Data[0].Url, Stream.Null));
        Assert.Equal(403, ex.StatusCode);
        Assert.Contains("expired", ex.Message);
        Assert.False(ex.IsTransient);
    }
}
