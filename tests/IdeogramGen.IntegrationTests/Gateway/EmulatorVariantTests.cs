using System;
using System.Linq;
using System.Threading.Tasks;
using IdeogramGen.Testing;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>Fault variants the catalog's defaults do not reach: a Retry-After on inflight_limit, an undeclared body size.</summary>
public class EmulatorVariantTests
{
    [Fact(Timeout = 60_000)]
    public async Task Inflight_limit_with_Retry_After_waits_that_long_not_the_backoff()
    {
        var clock = new TestClock();
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Retry = new IdeogramRetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(50) }, clock: clock);
        h.Emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit(TimeSpan.FromSeconds(1)));
        var call = h.Client.GenerateV3Async(GatewayHarness.Request());
        Assert.Equal(TimeSpan.FromSeconds(1), await clock.NextTimerAsync()); // Retry-After, not the 50 ms backoff or the inflight delay
        Assert.Single(h.Emulator.Requests);
        clock.Advance(TimeSpan.FromSeconds(1));
        var result = await call;
        Assert.Single(result.Data);
        Assert.Equal(new[] { 429, 200 }, h.Emulator.Requests.Select(r => r.StatusCode));
        Assert.Equal(1, h.Emulator.BilledRequestCount);
    }

    [Fact(Timeout = 60_000)]
    public async Task Undeclared_oversized_body_is_cut_off_while_reading()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.MaxResponseBytes = 64 * 1024);
        h.Emulator.Faults.Enqueue(EmulatorFault.OversizedBody(8L * 1024 * 1024, declareLength: false));
        var ex = await Assert.ThrowsAsync<IdeogramResponseException>(() => h.Client.GenerateV3Async(GatewayHarness.Request()));
        Assert.Equal(200, ex.StatusCode);
        Assert.Contains("MaxResponseBytes", ex.Message);
        Assert.True(ex.MayHaveBeenBilled);
        Assert.False(ex.IsRetrySafe);
        Assert.Equal(1, h.Emulator.BilledRequestCount);
        Assert.Single(h.Emulator.Requests);
    }
}
