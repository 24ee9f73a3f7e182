using IdeogramGen.Generated.IdeogramGen_Extensions_Tests;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using IdeogramGen.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IdeogramGen.Extensions.Tests;

/// <summary>AddIdeogramGateway: the generic host, named and several clients, configuration, validation at start, key rotation.</summary>
public class RegistrationTests
{
    [Fact(Timeout = 60_000)]
    public async Task Generic_host_client_reads_the_Ideogram_section_and_calls_the_gateway()
    {
        await using var emulator = await Emulators.StartAsync();
        var builder = TestHost.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ideogram:ApiKey"] = Emulators.Key,
            ["Ideogram:GatewayRoot"] = emulator.Root.ToString(),
            ["Ideogram:Defaults:CollectLog"] = "false",
            ["Ideogram:Defaults:Metadata:app"] = "tests",
        });
        IHttpClientBuilder http = builder.Services.AddIdeogramGateway<TestImages>();
        Assert.Equal(nameof(TestImages), http.Name);
        using var host = builder.Build();
        await host.StartAsync();

        var images = host.Services.GetRequiredService<TestImages>();
        var result = await images.GenerateV3Async(Emulators.Request());
        Assert.Single(result.Data);
        Assert.Equal(1, emulator.BilledRequestCount);
        var sent = emulator.Requests.Single();
        Assert.Equal("false", sent.Headers["cf-aig-collect-log"]);
        Assert.Equal("{\"app\":\"tests\"}", sent.Headers["cf-aig-metadata"]);
        Assert.NotSame(images, host.Services.GetRequiredService<TestImages>());   // transient, like every typed client
        await host.StopAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Named_clients_and_two_client_types_each_use_their_own_settings()
    {
        await using var first = await Emulators.StartAsync("first-key-0123456789");
        await using var second = await Emulators.StartAsync("second-key-0123456789");
        var builder = TestHost.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ideogram:ApiKey"] = "first-key-0123456789",
            ["Ideogram:GatewayRoot"] = first.Root.ToString(),
            ["Ideogram:Clients:eu:ApiKey"] = "second-key-0123456789",
            ["Ideogram:Clients:eu:GatewayRoot"] = second.Root.ToString(),
        });
        builder.Services.AddIdeogramGateway<TestImages>();
        builder.Services.AddIdeogramGateway<TestImages>("eu");
        builder.Services.AddIdeogramGateway<OtherImages>(o => o.Timeout = TimeSpan.FromSeconds(30));
        using var host = builder.Build();
        await host.StartAsync();

        await host.Services.GetRequiredService<TestImages>().GenerateV3Async(Emulators.Request());
        await host.Services.GetRequiredKeyedService<TestImages>("eu").GenerateV3Async(Emulators.Request());
        await host.Services.GetRequiredService<IIdeogramClientFactory<TestImages>>().CreateClient("eu").GenerateV3Async(Emulators.Request());
        await host.Services.GetRequiredService<OtherImages>().GenerateV3Async(new GenerateV3Request { Prompt = "A fox" });

        Assert.Equal(2, first.BilledRequestCount);   // TestImages and OtherImages share the Ideogram section
        Assert.Equal(2, second.BilledRequestCount);
        Assert.Contains(first.Requests, r => r.Path.Contains("/second-gateway/", StringComparison.Ordinal));
        Assert.All(second.Requests, r => Assert.Contains("/my-gateway/", r.Path, StringComparison.Ordinal));

        var missing = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IIdeogramClientFactory<TestImages>>().CreateClient("us"));
        Assert.Contains("'us'", missing.Message);
        Assert.Contains("registered: TestImages, eu", missing.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task Explicit_section_and_code_settings_without_a_host()
    {
        await using var emulator = await Emulators.StartAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Images:ApiKey"] = Emulators.Key,
            ["Images:Timeout"] = "00:00:30",
        }).Build();
        var services = new ServiceCollection();
        services.AddIdeogramGateway<TestImages>(config.GetSection("Images"), o => o.GatewayRoot = emulator.Root);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<IdeogramClientOptions>>().Get(nameof(TestImages));
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Equal(emulator.Root, options.GatewayRoot);
        await provider.GetRequiredService<TestImages>().GenerateV3Async(Emulators.Request());
        Assert.Equal(1, emulator.BilledRequestCount);
    }

    [Fact]
    public async Task Polling_settings_are_read_from_configuration_and_checked_at_start()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Images:ApiKey"] = Emulators.Key,
            ["Images:Polling:FirstDelay"] = "00:00:05",
            ["Images:Polling:Multiplier"] = "2",
            ["Images:Polling:MaxDelay"] = "00:00:20",
            ["Images:Polling:Timeout"] = "Infinite",
        }).Build();
        var services = new ServiceCollection();
        services.AddIdeogramGateway<TestImages>(config.GetSection("Images"));
        await using var provider = services.BuildServiceProvider();
        var polling = provider.GetRequiredService<IOptionsMonitor<IdeogramClientOptions>>().Get(nameof(TestImages)).ToGatewayOptions().Polling;
        Assert.Equal((TimeSpan.FromSeconds(5), 2d, TimeSpan.FromSeconds(20), System.Threading.Timeout.InfiniteTimeSpan),
            (polling.FirstDelay, polling.Multiplier, polling.MaxDelay, polling.Timeout));

        var builder = TestHost.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ideogram:ApiKey"] = Emulators.Key,
            ["Ideogram:Polling:Multiplier"] = "0.5",
            ["Ideogram:Polling:Timeout"] = "00:00:00",
            ["Ideogram:Polling:Interval"] = "00:00:01",
        });
        builder.Services.AddIdeogramGateway<TestImages>();
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        var text = string.Join("\n", ex.Failures);
        Assert.Contains("Ideogram:Polling:Multiplier must be from 1 to 10", text);
        Assert.Contains("Ideogram:Polling:Timeout must be positive", text);
        Assert.Contains("Ideogram:Polling:Interval is not a setting", text);
    }

    [Fact(Timeout = 60_000)]
    public async Task Invalid_settings_fail_the_start_with_messages_that_name_each_setting_and_no_secret()
    {
        var builder = TestHost.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ideogram:GatewayToken"] = "tok en-with-a-space-SECRETVALUE",
            ["Ideogram:Timeout"] = "2 minutes",
            ["Ideogram:MaxImagesInFlight"] = "0",
            ["Ideogram:Retry:MaxAttempts"] = "11",
            ["Ideogram:Defaults:CacheTtl"] = "00:00:10",
            ["Ideogram:ApiKye"] = "misspelt",
        });
        builder.Services.AddIdeogramGateway<TestImages>();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        var text = string.Join("\n", ex.Failures);
        Assert.Contains("Ideogram:ApiKey is not set", text);
        Assert.Contains("Ideogram__ApiKey", text);
        Assert.Contains("Ideogram:GatewayToken contains white space", text);
        Assert.Contains("Ideogram:Timeout: '2 minutes' is not a time span", text);
        Assert.Contains("Ideogram:MaxImagesInFlight must be at least 1", text);
        Assert.Contains("Ideogram:Retry:MaxAttempts must be 1 (no retry) to 10", text);
        Assert.Contains("Ideogram:Defaults: ", text);
        Assert.Contains("cf-aig-cache-ttl", text);
        Assert.Contains("Ideogram:ApiKye is not a setting", text);
        Assert.DoesNotContain("SECRETVALUE", text);
        Assert.DoesNotContain("SECRETVALUE", ex.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_rotated_key_is_used_by_the_next_client_without_a_restart()
    {
        await using var emulator = await Emulators.StartAsync("the-new-key-0123456789");
        var config = new ChangeableConfiguration(new Dictionary<string, string?>
        {
            ["Ideogram:ApiKey"] = "the-old-key-0123456789",
            ["Ideogram:GatewayRoot"] = emulator.Root.ToString(),
        });
        var builder = TestHost.CreateBuilder();
        builder.Configuration.AddConfiguration(config.Root);
        builder.Services.AddIdeogramGateway<TestImages>();
        using var host = builder.Build();
        await host.StartAsync();

        var refused = await Assert.ThrowsAsync<IdeogramApiException>(() => host.Services.GetRequiredService<TestImages>().GenerateV3Async(Emulators.Request()));
        Assert.Equal(401, refused.StatusCode);

        config.Set("Ideogram:ApiKey", "the-new-key-0123456789");
        var result = await host.Services.GetRequiredService<TestImages>().GenerateV3Async(Emulators.Request());
        Assert.Single(result.Data);
        Assert.Equal(1, emulator.BilledRequestCount);

        // A key that becomes invalid on reload is reported when the next client is created, naming the setting.
        config.Set("Ideogram:ApiKey", "short");
        var invalid = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<TestImages>());
        Assert.Contains("Ideogram:ApiKey is 5 characters long", invalid.Message);
        Assert.DoesNotContain("short", invalid.Message.Replace("too short", ""));
    }

    [Fact]
    public void A_class_that_is_not_a_generated_client_is_refused_at_registration()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddIdeogramGateway<HttpClient>());
        Assert.Contains("System.Net.Http.HttpClient is not a generated Ideogram client", ex.Message);
        Assert.Contains("[IdeogramGateway(", ex.Message);
    }
}
