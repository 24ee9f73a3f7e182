using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.Runtime.Tests;

/// <summary>
/// Waiting for an asynchronous generation on the wire, against canned poll answers: the GET that is sent, how each
/// answer of <c>GET /v1|v2/generations/{generation_id}</c> is read, and what a wait ends with.
/// </summary>
public class PollTests
{
    private const string Id = "Zm9vYmFyLWdlbmVyYXRpb24";

    private const string Completed = """
        {"generation_id":"Zm9vYmFyLWdlbmVyYXRpb24","status":"completed","created":"2026-10-07T10:00:00Z","response_type":"url","usage_cost_usd_micros":61000,
         "data":[{"url":"https://ideogram.ai/api/images/ephemeral/a.png","prompt":"A lighthouse","resolution":"1024x1024","seed":5,"is_image_safe":true,"object_type":"image"}]}
        """;

    private static TestImages Client(StubHandler handler) =>
        new(new HttpClient(handler), new IdeogramCredentials("ak-poll-test"), new GatewayOptions { Polling = new IdeogramPollingOptions { FirstDelay = TimeSpan.Zero } }, null);

    [Fact]
    public async Task A_completed_poll_is_read_into_the_sync_result_type_with_the_generation_and_its_cost()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, Completed, ("cf-aig-log-id", "log-poll-1")));

        var result = await Client(handler).ResumeGenerateV4Async(Id);

        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Empty(body);
        Assert.Null(request.Content);
        Assert.Equal("/v1/3ebbcb006d4d46d7bb6a8c7f14676cb0/my-gateway/ideogram/v1/generations/" + Id, request.RequestUri!.AbsolutePath);
        Assert.Equal("true", request.Headers.GetValues("cf-aig-skip-cache").Single());
        Assert.Equal("ak-poll-test", request.Headers.GetValues("Api-Key").Single());
        Assert.False(IdeogramRequestMark.MayBill(request));

        var image = Assert.Single(result.Data);
        Assert.Equal("https://ideogram.ai/api/images/ephemeral/a.png", image.Url);
        Assert.Equal(5, image.Seed);
        Assert.Equal(Id, result.Generation!.GenerationId);
        Assert.Equal(61000, result.Generation.UsageCostUsdMicros);
        Assert.Equal(new DateTimeOffset(2026, 10, 7, 10, 0, 0, TimeSpan.Zero), result.Generation.Created);
        Assert.Equal("log-poll-1", result.Gateway.LogId);
    }

    [Fact]
    public async Task Pending_and_unknown_states_are_polled_again_until_completed()
    {
        var answers = new[]
        {
            """{"generation_id":"Zm9vYmFyLWdlbmVyYXRpb24","status":"pending","created":"2026-10-07T10:00:00Z"}""",
            """{"generation_id":"Zm9vYmFyLWdlbmVyYXRpb24","status":"queued_for_upscale","created":"2026-10-07T10:00:00Z"}""",
            Completed,
        };
        var handler = new StubHandler((_, n) => StubHandler.Json(HttpStatusCode.OK, answers[Math.Min(n - 1, answers.Length - 1)]));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ak-poll-test"), new GatewayOptions
        {
            Polling = new IdeogramPollingOptions { FirstDelay = TimeSpan.Zero, MaxDelay = TimeSpan.FromMilliseconds(1) },
        }, null);

        var result = await client.ResumeGenerateV2Ideogram4Async(Id);

        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.EndsWith("/ideogram/v2/generations/" + Id, r.Request.RequestUri!.AbsolutePath));
        Assert.Single(result.Data);
    }

    [Fact]
    public async Task A_failed_generation_ends_the_wait_with_its_reason_and_is_not_billed()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK,
            """{"generation_id":"Zm9vYmFyLWdlbmVyYXRpb24","status":"failed","created":"2026-10-07T10:00:00Z","failure_reason":"content_policy_violation"}"""));

        var ex = await Assert.ThrowsAsync<IdeogramGenerationFailedException>(() => Client(handler).ResumeGenerateV4Async(Id));

        Assert.Equal("content_policy_violation", ex.FailureReason);
        Assert.Equal(Id, ex.GenerationId);
        Assert.False(ex.MayHaveBeenBilled);
        Assert.False(ex.IsTransient);
        Assert.Equal(IdeogramRecoveryPath.None, ex.RecoveryPath);
    }

    [Fact]
    public async Task An_unreadable_poll_answer_keeps_the_generation_id_and_says_how_to_resume()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, """{"generation_id":"Zm9vYmFyLWdlbmVyYXRpb24","created":"2026-10-07T10:00:00Z"}"""));

        var ex = await Assert.ThrowsAsync<IdeogramResponseException>(() => Client(handler).ResumeGenerateV4Async(Id));

        Assert.Equal(Id, ex.GenerationId);
        Assert.Equal(IdeogramRecoveryPath.GenerationId, ex.RecoveryPath);
        Assert.Contains("status", ex.Message);
        Assert.Contains("ResumeGenerateV4Async(\"" + Id + "\")", ex.Message);
    }

    [Fact]
    public async Task A_negative_usage_cost_is_an_unreadable_answer_not_a_number_taken_on_trust()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, Completed.Replace("61000", "-1")));

        var ex = await Assert.ThrowsAsync<IdeogramResponseException>(() => Client(handler).ResumeGenerateV4Async(Id));

        Assert.Contains("usage_cost_usd_micros", ex.Message);
    }

    [Fact]
    public async Task Transient_poll_failures_only_mean_polling_again()
    {
        var handler = new StubHandler((_, n) => n switch
        {
            1 => StubHandler.Json(HttpStatusCode.ServiceUnavailable, """{"error":"busy"}"""),
            2 => StubHandler.Json(HttpStatusCode.TooManyRequests, """{"error":"Too many polling requests"}""", ("Retry-After", "0")),
            _ => StubHandler.Json(HttpStatusCode.OK, Completed),
        });
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ak-poll-test"), new GatewayOptions
        {
            Polling = new IdeogramPollingOptions { FirstDelay = TimeSpan.Zero, MaxDelay = TimeSpan.FromMilliseconds(1) },
        }, null);

        var result = await client.ResumeGenerateV4Async(Id);

        Assert.Equal(3, handler.Requests.Count);
        Assert.Single(result.Data);
    }

    [Fact]
    public async Task A_submit_reads_the_generation_id_and_never_resends_after_it_may_have_run()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.InternalServerError, """{"error":"boom"}"""));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ak-poll-test"), new GatewayOptions { Retry = new IdeogramRetryPolicy { MaxAttempts = 5 } }, null);

        var ex = await Assert.ThrowsAsync<IdeogramApiException>(() => client.SubmitGenerateV4Async(new GenerateV4Request { TextPrompt = "A lighthouse" }));

        Assert.Single(handler.Requests);
        Assert.True(ex.MayHaveBeenBilled);
        Assert.Null(ex.GenerationId);

        var accepted = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, """{"generation_id":"Zm9vYmFyLWdlbmVyYXRpb24"}"""));
        var generation = await new TestImages(new HttpClient(accepted), new IdeogramCredentials("ak-poll-test")).SubmitGenerateV4Async(
            new GenerateV4Request { TextPrompt = "A lighthouse" }, new Uri("https://example.com/hooks?token=abc def"));
        Assert.Equal(Id, generation.GenerationId);
        Assert.Equal("v1/ideogram-v4/async/generate", generation.RequestPath);
        var sent = Assert.Single(accepted.Requests).Request.RequestUri!;
        Assert.Equal("/v1/3ebbcb006d4d46d7bb6a8c7f14676cb0/my-gateway/ideogram/v1/ideogram-v4/async/generate", sent.AbsolutePath);
        Assert.Equal("?webhook_url=" + Uri.EscapeDataString("https://example.com/hooks?token=abc%20def"), sent.Query);
    }

    [Fact]
    public async Task A_submit_answer_without_a_generation_id_is_unreadable_and_may_have_been_billed()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, """{"created":"2026-10-07T10:00:00Z"}"""));

        var ex = await Assert.ThrowsAsync<IdeogramResponseException>(() =>
            new TestImages(new HttpClient(handler), new IdeogramCredentials("ak-poll-test")).SubmitGenerateV4Async(new GenerateV4Request { TextPrompt = "A lighthouse" }));

        Assert.Contains("generation_id", ex.Message);
        Assert.True(ex.MayHaveBeenBilled);
    }

    [Fact]
    public void Polling_options_out_of_range_are_refused_when_the_client_is_built()
    {
        foreach (var bad in new[]
        {
            new IdeogramPollingOptions { FirstDelay = TimeSpan.FromSeconds(-1) },
            new IdeogramPollingOptions { MaxDelay = TimeSpan.Zero },
            new IdeogramPollingOptions { Multiplier = 0.5 },
            new IdeogramPollingOptions { Multiplier = double.NaN },
            new IdeogramPollingOptions { Timeout = TimeSpan.Zero },
        })
            Assert.Throws<ArgumentOutOfRangeException>(() => new TestImages(new HttpClient(), new IdeogramCredentials("k"), new GatewayOptions { Polling = bad }, null));
    }
}

