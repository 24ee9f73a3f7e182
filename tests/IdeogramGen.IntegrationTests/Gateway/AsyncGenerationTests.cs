using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Testing;
using Microsoft.Extensions.Time.Testing;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>
/// Asynchronous generations end to end: the generated Submit…Async / Submit…AndWaitAsync / Resume…Async methods
/// against the loopback emulator. The client's waits run on a <see cref="TestClock"/> and the emulator's generations on
/// a second fake clock; the test moves both by the same amount to each wait the client starts, so a generation is
/// pending until its time has passed on both, and nothing depends on the machine's speed.
/// </summary>
public class AsyncGenerationTests
{
    /// <summary>The client's clock and the emulator's, moved together.</summary>
    private sealed class Clocks
    {
        public TestClock Client { get; } = new();
        public FakeTimeProvider Emulator { get; }
        public Clocks() => Emulator = new FakeTimeProvider(Client.GetUtcNow());
        public void Advance(TimeSpan by)
        {
            Emulator.Advance(by);
            Client.Advance(by);
        }

        // One read of the client's timers at a time: a read left waiting when a call ended would take the next timer.
        private Task<TimeSpan>? _next;

        /// <summary>The due time of the next wait the client starts (the same read until <see cref="Take"/>).</summary>
        public Task<TimeSpan> NextTimerAsync() => _next ??= Client.NextTimerAsync();

        /// <summary>Takes the finished read of <see cref="NextTimerAsync"/>.</summary>
        public async Task<TimeSpan> Take()
        {
            var due = await _next!;
            _next = null;
            return due;
        }
    }

    private static readonly TimeSpan GenerationTime = TimeSpan.FromSeconds(30);

    private static GenerateV4Request V4() => new() { TextPrompt = "A lighthouse at dawn", Seed = 7 };

    private static Task<GatewayHarness> StartAsync(Clocks clock, TimeSpan? generationTime = null, Action<EmulatorOptions>? emulator = null, Action<GatewayOptions>? configure = null)
    {
        var options = new EmulatorOptions { TimeProvider = clock.Emulator, GenerationTime = generationTime ?? GenerationTime };
        emulator?.Invoke(options);
        return GatewayHarness.StartAsync(options, configure, clock: clock.Client);
    }

    /// <summary>Moves both clocks to each wait the client starts, until <paramref name="task"/> ends (or <paramref name="until"/> holds).</summary>
    private static async Task<T> DriveAsync<T>(Clocks clock, Task<T> task, Func<bool>? until = null)
    {
        while (!task.IsCompleted && !(until?.Invoke() ?? false))
        {
            var timer = clock.NextTimerAsync();
            if (await Task.WhenAny(task, timer) == timer) clock.Advance(await clock.Take());
        }
        return until != null && !task.IsCompleted ? default! : await task;
    }

    private static async Task<Exception> DriveToFailureAsync<T>(Clocks clock, Task<T> task)
    {
        try
        {
            await DriveAsync(clock, task);
        }
        catch (Exception ex)
        {
            return ex;
        }
        throw new Xunit.Sdk.XunitException("The call succeeded; a failure was expected.");
    }

    private static RecordedRequest[] Polls(IdeogramEmulator emulator) => emulator.Requests.Where(r => r.Method == "GET").ToArray();

    [Fact]
    public async Task A_v1_async_generation_is_submitted_polled_and_returned_as_the_sync_result_type_billed_once()
    {
        var clock = new Clocks();
        await using var h = await StartAsync(clock);
        IdeogramGeneration? submitted = null;

        var result = await DriveAsync(clock, h.Client.SubmitGenerateV4AndWaitAsync(V4(), g => submitted = g));

        Assert.NotNull(submitted);
        Assert.IsType<ImageV4Response>(result);
        Assert.Single(result.Data);
        Assert.False(string.IsNullOrEmpty(result.Data[0].Url));
        Assert.Equal(submitted!.GenerationId, result.Generation!.GenerationId);
        Assert.Equal("v1", result.Generation.ApiVersion);
        Assert.Equal("v1/ideogram-v4/async/generate", result.Generation.RequestPath);
        Assert.NotNull(result.Generation.Created);
        Assert.Equal(1, h.Emulator.BilledRequestCount);

        var posts = h.Emulator.Requests.Where(r => r.Method == "POST").ToArray();
        Assert.Equal("/v1/ideogram-v4/async/generate", Assert.Single(posts).IdeogramPath);
        var polls = Polls(h.Emulator);
        Assert.True(polls.Length >= 2, "a pending poll, then the completed one");
        Assert.All(polls, p =>
        {
            Assert.Equal("/v1/generations/" + submitted.GenerationId, p.IdeogramPath);
            Assert.Equal("true", p.Headers["cf-aig-skip-cache"]);
            Assert.False(p.IsBilled);
        });
        Assert.Equal(result.Gateway.LogId, polls[^1].LogId);
    }

