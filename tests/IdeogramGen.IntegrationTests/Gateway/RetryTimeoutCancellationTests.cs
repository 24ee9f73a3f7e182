using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Testing;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>Automatic retries (only of what provably did not run), timeouts, caller cancellation and the image limiter, on loopback.</summary>
public class RetryTimeoutCancellationTests
{
    [Fact(Timeout = 10_000)]
    public async Task Gateway_rate_limit_2003_is_retried_after_Retry_After_and_succeeds()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.GatewayRateLimited(TimeSpan.FromSeconds(1)));
        var watch = Stopwatch.StartNew();
        var result = await h.Client.GenerateAsync(GatewayHarness.Request());
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {watch.Elapsed}, before Retry-After");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
        Assert.Single(result.Data);
        var requests = h.Emulator.Requests;
        Assert.Equal(new[] { 429, 200 }, requests.Select(r => r.StatusCode));
        Assert.Equal(EmulatorFaultKind.GatewayRateLimited, requests[0].Fault);
        Assert.Equal(1, h.Emulator.BilledRequestCount);
        Assert.Equal(requests[1].LogId, result.Gateway.LogId);
    }

    [Fact(Timeout = 10_000)]
    public async Task The_gateways_own_rate_limit_window_is_waited_out()
    {
        await using var h = await GatewayHarness.StartAsync(new EmulatorOptions { RateLimitingLimit = 1, RateLimitingInterval = TimeSpan.FromSeconds(1) });
        await h.Client.GenerateAsync(GatewayHarness.Request());
        var result = await h.Client.GenerateAsync(GatewayHarness.Request());
        Assert.Equal(new[] { 200, 429, 200 }, h.Emulator.Requests.Select(r => r.StatusCode));
        Assert.Equal(2, h.Emulator.BilledRequestCount);
        Assert.NotNull(result.Gateway.LogId);
    }

    [Fact(Timeout = 10_000)]
    public async Task Ideogram_inflight_limit_429_is_retried_with_backoff_and_succeeds()
    {
        // The emulator's inflight_limit answer carries no Retry-After (Ideogram does not promise one): the policy's backoff applies.
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Retry = new IdeogramRetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(300) });
        h.Emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
        var watch = Stopwatch.StartNew();
        var result = await h.Client.GenerateAsync(GatewayHarness.Request(images: 2));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"retried after {watch.Elapsed}");
        Assert.Equal(2, result.Data.Count);
        Assert.Equal(new[] { 429, 200 }, h.Emulator.Requests.Select(r => r.StatusCode));
        Assert.Equal(1, h.Emulator.BilledRequestCount);
        Assert.Equal(2, h.Emulator.BilledImageCount);
    }

    [Fact(Timeout = 10_000)]
    public async Task Default_SafeOnly_policy_retries_inflight_limit_with_its_one_second_base_delay()
    {
        await using var h = await GatewayHarness.StartAsync();
        Assert.Equal(3, h.Options.Retry.MaxAttempts);
        h.Emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
        var watch = Stopwatch.StartNew();
        await h.Client.GenerateAsync(GatewayHarness.Request());
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(4));
        Assert.Equal(2, h.Emulator.Requests.Count);
        Assert.Equal(1, h.Emulator.BilledRequestCount);
    }

    [Fact(Timeout = 10_000)]
    public async Task Retry_After_longer_than_MaxDelay_ends_retrying_at_once()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.GatewayRateLimited(TimeSpan.FromSeconds(60)));
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<GatewayException>(() => h.Client.GenerateAsync(GatewayHarness.Request()));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
        Assert.Equal(GatewayErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(60), ex.RetryAfter);
        Assert.True(ex.IsRetrySafe);
        Assert.True(ex.IsTransient);
        Assert.False(ex.MayHaveBeenBilled);
        Assert.Equal(1, ex.Attempts);
        Assert.Single(h.Emulator.Requests);
        Assert.Equal(0, h.Emulator.BilledRequestCount);
    }

    [Fact(Timeout = 10_000)]
    public async Task Policy_None_disables_retries()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Retry = IdeogramRetryPolicy.None);
        h.Emulator.Faults.Enqueue(EmulatorFault.GatewayRateLimited(TimeSpan.FromSeconds(1)));
        var ex = await Assert.ThrowsAsync<GatewayException>(() => h.Client.GenerateAsync(GatewayHarness.Request()));
        Assert.Equal(GatewayErrorKind.RateLimited, ex.Kind);
        Assert.Equal(2003, ex.Code);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), ex.RetryAfter);
        Assert.Equal(1, ex.Attempts);
        Assert.Single(h.Emulator.Requests);
    }

    [Fact(Timeout = 10_000)]
    public async Task Per_call_policy_overrides_the_clients()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
        var ex = await Assert.ThrowsAsync<IdeogramApiException>(() =>
            h.Client.GenerateAsync(GatewayHarness.Request(), new IdeogramRequestOptions { Retry = IdeogramRetryPolicy.None }));
        Assert.Equal(IdeogramErrorKind.InflightLimit, ex.Kind);
        Assert.Equal(10, ex.MaxInflightRequests);
        Assert.True(ex.IsRetrySafe);
        Assert.Single(h.Emulator.Requests);
    }

    [Fact(Timeout = 10_000)]
    public async Task ShouldRetry_can_widen_the_policy_to_a_failure_that_may_have_run_and_then_pays_twice()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Retry = new IdeogramRetryPolicy
        {
            BaseDelay = TimeSpan.FromMilliseconds(10),
            ShouldRetry = e => e.IsRetrySafe || e is GatewayException { Kind: GatewayErrorKind.ProviderUnreachable },
        });
        h.Emulator.Faults.Enqueue(EmulatorFault.ProviderNoResponse());
        var result = await h.Client.GenerateAsync(GatewayHarness.Request());
        Assert.Single(result.Data);
        Assert.Equal(new[] { 400, 200 }, h.Emulator.Requests.Select(r => r.StatusCode));
        Assert.Equal(2, h.Emulator.BilledRequestCount);
    }

    [Fact(Timeout = 10_000)]
    public async Task ShouldRetry_can_narrow_the_policy()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Retry = new IdeogramRetryPolicy { ShouldRetry = _ => false });
        h.Emulator.Faults.Enqueue(EmulatorFault.GatewayRateLimited(TimeSpan.FromSeconds(1)));
        var ex = await Assert.ThrowsAsync<GatewayException>(() => h.Client.GenerateAsync(GatewayHarness.Request()));
        Assert.Equal(1, ex.Attempts);
        Assert.Single(h.Emulator.Requests);
    }

    [Fact(Timeout = 10_000)]
    public async Task Retries_stop_after_MaxAttempts_and_report_the_count()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Retry = new IdeogramRetryPolicy { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10) });
        h.Emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
        h.Emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
        h.Emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
        var ex = await Assert.ThrowsAsync<IdeogramApiException>(() => h.Client.GenerateAsync(GatewayHarness.Request()));
        Assert.Equal(2, ex.Attempts);
        Assert.Equal(2, h.Emulator.Requests.Count);
        Assert.Equal(0, h.Emulator.BilledRequestCount);
    }

    [Fact]
    public void Shared_policies_cannot_be_changed_for_everyone()
    {
        var none = IdeogramRetryPolicy.None;
        none.MaxAttempts = 5;
        Assert.Equal(1, IdeogramRetryPolicy.None.MaxAttempts);
        var safe = IdeogramRetryPolicy.SafeOnly;
        safe.ShouldRetry = _ => true;
        Assert.Null(IdeogramRetryPolicy.SafeOnly.ShouldRetry);
        Assert.Null(new GatewayOptions().Retry.ShouldRetry);
        Assert.Equal(3, new GatewayOptions().Retry.MaxAttempts);
    }

    [Fact(Timeout = 10_000)]
    public async Task Caller_cancellation_while_waiting_for_the_first_byte_is_OperationCanceledException()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Timeout = TimeSpan.FromSeconds(30));
        h.Emulator.Faults.Enqueue(EmulatorFault.SlowFirstByte(TimeSpan.FromSeconds(8)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.GenerateAsync(GatewayHarness.Request(), null, cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.IsNotAssignableFrom<IdeogramGenException>(ex.InnerException);
    }

    [Fact(Timeout = 10_000)]
    public async Task Caller_cancellation_while_waiting_to_retry_is_prompt()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.GatewayRateLimited(TimeSpan.FromSeconds(20)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.GenerateAsync(GatewayHarness.Request(), null, cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Single(h.Emulator.Requests);
    }

    [Fact(Timeout = 10_000)]
    public async Task Per_call_timeout_overrides_the_clients_and_is_not_retried()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Timeout = TimeSpan.FromSeconds(30));
        h.Emulator.Faults.Enqueue(EmulatorFault.SlowFirstByte(TimeSpan.FromSeconds(8)));
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<IdeogramTimeoutException>(() =>
            h.Client.GenerateAsync(GatewayHarness.Request(), new IdeogramRequestOptions { Timeout = TimeSpan.FromMilliseconds(250) }));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Equal(TimeSpan.FromMilliseconds(250), ex.Timeout);
        Assert.Equal(1, ex.Attempts);
        Assert.False(ex.IsRetrySafe);
        Assert.True(ex.MayHaveBeenBilled);
    }

    [Fact(Timeout = 10_000)]
    public async Task HttpClient_Timeout_shorter_than_the_calls_is_reported_as_a_timeout_naming_it()
    {
        await using var emulator = await IdeogramEmulator.StartAsync();
        using var http = new HttpClient(emulator.CreateHandler()) { Timeout = TimeSpan.FromMilliseconds(250) };
        var client = new TestImages(http, new IdeogramCredentials("k"), new GatewayOptions { GatewayRoot = emulator.Root, Timeout = TimeSpan.FromSeconds(30) });
        emulator.Faults.Enqueue(EmulatorFault.SlowFirstByte(TimeSpan.FromSeconds(8)));
        var ex = await Assert.ThrowsAsync<IdeogramTimeoutException>(() => client.GenerateAsync(GatewayHarness.Request()));
        Assert.Contains("HttpClient", ex.Message);
        Assert.Equal(TimeSpan.FromMilliseconds(250), ex.Timeout);
        Assert.DoesNotContain("30 s", ex.Message);
    }

    [Fact(Timeout = 10_000)]
    public async Task MaxImagesInFlight_weighs_calls_by_num_images_and_waiting_calls_can_be_cancelled()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.MaxImagesInFlight = 4);
        h.Emulator.Faults.Enqueue(EmulatorFault.SlowFirstByte(TimeSpan.FromMilliseconds(1200)));
        var watch = Stopwatch.StartNew();
        var big = h.Client.GenerateAsync(GatewayHarness.Request("big", images: 3));
        for (int i = 0; i < 250 && h.Emulator.Faults.Count > 0; i++) await Task.Delay(10);
        Assert.Equal(0, h.Emulator.Faults.Count); // the 3-image call is in flight at the emulator

        // 3 + 1 <= 4: runs at once.
        var small = await h.Client.GenerateAsync(GatewayHarness.Request("small", images: 1));
        Assert.False(big.IsCompleted);
        Assert.Single(small.Data);

        // 3 + 2 > 4: waits; cancelling it while it waits ends it at once, without sending anything.
        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(150)))
        {
            var cancelWatch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.GenerateAsync(GatewayHarness.Request("cancelled", images: 2), null, cts.Token));
            Assert.True(cancelWatch.Elapsed < TimeSpan.FromMilliseconds(900), $"took {cancelWatch.Elapsed}");
        }
        Assert.False(big.IsCompleted);

        // Another 2-image call waits for the 3-image call to finish.
        var pair = await h.Client.GenerateAsync(GatewayHarness.Request("pair", images: 2));
        Assert.True(big.IsCompleted);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(1150), $"pair finished after {watch.Elapsed}");
        Assert.Equal(3, (await big).Data.Count);
        Assert.Equal(2, pair.Data.Count);
        Assert.Equal(new[] { "big", "small", "pair" }.OrderBy(p => p), h.Emulator.Requests.Select(r => r.Field("prompt").Single()).OrderBy(p => p));
    }
}
