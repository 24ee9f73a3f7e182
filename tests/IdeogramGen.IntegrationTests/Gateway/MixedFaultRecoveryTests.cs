using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using IdeogramGen.Testing;
using IdeogramGen.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>
/// The measured result of "nothing paid is lost": a seeded mixed fault load against the loopback emulator, then
/// RecoverAsync on every failure whose answer the gateway log can hold. The numbers it prints are in tests/README.md.
/// </summary>
public class MixedFaultRecoveryTests
{
    private const int Calls = 2000;
    private const int Seed = 20261202;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ITestOutputHelper _output;

    public MixedFaultRecoveryTests(ITestOutputHelper output) => _output = output;

    /// <summary>The fault kinds of the mix, each about 1/7 of the 20 % faulted calls.</summary>
    private enum Mix { ResetBeforeHeaders, ResetMidBody, Truncated200, Malformed200, Ideogram500, Gateway2005, SlowFirstBytePastTimeout }

    private sealed class Call
    {
        public Mix? Fault;
        public int Images;
        public ImageV3Response? Result;
        public Exception? Failure;
        public IdeogramResponse? Recovered;
        public IdeogramRecoveryException? NotRecovered;
        public string? EventId;
    }

    [Fact]
    public async Task Every_paid_answer_the_gateway_logged_ends_with_its_images_and_nothing_is_billed_twice()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var lines = new RecordingLoggerProvider();
        await using var h = await GatewayHarness.StartAsync(
            new EmulatorOptions { RestApiToken = RecoveryTests.LogsToken, TimeProvider = clock },
            configure: o =>
            {
                o.Timeout = Timeout;   // on the fake clock: only the held calls ever reach it, when the test moves time
                o.Recovery = new GatewayRecoveryOptions { LogsApiToken = RecoveryTests.LogsToken, ApiRoot = o.GatewayRoot };
            },
            clock: clock, logger: lines.CreateLogger("IdeogramGen.GatewayPipeline"));
        var emulator = h.Emulator;
        var never = new EmulatorGate();
        var random = new Random(Seed);
        var calls = new List<Call>(Calls);
        int held = 0;

        for (int i = 0; i < Calls; i++)
        {
            var call = new Call { Images = 1 + random.Next(4) };
            if (random.NextDouble() < 0.2)
            {
                call.Fault = (Mix)random.Next(7);
                emulator.Faults.Enqueue(call.Fault switch
                {
                    Mix.ResetBeforeHeaders => EmulatorFault.ConnectionReset(afterRun: true),
                    Mix.ResetMidBody => EmulatorFault.ResetMidBody(),
                    Mix.Truncated200 => EmulatorFault.TruncatedJson(),
                    Mix.Malformed200 => EmulatorFault.MalformedJson(),
                    Mix.Ideogram500 => EmulatorFault.ServerError(500),
                    Mix.Gateway2005 => EmulatorFault.ProviderNoResponse(),
                    _ => EmulatorFault.HoldFirstByte(never),
                });
            }
            var task = h.Client.GenerateV3Async(GatewayHarness.Request("Mixed load " + i.ToString(System.Globalization.CultureInfo.InvariantCulture), call.Images));
            if (call.Fault == Mix.SlowFirstBytePastTimeout)
            {
                await Eventually.Within(never.WaitReachedAsync(++held));   // held before its first byte
                clock.Advance(Timeout);                                      // past the call's timeout
            }
            try
            {
                call.Result = await Eventually.Within(task);
                call.EventId = call.Result.Gateway.EventId;
            }
            catch (Exception ex) when (ex is IdeogramGenException || ex is IdeogramCanceledException)
            {
                call.Failure = ex;
                call.EventId = ex is IdeogramGenException g ? g.EventId : ((IdeogramCanceledException)ex).EventId;
            }
            calls.Add(call);
        }

        // The emulator logs a held call when it sees the client go away; recover only once every request is logged.
        await Eventually.TrueAsync(() => emulator.Logs.Count == emulator.Requests.Count, "every request has its log entry");
        int requestsBeforeRecovery = emulator.Requests.Count;

        foreach (var call in calls.Where(c => c.Failure is IdeogramGenException { RecoveryPath: IdeogramRecoveryPath.GatewayLog }
                                              || c.Failure is IdeogramCanceledException { RecoveryPath: IdeogramRecoveryPath.GatewayLog }))
        {
            try
            {
                call.Recovered = await Eventually.Within(h.Client.RecoverAsync(call.Failure!));
            }
            catch (IdeogramRecoveryException ex)
            {
                call.NotRecovered = ex;
            }
        }

