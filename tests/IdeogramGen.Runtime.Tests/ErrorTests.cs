using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace IdeogramGen.Runtime.Tests;

/// <summary>Every error body becomes the right typed exception, with its retry and billing facts, and no secret.</summary>
public class ErrorTests
{
    private const string ApiKey = "ak-CANARY-7Hq2vX9mLp4Rt8Wz1Nc6Bd3Fg5Jk0Ys2";
    private const string Token = "CANARYTOKEN-Zq8Xr2Lm5Np9Tv3Wy6Ac1Bd4Ef7Gh0Jk";

    private static async Task<T> Fails<T>(HttpStatusCode status, string body, string contentType = "application/json", params (string, string)[] headers) where T : Exception
    {
        var handler = new StubHandler((_, _) =>
        {
            var r = new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, contentType) };
            foreach (var (n, v) in headers) r.Headers.TryAddWithoutValidation(n, v);
            return r;
        });
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials(ApiKey, Token), new GatewayOptions { Retry = IdeogramRetryPolicy.None }, null);
        var ex = await Assert.ThrowsAsync<T>(() => client.GenerateV3Async(new GenerateV3Request { Prompt = "p" }));
        Assert.Single(handler.Requests);
        Assert.DoesNotContain(ApiKey, ex.ToString());
        Assert.DoesNotContain(Token, ex.ToString());
        return ex;
    }

    [Fact]
    public async Task Gateway_401_is_a_gateway_error_with_code_2009()
    {
        var ex = await Fails<GatewayException>(HttpStatusCode.Unauthorized,
            """{"success":false,"result":[],"messages":[],"error":[{"code":2009,"message":"Unauthorized"}],"name":"AiGatewayError","httpCode":401,"internalCode":2009}""",
            headers: ("cf-aig-log-id", "0193f7d2-5c3b-7a10-8a7e-3e0f2c9d1b4a"));
        Assert.Equal(GatewayErrorKind.Unauthorized, ex.Kind);
        Assert.Equal(2009, ex.Code);
        Assert.Equal(401, ex.StatusCode);
        Assert.False(ex.MayHaveBeenBilled);
        Assert.Equal("0193f7d2-5c3b-7a10-8a7e-3e0f2c9d1b4a", ex.Gateway.LogId);
        Assert.Contains("cf-aig-authorization", ex.Message);
    }

    [Fact]
    public async Task Ideogram_401_is_an_ideogram_error()
    {
        var ex = await Fails<IdeogramApiException>(HttpStatusCode.Unauthorized, """{"error":"Invalid API key"}""");
        Assert.Equal(IdeogramErrorKind.Unauthorized, ex.Kind);
        Assert.Equal("Invalid API key", ex.ErrorMessage);
    }

    [Fact]
    public async Task Ideogram_echoing_the_key_is_scrubbed()
    {
        var ex = await Fails<IdeogramApiException>(HttpStatusCode.Unauthorized, "{\"error\":\"Invalid API key " + ApiKey + "\"}");
        Assert.Contains("***", ex.Message);
        Assert.DoesNotContain(ApiKey, ex.ErrorMessage);
    }

    [Fact]
    public async Task Inflight_limit_is_retry_safe_and_not_billed()
    {
        var ex = await Fails<IdeogramApiException>(HttpStatusCode.TooManyRequests, """{"error":"Too many images in flight","reject_reason":"inflight_limit","max_inflight_requests":10}""", headers: ("Retry-After", "3"));
        Assert.Equal(IdeogramErrorKind.InflightLimit, ex.Kind);
        Assert.True(ex.IsRetrySafe);
        Assert.True(ex.IsTransient);
        Assert.False(ex.MayHaveBeenBilled);
        Assert.Equal(10, ex.MaxInflightRequests);
        Assert.Equal(TimeSpan.FromSeconds(3), ex.RetryAfter);
    }

    [Fact]
    public async Task V2_inflight_limit_body_is_typed_with_its_queue()
    {
        var ex = await Fails<IdeogramApiException>(HttpStatusCode.TooManyRequests,
            """{"error":"Too many generations in progress","reject_reason":"inflight_limit","max_inflight_requests":4,"task_completion_speed":"slow"}""");
        Assert.Equal(IdeogramErrorKind.InflightLimit, ex.Kind);
        Assert.Equal(GenerationRejectReason.InflightLimit, ex.RejectReason);
        Assert.True(ex.RejectReason.IsKnown);
        Assert.Equal(4, ex.MaxInflightRequests);
        Assert.Equal(TaskCompletionSpeed.Slow, ex.TaskCompletionSpeed);
        Assert.True(ex.IsRetrySafe);
        Assert.False(ex.MayHaveBeenBilled);
    }

    [Theory]
    [InlineData("insufficient_funds", "top up")]
    [InlineData("daily_limit", "daily usage limit")]
    [InlineData("subscription_required", "subscription")]
    [InlineData("priority_credit_required", "priority credits")]
    [InlineData("feature_limit", "plan does not allow")]
    public async Task V2_402_bodies_are_typed_not_billed_and_not_retried(string reason, string explained)
    {
        var ex = await Fails<IdeogramApiException>(HttpStatusCode.PaymentRequired, "{\"error\":\"Rejected\",\"reject_reason\":\"" + reason + "\"}");
        Assert.Equal(IdeogramErrorKind.InsufficientCredits, ex.Kind);
        Assert.Equal(new GenerationRejectReason(reason), ex.RejectReason);
        Assert.True(ex.RejectReason.IsKnown);
        Assert.False(ex.MayHaveBeenBilled);
        Assert.False(ex.IsTransient);
        Assert.Contains("(reject_reason: " + reason + ")", ex.Message);
        Assert.Contains(explained, ex.Message);
        Assert.Null(ex.MaxInflightRequests);
        Assert.False(ex.TaskCompletionSpeed.IsSet);
    }

    [Fact]
    public async Task A_reject_reason_this_library_does_not_know_is_kept()
    {
        var ex = await Fails<IdeogramApiException>(HttpStatusCode.PaymentRequired, """{"error":"Rejected","reject_reason":"video_limit"}""");
        Assert.Equal("video_limit", ex.RejectReason.Value);
        Assert.False(ex.RejectReason.IsKnown);
    }

    [Fact]
    public async Task A_v1_error_body_without_reject_reason_leaves_it_unset()
    {
        var ex = await Fails<IdeogramApiException>(HttpStatusCode.UnprocessableEntity, """{"error":"Prompt provided failed safety check due to the inclusion of prohibited content."}""");
        Assert.Equal(IdeogramErrorKind.SafetyRejected, ex.Kind);
        Assert.False(ex.RejectReason.IsSet);
        Assert.Equal(default, ex.RejectReason);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, 2001, GatewayErrorKind.GatewayNotFound, false, true)]
    [InlineData(HttpStatusCode.TooManyRequests, 2003, GatewayErrorKind.RateLimited, false, true)]
    [InlineData(HttpStatusCode.BadRequest, 2005, GatewayErrorKind.ProviderUnreachable, true, false)]
    [InlineData((HttpStatusCode)424, 2016, GatewayErrorKind.PromptBlocked, false, true)]
    [InlineData((HttpStatusCode)424, 2017, GatewayErrorKind.ResponseBlocked, true, false)]
    [InlineData(HttpStatusCode.PaymentRequired, 2021, GatewayErrorKind.InsufficientCredits, false, true)]
    [InlineData(HttpStatusCode.BadRequest, 2029, GatewayErrorKind.RequestDlpBlocked, false, true)]
    [InlineData(HttpStatusCode.BadRequest, 2030, GatewayErrorKind.ResponseDlpBlocked, true, false)]
    [InlineData(HttpStatusCode.NotFound, 7003, GatewayErrorKind.ModelNotFound, false, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 7013, GatewayErrorKind.GuardrailsUnavailable, false, true)]
    public async Task Gateway_code_catalog(HttpStatusCode status, int code, GatewayErrorKind kind, bool billed, bool retrySafe)
    {
        var ex = await Fails<GatewayException>(status, $$"""{"success":false,"result":[],"messages":[],"error":[{"code":{{code}},"message":"m"}],"name":"AiGatewayError","httpCode":{{(int)status}},"internalCode":{{code}}}""");
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(code, ex.Code);
        Assert.Equal(billed, ex.MayHaveBeenBilled);
        Assert.Equal(retrySafe, ex.IsRetrySafe);
    }

    [Fact]
    public async Task Policy_and_spend_limit_bodies()
    {
        var denied = await Fails<GatewayException>(HttpStatusCode.Forbidden, """{"success":false,"error":{"message":"Access denied by policy"}}""");
        Assert.Equal(GatewayErrorKind.PolicyDenied, denied.Kind);
        var spend = await Fails<GatewayException>(HttpStatusCode.TooManyRequests, """{"success":false,"error":{"message":"Spending limit exceeded","bucket":"b1","spent":1000.42,"limit":1000}}""");
        Assert.Equal(GatewayErrorKind.SpendLimitExceeded, spend.Kind);
        Assert.Equal("b1", spend.SpendLimitBucket);
        Assert.Equal(1000.42, spend.SpendLimitSpent);
        Assert.Equal(1000, spend.SpendLimit);
    }

    [Fact]
    public async Task Rest_envelope_is_typed()
    {
        var ex = await Fails<GatewayException>(HttpStatusCode.BadRequest, """{"result":null,"success":false,"errors":[{"code":10000,"message":"Authentication error"}],"messages":[]}""");
        Assert.Equal(GatewayErrorKind.RestApi, ex.Kind);
        Assert.Equal(10000, ex.Errors.Single().Code);
    }

    [Theory]
    [InlineData(HttpStatusCode.PaymentRequired, """{"error":"Insufficient credits","reject_reason":"insufficient_funds"}""", IdeogramErrorKind.InsufficientCredits, false)]
    [InlineData((HttpStatusCode)422, """{"error":"Prompt provided failed safety check due to the inclusion of prohibited content."}""", IdeogramErrorKind.SafetyRejected, false)]
    [InlineData(HttpStatusCode.InternalServerError, """{"error":"internal"}""", IdeogramErrorKind.ServerError, true)]
    [InlineData(HttpStatusCode.BadRequest, """{"detail":"prompt is required"}""", IdeogramErrorKind.InvalidRequest, false)]
    public async Task Ideogram_kinds(HttpStatusCode status, string body, IdeogramErrorKind kind, bool billed)
    {
        var ex = await Fails<IdeogramApiException>(status, body);
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(billed, ex.MayHaveBeenBilled);
        Assert.False(ex.IsTransient && !ex.IsRetrySafe && !billed);
    }

    [Fact]
    public async Task Html_502_is_a_response_error_with_a_readable_excerpt()
    {
        var ex = await Fails<IdeogramResponseException>(HttpStatusCode.BadGateway, "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad gateway</h1></body></html>", "text/html");
        Assert.Equal(502, ex.StatusCode);
        Assert.Equal("text/html", ex.ContentType);
        Assert.StartsWith("502 Bad Gateway", ex.BodyExcerpt);
        Assert.True(ex.MayHaveBeenBilled);
        Assert.False(ex.IsRetrySafe);
    }

    [Theory]
    [InlineData("""{"created":"2026-11-29T10:00:00Z","data":[{"url":"https://x""")]
    [InlineData("""{"created": 12, "data": []}""")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task Unreadable_200_is_a_billed_response_error(string body)
    {
        var ex = await Fails<IdeogramResponseException>(HttpStatusCode.OK, body, headers: ("cf-aig-log-id", "0193f7d2-5c3b-7a10-8a7e-3e0f2c9d1b4a"));
        Assert.True(ex.MayHaveBeenBilled);
        Assert.False(ex.IsRetrySafe);
        Assert.Contains("0193f7d2-5c3b-7a10-8a7e-3e0f2c9d1b4a", ex.Message);
    }
}
