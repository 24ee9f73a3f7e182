using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using IdeogramGen.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>
/// "Nothing paid is lost" for asynchronous generations: a seeded mixed fault load on the submits of
/// <c>v1/ideogram-v4/async/generate</c>, then, for each accepted generation, its result: by waiting on the handle when the
/// submit was answered, or by RecoverAsync (the submit's answer from the gateway log) and Resume…Async when the answer
/// broke. The numbers it prints are in tests/README.md.
/// </summary>
public class MixedFaultAsyncTests
{
    private const int Calls = 600;
    private const int Seed = 20261203;
    private const string SubmitPath = "/v1/ideogram-v4/async/generate";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ITestOutputHelper _output;

    public MixedFaultAsyncTests(ITestOutputHelper output) => _output = output;

    private enum Mix { ResetBeforeHeaders, ResetMidBody, Truncated200, Malformed200, Ideogram500, Gateway2005, SlowFirstBytePastTimeout }

    private sealed class Call
    {
        public Mix? Fault;
        public IdeogramGeneration<ImageV4Response>? Submitted;
        public Exception? Failure;
        public string? EventId;
        public ImageV4Response? Result;
        public IdeogramRecoveryException? NotRecovered;
    }

    [Fact]
    public async Task Every_accepted_generation_whose_submit_answer_the_gateway_logged_ends_with_its_images_and_none_is_submitted_twice()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await GatewayHarness.StartAsync(
            new EmulatorOptions { RestApiToken = RecoveryTests.LogsToken, TimeProvider = clock },
            configure: o =>
            {
                o.Timeout = Timeout;
                o.Recovery = new GatewayRecoveryOptions { LogsApiToken = RecoveryTests.LogsToken, ApiRoot = o.GatewayRoot };
                o.Polling = new IdeogramPollingOptions { FirstDelay = TimeSpan.Zero };
            },
            clock: clock);
        var emulator = h.Emulator;
        var never = new EmulatorGate();
        var random = new Random(Seed);
        var calls = new List<Call>(Calls);
        int held = 0;

