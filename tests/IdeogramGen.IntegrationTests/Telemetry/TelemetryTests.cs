using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using IdeogramGen.IntegrationTests.Gateway;
using IdeogramGen.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace IdeogramGen.IntegrationTests.Telemetry;

/// <summary>
/// The library's spans and metrics through the OpenTelemetry SDK and its in-memory exporter, against the loopback
/// emulator. Listeners are process-wide and tests run in parallel, so each test reads only what carries its own
/// emulator's port.
/// </summary>
public class TelemetryTests
{
    private const string Prompt = "A lighthouse at dawn, private words 7f3a";

    [Fact(Timeout = 60_000)]
    public async Task A_generation_is_one_client_span_with_the_gen_ai_and_gateway_attributes()
    {
        await using var h = await GatewayHarness.StartAsync();
        var spans = new List<Activity>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource(IdeogramTelemetry.SourceName).AddInMemoryExporter(spans).Build())
        {
            var result = await h.Client.GenerateV3Async(GatewayHarness.Request(Prompt, images: 2));

            var span = Assert.Single(Mine(spans, h));
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal("generate_content V_3", span.DisplayName);
            Assert.Equal("generate_content", span.GetTagItem("gen_ai.operation.name"));
            Assert.Equal("ideogram", span.GetTagItem("gen_ai.provider.name"));
            Assert.Equal("V_3", span.GetTagItem("gen_ai.request.model"));
            Assert.Equal(2, span.GetTagItem("gen_ai.request.choice.count"));
            Assert.Equal("image", span.GetTagItem("gen_ai.output.type"));
            Assert.Equal("127.0.0.1", span.GetTagItem("server.address"));
            Assert.Equal("v1/ideogram-v3/generate", span.GetTagItem("ideogramgen.request.path"));
            Assert.Equal(result.Gateway.LogId, span.GetTagItem("ideogramgen.gateway.log_id"));
            Assert.Equal("MISS", span.GetTagItem("ideogramgen.gateway.cache_status"));
            Assert.Equal(1, span.GetTagItem("ideogramgen.attempts"));
            Assert.Equal(true, span.GetTagItem("ideogramgen.may_have_been_billed"));
            Assert.Equal(200, span.GetTagItem("http.response.status_code"));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Images_withheld_by_the_safety_check_are_counted_on_the_span_and_in_the_usage_histogram()
    {
        await using var h = await GatewayHarness.StartAsync();
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(IdeogramTelemetry.SourceName).AddInMemoryExporter(metrics).Build();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource(IdeogramTelemetry.SourceName).AddInMemoryExporter(spans).Build())
        {
            var result = await h.Client.GenerateV3Async(GatewayHarness.Request("A parade [withhold]", images: 3));
            Assert.Equal(1, result.WithheldCount);

            var span = Assert.Single(Mine(spans, h));
            Assert.Equal(2, span.GetTagItem("ideogramgen.response.images"));
            Assert.Equal(1, span.GetTagItem("ideogramgen.response.images_withheld"));
        }
        meters.ForceFlush();
        var usage = Points(metrics, "ideogramgen.client.image.usage", h).ToList();
        Assert.Equal(2, usage.Single(p => Equals(Tag(p, "ideogramgen.image.type"), "delivered")).GetHistogramSum());
        Assert.Equal(1, usage.Single(p => Equals(Tag(p, "ideogramgen.image.type"), "withheld")).GetHistogramSum());
    }

