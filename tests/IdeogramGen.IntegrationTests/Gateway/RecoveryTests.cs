using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Testing;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>Paid answers that broke in transit, recovered from the emulator's gateway logs with RecoverAsync or automatically.</summary>
public class RecoveryTests
{
    internal const string LogsToken = "cf-logs-token-CANARY-7Hq2vX9mLp4Rt8Wz";

    private static Task<GatewayHarness> StartAsync(bool automatic = false, TestClock? clock = null, TimeSpan logDelay = default, RecordingLoggerProvider? logs = null, int maxLookups = 6) =>
        GatewayHarness.StartAsync(
            new EmulatorOptions { RestApiToken = LogsToken, LogDelay = logDelay, TimeProvider = (TimeProvider?)clock ?? TimeProvider.System },
            configure: o => o.Recovery = new GatewayRecoveryOptions { LogsApiToken = LogsToken, ApiRoot = o.GatewayRoot, Automatic = automatic, MaxLookups = maxLookups },
            clock: clock, logger: logs?.CreateLogger("IdeogramGen.GatewayPipeline"));

    /// <summary>The image URLs of the answer the gateway logged for <paramref name="logId"/>.</summary>
    internal static string?[] LoggedUrls(IdeogramEmulator emulator, string logId)
    {
        var entry = emulator.Logs.Single(l => l.Id == logId);
        using var doc = JsonDocument.Parse(entry.ResponsePayload!.Value);
        return doc.RootElement.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("url").GetString()).ToArray();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_reset_mid_body_is_recovered_by_log_id_as_the_same_typed_result_without_a_second_generation()
    {
        await using var h = await StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.ResetMidBody());
        var ex = await Assert.ThrowsAsync<IdeogramTransportException>(() => h.Client.GenerateV3Async(GatewayHarness.Request(images: 2)));
        Assert.Equal(IdeogramRecoveryPath.GatewayLog, ex.RecoveryPath);
        Assert.Equal(200, ex.StatusCode);
        Assert.NotNull(ex.Gateway.LogId);

        var recovered = Assert.IsType<ImageV3Response>(await h.Client.RecoverAsync(ex));
        Assert.True(recovered.RecoveredFromGatewayLog);
        Assert.Equal(2, recovered.Data.Count);
        Assert.Equal(LoggedUrls(h.Emulator, ex.Gateway.LogId!), recovered.Data.Select(d => d.Url));
        Assert.Equal(ex.Gateway.LogId, recovered.Gateway.LogId);
        Assert.Equal(200, recovered.StatusCode);
        Assert.Single(h.Emulator.Requests);
        Assert.Equal(1, h.Emulator.BilledRequestCount);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_reset_before_any_header_is_recovered_by_the_event_id_the_call_sent()
    {
        await using var h = await StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.ConnectionReset(afterRun: true));
        var ex = await Assert.ThrowsAsync<IdeogramTransportException>(() => h.Client.GenerateV3Async(GatewayHarness.Request()));
        Assert.Null(ex.Gateway.LogId);
        Assert.NotNull(ex.EventId);
        Assert.Equal(ex.EventId, h.Emulator.Requests.Single().Headers["cf-aig-event-id"]);

        var recovered = Assert.IsType<ImageV3Response>(await h.Client.RecoverAsync(ex));
        var log = h.Emulator.Logs.Single();
        Assert.Equal(log.Id, recovered.Gateway.LogId);
        Assert.Equal(ex.EventId, recovered.Gateway.EventId);
        Assert.Equal(LoggedUrls(h.Emulator, log.Id), recovered.Data.Select(d => d.Url));
        Assert.Equal(1, h.Emulator.BilledRequestCount);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_cancellation_mid_body_is_recovered_too()
    {
        await using var h = await StartAsync();
        var gate = new EmulatorGate();
        h.Emulator.Faults.Enqueue(EmulatorFault.HoldBody(gate, 20));
        using var cts = new CancellationTokenSource();
        var call = h.Client.GenerateV3Async(GatewayHarness.Request(), null, cts.Token);
        await gate.WaitReachedAsync().WaitAsync(TimeSpan.FromSeconds(60));
        cts.Cancel();
        var ex = await Assert.ThrowsAsync<IdeogramCanceledException>(() => call);
        Assert.Equal(IdeogramRecoveryPath.GatewayLog, ex.RecoveryPath);
        var recovered = Assert.IsType<ImageV3Response>(await h.Client.RecoverAsync(ex));
        Assert.Single(recovered.Data);
        gate.Release();
    }

    [Fact(Timeout = 60_000)]
    public async Task What_cannot_be_recovered_says_why()
    {
        await using var h = await StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.MalformedJson());
        var malformed = await Assert.ThrowsAsync<IdeogramResponseException>(() => h.Client.GenerateV3Async(GatewayHarness.Request()));
        var unreadable = await Assert.ThrowsAsync<IdeogramRecoveryException>(() => h.Client.RecoverAsync(malformed));
        Assert.Equal(IdeogramRecoveryErrorKind.LoggedAnswerUnreadable, unreadable.Kind);
        Assert.Contains("Ideogram sent it broken", unreadable.Message);