        for (int i = 0; i < Calls; i++)
        {
            var call = new Call();
            if (random.NextDouble() < 0.2)
            {
                call.Fault = (Mix)random.Next(7);
                emulator.Faults.Enqueue((call.Fault switch
                {
                    Mix.ResetBeforeHeaders => EmulatorFault.ConnectionReset(afterRun: true),
                    Mix.ResetMidBody => EmulatorFault.ResetMidBody(),
                    Mix.Truncated200 => EmulatorFault.TruncatedJson(),
                    Mix.Malformed200 => EmulatorFault.MalformedJson(),
                    Mix.Ideogram500 => EmulatorFault.ServerError(500),
                    Mix.Gateway2005 => EmulatorFault.ProviderNoResponse(),
                    _ => EmulatorFault.HoldFirstByte(never),
                }).ForPath(SubmitPath));
            }
            var task = h.Client.SubmitGenerateV4Async(new GenerateV4Request { TextPrompt = "Mixed async load " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            if (call.Fault == Mix.SlowFirstBytePastTimeout)
            {
                await Eventually.Within(never.WaitReachedAsync(++held));
                clock.Advance(Timeout);
            }
            try
            {
                call.Submitted = await Eventually.Within(task);
                call.EventId = call.Submitted.Gateway.EventId;
            }
            catch (Exception ex) when (ex is IdeogramGenException || ex is IdeogramCanceledException)
            {
                call.Failure = ex;
                call.EventId = ex is IdeogramGenException g ? g.EventId : ((IdeogramCanceledException)ex).EventId;
            }
            calls.Add(call);
        }
        await Eventually.TrueAsync(() => emulator.Logs.Count == emulator.Requests.Count, "every submit has its log entry");
        var submits = emulator.Requests.Count;

        foreach (var call in calls)
        {
            if (call.Submitted != null)
            {
                call.Result = await Eventually.Within(call.Submitted.WaitAsync());
                continue;
            }
            if (!(call.Failure is IdeogramGenException { RecoveryPath: IdeogramRecoveryPath.GatewayLog } || call.Failure is IdeogramCanceledException { RecoveryPath: IdeogramRecoveryPath.GatewayLog }))
                continue;
            try
            {
                var answer = Assert.IsType<GenerationSubmittedV4Response>(await Eventually.Within(h.Client.RecoverAsync(call.Failure!)));
                call.Result = await Eventually.Within(h.Client.ResumeGenerateV4Async(answer.GenerationId));
            }
            catch (IdeogramRecoveryException ex)
            {
                call.NotRecovered = ex;
            }
        }

        // Ground truth: the emulator's record of each submit (found by the event id it sent) and its generation.
        var posts = emulator.Requests.Where(r => r.Method == "POST").ToList();
        var byEvent = posts.ToDictionary(r => r.Headers["cf-aig-event-id"], StringComparer.Ordinal);
        var logs = emulator.Logs.ToDictionary(l => l.Id, StringComparer.Ordinal);
        Assert.Equal(Calls, posts.Count);                                               // one submit per call, none re-sent
        Assert.Equal(Calls, submits);                                                     // before any poll or recovery: the submits only
        Assert.All(calls, c => Assert.True(c.EventId != null && byEvent.ContainsKey(c.EventId!)));

        int accepted = 0, paidButBroken = 0, logged = 0, recovered = 0;
        foreach (var call in calls)
        {
            var record = byEvent[call.EventId!];
            if (record.GenerationId == null)
            {
                Assert.Null(call.Result);   // nothing was accepted: nothing runs or is billed
                continue;
            }
            accepted++;
            if (call.Submitted != null)
            {
                Assert.Equal(record.GenerationId, call.Submitted.GenerationId);
                Assert.Single(call.Result!.Data);
                continue;
            }
            paidButBroken++;
            if (!LogHoldsGenerationId(logs[record.LogId], record.GenerationId))
            {
                Assert.Null(call.Result);
                continue;
            }
            logged++;
            Assert.NotNull(call.Result);
            Assert.Equal(record.GenerationId, call.Result!.Generation!.GenerationId);
            Assert.Single(call.Result.Data);
            recovered++;
        }
        Assert.Equal(logged, recovered);
        Assert.True(recovered > 0);
        Assert.Equal(accepted, emulator.Generations.Count);
        Assert.Equal(accepted, emulator.BilledRequestCount);                            // each accepted generation billed once, at completion

        var report = new StringBuilder();
        report.AppendLine($"{Calls} async submits, seed {Seed}: {calls.Count(c => c.Fault != null)} faulted, {accepted} accepted (billed at completion); " +
                          $"{paidButBroken} accepted but the submit's answer broke, {logged} with the answer in the gateway log, {recovered} recovered and resumed, {paidButBroken - recovered} not recoverable");
        foreach (var kind in Enum.GetValues<Mix>())
        {
            var of = calls.Where(c => c.Fault == kind).ToList();
            report.AppendLine($"  {kind}: {of.Count} submits, {of.Count(c => c.Failure != null && byEvent[c.EventId!].GenerationId != null)} accepted-but-broken, {of.Count(c => c.Failure != null && c.Result != null)} recovered and resumed");
        }
        _output.WriteLine(report.ToString());
        Console.WriteLine(report.ToString());
    }

    /// <summary>True when the gateway logged a 2xx submit answer that names the generation.</summary>
    private static bool LogHoldsGenerationId(GatewayLogEntry entry, string generationId)
    {
        if (entry.StatusCode < 200 || entry.StatusCode > 299 || entry.ResponsePayload is not { } payload) return false;
        try
        {
            using var doc = JsonDocument.Parse(payload);
            return doc.RootElement.TryGetProperty("generation_id", out var id) && id.GetString() == generationId;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