    [Fact]
    public async Task Polls_bypass_a_gateway_cache_that_the_client_turned_on_for_every_call()
    {
        var clock = new Clocks();
        await using var h = await StartAsync(clock, configure: o => o.Defaults.CacheTtl = TimeSpan.FromMinutes(10));

        var result = await DriveAsync(clock, h.Client.SubmitGenerateV4AndWaitAsync(V4()));

        Assert.Single(result.Data);
        Assert.All(Polls(h.Emulator), p => Assert.NotEqual("HIT", p.CacheStatus));
    }

    [Fact]
    public async Task A_generation_is_resumed_by_its_id_from_another_client_after_the_first_one_is_gone()
    {
        var clock = new Clocks();
        await using var h = await StartAsync(clock);
        var generation = await h.Client.SubmitGenerateV4Async(V4());
        var id = generation.GenerationId;
        Assert.Matches("^[A-Za-z0-9_-]+=*$", id);
        h.Http.Dispose();   // the process that submitted is gone

        using var http = new HttpClient(h.Emulator.CreateHandler());
        var other = new TestImages(http, new IdeogramCredentials(GatewayHarness.ApiKey), new GatewayOptions { GatewayRoot = h.Emulator.Root, TimeProvider = clock.Client, Timeout = Timeout.InfiniteTimeSpan }, null);
        var result = await DriveAsync(clock, other.ResumeGenerateV4Async(id));

        Assert.Single(result.Data);
        Assert.Equal(id, result.Generation!.GenerationId);
        Assert.Null(result.Generation.RequestPath);
        Assert.Single(h.Emulator.Requests, r => r.Method == "POST");
        Assert.Equal(1, h.Emulator.BilledRequestCount);
    }

    [Fact]
    public async Task Cancelling_the_wait_leaves_the_generation_running_and_says_how_to_resume_it()
    {
        var clock = new Clocks();
        await using var h = await StartAsync(clock, TimeSpan.FromHours(1));
        using var cts = new CancellationTokenSource();
        string? id = null;
        var wait = h.Client.SubmitGenerateV4AndWaitAsync(V4(), g => id = g.GenerationId, cancellationToken: cts.Token);
        await DriveAsync(clock, wait, until: () => id != null && Polls(h.Emulator).Any());
        cts.Cancel();

        var ex = await Assert.ThrowsAsync<IdeogramCanceledException>(() => wait);
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Equal(id, ex.GenerationId);
        Assert.True(ex.MayHaveBeenBilled);
        Assert.Equal(IdeogramRecoveryPath.GenerationId, ex.RecoveryPath);
        Assert.Contains("ResumeGenerateV4Async(\"" + id + "\")", ex.Message);
        Assert.Equal(0, h.Emulator.BilledRequestCount);

        clock.Advance(TimeSpan.FromHours(1));
        var result = await DriveAsync(clock, h.Client.ResumeGenerateV4Async(id!));
        Assert.Single(result.Data);
        Assert.Equal(1, h.Emulator.BilledRequestCount);
    }

    [Fact]
    public async Task A_failed_generation_throws_its_failure_reason_and_is_not_billed()
    {
        var clock = new Clocks();
        await using var h = await StartAsync(clock);
        h.Emulator.Faults.Enqueue(EmulatorFault.GenerationFails("content_policy_violation"));

        var ex = Assert.IsType<IdeogramGenerationFailedException>(await DriveToFailureAsync(clock, h.Client.SubmitGenerateV4AndWaitAsync(V4())));

        Assert.Equal("content_policy_violation", ex.FailureReason);
        Assert.False(ex.MayHaveBeenBilled);
        Assert.False(string.IsNullOrEmpty(ex.GenerationId));
        Assert.Contains("content_policy_violation", ex.Message);
        Assert.Equal(0, h.Emulator.BilledRequestCount);
    }

