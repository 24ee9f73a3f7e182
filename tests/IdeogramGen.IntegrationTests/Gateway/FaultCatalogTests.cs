using System;
using System.Linq;
using System.Threading.Tasks;
using IdeogramGen.Testing;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>
/// Every failure the emulator can inject, over a real loopback socket, through the generated client with the default
/// (SafeOnly) retry policy: the exact exception, its retry and billing facts, and what the emulator billed. A request
/// that may have run is never sent a second time.
/// </summary>
public class FaultCatalogTests
{
    private static async Task<T> FailsAsync<T>(GatewayHarness h, GenerateV3Request? request = null) where T : IdeogramGenException
    {
        var ex = await Assert.ThrowsAsync<T>(() => h.Client.GenerateV3Async(request ?? GatewayHarness.Request()));
        Assert.Equal(1, ex.Attempts);
        Assert.Equal("v1/ideogram-v3/generate", ex.RequestPath);
        Assert.Equal(0, h.Emulator.Faults.Count);
        return ex;
    }

    private static void Facts(IdeogramGenException ex, bool retrySafe, bool transient, bool mayHaveBeenBilled)
    {
        Assert.Equal(retrySafe, ex.IsRetrySafe);
        Assert.Equal(transient, ex.IsTransient);
        Assert.Equal(mayHaveBeenBilled, ex.MayHaveBeenBilled);
    }

    private static void SentOnce(GatewayHarness h, int billed)
    {
        Assert.Single(h.Emulator.Requests);
        Assert.Equal(billed, h.Emulator.BilledRequestCount);
    }

