using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace IdeogramGen.Runtime.Tests;

/// <summary>
/// <see cref="GatewayPipeline.QuoteAsync"/> on the wire: the same body with <c>?dry_run=true</c>, the gateway cache bypassed,
/// the answer read into a <see cref="PriceQuote"/>, and the dry-run facts (never billed, retry-safe, no image permits).
/// </summary>
public class QuoteTests
{
    private const string Path = "v2/image/generate/ideogram-4-5";
    private const string BodyJson = """{"prompt":"A lighthouse at dawn","num_images":2}""";

    private const string ExactQuote =
        """{"object":"price_quote","billing_identifier":"ideogram-4-5","quantity":2,"usd_micros":160000,"credit_millis":2000,"qualifier":"exact"}""";

    private static RequestBody Body() => RequestBody.Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("prompt", "A lighthouse at dawn");
        w.WriteNumber("num_images", 2);
        w.WriteEndObject();
    });

    private static GatewayPipeline Pipeline(StubHandler handler, GatewayOptions? options = null) =>
        new(new HttpClient(handler), new IdeogramCredentials("ak-quote-test"), new GatewayAddress("3ebbcb006d4d46d7bb6a8c7f14676cb0", "my-gateway"), options);

    [Fact]
    public async Task A_quote_sends_the_same_body_with_dry_run_and_reads_the_price()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, ExactQuote, ("cf-aig-log-id", "0193f7d2-5c3b-7a10-8a7e-3e0f2c9d1b4a")));
        var quote = await Pipeline(handler).QuoteAsync(Path, Body(), null, default);

        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://gateway.ai.cloudflare.com/v1/3ebbcb006d4d46d7bb6a8c7f14676cb0/my-gateway/ideogram/v2/image/generate/ideogram-4-5?dry_run=true", request.RequestUri!.AbsoluteUri);
        Assert.Equal(BodyJson, Encoding.UTF8.GetString(body));
        Assert.Equal("true", request.Headers.GetValues("cf-aig-skip-cache").Single());
        Assert.False(IdeogramRequestMark.MayBill(request));

        Assert.Equal(160000, quote.UsdMicros);
        Assert.Equal(0.16m, quote.Usd);
        Assert.Equal(2000, quote.CreditMillis);
        Assert.Equal(2m, quote.Credits);
        Assert.Equal(2, quote.Quantity);
        Assert.Equal("ideogram-4-5", quote.BillingIdentifier);
        Assert.Equal(PriceQualifier.Exact, quote.Qualifier);
        Assert.True(quote.IsExact);
        Assert.Null(quote.UpperBoundUsdMicros);
        Assert.Equal(200, quote.StatusCode);
        Assert.Equal("0193f7d2-5c3b-7a10-8a7e-3e0f2c9d1b4a", quote.Gateway.LogId);
    }

    [Fact]
    public async Task A_generation_with_the_same_body_is_marked_as_billable_and_has_no_dry_run()
    {
        // The contrast to the quote: the same pipeline's ordinary call marks its request and sends no dry_run.
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, StubHandler.Success));
        var client = new TestImages(Pipeline(handler));
        await client.GenerateV3Async(new GenerateV3Request { Prompt = "p" });
        var (request, _) = Assert.Single(handler.Requests);
        Assert.True(IdeogramRequestMark.MayBill(request));
        Assert.DoesNotContain("dry_run", request.RequestUri!.Query);
        Assert.False(request.Headers.Contains("cf-aig-skip-cache"));
    }

    [Fact]
    public async Task An_estimate_carries_its_upper_bound()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK,
            """{"object":"price_quote","billing_identifier":"p-image","quantity":1,"usd_micros":5000,"credit_millis":60,"qualifier":"estimate","upper_bound_usd_micros":9000,"later_field":{"x":[1]}}"""));
        var quote = await Pipeline(handler).QuoteAsync("v2/image/generate/p-image-ideogram", Body(), null, default);
        Assert.Equal(PriceQualifier.Estimate, quote.Qualifier);
        Assert.False(quote.IsExact);
        Assert.Equal(9000, quote.UpperBoundUsdMicros);
    }

    [Theory]
    [InlineData("v1/ideogram-v3/generate")]
    [InlineData("v1/ideogram-v45/generate")]
    [InlineData("v2/image/describe/ideogram-4")]
    [InlineData("v2/generations/abc")]
    [InlineData("generate")]
    public async Task A_route_without_dry_run_is_refused_before_sending(string path)
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, ExactQuote));
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Pipeline(handler).QuoteAsync(path, Body(), null, default));
        Assert.Contains("dry_run", ex.Message);
        Assert.Contains("nothing was sent", ex.Message);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task An_answer_that_is_not_a_quote_is_a_response_error()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, StubHandler.Success));
        var ex = await Assert.ThrowsAsync<IdeogramResponseException>(() => Pipeline(handler).QuoteAsync(Path, Body(), null, default));
        Assert.Contains("price_quote", ex.Message);
    }

    [Fact]
    public async Task A_quote_missing_a_required_property_is_a_response_error_naming_it()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK,
            """{"object":"price_quote","billing_identifier":"x","quantity":1,"credit_millis":1,"qualifier":"exact"}"""));
        var ex = await Assert.ThrowsAsync<IdeogramResponseException>(() => Pipeline(handler).QuoteAsync(Path, Body(), null, default));
        Assert.Contains("usd_micros", ex.Message);
    }

    [Fact]
    public async Task A_negative_amount_is_a_response_error()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK,
            """{"object":"price_quote","billing_identifier":"x","quantity":1,"usd_micros":-5,"credit_millis":1,"qualifier":"exact"}"""));
        var ex = await Assert.ThrowsAsync<IdeogramResponseException>(() => Pipeline(handler).QuoteAsync(Path, Body(), null, default));
        Assert.Contains("usd_micros", ex.Message);
    }

    [Fact]
    public async Task A_server_error_on_a_quote_is_re_sent_and_never_counted_as_billed()
    {
        // A 500 on a generation may have run (not retried); on a quote nothing ran, so the policy re-sends it.
        var handler = new StubHandler((_, n) => n == 1
            ? StubHandler.Json(HttpStatusCode.InternalServerError, """{"error":"Internal server error"}""")
            : StubHandler.Json(HttpStatusCode.OK, ExactQuote));
        var options = new GatewayOptions { Retry = new IdeogramRetryPolicy { BaseDelay = TimeSpan.Zero } };
        var quote = await Pipeline(handler, options).QuoteAsync(Path, Body(), null, default);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(160000, quote.UsdMicros);
        Assert.All(handler.Requests, r => Assert.EndsWith("?dry_run=true", r.Request.RequestUri!.Query));
    }

    [Fact]
    public async Task A_failed_quote_says_it_was_not_billed_and_is_retry_safe()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.BadGateway, """{"error":"Bad gateway"}"""));
        var options = new GatewayOptions { Retry = IdeogramRetryPolicy.None };
        var ex = await Assert.ThrowsAsync<IdeogramApiException>(() => Pipeline(handler, options).QuoteAsync(Path, Body(), null, default));
        Assert.Equal(IdeogramErrorKind.ServerError, ex.Kind);
        Assert.False(ex.MayHaveBeenBilled);
        Assert.True(ex.IsRetrySafe);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_quote_takes_no_image_limiter_permits()
    {
        // The only permit is held (as by a running generation): a quote must not wait for it.
        using var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 10 });
        using var held = limiter.AttemptAcquire(1);
        Assert.True(held.IsAcquired);
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, ExactQuote));
        var quote = await Eventually.Within(Pipeline(handler, new GatewayOptions { ImageLimiter = limiter }).QuoteAsync(Path, Body(), null, default));
        Assert.Equal(2, quote.Quantity);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public async Task A_cache_key_of_the_caller_does_not_let_a_quote_use_the_cache()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, ExactQuote));
        var options = new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { CacheKey = "same-as-the-generation", SkipCache = false } };
        await Pipeline(handler).QuoteAsync(Path, Body(), options, default);
        var (request, _) = Assert.Single(handler.Requests);
        Assert.Equal("true", request.Headers.GetValues("cf-aig-skip-cache").Single());
    }

    [Fact]
    public void A_quote_made_by_hand_checks_its_amounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PriceQuote(-1, 0, 1, "x", PriceQualifier.Exact));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PriceQuote(0, -1, 1, "x", PriceQualifier.Exact));
        Assert.Throws<ArgumentNullException>(() => new PriceQuote(0, 0, 1, null!, PriceQualifier.Exact));
        Assert.Equal("PriceQuote(p x1: 5000 usd_micros, 60 credit_millis, estimate, at most 9000 usd_micros)",
            new PriceQuote(5000, 60, 1, "p", PriceQualifier.Estimate, 9000).ToString());
    }
}