        h.Emulator.Faults.Enqueue(EmulatorFault.ServerError(500));
        var error = await Assert.ThrowsAsync<IdeogramApiException>(() => h.Client.GenerateV3Async(GatewayHarness.Request()));
        Assert.Equal(IdeogramRecoveryPath.Manual, error.RecoveryPath);
        var logged = await Assert.ThrowsAsync<IdeogramRecoveryException>(() => h.Client.RecoverAsync(error));
        Assert.Equal(IdeogramRecoveryErrorKind.LoggedAnswerIsError, logged.Kind);
        Assert.Equal(500, logged.LoggedStatusCode);
        Assert.False(logged.IsTransient);

        var silent = await Assert.ThrowsAsync<IdeogramTransportException>(() =>
        {
            h.Emulator.Faults.Enqueue(EmulatorFault.ResetMidBody());
            return h.Client.GenerateV3Async(GatewayHarness.Request(), new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { CollectLogPayload = false } });
        });
        var noPayload = await Assert.ThrowsAsync<IdeogramRecoveryException>(() => RecoverWithClockAsync(h, silent));
        Assert.Equal(IdeogramRecoveryErrorKind.PayloadNotLogged, noPayload.Kind);
        Assert.Equal(3, h.Emulator.Requests.Count);   // recovery sent no generation
    }

    /// <summary>RecoverAsync on a harness without a fake clock uses the system clock: keep lookups to one so that nothing waits.</summary>
    private static async Task<IdeogramResponse> RecoverWithClockAsync(GatewayHarness h, Exception ex)
    {
        var pipeline = new GatewayPipeline(h.Http, new IdeogramCredentials(GatewayHarness.ApiKey), TestImages.GatewayAddress, new GatewayOptions
        {
            GatewayRoot = h.Emulator.Root,
            Recovery = new GatewayRecoveryOptions { LogsApiToken = LogsToken, ApiRoot = h.Emulator.Root, MaxLookups = 1 },
        });
        return await new TestImages(pipeline).RecoverAsync(ex);
    }

    [Fact(Timeout = 60_000)]
    public async Task Automatic_recovery_waits_for_a_log_written_late_with_backoff_on_the_options_clock()
    {
        var clock = new TestClock();
        var lines = new RecordingLoggerProvider();
        await using var h = await StartAsync(automatic: true, clock: clock, logDelay: TimeSpan.FromSeconds(3), logs: lines);
        h.Emulator.Faults.Enqueue(EmulatorFault.TruncatedJson());
        var call = h.Client.GenerateV3Async(GatewayHarness.Request(images: 3));

        Assert.Equal(TimeSpan.FromSeconds(1), await clock.NextTimerAsync());   // first lookup found nothing: back off
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(2), await clock.NextTimerAsync());   // still not visible (1 s of 3)
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.RecoveredFromGatewayLog);
        Assert.Equal(3, result.Data.Count);
        var log = h.Emulator.Logs.Single();
        Assert.Equal(LoggedUrls(h.Emulator, log.Id), result.Data.Select(d => d.Url));
        Assert.Single(h.Emulator.Requests);
        Assert.Contains(lines.Lines, l => l.Contains("Recovered the answer of v1/ideogram-v3/generate from gateway log " + log.Id));
        Assert.DoesNotContain(lines.Lines, l => l.Contains(LogsToken));
    }

    [Fact(Timeout = 60_000)]
    public async Task Automatic_recovery_that_finds_no_log_throws_the_calls_own_exception_with_the_reason()
    {
        var clock = new TestClock();
        await using var h = await StartAsync(automatic: true, clock: clock, maxLookups: 3);
        h.Emulator.Faults.Enqueue(EmulatorFault.ResetMidBody());
        var call = h.Client.GenerateV3Async(GatewayHarness.Request(), new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { CollectLog = false } });
        Assert.Equal(TimeSpan.FromSeconds(1), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(2), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromSeconds(2));

        var ex = await Assert.ThrowsAsync<IdeogramTransportException>(() => call.WaitAsync(TimeSpan.FromSeconds(60)));
        var failure = Assert.IsType<IdeogramRecoveryException>(ex.RecoveryFailure);
        Assert.Equal(IdeogramRecoveryErrorKind.LogNotFound, failure.Kind);
        Assert.Equal(3, failure.Lookups);
        Assert.True(failure.IsTransient);
        Assert.Contains("not found after 3 lookups", failure.Message);
        Assert.Contains("Automatic recovery was tried and did not succeed (LogNotFound", ex.Message);
        Assert.DoesNotContain(LogsToken, ex.ToString());
        Assert.Single(h.Emulator.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_wrong_logs_token_is_the_logs_apis_refusal_and_never_shown()
    {
        await using var h = await GatewayHarness.StartAsync(new EmulatorOptions { RestApiToken = LogsToken },
            configure: o => o.Recovery = new GatewayRecoveryOptions { LogsApiToken = "cf-logs-WRONG-token-Zq8Xr2Lm5Np9", ApiRoot = o.GatewayRoot });
        h.Emulator.Faults.Enqueue(EmulatorFault.TruncatedJson());
        var ex = await Assert.ThrowsAsync<IdeogramResponseException>(() => h.Client.GenerateV3Async(GatewayHarness.Request()));
        var refused = await Assert.ThrowsAsync<GatewayException>(() => h.Client.RecoverAsync(ex));
        Assert.Equal(GatewayErrorKind.RestApi, refused.Kind);
        Assert.Equal(401, refused.StatusCode);
        Assert.DoesNotContain("cf-logs-WRONG-token-Zq8Xr2Lm5Np9", refused.ToString());
    }
}