    [Fact(Timeout = 60_000)]
    public async Task Provider_no_response_400_2005_may_have_run_and_is_not_resent()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.ProviderNoResponse());
        var ex = await FailsAsync<GatewayException>(h);
        Assert.Equal(GatewayErrorKind.ProviderUnreachable, ex.Kind);
        Assert.Equal(2005, ex.Code);
        Assert.Equal(400, ex.StatusCode);
        Facts(ex, retrySafe: false, transient: true, mayHaveBeenBilled: true);
        Assert.NotNull(ex.Gateway.LogId);
        SentOnce(h, billed: 1);
    }

    [Fact(Timeout = 60_000)]
    public async Task Wrong_gateway_token_is_401_2009_and_never_reaches_ideogram()
    {
        await using var h = await GatewayHarness.StartAsync(new EmulatorOptions { GatewayToken = "the-right-gateway-token" },
            credentials: new IdeogramCredentials(GatewayHarness.ApiKey, "a-wrong-gateway-token"));
        var ex = await FailsAsync<GatewayException>(h);
        Assert.Equal(GatewayErrorKind.Unauthorized, ex.Kind);
        Assert.Equal(2009, ex.Code);
        Assert.Equal(401, ex.StatusCode);
        Facts(ex, retrySafe: true, transient: false, mayHaveBeenBilled: false);
        Assert.Contains("cf-aig-authorization", ex.Message);
        SentOnce(h, billed: 0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Unknown_gateway_is_400_2001()
    {
        await using var h = await GatewayHarness.StartAsync(new EmulatorOptions { GatewayId = "another-gateway" });
        var ex = await FailsAsync<GatewayException>(h);
        Assert.Equal(GatewayErrorKind.GatewayNotFound, ex.Kind);
        Assert.Equal(2001, ex.Code);
        Assert.Equal(400, ex.StatusCode);
        Facts(ex, retrySafe: true, transient: false, mayHaveBeenBilled: false);
        SentOnce(h, billed: 0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Insufficient_credits_402_is_final_and_not_billed()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.InsufficientCredits());
        var ex = await FailsAsync<IdeogramApiException>(h);
        Assert.Equal(IdeogramErrorKind.InsufficientCredits, ex.Kind);
        Assert.Equal(GenerationRejectReason.InsufficientFunds, ex.RejectReason);
        Assert.Equal(402, ex.StatusCode);
        Facts(ex, retrySafe: true, transient: false, mayHaveBeenBilled: false);
        SentOnce(h, billed: 0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Policy_403_with_an_error_object_is_policy_denied()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.PolicyDenied());
        var ex = await FailsAsync<GatewayException>(h);
        Assert.Equal(GatewayErrorKind.PolicyDenied, ex.Kind);
        Assert.Null(ex.Code);
        Assert.Equal(403, ex.StatusCode);
        Assert.Equal("Access denied by policy", Assert.Single(ex.Errors).Message);
        Facts(ex, retrySafe: true, transient: false, mayHaveBeenBilled: false);
        SentOnce(h, billed: 0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Spend_limit_429_is_not_retried()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.SpendLimitExceeded());
        var ex = await FailsAsync<GatewayException>(h);
        Assert.Equal(GatewayErrorKind.SpendLimitExceeded, ex.Kind);
        Assert.Equal("b1", ex.SpendLimitBucket);
        Assert.Equal(1000, ex.SpendLimit);
        Facts(ex, retrySafe: true, transient: false, mayHaveBeenBilled: false);
        SentOnce(h, billed: 0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Safety_422_from_the_prompt_is_not_billed()
    {
        await using var h = await GatewayHarness.StartAsync();
        var ex = await FailsAsync<IdeogramApiException>(h, GatewayHarness.Request("a harbour [unsafe]"));
        Assert.Equal(IdeogramErrorKind.SafetyRejected, ex.Kind);
        Assert.Equal(422, ex.StatusCode);
        Assert.Contains("safety check", ex.ErrorMessage);
        Facts(ex, retrySafe: true, transient: false, mayHaveBeenBilled: false);
        SentOnce(h, billed: 0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Guardrail_424_2016_blocked_the_prompt_before_ideogram()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.GuardrailPromptBlocked());
        var ex = await FailsAsync<GatewayException>(h);
        Assert.Equal(GatewayErrorKind.PromptBlocked, ex.Kind);
        Assert.Equal(2016, ex.Code);
        Assert.Equal(424, ex.StatusCode);
        Facts(ex, retrySafe: true, transient: false, mayHaveBeenBilled: false);
        SentOnce(h, billed: 0);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_error_with_a_json_body_may_have_run_and_is_not_resent(int status)
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.ServerError(status));
        var ex = await FailsAsync<IdeogramApiException>(h);
        Assert.Equal(IdeogramErrorKind.ServerError, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Facts(ex, retrySafe: false, transient: true, mayHaveBeenBilled: true);
        SentOnce(h, billed: 1);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_error_with_an_html_page_is_a_response_error_with_a_readable_excerpt(int status)
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.ServerError(status, html: true));
        var ex = await FailsAsync<IdeogramResponseException>(h);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal("text/html", ex.ContentType);
        Assert.NotNull(ex.BodyExcerpt);
        Assert.DoesNotContain("<", ex.BodyExcerpt);
        Facts(ex, retrySafe: false, transient: true, mayHaveBeenBilled: true);
        SentOnce(h, billed: 1);
    }

    [Fact(Timeout = 60_000)]
    public async Task Connection_reset_before_the_response_may_have_run()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.ConnectionReset());
        var ex = await FailsAsync<IdeogramTransportException>(h);
        Assert.False(ex.FailedBeforeSending);
        Assert.Null(ex.StatusCode);
        Facts(ex, retrySafe: false, transient: true, mayHaveBeenBilled: true);
        SentOnce(h, billed: 1);
    }

    [Fact(Timeout = 60_000)]
    public async Task Connection_reset_before_the_run_still_cannot_be_told_apart_and_is_not_resent()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.ConnectionReset(afterRun: false));
        var ex = await FailsAsync<IdeogramTransportException>(h);
        Facts(ex, retrySafe: false, transient: true, mayHaveBeenBilled: true);
        SentOnce(h, billed: 0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Reset_in_the_middle_of_the_body_is_a_transport_error_after_a_200()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.ResetMidBody());
        var ex = await FailsAsync<IdeogramTransportException>(h);
        Assert.Equal(200, ex.StatusCode);
        Assert.NotNull(ex.Gateway.LogId);
        Assert.False(ex.FailedBeforeSending);
        Facts(ex, retrySafe: false, transient: true, mayHaveBeenBilled: true);
        SentOnce(h, billed: 1);
    }

    [Fact(Timeout = 60_000)]
    public async Task Truncated_json_is_a_billed_response_error_pointing_at_the_log()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.TruncatedJson());
        var ex = await FailsAsync<IdeogramResponseException>(h);
        Assert.Equal(200, ex.StatusCode);
        Assert.True(ex.Message.Contains("truncated"), ex.Message);
        Assert.Contains(ex.Gateway.LogId!, ex.Message);
        Facts(ex, retrySafe: false, transient: false, mayHaveBeenBilled: true);
        SentOnce(h, billed: 1);
    }

    [Fact(Timeout = 60_000)]
    public async Task Malformed_json_is_a_billed_response_error()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.MalformedJson());
        var ex = await FailsAsync<IdeogramResponseException>(h);
        Assert.Equal(200, ex.StatusCode);
        Assert.Contains("could not be read", ex.Message);
        Assert.DoesNotContain("truncated", ex.Message);
        Assert.IsAssignableFrom<IdeogramJsonFormatException>(ex.InnerException);
        Facts(ex, retrySafe: false, transient: false, mayHaveBeenBilled: true);
        SentOnce(h, billed: 1);
    }

    [Fact(Timeout = 60_000)]
    public async Task Empty_200_body_is_a_billed_response_error()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.EmptyBody());
        var ex = await FailsAsync<IdeogramResponseException>(h);
        Assert.Equal(200, ex.StatusCode);
        Assert.Contains("empty", ex.Message);
        Facts(ex, retrySafe: false, transient: false, mayHaveBeenBilled: true);
        SentOnce(h, billed: 1);
    }

    [Fact(Timeout = 60_000)]
    public async Task Body_larger_than_MaxResponseBytes_is_refused_without_reading_it()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.MaxResponseBytes = 64 * 1024);
        h.Emulator.Faults.Enqueue(EmulatorFault.OversizedBody(40L * 1024 * 1024));
        var ex = await FailsAsync<IdeogramResponseException>(h);
        Assert.Equal(200, ex.StatusCode);
        Assert.Contains("MaxResponseBytes", ex.Message);
        Facts(ex, retrySafe: false, transient: false, mayHaveBeenBilled: true);
        SentOnce(h, billed: 1);
    }

    [Fact(Timeout = 60_000)]
    public async Task First_byte_slower_than_the_timeout_is_a_timeout_and_the_abandoned_run_is_not_billed()
    {
        var clock = new TestClock();
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Timeout = TimeSpan.FromMilliseconds(300), clock: clock);
        var gate = new EmulatorGate(); // never released: the answer would come after the timeout
        h.Emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));
        var call = FailsAsync<IdeogramTimeoutException>(h);
        Assert.Equal(TimeSpan.FromMilliseconds(300), await clock.NextTimerAsync());
        await gate.WaitReachedAsync();
        clock.Advance(TimeSpan.FromMilliseconds(300));
        var ex = await call;
        Assert.Equal(TimeSpan.FromMilliseconds(300), ex.Timeout);
        Assert.Null(ex.StatusCode);
        Facts(ex, retrySafe: false, transient: true, mayHaveBeenBilled: true);
        // The emulator sees the client go away and records the request as abandoned (polled under a hang guard only).
        using var guard = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (h.Emulator.Requests.Count == 0) await Task.Delay(20, guard.Token);
        var record = Assert.Single(h.Emulator.Requests);
        Assert.Equal(0, record.StatusCode);
        Assert.Equal(0, h.Emulator.BilledRequestCount);
    }
}