    [Fact(Timeout = 60_000)]
    public async Task Neither_the_prompt_nor_a_secret_is_recorded_by_default()
    {
        const string token = "gateway-token-9b1e0c";
        await using var h = await GatewayHarness.StartAsync(new EmulatorOptions { GatewayToken = token }, credentials: new IdeogramCredentials(GatewayHarness.ApiKey, token));
        var spans = new List<Activity>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource(IdeogramTelemetry.SourceName).AddInMemoryExporter(spans).Build())
        {
            await h.Client.GenerateV3Async(GatewayHarness.Request(Prompt));
            h.Emulator.Faults.Enqueue(EmulatorFault.ServerError(500));
            await Assert.ThrowsAsync<IdeogramApiException>(() => h.Client.GenerateV3Async(GatewayHarness.Request(Prompt)));

            var mine = Mine(spans, h);
            Assert.Equal(2, mine.Count);
            foreach (var text in mine.SelectMany(Texts))
            {
                Assert.DoesNotContain("7f3a", text);
                Assert.DoesNotContain(GatewayHarness.ApiKey, text);
                Assert.DoesNotContain(token, text);
            }
            Assert.All(mine, s => Assert.Null(s.GetTagItem("gen_ai.input.messages")));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task The_prompt_is_recorded_only_when_the_options_opt_in()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.RecordPromptsInTelemetry = true);
        var spans = new List<Activity>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource(IdeogramTelemetry.SourceName).AddInMemoryExporter(spans).Build())
        {
            await h.Client.GenerateV3Async(GatewayHarness.Request(Prompt));
            await h.Client.GenerateLegacyAsync(new GenerateLegacyRequest { Prompt = "A legacy city", Model = IdeogramModel.V2Turbo });

            var mine = Mine(spans, h);
            Assert.Equal(2, mine.Count);
            Assert.Equal("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"" + Prompt + "\"}]}]", mine[0].GetTagItem("gen_ai.input.messages"));
            // The legacy body wraps its fields in image_request; model and prompt are read from there.
            Assert.Equal("generate_content V_2_TURBO", mine[1].DisplayName);
            Assert.Contains("A legacy city", (string)mine[1].GetTagItem("gen_ai.input.messages")!);
            Assert.All(mine.SelectMany(Texts), t => Assert.DoesNotContain(GatewayHarness.ApiKey, t));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_retried_call_records_its_attempts_and_a_retry_event()
    {
        await using var h = await GatewayHarness.StartAsync();
        var spans = new List<Activity>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource(IdeogramTelemetry.SourceName).AddInMemoryExporter(spans).Build())
        {
            h.Emulator.Faults.Enqueue(EmulatorFault.GatewayRateLimited(TimeSpan.Zero));
            await h.Client.GenerateV3Async(GatewayHarness.Request());

            var span = Assert.Single(Mine(spans, h));
            Assert.Equal(2, span.GetTagItem("ideogramgen.attempts"));
            var retry = Assert.Single(span.Events);
            Assert.Equal(IdeogramTelemetry.RetryEventName, retry.Name);
            var tags = retry.Tags.ToDictionary(t => t.Key, t => t.Value);
            Assert.Equal(1, tags["ideogramgen.attempt"]);
            Assert.Equal(typeof(GatewayException).FullName, tags["error.type"]);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_failure_that_may_have_been_billed_says_so_on_the_span_and_in_a_counter()
    {
        await using var h = await GatewayHarness.StartAsync();
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(IdeogramTelemetry.SourceName).AddInMemoryExporter(metrics).Build();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource(IdeogramTelemetry.SourceName).AddInMemoryExporter(spans).Build())
        {
            h.Emulator.Faults.Enqueue(EmulatorFault.ServerError(502, html: true));
            var error = await Assert.ThrowsAnyAsync<IdeogramGenException>(() => h.Client.GenerateV3Async(GatewayHarness.Request()));
            Assert.True(error.MayHaveBeenBilled);

            var span = Assert.Single(Mine(spans, h));
            Assert.Equal(ActivityStatusCode.Error, span.Status);
            Assert.Equal(error.GetType().FullName, span.GetTagItem("error.type"));
            Assert.Equal(true, span.GetTagItem("ideogramgen.may_have_been_billed"));
            Assert.Equal(502, span.GetTagItem("http.response.status_code"));
            Assert.Equal(error.Gateway.LogId, span.GetTagItem("ideogramgen.gateway.log_id"));
        }
        meters.ForceFlush();
        Assert.Equal(1, Sum(metrics, "ideogramgen.client.billing_uncertain", h));
        var duration = Points(metrics, "gen_ai.client.operation.duration", h).Single();
        Assert.Equal(1, duration.GetHistogramCount());
        Assert.Equal(typeof(IdeogramResponseException).FullName, Tag(duration, "error.type"));
        Assert.Equal("generate_content", Tag(duration, "gen_ai.operation.name"));
        Assert.Equal("ideogram", Tag(duration, "gen_ai.provider.name"));
        Assert.Equal("V_3", Tag(duration, "gen_ai.request.model"));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_cache_hit_is_not_billed_and_downloads_count_their_bytes()
    {
        await using var h = await GatewayHarness.StartAsync();
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(IdeogramTelemetry.SourceName).AddInMemoryExporter(metrics).Build();
        long downloaded;
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource(IdeogramTelemetry.SourceName).AddInMemoryExporter(spans).Build())
        {
            var cached = new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { CacheKey = "telemetry-" + Guid.NewGuid().ToString("N") } };
            var first = await h.Client.GenerateV3Async(GatewayHarness.Request(), cached);
            await h.Client.GenerateV3Async(GatewayHarness.Request(), cached);

            var mine = Mine(spans, h);
            Assert.Equal(2, mine.Count);
            Assert.Equal("HIT", mine[1].GetTagItem("ideogramgen.gateway.cache_status"));
            Assert.Equal(false, mine[1].GetTagItem("ideogramgen.may_have_been_billed"));

            using var image = new MemoryStream();
            downloaded = await new ImageDownloader(h.Http).DownloadAsync(first.Data[0].Url, image);
            Assert.True(downloaded > 0);
        }
        meters.ForceFlush();
        // The download counter has no per-emulator tag: other tests may download at the same time.
        var bytes = metrics.Where(m => m.Name == "ideogramgen.download.bytes").SelectMany(Points).Sum(p => p.GetSumLong());
        Assert.True(bytes >= downloaded, $"{bytes} bytes counted, at least {downloaded} expected");
        Assert.Equal(2, Points(metrics, "gen_ai.client.operation.duration", h).Sum(p => p.GetHistogramCount()));
    }

    private static List<Activity> Mine(List<Activity> spans, GatewayHarness h)
    {
        lock (spans) return spans.Where(s => Equals(s.GetTagItem("server.port"), h.Emulator.Root.Port)).ToList();
    }

    private static IEnumerable<string> Texts(Activity span) =>
        new[] { span.DisplayName, span.StatusDescription ?? "" }
            .Concat(span.TagObjects.Select(t => t.Key + "=" + t.Value))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => e.Name + ":" + t.Key + "=" + t.Value)));

    private static IEnumerable<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var p in metric.GetMetricPoints()) points.Add(p);
        return points;
    }

    private static IEnumerable<MetricPoint> Points(List<Metric> metrics, string name, GatewayHarness h) =>
        metrics.Where(m => m.Name == name).SelectMany(Points).Where(p => Equals(Tag(p, "server.port"), h.Emulator.Root.Port));

    private static long Sum(List<Metric> metrics, string name, GatewayHarness h) => Points(metrics, name, h).Sum(p => p.GetSumLong());

    private static object? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
            if (tag.Key == key) return tag.Value;
        return null;
    }
}
