using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IdeogramGen.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdeogramGen.Extensions.Tests;

/// <summary>The host's logging reaches the client; no secret reaches any log line, message or description; the health check bills nothing.</summary>
public class LoggingAndHealthTests
{
    private const string ApiKey = "ak-CANARY-Qw3Er5Ty7Ui9Op1As2Df";
    private const string GatewayToken = "CANARYGW-Zx4Cv6Bn8Ml0Kj2Hg3Fd";
    private static readonly string[] Canaries = { ApiKey, GatewayToken };

    private static IHost Build(IdeogramEmulator emulator, LogRecorder logs, IDictionary<string, string?> settings)
    {
        var builder = TestHost.CreateBuilder();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddIdeogramGateway<TestImages>();
        builder.Services.AddHealthChecks().AddIdeogramGateway<TestImages>();
        return builder.Build();
    }

    private static Dictionary<string, string?> Settings(IdeogramEmulator emulator) => new()
    {
        ["Ideogram:ApiKey"] = ApiKey,
        ["Ideogram:GatewayToken"] = GatewayToken,
        ["Ideogram:GatewayRoot"] = emulator.Root.ToString(),
        ["Ideogram:Timeout"] = "00:00:02",
        ["Ideogram:Retry:BaseDelay"] = "00:00:00.010",
    };

    [Fact(Timeout = 60_000)]
    public async Task Registered_client_logs_through_the_host_and_no_secret_reaches_any_text()
    {
        await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { ApiKey = ApiKey, GatewayToken = GatewayToken });
        var logs = new LogRecorder();
        using var host = Build(emulator, logs, Settings(emulator));
        await host.StartAsync();
        var texts = new List<string>();
        var images = host.Services.GetRequiredService<TestImages>();

        emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit(TimeSpan.Zero));
        var ok = await images.GenerateV3Async(Emulators.Request());
        texts.Add(ok.Gateway.ToString());
        foreach (var fault in new[]
        {
            EmulatorFault.ServerError(500), EmulatorFault.ServerError(502, html: true), EmulatorFault.GatewayUnauthorized(),
            EmulatorFault.ProviderNoResponse(), EmulatorFault.ConnectionReset(), EmulatorFault.ResetMidBody(), EmulatorFault.MalformedJson(),
            EmulatorFault.SlowFirstByte(TimeSpan.FromMinutes(1)),
        })
        {
            emulator.Faults.Enqueue(fault);
            var ex = await Assert.ThrowsAnyAsync<Exception>(() => images.GenerateV3Async(Emulators.Request()));
            texts.Add(ex.Message);
            texts.Add(ex.ToString());
        }
        var options = host.Services.GetRequiredService<IOptionsMonitor<IdeogramClientOptions>>().Get(nameof(TestImages));
        texts.Add(options.ToString());
        texts.Add(options.ToCredentials().ToString());
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        texts.Add(health.Entries["ideogram"].Description ?? "");
        texts.AddRange(health.Entries["ideogram"].Data.Select(kv => kv.Key + "=" + kv.Value));
        await host.StopAsync();

        var lines = logs.AllText.ToList();
        // The pipeline's lines arrive under their category with their event ids, at every level down to Trace.
        var pipeline = logs.Entries.Where(e => e.Category == "IdeogramGen.GatewayPipeline").ToList();
        Assert.Contains(pipeline, e => e.Id.Id == 1 && e.Level == LogLevel.Trace);
        Assert.Contains(pipeline, e => e.Id.Id == 2 && e.Level == LogLevel.Debug);
        Assert.Contains(pipeline, e => e.Id.Id == 3 && e.Level == LogLevel.Information);
        Assert.Contains(pipeline, e => e.Id.Id == 5);
        // HttpClientFactory's own request logging (headers at Trace) ran too.
        Assert.Contains(lines, l => l.Contains("System.Net.Http.HttpClient.TestImages", StringComparison.Ordinal) && l.Contains("Api-Key", StringComparison.OrdinalIgnoreCase));
        foreach (var canary in Canaries)
        {
            Assert.DoesNotContain(lines, l => l.Contains(canary, StringComparison.Ordinal));
            Assert.DoesNotContain(texts, t => t.Contains(canary, StringComparison.Ordinal));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Health_check_is_healthy_on_a_valid_configuration_and_bills_nothing()
    {
        await using var emulator = await Emulators.StartAsync();
        var settings = Settings(emulator);
        using var host = Build(emulator, new LogRecorder(), settings);
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var entry = report.Entries["ideogram"];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Contains("configuration checked; no call made", entry.Description);
        Assert.Equal("configuration", entry.Data["mode"]);
        Assert.Equal("my-gateway", entry.Data["gateway_id"]);
        Assert.Equal(emulator.Root.ToString(), entry.Data["gateway_root"]);
        Assert.Equal("set", entry.Data["api_key"]);
        Assert.Empty(emulator.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task Health_check_is_unhealthy_when_the_key_is_missing_and_names_the_setting()
    {
        await using var emulator = await Emulators.StartAsync();
        var settings = Settings(emulator);
        settings.Remove("Ideogram:ApiKey");
        using var host = Build(emulator, new LogRecorder(), settings);
        var entry = (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["ideogram"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("Ideogram:ApiKey is not set", entry.Description);
        Assert.DoesNotContain(GatewayToken, entry.Description);
        Assert.Empty(emulator.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task Health_check_runs_the_probe_after_the_configuration_checks()
    {
        await using var emulator = await Emulators.StartAsync();
        var builder = TestHost.CreateBuilder();
        builder.Services.AddIdeogramGateway<TestImages>(o => { o.ApiKey = Emulators.Key; o.GatewayRoot = emulator.Root; });
        TestImages? probed = null;
        builder.Services.AddHealthChecks().AddIdeogramGateway<TestImages>("ideogram-probe", o => o.Probe = (client, _) =>
        {
            probed = client;
            return Task.FromResult(HealthCheckResult.Degraded("quote unavailable", data: new Dictionary<string, object> { ["probe"] = "dry_run" }));
        });
        using var host = builder.Build();
        var entry = (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["ideogram-probe"];
        Assert.NotNull(probed);
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal("dry_run", entry.Data["probe"]);
        Assert.Equal("configuration+probe", entry.Data["mode"]);
    }
}
