using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IdeogramGen.IntegrationTests;

/// <summary>The generated client as an IHttpClientFactory typed client, as the README shows.</summary>
public class DependencyInjectionTests
{
    [Fact]
    public async Task Typed_client_from_IHttpClientFactory_calls_the_gateway()
    {
        await using var emulator = await IdeogramEmulator.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton(new IdeogramCredentials("fake-key-the-emulator-accepts"));
        services.AddSingleton(new GatewayOptions { GatewayRoot = emulator.Root });
        services.AddHttpClient(nameof(TestImages))
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddTypedClient((http, sp) => new TestImages(http, sp.GetRequiredService<IdeogramCredentials>(), sp.GetRequiredService<GatewayOptions>(), null));
        await using var provider = services.BuildServiceProvider();

        var images = provider.GetRequiredService<TestImages>();
        var result = await Eventually.Within(images.GenerateV3Async(new GenerateV3Request { Prompt = "A lighthouse at dawn" }));   // hang guard only
        Assert.Single(result.Data);
        Assert.NotNull(result.Gateway.LogId);
        Assert.Equal(1, emulator.BilledRequestCount);
        Assert.NotSame(images, provider.GetRequiredService<TestImages>());
    }
}
