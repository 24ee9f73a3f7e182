using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.Runtime.Tests;

/// <summary>
/// Every exception that says a call may have been billed also says how to get its result without paying again:
/// recover it from the gateway log with RecoverAsync, or look it up in the logs manually; and the recovery path is the
/// same as a property. The logs token appears nowhere.
/// </summary>
public class RecoveryWordingTests
{
    private const string LogsToken = "cf-logs-CANARY-Qm4Rt8Wz1Nc6Bd3Fg5Jk0Ys2";
    private const string LogId = "0193f7d2-5c3b-7a10-8a7e-3e0f2c9d1b4a";

    private static async Task<(TException Error, StubHandler Handler)> Fails<TException>(Func<HttpRequestMessage, HttpResponseMessage> answer, bool recovery, CancellationToken token = default)
        where TException : Exception
    {
        var handler = new StubHandler((request, _) => answer(request));
        var options = new GatewayOptions { Retry = IdeogramRetryPolicy.None };
        if (recovery) options.Recovery = new GatewayRecoveryOptions { LogsApiToken = LogsToken };
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ak-wording-test-key"), options, null);
        var ex = await Assert.ThrowsAnyAsync<TException>(() => client.GenerateV3Async(new GenerateV3Request { Prompt = "p" }, null, token));
        Assert.DoesNotContain(LogsToken, ex.ToString());
        return (ex, handler);
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string body, bool logId = true)
    {
        var response = StubHandler.Json(status, body);
        if (logId) response.Headers.TryAddWithoutValidation("cf-aig-log-id", LogId);
        return response;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_truncated_200_is_recoverable_from_the_gateway_log_by_its_log_id(bool recovery)
    {
        var (ex, _) = await Fails<IdeogramResponseException>(_ => Answer(HttpStatusCode.OK, StubHandler.Success.Substring(0, 80)), recovery);
        Assert.True(ex.MayHaveBeenBilled);
        Assert.Equal(IdeogramRecoveryPath.GatewayLog, ex.RecoveryPath);
        Assert.Contains("The request ran and was billed.", ex.Message);
        Assert.Contains("Recover the answer from the gateway log " + LogId + " with RecoverAsync(exception)", ex.Message);
        Assert.Equal(!recovery, ex.Message.Contains("after setting GatewayOptions.Recovery"));
    }

    [Fact]
    public async Task A_reset_before_any_header_is_recoverable_by_the_event_id_the_call_sent_when_recovery_is_on()
    {
        var (ex, handler) = await Fails<IdeogramTransportException>(_ => throw new HttpRequestException("reset", new IOException("connection reset by peer")), recovery: true);
        var sent = Assert.Single(handler.Requests).Request.Headers.GetValues("cf-aig-event-id").Single();
        Assert.StartsWith("idg-", sent);
        Assert.Equal(sent, ex.EventId);
        Assert.Null(ex.Gateway.LogId);
        Assert.Equal(IdeogramRecoveryPath.GatewayLog, ex.RecoveryPath);
        Assert.Contains("may have run (and billed)", ex.Message);
        Assert.Contains("the gateway log of cf-aig-event-id " + sent + " with RecoverAsync(exception)", ex.Message);
    }

    [Fact]
    public async Task Without_recovery_no_event_id_is_sent_and_a_reset_before_any_header_is_to_be_looked_up_manually()
    {
        var (ex, handler) = await Fails<IdeogramTransportException>(_ => throw new HttpRequestException("reset", new IOException("connection reset by peer")), recovery: false);
        Assert.False(Assert.Single(handler.Requests).Request.Headers.Contains("cf-aig-event-id"));
        Assert.Null(ex.EventId);
        Assert.Equal(IdeogramRecoveryPath.Manual, ex.RecoveryPath);
        Assert.Contains("look it up in the gateway's logs manually", ex.Message);
        Assert.Contains("GatewayOptions.Recovery", ex.Message);
    }

    [Fact]
    public async Task An_event_id_set_by_the_call_is_the_one_used_for_recovery()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException("reset", new IOException("reset")));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ak-wording-test-key"),
            new GatewayOptions { Retry = IdeogramRetryPolicy.None, Recovery = new GatewayRecoveryOptions { LogsApiToken = LogsToken } }, null);
        var ex = await Assert.ThrowsAsync<IdeogramTransportException>(() => client.GenerateV3Async(new GenerateV3Request { Prompt = "p" },
            new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { EventId = "order-42" } }));
        Assert.Equal(new[] { "order-42" }, Assert.Single(handler.Requests).Request.Headers.GetValues("cf-aig-event-id"));
        Assert.Equal("order-42", ex.EventId);
        Assert.Contains("cf-aig-event-id order-42", ex.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, """{"error":"Internal error"}""")]
    [InlineData(HttpStatusCode.BadRequest, """{"success":false,"result":[],"messages":[],"error":[{"code":2005,"message":"Failed to get response from provider"}]}""")]
    [InlineData(HttpStatusCode.BadGateway, "<html><body>502 Bad Gateway</body></html>")]
    public async Task An_error_answer_that_may_have_been_billed_is_to_be_looked_up_manually(HttpStatusCode status, string body)
    {
        var (ex, _) = await Fails<IdeogramGenException>(_ => Answer(status, body), recovery: true);
        Assert.True(ex.MayHaveBeenBilled);
        Assert.Equal(IdeogramRecoveryPath.Manual, ex.RecoveryPath);
        Assert.Contains("holds no images to recover: look the call up in the gateway's logs manually", ex.Message);
        Assert.Contains(LogId, ex.Message);
        Assert.DoesNotContain("RecoverAsync", ex.Message);
    }

    [Fact]
    public async Task A_refusal_that_did_not_run_names_no_recovery_path()
    {
        var (ex, _) = await Fails<GatewayException>(_ => Answer((HttpStatusCode)429,
            """{"success":false,"result":[],"messages":[],"error":[{"code":2003,"message":"Rate limited"}],"name":"AiGatewayError","httpCode":429,"internalCode":2003}"""), recovery: true);
        Assert.False(ex.MayHaveBeenBilled);
        Assert.Equal(IdeogramRecoveryPath.None, ex.RecoveryPath);
        Assert.DoesNotContain("RecoverAsync", ex.Message);
        Assert.DoesNotContain("manually", ex.Message);
    }

    [Fact]
    public async Task A_cancellation_after_sending_says_how_to_recover()
    {
        using var cts = new CancellationTokenSource();
        var (ex, _) = await Fails<IdeogramCanceledException>(_ =>
        {
            cts.Cancel();
            throw new OperationCanceledException(cts.Token);
        }, recovery: true, cts.Token);
        Assert.True(ex.MayHaveBeenBilled);
        Assert.Equal(IdeogramRecoveryPath.GatewayLog, ex.RecoveryPath);
        Assert.Contains("cf-aig-event-id " + ex.EventId + " with RecoverAsync(exception)", ex.Message);
    }

    [Fact]
    public async Task Recovery_without_a_token_is_refused_when_the_client_is_built_and_its_settings_never_show_the_token()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TestImages(new HttpClient(new StubHandler((_, _) => Answer(HttpStatusCode.OK, StubHandler.Success))),
            new IdeogramCredentials("ak-wording-test-key"), new GatewayOptions { Recovery = new GatewayRecoveryOptions() }, null));
        Assert.Contains("LogsApiToken", ex.Message);
        var settings = new GatewayRecoveryOptions { LogsApiToken = LogsToken, Automatic = true };
        Assert.DoesNotContain(LogsToken, settings.ToString());
        Assert.Contains("LogsApiToken: set", settings.ToString());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task RecoverAsync_says_why_it_cannot_start_before_calling_anything()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json((HttpStatusCode)429,
            """{"success":false,"result":[],"messages":[],"error":[{"code":2003,"message":"Rate limited"}],"name":"AiGatewayError","httpCode":429,"internalCode":2003}"""));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ak-wording-test-key"), new GatewayOptions { Retry = IdeogramRetryPolicy.None }, null);
        var notBilled = await Assert.ThrowsAsync<GatewayException>(() => client.GenerateV3Async(new GenerateV3Request { Prompt = "p" }));
        var nothing = await Assert.ThrowsAsync<IdeogramRecoveryException>(() => client.RecoverAsync(notBilled));
        Assert.Equal(IdeogramRecoveryErrorKind.NothingToRecover, nothing.Kind);
        Assert.Contains("send the request again", nothing.Message);
        Assert.Same(notBilled, nothing.Failure);
        Assert.False(nothing.MayHaveBeenBilled);

        var truncated = (await Fails<IdeogramResponseException>(_ => Answer(HttpStatusCode.OK, "{\"data\":["), recovery: false)).Error;
        var unconfigured = await Assert.ThrowsAsync<IdeogramRecoveryException>(() => client.RecoverAsync(truncated));
        Assert.Equal(IdeogramRecoveryErrorKind.NotConfigured, unconfigured.Kind);
        Assert.Contains("LogsApiToken", unconfigured.Message);

        await Assert.ThrowsAsync<ArgumentException>(() => client.RecoverAsync(new InvalidOperationException("not ours")));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.RecoverAsync(null!));
        Assert.Single(handler.Requests);   // only the first call: RecoverAsync sent nothing
    }
}
