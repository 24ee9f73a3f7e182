using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using IdeogramGen.Testing;
using Microsoft.Extensions.Logging;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>
/// Runs successes, faults, validation errors, retries and logs API calls with canary secrets, and searches every log
/// line (formatted and structured, at Trace level), exception message and ToString(), recorded request and options
/// description for them.
/// </summary>
public class CanaryTests
{
    private const string ApiKey = "ak-CANARY-Lp4Rt8Wz1Nc6Bd3Fg5Jk0Ys2Hq7X";
    private const string GatewayToken = "CANARYGW-Zq8Xr2Lm5Np9Tv3Wy6Ac1Bd4Ef7";
    private const string CallToken = "CANARYCALL-Mv6Qs1Ke8Ru3Ow5Py2Tx9Lb4";
    private const string RestToken = "CANARYREST-Hd2Jf7Gk4Ls9Az1Xc6Vb3Nm8";
    private static readonly string[] Canaries = { ApiKey, GatewayToken, CallToken, RestToken };

    [Fact(Timeout = 60_000)]
    public async Task No_secret_reaches_any_log_line_message_or_description()
    {
        var provider = new RecordingLoggerProvider();
        var logger = provider.CreateLogger("IdeogramGen");
        var texts = new List<string>();
        var credentials = new IdeogramCredentials(ApiKey, GatewayToken);
        await using var h = await GatewayHarness.StartAsync(
            new EmulatorOptions { ApiKey = ApiKey, GatewayToken = GatewayToken, RestApiToken = RestToken },
            o =>
            {
                o.Retry = new IdeogramRetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(10), InflightLimitDelay = TimeSpan.FromMilliseconds(10) };
                o.Defaults.Metadata = new GatewayLogMetadata().Add("app", "canary");
            },
            credentials, logger);
        texts.Add(credentials.ToString());
        texts.Add(h.Options.Defaults.ToString());

        async Task Fails(Func<Task> call)
        {
            var ex = await Assert.ThrowsAnyAsync<Exception>(call);
            texts.Add(ex.Message);
            texts.Add(ex.ToString());
        }

        // Success, with a retry on the way (logs the retry line).
        h.Emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
        var ok = await h.Client.GenerateV3Async(GatewayHarness.Request());
        texts.Add(ok.Gateway.ToString());

        // Gateway and Ideogram errors, echoing bodies, broken answers, a timeout.
        foreach (var fault in new[]
        {
            EmulatorFault.ProviderNoResponse(), EmulatorFault.GatewayNotFound(), EmulatorFault.PolicyDenied(), EmulatorFault.SpendLimitExceeded(),
            EmulatorFault.InsufficientCredits(), EmulatorFault.GuardrailPromptBlocked(), EmulatorFault.ServerError(502, html: true),
            EmulatorFault.ServerError(500), EmulatorFault.ConnectionReset(), EmulatorFault.ResetMidBody(), EmulatorFault.TruncatedJson(),
            EmulatorFault.MalformedJson(), EmulatorFault.EmptyBody(),
        })
        {
            h.Emulator.Faults.Enqueue(fault);
            await Fails(() => h.Client.GenerateV3Async(GatewayHarness.Request()));
        }

        // A timeout, on a client whose clock the test moves (the answer is held until then).
        var clock = new TestClock();
        var timed = new TestImages(h.Http, credentials, new GatewayOptions { GatewayRoot = h.Emulator.Root, Timeout = TimeSpan.FromSeconds(2), TimeProvider = clock }, logger);
        var gate = new EmulatorGate();
        h.Emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));
        var held = timed.GenerateV3Async(GatewayHarness.Request());
        await clock.NextTimerAsync();
        await gate.WaitReachedAsync();
        clock.Advance(TimeSpan.FromSeconds(2));
        await Fails(() => held);
        await Fails(() => h.Client.GenerateV3Async(GatewayHarness.Request("a storm [unsafe]")));

        // A per-call gateway token the gateway refuses (401/2009), and options that describe themselves.
        var perCall = new GatewayRequestOptions { GatewayToken = CallToken, EventId = "evt-canary" };
        texts.Add(perCall.ToString());
        texts.Add(perCall.MergedWith(h.Options.Defaults).ToString());
        await Fails(() => h.Client.GenerateV3Async(GatewayHarness.Request(), new IdeogramRequestOptions { Gateway = perCall }));

        // A wrong Ideogram key (Ideogram's own 401), through a second client sharing the logger.
        var wrongKey = new TestImages(h.Http, new IdeogramCredentials(ApiKey + "-rotated", GatewayToken), new GatewayOptions { GatewayRoot = h.Emulator.Root, Retry = IdeogramRetryPolicy.None }, logger);
        await Fails(() => wrongKey.GenerateV3Async(GatewayHarness.Request()));

        // Validation errors (nothing sent).
        await Fails(() => h.Client.GenerateV3Async(GatewayHarness.Request(images: 9)));
        await Fails(() => h.Client.GenerateV3Async(GatewayHarness.Request(), new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { MaxAttempts = 9 } }));
        await Fails(() => h.Client.GenerateV3Async(GatewayHarness.Request(), new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { GatewayToken = CallToken + " x" } }));

        // Logs API: success, validation, bad token, unknown id.
        var logs = new GatewayLogsClient(h.Http, RestToken, TestImages.GatewayAddress, h.Emulator.Root, logger);
        texts.Add(logs.ToString());
        var entry = await logs.SendFeedbackAsync(ok, 1, 77);
        texts.Add(entry.ToString());
        texts.Add(new GatewayLogPatch { Feedback = 1, Score = 5 }.ToString());
        await Fails(() => logs.SendFeedbackAsync(ok, 3));
        await Fails(() => new GatewayLogsClient(h.Http, RestToken + "-old", TestImages.GatewayAddress, h.Emulator.Root, logger).GetAsync(ok));
        await Fails(() => new GatewayLogsClient(h.Http, ApiKey, TestImages.GatewayAddress, h.Emulator.Root, logger).PatchAsync(ok, new GatewayLogPatch { Score = 1 }));
        await Fails(() => logs.GetAsync("01JADMCQQQBWH3NXZ5GCRN98DP"));

        // Downloads: a good one and an expired one.
        var downloader = new ImageDownloader(h.Http);
        await downloader.DownloadAsync(ok.Data[0].Url, Stream.Null);
        await Fails(() => downloader.DownloadAsync(ok.Data[0].Url!.Replace("exp=", "exp=1"), Stream.Null));

        texts.AddRange(h.Emulator.Requests.Select(r => r.ToString()));
        texts.AddRange(h.Emulator.Requests.SelectMany(r => r.Headers.Values));
        texts.AddRange(provider.Lines);

        Assert.True(provider.Lines.Count > 40, $"only {provider.Lines.Count} log lines were captured");
        Assert.Contains(provider.Lines, l => l.StartsWith("Trace"));
        Assert.Contains(provider.Lines, l => l.Contains("retrying"));
        Assert.Contains(provider.Lines, l => l.Contains("gateway log"));
        Assert.True(h.Emulator.Requests.Count >= 18);
        foreach (var canary in Canaries)
        {
            var hits = texts.Where(t => t.Contains(canary, StringComparison.Ordinal)).ToList();
            Assert.True(hits.Count == 0, $"a secret leaked into {hits.Count} text(s), e.g.: {hits.FirstOrDefault()?.Replace(canary, "<CANARY>")}");
        }
    }
}