    [Fact]
    public async Task A_wait_that_outlasts_its_polling_timeout_gives_the_id_to_resume_with()
    {
        var clock = new Clocks();
        await using var h = await StartAsync(clock, TimeSpan.FromHours(1), configure: o => o.Polling = new IdeogramPollingOptions { Timeout = TimeSpan.FromSeconds(20) });

        var ex = Assert.IsType<IdeogramGenerationPendingException>(await DriveToFailureAsync(clock, h.Client.SubmitGenerateV4AndWaitAsync(V4())));

        Assert.Equal(IdeogramRecoveryPath.GenerationId, ex.RecoveryPath);
        Assert.True(ex.MayHaveBeenBilled);
        Assert.True(ex.Waited >= TimeSpan.FromSeconds(20));
        Assert.Contains("ResumeGenerateV4Async(\"" + ex.GenerationId + "\")", ex.Message);
        Assert.Single(h.Emulator.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task A_rate_limited_poll_waits_out_Retry_After_and_goes_on()
    {
        var clock = new Clocks();
        await using var h = await StartAsync(clock, TimeSpan.FromSeconds(5),
            emulator: o => { o.PollRateLimit = 1; o.PollRateInterval = TimeSpan.FromSeconds(60); },
            configure: o => o.Polling = new IdeogramPollingOptions { FirstDelay = TimeSpan.Zero });
        var waits = new System.Collections.Concurrent.ConcurrentBag<TimeSpan>();
        var call = h.Client.SubmitGenerateV4AndWaitAsync(V4());
        while (!call.IsCompleted)
        {
            var timer = clock.NextTimerAsync();
            if (await Task.WhenAny(call, timer) != timer) break;
            var due = await clock.Take();
            waits.Add(due);
            clock.Advance(due);
        }

        var result = await call;
        Assert.Single(result.Data);
        Assert.Contains(Polls(h.Emulator), p => p.StatusCode == 429);
        Assert.Contains(waits, w => w >= TimeSpan.FromSeconds(59));
        Assert.Equal(1, h.Emulator.BilledRequestCount);
    }

    [Fact]
    public async Task A_v2_route_is_made_asynchronous_with_the_async_body_field_and_polled_on_v2()
    {
        var clock = new Clocks();
        await using var h = await StartAsync(clock);
        var request = new GenerateV2Ideogram4Request { Prompt = "A harbour at night", NumImages = 2, Seed = 9 };

        var result = await DriveAsync(clock, h.Client.SubmitGenerateV2Ideogram4AndWaitAsync(request));

        Assert.IsType<GenerateV2Ideogram4Response>(result);
        Assert.Equal(2, result.Data.Count);
        Assert.Equal("v2", result.Generation!.ApiVersion);
        var submit = Assert.Single(h.Emulator.Requests, r => r.Method == "POST");
        Assert.Equal("/v2/image/generate/ideogram-4", submit.IdeogramPath);
        Assert.Equal(new[] { "true" }, submit.Field("async"));
        Assert.All(Polls(h.Emulator), p => Assert.Equal("/v2/generations/" + result.Generation.GenerationId, p.IdeogramPath));
        Assert.Equal(2, h.Emulator.BilledImageCount);
    }

    [Fact]
    public async Task An_always_asynchronous_v2_route_is_quoted_for_free_then_submitted_and_completed()
    {
        var clock = new Clocks();
        await using var h = await StartAsync(clock);
        var request = new ReframeV2AutoRequest { Image = Samples.Png("source.png"), AspectRatio = "16:9", NumImages = 1 };

        var quote = await h.Client.QuoteReframeV2AutoAsync(request);
        Assert.True(quote.UsdMicros > 0);
        Assert.Equal(0, h.Emulator.BilledRequestCount);

        var result = await DriveAsync(clock, h.Client.SubmitReframeV2AutoAndWaitAsync(request));
        Assert.IsType<GenerationResponse>(result);
        Assert.Equal("completed", result.Status);
        Assert.Single(result.Data);
        Assert.Equal(1, h.Emulator.BilledRequestCount);
    }

    [Fact]
    public async Task Resuming_an_unknown_id_is_a_404_that_ran_nothing_and_a_malformed_id_is_refused_before_sending()
    {
        var clock = new Clocks();
        await using var h = await StartAsync(clock);

        var ex = Assert.IsType<IdeogramApiException>(await DriveToFailureAsync(clock, h.Client.ResumeGenerateV2Ideogram4Async("bm90LWEtZ2VuZXJhdGlvbg")));
        Assert.Equal(IdeogramErrorKind.NotFound, ex.Kind);
        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("bm90LWEtZ2VuZXJhdGlvbg", ex.GenerationId);
        Assert.False(ex.MayHaveBeenBilled);

        var sent = h.Emulator.Requests.Count;
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.ResumeGenerateV4Async("../v1/ideogram-v4/generate"));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.ResumeGenerateV4Async(""));
        Assert.Equal(sent, h.Emulator.Requests.Count);
    }