        // Ground truth: the emulator's record and log entry of each call, found by the event id the call sent.
        var records = emulator.Requests;
        var byEvent = records.ToDictionary(r => r.Headers["cf-aig-event-id"], StringComparer.Ordinal);
        var logs = emulator.Logs.ToDictionary(l => l.Id, StringComparer.Ordinal);

        // Nothing billed twice: one request per call, each with its own event id; recovery sent no generation.
        Assert.Equal(Calls, records.Count);
        Assert.Equal(requestsBeforeRecovery, emulator.Requests.Count);
        Assert.All(calls, c => Assert.True(c.EventId != null && byEvent.ContainsKey(c.EventId!), "every call is found by its event id"));
        Assert.Equal(Calls, calls.Select(c => c.EventId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(records.Count(r => r.BilledImages > 0), emulator.BilledRequestCount);

        int paidButBroken = 0, logged = 0, recovered = 0;
        foreach (var call in calls)
        {
            var record = byEvent[call.EventId!];
            if (call.Result != null)
            {
                Assert.Null(call.Fault);
                Assert.Equal(call.Images, call.Result.Data.Count);
                continue;
            }
            Assert.NotNull(call.Fault);
            if (record.BilledImages == 0) { Assert.Null(call.Recovered); continue; }
            paidButBroken++;
            var entry = logs[record.LogId];
            var urls = LoggedImageUrls(entry);
            if (urls == null)
            {
                Assert.Null(call.Recovered);   // an error, no answer or a broken answer was logged: nothing to invent
                continue;
            }
            logged++;
            var images = Assert.IsType<ImageV3Response>(call.Recovered);
            Assert.True(images.RecoveredFromGatewayLog);
            Assert.Equal(record.BilledImages, images.Data.Count);
            Assert.Equal(urls, images.Data.Select(d => d.Url));
            recovered++;
        }
        Assert.Equal(logged, recovered);
        Assert.True(recovered > 0);

        // No secret in any message, ToString or log line.
        var texts = calls.SelectMany(c => new[] { c.Failure?.ToString(), c.NotRecovered?.ToString(), c.Recovered?.ToString() })
            .Concat(lines.Lines).Where(t => t != null).ToList();
        Assert.All(texts, t => Assert.DoesNotContain(RecoveryTests.LogsToken, t));
        Assert.All(texts, t => Assert.DoesNotContain(GatewayHarness.ApiKey, t));

        var report = new StringBuilder();
        report.AppendLine($"{Calls} calls, seed {Seed}: {calls.Count(c => c.Fault != null)} faulted, {records.Count(r => r.BilledImages > 0)} billed; " +
                          $"{paidButBroken} paid-but-broken, {logged} with the whole answer in the gateway log, {recovered} recovered, {paidButBroken - recovered} not recoverable");
        foreach (var kind in Enum.GetValues<Mix>())
        {
            var of = calls.Where(c => c.Fault == kind).ToList();
            var paid = of.Where(c => c.Failure != null && byEvent[c.EventId!].BilledImages > 0).ToList();
            var reasons = string.Join(", ", of.Where(c => c.NotRecovered != null).GroupBy(c => c.NotRecovered!.Kind).Select(g => g.Key + " " + g.Count()));
            report.AppendLine($"  {kind}: {of.Count} calls, {paid.Count} paid-but-broken, {of.Count(c => c.Recovered != null)} recovered"
                              + $", path {string.Join("/", of.Select(PathOf).Distinct())}" + (reasons.Length > 0 ? ", not recovered: " + reasons : ""));
        }
        _output.WriteLine(report.ToString());
        Console.WriteLine(report.ToString());
    }

    private static IdeogramRecoveryPath PathOf(Call c) =>
        c.Failure is IdeogramGenException g ? g.RecoveryPath : c.Failure is IdeogramCanceledException x ? x.RecoveryPath : IdeogramRecoveryPath.None;

    /// <summary>The image URLs of a logged 2xx answer, or null when the log holds no readable answer with images.</summary>
    private static string?[]? LoggedImageUrls(GatewayLogEntry entry)
    {
        if (entry.StatusCode < 200 || entry.StatusCode > 299 || entry.ResponsePayload is not { } payload) return null;
        try
        {
            using var doc = JsonDocument.Parse(payload);
            return doc.RootElement.TryGetProperty("data", out var data)
                ? data.EnumerateArray().Select(d => d.GetProperty("url").GetString()).ToArray()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
