using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Testing;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>
/// Price quotes and v2 account-limit errors end to end: the generated client's <c>Quote…Async</c> and v2 methods against
/// the loopback emulator (what is billed, what goes on the wire, which exception comes back).
/// </summary>
public class QuoteGatewayTests
{
    private const string Path = "/v2/image/generate/ideogram-4-5";

    private static GenerateV2Ideogram45Request Request(string prompt = "A lighthouse at dawn") => new() { Prompt = prompt, NumImages = 2 };

    /// <summary>Keeps the bytes of every request body, for comparing a quote with its generation.</summary>
    private sealed class BodyCapture : DelegatingHandler
    {
        public BodyCapture(HttpMessageHandler inner) : base(inner) { }
        public List<(Uri Uri, byte[] Body)> Sent { get; } = new();
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            lock (Sent) Sent.Add((request.RequestUri!, body));
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = request.Content?.Headers.ContentType } };
            return await base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task A_quote_bills_nothing_and_sends_the_generation_body_with_dry_run()
    {
        await using var emulator = await IdeogramEmulator.StartAsync();
        var capture = new BodyCapture(emulator.CreateHandler());
        using var http = new HttpClient(capture);
        var client = new TestImages(http, new IdeogramCredentials(GatewayHarness.ApiKey), new GatewayOptions { GatewayRoot = emulator.Root }, null);
        var request = Request();

        var quote = await Eventually.Within(client.QuoteGenerateV2Ideogram45Async(request));
        Assert.Equal(0, emulator.BilledRequestCount);
        Assert.Equal(0, emulator.BilledImageCount);
        Assert.Equal(1, emulator.QuoteCount);
        Assert.Equal(2, quote.Quantity);
        Assert.Equal(IdeogramEmulator.QuotedPriceOf(Path, ("num_images", "2")), quote.UsdMicros);
        Assert.Equal(PriceQualifier.Exact, quote.Qualifier);
        Assert.False(string.IsNullOrEmpty(quote.Gateway.LogId));

        await Eventually.Within(client.GenerateV2Ideogram45Async(request));
        Assert.Equal(1, emulator.BilledRequestCount);
        Assert.Equal(2, emulator.BilledImageCount);

        var (quoted, generated) = (emulator.Requests[0], emulator.Requests[1]);
        Assert.True(quoted.IsDryRun);
        Assert.Equal("?dry_run=true", quoted.Query);
        Assert.Equal(0, quoted.BilledImages);
        Assert.False(generated.IsDryRun);
        Assert.Equal("", generated.Query);
        Assert.Equal(Path, quoted.IdeogramPath);
        Assert.Equal(generated.IdeogramPath, quoted.IdeogramPath);
        Assert.Equal(generated.ContentType, quoted.ContentType);
        Assert.Equal(generated.Fields.Keys.OrderBy(k => k), quoted.Fields.Keys.OrderBy(k => k));
        Assert.Equal(capture.Sent[1].Body, capture.Sent[0].Body);
        Assert.Equal("dry_run=true", capture.Sent[0].Uri.Query.TrimStart('?'));
    }

    [Fact]
    public async Task A_quote_skips_the_safety_review_that_the_generation_gets()
    {
        await using var h = await GatewayHarness.StartAsync();
        var request = Request("A harbour [unsafe]");
        var quote = await h.Client.QuoteGenerateV2Ideogram45Async(request);
        Assert.True(quote.UsdMicros > 0);
        var ex = await Assert.ThrowsAsync<IdeogramApiException>(() => h.Client.GenerateV2Ideogram45Async(request));
        Assert.Equal(IdeogramErrorKind.SafetyRejected, ex.Kind);
        Assert.Equal(0, h.Emulator.BilledRequestCount);
    }

    [Fact]
    public async Task A_server_error_on_a_quote_is_re_sent_and_still_bills_nothing()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Retry = new IdeogramRetryPolicy { BaseDelay = TimeSpan.Zero });
        h.Emulator.Faults.Enqueue(EmulatorFault.ServerError(503).ForPath(Path));
        var quote = await h.Client.QuoteGenerateV2Ideogram45Async(Request());
        Assert.Equal(2, quote.Quantity);
        Assert.Equal(new[] { 503, 200 }, h.Emulator.Requests.Select(r => r.StatusCode));
        Assert.All(h.Emulator.Requests, r => Assert.True(r.IsDryRun));
        Assert.Equal(0, h.Emulator.BilledRequestCount);
    }

    [Fact]
    public async Task The_same_server_error_on_the_generation_is_not_re_sent()
    {
        // The contrast: a 5xx on a generation may have run, so the default policy does not send it again.
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Retry = new IdeogramRetryPolicy { BaseDelay = TimeSpan.Zero });
        h.Emulator.Faults.Enqueue(EmulatorFault.ServerError(503).ForPath(Path));
        var ex = await Assert.ThrowsAsync<IdeogramApiException>(() => h.Client.GenerateV2Ideogram45Async(Request()));
        Assert.True(ex.MayHaveBeenBilled);
        Assert.Single(h.Emulator.Requests);
    }

    [Fact]
    public async Task A_v2_402_is_typed_final_and_not_billed()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.GenerationRejected("insufficient_funds").ForPath(Path));
        var ex = await Assert.ThrowsAsync<IdeogramApiException>(() => h.Client.GenerateV2Ideogram45Async(Request()));
        Assert.Equal(402, ex.StatusCode);
        Assert.Equal(IdeogramErrorKind.InsufficientCredits, ex.Kind);
        Assert.Equal(GenerationRejectReason.InsufficientFunds, ex.RejectReason);
        Assert.False(ex.MayHaveBeenBilled);
        Assert.False(ex.IsTransient);
        Assert.Single(h.Emulator.Requests);
        Assert.Equal(0, h.Emulator.BilledRequestCount);
    }

    [Fact]
    public async Task A_v2_inflight_limit_429_is_typed_with_its_queue()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Retry = IdeogramRetryPolicy.None);
        h.Emulator.Faults.Enqueue(EmulatorFault.GenerationRejected("inflight_limit", maxInflightRequests: 4, taskCompletionSpeed: "slow").ForPath(Path));
        var ex = await Assert.ThrowsAsync<IdeogramApiException>(() => h.Client.GenerateV2Ideogram45Async(Request()));
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(IdeogramErrorKind.InflightLimit, ex.Kind);
        Assert.Equal(GenerationRejectReason.InflightLimit, ex.RejectReason);
        Assert.Equal(4, ex.MaxInflightRequests);
        Assert.Equal(TaskCompletionSpeed.Slow, ex.TaskCompletionSpeed);
        Assert.True(ex.IsRetrySafe);
        Assert.False(ex.MayHaveBeenBilled);
    }

    [Fact]
    public async Task A_v2_inflight_limit_is_retried_by_the_default_policy_and_billed_once()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Retry = new IdeogramRetryPolicy { InflightLimitDelay = TimeSpan.Zero });
        h.Emulator.Faults.Enqueue(EmulatorFault.GenerationRejected("inflight_limit").ForPath(Path));
        var result = await h.Client.GenerateV2Ideogram45Async(Request());
        Assert.Equal(new[] { 429, 200 }, h.Emulator.Requests.Select(r => r.StatusCode));
        Assert.Equal(1, h.Emulator.BilledRequestCount);
        Assert.Equal(200, result.StatusCode);
    }

    [Fact]
    public async Task A_quote_span_says_dry_run_and_never_billed()
    {
        await using var h = await GatewayHarness.StartAsync();
        var spans = new List<Activity>();
        using (Sdk.CreateTracerProviderBuilder().AddSource(IdeogramTelemetry.SourceName).AddInMemoryExporter(spans).Build())
        {
            await h.Client.QuoteGenerateV2Ideogram45Async(Request());
            List<Activity> mine;
            lock (spans) mine = spans.Where(s => Equals(s.GetTagItem("server.port"), h.Emulator.Root.Port)).ToList();
            var span = Assert.Single(mine);
            Assert.Equal(true, span.GetTagItem(IdeogramTelemetry.Names.DryRun));
            Assert.Equal(false, span.GetTagItem(IdeogramTelemetry.Names.MayHaveBeenBilled));
            Assert.Equal("v2/image/generate/ideogram-4-5", span.GetTagItem("ideogramgen.request.path"));
        }
    }
}