public class PollHardeningTests
{
    [Fact]
    public async Task A_submit_answer_whose_generation_id_is_not_url_safe_base64_is_refused_and_never_polled()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, """{"generation_id":"../../../../v1/ideogram-v4/generate"}"""));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ak-poll-test"), new GatewayOptions { Polling = new IdeogramPollingOptions { FirstDelay = TimeSpan.Zero } }, null);

        var ex = await Assert.ThrowsAsync<IdeogramResponseException>(() => client.SubmitGenerateV4AndWaitAsync(new GenerateV4Request { TextPrompt = "A lighthouse" }));

        Assert.Contains("URL-safe base64", ex.Message);
        Assert.True(ex.MayHaveBeenBilled);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_submitted_callback_that_throws_ends_the_call_with_the_generation_it_was_given()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, """{"generation_id":"Zm9vYmFyLWdlbmVyYXRpb24"}"""));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ak-poll-test"));

        var ex = await Assert.ThrowsAsync<IdeogramSubmittedCallbackException>(() =>
            client.SubmitGenerateV4AndWaitAsync(new GenerateV4Request { TextPrompt = "A lighthouse" }, _ => throw new System.IO.IOException("disk full")));

        Assert.Equal("Zm9vYmFyLWdlbmVyYXRpb24", ex.GenerationId);
        Assert.Equal("Zm9vYmFyLWdlbmVyYXRpb24", ex.Generation.GenerationId);
        Assert.IsType<System.IO.IOException>(ex.InnerException);
        Assert.Equal(IdeogramRecoveryPath.GenerationId, ex.RecoveryPath);
        Assert.False(ex.IsRetrySafe);
        Assert.Contains("ResumeGenerateV4Async(\"Zm9vYmFyLWdlbmVyYXRpb24\")", ex.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_poll_that_fails_for_good_during_submit_and_wait_says_submitting_again_is_not_safe()
    {
        var handler = new StubHandler((_, n) => n == 1
            ? StubHandler.Json(HttpStatusCode.OK, """{"generation_id":"Zm9vYmFyLWdlbmVyYXRpb24"}""")
            : StubHandler.Json(HttpStatusCode.Unauthorized, """{"error":"Invalid API key"}"""));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ak-poll-test"), new GatewayOptions { Polling = new IdeogramPollingOptions { FirstDelay = TimeSpan.Zero } }, null);

        var ex = await Assert.ThrowsAsync<IdeogramApiException>(() => client.SubmitGenerateV4AndWaitAsync(new GenerateV4Request { TextPrompt = "A lighthouse" }));

        Assert.Equal(401, ex.StatusCode);
        Assert.Equal("Zm9vYmFyLWdlbmVyYXRpb24", ex.GenerationId);
        Assert.False(ex.IsRetrySafe);
        Assert.True(ex.MayHaveBeenBilled);
        Assert.Equal(IdeogramRecoveryPath.GenerationId, ex.RecoveryPath);
    }

    [Fact]
    public async Task An_unreadable_poll_answer_does_not_claim_the_poll_was_billed()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, """{"generation_id": "Zm9v", "status": """));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ak-poll-test"), new GatewayOptions { Polling = new IdeogramPollingOptions { FirstDelay = TimeSpan.Zero } }, null);

        var ex = await Assert.ThrowsAsync<IdeogramResponseException>(() => client.ResumeGenerateV4Async("Zm9v"));

        Assert.DoesNotContain("The request ran and was billed", ex.Message);
        Assert.Contains("A poll bills nothing", ex.Message);
    }

    /// <summary>A clock whose timers fire at once, recording the waits asked for.</summary>
    private sealed class ImpatientClock : TimeProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<TimeSpan> Asked { get; } = new();
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan) Asked.Enqueue(dueTime);
            return System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, period);
        }
    }

    [Fact]
    public async Task A_huge_Retry_After_on_a_poll_with_no_polling_timeout_is_waited_at_most_a_day()
    {
        var clock = new ImpatientClock();
        var handler = new StubHandler((_, n) => n == 1
            ? StubHandler.Json(HttpStatusCode.TooManyRequests, """{"error":"Too many polling requests"}""", ("Retry-After", "99999999999"))
            : StubHandler.Json(HttpStatusCode.OK, """{"generation_id":"Zm9v","status":"completed","created":"2026-10-07T10:00:00Z","data":[]}"""));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ak-poll-test"), new GatewayOptions
        {
            TimeProvider = clock, Timeout = Timeout.InfiniteTimeSpan,
            Polling = new IdeogramPollingOptions { FirstDelay = TimeSpan.Zero, Timeout = Timeout.InfiniteTimeSpan },
        }, null);

        await Eventually.Within(client.ResumeGenerateV4Async("Zm9v"));

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromDays(1) }, clock.Asked.ToArray());
    }

    [Fact]
    public void Polling_delays_over_an_hour_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TestImages(new HttpClient(), new IdeogramCredentials("k"), new GatewayOptions { Polling = new IdeogramPollingOptions { MaxDelay = TimeSpan.FromDays(60) } }, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TestImages(new HttpClient(), new IdeogramCredentials("k"), new GatewayOptions { Polling = new IdeogramPollingOptions { FirstDelay = TimeSpan.FromHours(2) } }, null));
    }
}