    [Fact]
    public async Task A_v1_webhook_url_goes_in_the_query_and_the_delivery_reads_as_the_same_result_as_the_poll()
    {
        var clock = new Clocks();
        await using var h = await StartAsync(clock);
        await using var receiver = await WebhookReceiver.StartAsync();

        var result = await DriveAsync(clock, h.Client.SubmitGenerateV4AndWaitAsync(V4(), webhookUrl: receiver.Url));

        var submit = Assert.Single(h.Emulator.Requests, r => r.Method == "POST");
        Assert.Equal("?webhook_url=" + Uri.EscapeDataString(receiver.Url.AbsoluteUri), submit.Query);
        var delivery = await Eventually.Within(receiver.FirstAsync());
        var webhook = ImageV4Response.Read;
        var reader = new System.Text.Json.Utf8JsonReader(delivery);
        reader.Read();
        var delivered = webhook(ref reader);
        Assert.Equal(result.Data.Select(d => d.Url), delivered.Data.Select(d => d.Url));
        Assert.Equal(result.Data.Select(d => d.Seed), delivered.Data.Select(d => d.Seed));
    }

    [Fact]
    public async Task A_webhook_url_that_Ideogram_would_refuse_is_refused_before_sending()
    {
        var clock = new Clocks();
        await using var h = await StartAsync(clock);

        await Assert.ThrowsAsync<IdeogramValidationException>(() => h.Client.SubmitGenerateV4Async(V4(), new Uri("ftp://example.com/hook")));
        await Assert.ThrowsAsync<IdeogramValidationException>(() => h.Client.SubmitGenerateV4Async(V4(), new Uri("https://example.com/" + new string('a', 2100))));
        var missing = await Assert.ThrowsAsync<IdeogramValidationException>(() => h.Client.SubmitGenerateV45Async(new GenerateV45Request { TextPrompt = "x" }, null!));
        Assert.Equal("webhook_url", missing.Field);
        Assert.Empty(h.Emulator.Requests);
    }

    [Fact]
    public async Task A_submit_whose_answer_broke_is_recovered_from_the_gateway_log_and_resumed_without_a_second_submit()
    {
        var clock = new Clocks();
        await using var h = await GatewayHarness.StartAsync(
            new EmulatorOptions { RestApiToken = RecoveryTests.LogsToken, TimeProvider = clock.Emulator, GenerationTime = GenerationTime },
            configure: o => o.Recovery = new GatewayRecoveryOptions { LogsApiToken = RecoveryTests.LogsToken, ApiRoot = o.GatewayRoot },
            clock: clock.Client);
        h.Emulator.Faults.Enqueue(EmulatorFault.ResetMidBody());

        var ex = Assert.IsAssignableFrom<IdeogramGenException>(await DriveToFailureAsync(clock, h.Client.SubmitGenerateV4AndWaitAsync(V4())));
        Assert.Equal(IdeogramRecoveryPath.GatewayLog, ex.RecoveryPath);
        Assert.Null(ex.GenerationId);

        var answer = Assert.IsType<GenerationSubmittedV4Response>(await DriveAsync(clock, h.Client.RecoverAsync(ex)));
        var result = await DriveAsync(clock, h.Client.ResumeGenerateV4Async(answer.GenerationId));

        Assert.Single(result.Data);
        Assert.Single(h.Emulator.Requests, r => r.Method == "POST");
        Assert.Equal(1, h.Emulator.BilledRequestCount);
    }
}
