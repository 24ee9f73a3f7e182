using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Testing;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>Automatic retries (only of what provably did not run), timeouts, caller cancellation and the image limiter, on loopback.</summary>
public class RetryTimeoutCancellationTests
{
    [Fact(Timeout = 60_000)]
    public async Task Gateway_rate_limit_2003_is_retried_after_Retry_After_and_succeeds()
    {
        var clock = new TestClock();
        await using var h = await GatewayHarness.StartAsync(clock: clock);
        h.Emulator.Faults.Enqueue(EmulatorFault.GatewayRateLimited(TimeSpan.FromSeconds(1)));
        var call = h.Client.GenerateV3Async(GatewayHarness.Request());
        Assert.Equal(TimeSpan.FromSeconds(1), await clock.NextTimerAsync()); // the client waits Retry-After, on the options' clock
        Assert.Single(h.Emulator.Requests);
        clock.Advance(TimeSpan.FromSeconds(1));
        var result = await call;
        Assert.Single(result.Data);
        var requests = h.Emulator.Requests;
        Assert.Equal(new[] { 429, 200 }, requests.Select(r => r.StatusCode));
        Assert.Equal(EmulatorFaultKind.GatewayRateLimited, requests[0].Fault);
        Assert.Equal(1, h.Emulator.BilledRequestCount);
        Assert.Equal(requests[1].LogId, result.Gateway.LogId);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_gateways_own_rate_limit_window_is_waited_out()
    {
        var clock = new TestClock();
        await using var h = await GatewayHarness.StartAsync(new EmulatorOptions { RateLimitingLimit = 1, RateLimitingInterval = TimeSpan.FromSeconds(1), TimeProvider = clock }, clock: clock);
        await h.Client.GenerateV3Async(GatewayHarness.Request());
        var second = h.Client.GenerateV3Async(GatewayHarness.Request());
        var wait = await clock.NextTimerAsync();
        Assert.InRange(wait, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
        clock.Advance(wait);
        var result = await second;
        Assert.Equal(new[] { 200, 429, 200 }, h.Emulator.Requests.Select(r => r.StatusCode));
        Assert.Equal(2, h.Emulator.BilledRequestCount);
        Assert.NotNull(result.Gateway.LogId);
    }

    [Fact(Timeout = 60_000)]
    public async Task Ideogram_inflight_limit_429_is_retried_after_the_inflight_delay_with_jitter()
    {
        // The emulator's inflight_limit answer carries no Retry-After (Ideogram does not promise one): InflightLimitDelay applies.
        var clock = new TestClock();
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Retry = new IdeogramRetryPolicy { InflightLimitDelay = TimeSpan.FromMilliseconds(300) }, clock: clock);
        h.Emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
        var call = h.Client.GenerateV3Async(GatewayHarness.Request(images: 2));
        var wait = await clock.NextTimerAsync();
        Assert.InRange(wait, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(450));
        clock.Advance(wait);
        var result = await call;
        Assert.Equal(2, result.Data.Count);
        Assert.Equal(new[] { 429, 200 }, h.Emulator.Requests.Select(r => r.StatusCode));
        Assert.Equal(1, h.Emulator.BilledRequestCount);
        Assert.Equal(2, h.Emulator.BilledImageCount);
    }

    [Fact(Timeout = 60_000)]
    public async Task Default_policy_waits_for_a_generation_to_finish_after_inflight_limit_not_one_second()
    {
        // Ideogram counts images still generating (several to tens of seconds each): the default first wait is 10-15 s.
        var clock = new TestClock();
        await using var h = await GatewayHarness.StartAsync(clock: clock);
        Assert.Equal(3, h.Options.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(10), h.Options.Retry.InflightLimitDelay);
        h.Emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
        h.Emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
        var call = h.Client.GenerateV3Async(GatewayHarness.Request());
        var first = await clock.NextTimerAsync();
        Assert.InRange(first, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15));
        clock.Advance(first);
        var second = await clock.NextTimerAsync();
        Assert.InRange(second, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30)); // doubled, capped by MaxDelay (30 s)
        clock.Advance(second);
        await call;
        Assert.Equal(3, h.Emulator.Requests.Count);
        Assert.Equal(1, h.Emulator.BilledRequestCount);
    }

    [Fact(Timeout = 60_000)]
    public async Task Retry_After_longer_than_MaxDelay_ends_retrying_at_once()
    {
        var clock = new TestClock();
        await using var h = await GatewayHarness.StartAsync(clock: clock);
        h.Emulator.Faults.Enqueue(EmulatorFault.GatewayRateLimited(TimeSpan.FromSeconds(60)));
        var ex = await Assert.ThrowsAsync<GatewayException>(() => h.Client.GenerateV3Async(GatewayHarness.Request())); // the clock never moves: no wait happened
        Assert.Equal(GatewayErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(60), ex.RetryAfter);
        Assert.True(ex.IsRetrySafe);
        Assert.True(ex.IsTransient);
        Assert.False(ex.MayHaveBeenBilled);
        Assert.Equal(1, ex.Attempts);
        Assert.Single(h.Emulator.Requests);
        Assert.Equal(0, h.Emulator.BilledRequestCount);
    }

    [Fact(Timeout = 60_000)]
    public async Task Policy_None_disables_retries()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Retry = IdeogramRetryPolicy.None);
        h.Emulator.Faults.Enqueue(EmulatorFault.GatewayRateLimited(TimeSpan.FromSeconds(1)));
        var ex = await Assert.ThrowsAsync<GatewayException>(() => h.Client.GenerateV3Async(GatewayHarness.Request()));
        Assert.Equal(GatewayErrorKind.RateLimited, ex.Kind);
        Assert.Equal(2003, ex.Code);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), ex.RetryAfter);
        Assert.Equal(1, ex.Attempts);
        Assert.Single(h.Emulator.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task Per_call_policy_overrides_the_clients()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
        var ex = await Assert.ThrowsAsync<IdeogramApiException>(() =>
            h.Client.GenerateV3Async(GatewayHarness.Request(), new IdeogramRequestOptions { Retry = IdeogramRetryPolicy.None }));
        Assert.Equal(IdeogramErrorKind.InflightLimit, ex.Kind);
        Assert.Equal(10, ex.MaxInflightRequests);
        Assert.True(ex.IsRetrySafe);
        Assert.Single(h.Emulator.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task ShouldRetry_can_widen_the_policy_to_a_failure_that_may_have_run_and_then_pays_twice()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Retry = new IdeogramRetryPolicy
        {
            BaseDelay = TimeSpan.FromMilliseconds(10),
            ShouldRetry = e => e.IsRetrySafe || e is GatewayException { Kind: GatewayErrorKind.ProviderUnreachable },
        });
        h.Emulator.Faults.Enqueue(EmulatorFault.ProviderNoResponse());
        var result = await h.Client.GenerateV3Async(GatewayHarness.Request());
        Assert.Single(result.Data);
        Assert.Equal(new[] { 400, 200 }, h.Emulator.Requests.Select(r => r.StatusCode));
        Assert.Equal(2, h.Emulator.BilledRequestCount);
    }

    [Fact(Timeout = 60_000)]
    public async Task ShouldRetry_can_narrow_the_policy()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Retry = new IdeogramRetryPolicy { ShouldRetry = _ => false });
        h.Emulator.Faults.Enqueue(EmulatorFault.GatewayRateLimited(TimeSpan.FromSeconds(1)));
        var ex = await Assert.ThrowsAsync<GatewayException>(() => h.Client.GenerateV3Async(GatewayHarness.Request()));
        Assert.Equal(1, ex.Attempts);
        Assert.Single(h.Emulator.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task Retries_stop_after_MaxAttempts_and_report_the_count()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Retry = new IdeogramRetryPolicy { MaxAttempts = 2, InflightLimitDelay = TimeSpan.FromMilliseconds(10) });
        h.Emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
        h.Emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
        h.Emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
        var ex = await Assert.ThrowsAsync<IdeogramApiException>(() => h.Client.GenerateV3Async(GatewayHarness.Request()));
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

    [Fact(Timeout = 60_000)]
    public async Task Caller_cancellation_after_sending_keeps_the_callers_token_and_says_the_call_may_have_been_billed()
    {
        await using var h = await GatewayHarness.StartAsync();
        var gate = new EmulatorGate();
        h.Emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));
        using var cts = new CancellationTokenSource();
        var call = h.Client.GenerateV3Async(GatewayHarness.Request(), new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { EventId = "order-17" } }, cts.Token);
        await gate.WaitReachedAsync(); // the request is at Ideogram
        cts.Cancel();
        var ex = await Assert.ThrowsAsync<IdeogramCanceledException>(() => call);
        Assert.IsAssignableFrom<OperationCanceledException>(ex);
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.True(ex.MayHaveBeenBilled);
        Assert.Equal("order-17", ex.EventId);
        Assert.Equal("v1/ideogram-v3/generate", ex.RequestPath);
        Assert.Contains("order-17", ex.Message);
        Assert.IsNotAssignableFrom<IdeogramGenException>(ex.InnerException);
        gate.Release();
    }

    [Fact(Timeout = 60_000)]
    public async Task An_already_cancelled_token_is_a_plain_cancellation_and_nothing_is_sent()
    {
        await using var h = await GatewayHarness.StartAsync();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.GenerateV3Async(GatewayHarness.Request(), null, cts.Token));
        Assert.IsNotType<IdeogramCanceledException>(ex);
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Empty(h.Emulator.Requests);
    }

    [Theory]
    [InlineData("ftp://example.com/")]
    [InlineData("file:///tmp/")]
    public void A_gateway_root_that_is_not_http_is_refused_when_the_client_is_built(string root)
    {
        var ex = Assert.Throws<ArgumentException>(() => new GatewayPipeline(new System.Net.Http.HttpClient(), new IdeogramCredentials("k"), new GatewayAddress("3ebbcb006d4d46d7bb6a8c7f14676cb0", "g"), new GatewayOptions { GatewayRoot = new Uri(root) }));
        Assert.Contains("http or https", ex.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task Caller_cancellation_while_waiting_to_retry_is_a_plain_cancellation_of_a_call_that_did_not_run()
    {
        var clock = new TestClock();
        await using var h = await GatewayHarness.StartAsync(clock: clock);
        h.Emulator.Faults.Enqueue(EmulatorFault.GatewayRateLimited(TimeSpan.FromSeconds(20)));
        using var cts = new CancellationTokenSource();
        var call = h.Client.GenerateV3Async(GatewayHarness.Request(), null, cts.Token);
        Assert.Equal(TimeSpan.FromSeconds(20), await clock.NextTimerAsync());
        cts.Cancel(); // the clock never reaches the retry
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.IsNotType<IdeogramCanceledException>(ex);
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Single(h.Emulator.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task Per_call_timeout_overrides_the_clients_and_is_not_retried()
    {
        var clock = new TestClock();
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Timeout = TimeSpan.FromSeconds(30), clock: clock);
        var gate = new EmulatorGate();
        h.Emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));
        var call = h.Client.GenerateV3Async(GatewayHarness.Request(), new IdeogramRequestOptions { Timeout = TimeSpan.FromMilliseconds(250) });
        Assert.Equal(TimeSpan.FromMilliseconds(250), await clock.NextTimerAsync()); // one timer: the attempt's timeout
        await gate.WaitReachedAsync();
        clock.Advance(TimeSpan.FromMilliseconds(250));
        var ex = await Assert.ThrowsAsync<IdeogramTimeoutException>(() => call);
        Assert.Equal(TimeSpan.FromMilliseconds(250), ex.Timeout);
        Assert.Equal(1, ex.Attempts);
        Assert.False(ex.IsRetrySafe);
        Assert.True(ex.MayHaveBeenBilled);
        gate.Release();
    }

    [Fact(Timeout = 60_000)]
    public async Task HttpClient_Timeout_shorter_than_the_calls_is_reported_as_a_timeout_naming_it()
    {
        await using var emulator = await IdeogramEmulator.StartAsync();
        using var http = new HttpClient(emulator.CreateHandler()) { Timeout = TimeSpan.FromMilliseconds(250) };
        var client = new TestImages(http, new IdeogramCredentials("k"), new GatewayOptions { GatewayRoot = emulator.Root, Timeout = TimeSpan.FromSeconds(30) });
        var gate = new EmulatorGate(); // held until the HttpClient gives up, however long that takes
        emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));
        var ex = await Assert.ThrowsAsync<IdeogramTimeoutException>(() => client.GenerateV3Async(GatewayHarness.Request()));
        Assert.Contains("HttpClient", ex.Message);
        Assert.Equal(TimeSpan.FromMilliseconds(250), ex.Timeout);
        Assert.DoesNotContain("30 s", ex.Message);
        gate.Release();
    }

    [Fact(Timeout = 60_000)]
    public async Task MaxImagesInFlight_weighs_calls_by_num_images_and_waiting_calls_can_be_cancelled()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.MaxImagesInFlight = 4);
        var gate = new EmulatorGate();
        h.Emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));
        var big = h.Client.GenerateV3Async(GatewayHarness.Request("big", images: 3));
        await gate.WaitReachedAsync(); // the 3-image call is in flight at the emulator

        // 2 more would make 5 > 4: this call waits at the limiter (started before the 1-image call, so it is queued first).
        var pair = h.Client.GenerateV3Async(GatewayHarness.Request("pair", images: 2));
        // 3 + 1 <= 4 would fit, but the limiter is first come, first served: the 1-image call queues behind the pair.
        using (var cts = new CancellationTokenSource())
        {
            var cancelled = h.Client.GenerateV3Async(GatewayHarness.Request("cancelled", images: 1), null, cts.Token);
            cts.Cancel(); // cancelling a call that waits for the limiter ends it at once, without sending anything
            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
            Assert.IsNotType<IdeogramCanceledException>(ex);
        }
        Assert.Empty(h.Emulator.Requests); // the emulator records a request when it is answered: none yet
        Assert.False(pair.IsCompleted);

        gate.Release();
        Assert.Equal(3, (await big).Data.Count);
        Assert.Equal(2, (await pair).Data.Count);
        Assert.Equal(new[] { "big", "pair" }, h.Emulator.Requests.Select(r => r.Field("prompt").Single()));
    }

    [Fact(Timeout = 60_000)]
    public async Task ImageLimiter_takes_num_images_permits_per_call_and_gives_them_back()
    {
        using var limiter = new System.Threading.RateLimiting.ConcurrencyLimiter(new System.Threading.RateLimiting.ConcurrencyLimiterOptions { PermitLimit = 4, QueueLimit = 10 });
        await using var h = await GatewayHarness.StartAsync(configure: o => o.ImageLimiter = limiter);
        var gate = new EmulatorGate();
        h.Emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));
        var big = h.Client.GenerateV3Async(GatewayHarness.Request("big", images: 3));
        await gate.WaitReachedAsync();
        Assert.Equal(1, limiter.GetStatistics()!.CurrentAvailablePermits); // 3 of 4 taken by the held call

        var pair = h.Client.GenerateV3Async(GatewayHarness.Request("pair", images: 2));
        Assert.Equal(2, limiter.GetStatistics()!.CurrentQueuedCount); // queued for its 2 permits, nothing sent

        gate.Release();
        await big;
        await pair;
        Assert.Equal(4, limiter.GetStatistics()!.CurrentAvailablePermits);
        Assert.Equal(2, h.Emulator.Requests.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_ImageLimiter_that_refuses_the_lease_fails_the_call_before_sending()
    {
        using var limiter = new System.Threading.RateLimiting.ConcurrencyLimiter(new System.Threading.RateLimiting.ConcurrencyLimiterOptions { PermitLimit = 2, QueueLimit = 0 });
        await using var h = await GatewayHarness.StartAsync(configure: o => { o.ImageLimiter = limiter; o.Retry = IdeogramRetryPolicy.None; });
        var ex = await Assert.ThrowsAsync<ImageLimiterRejectedException>(() => h.Client.GenerateV3Async(GatewayHarness.Request(images: 3)));
        Assert.True(ex.IsRetrySafe);
        Assert.False(ex.MayHaveBeenBilled);
        Assert.Contains("ImageLimiter", ex.Message);
        Assert.Empty(h.Emulator.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task After_inflight_limit_a_call_yields_to_a_running_call_of_the_client_instead_of_burning_its_attempts()
    {
        // Ideogram's limit is full (other generations are running elsewhere); this client runs one held call and a second
        // call gets inflight_limit. With MaxAttempts 1, a timer-based retry would give up at once; the second call instead
        // waits for the held call to finish, then is let through by the limiter.
        var clock = new TestClock();
        await using var h = await GatewayHarness.StartAsync(configure: o =>
        {
            o.MaxImagesInFlight = 10;
            o.Retry = new IdeogramRetryPolicy { MaxAttempts = 1 };
        }, clock: clock);
        var gate = new EmulatorGate();
        h.Emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));
        var running = h.Client.GenerateV3Async(GatewayHarness.Request("running"));
        await gate.WaitReachedAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
        var waiting = h.Client.GenerateV3Async(GatewayHarness.Request("waiting"));
        var wait = await clock.NextTimerAsync(); // refused, now waiting for a sibling (the clock is never moved)
        Assert.InRange(wait, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15));
        Assert.False(waiting.IsCompleted);

        gate.Release(); // the running generation finishes: the waiting call goes again
        await running;
        var result = await waiting;
        Assert.Single(result.Data);
        Assert.Equal(new[] { 200, 200, 429 }, h.Emulator.Requests.Select(r => r.StatusCode).OrderBy(c => c));
        Assert.Equal(2, h.Emulator.BilledRequestCount);
    }
}
