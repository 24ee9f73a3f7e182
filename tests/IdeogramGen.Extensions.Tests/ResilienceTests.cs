using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Retry;

namespace IdeogramGen.Extensions.Tests;

/// <summary>
/// Resilience that never bills twice: the standard resilience handler is refused at start, AddIdeogramResilienceHandler
/// sends each request that may have run exactly once and still retries 429s, and the guard stops any other re-send.
/// </summary>
public class ResilienceTests
{
    private static IHost Build(IdeogramEmulator emulator, Action<IHttpClientBuilder> handlers, Action<IdeogramClientOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = TestHost.CreateBuilder();
        services?.Invoke(builder.Services);
        var http = builder.Services.AddIdeogramGateway<TestImages>(o =>
        {
            o.ApiKey = Emulators.Key;
            o.GatewayRoot = emulator.Root;
            o.Timeout = TimeSpan.FromSeconds(20);
            configure?.Invoke(o);
        });
        handlers(http);
        return builder.Build();
    }

    [Fact(Timeout = 60_000)]
    public async Task The_standard_resilience_handler_fails_the_start_with_the_fix()
    {
        await using var emulator = await Emulators.StartAsync();
        using var host = Build(emulator, http => http.AddStandardResilienceHandler());
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("resilience handler (AddStandardResilienceHandler", ex.Message);
        Assert.Contains("AddIdeogramResilienceHandler()", ex.Message);
        Assert.Empty(emulator.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task Without_a_host_the_first_client_refuses_the_standard_handler()
    {
        await using var emulator = await Emulators.StartAsync();
        var services = new ServiceCollection();
        services.AddIdeogramGateway<TestImages>(o => { o.ApiKey = Emulators.Key; o.GatewayRoot = emulator.Root; }).AddStandardHedgingHandler();
        await using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<TestImages>());
        Assert.Contains("AddIdeogramResilienceHandler()", ex.Message);
    }

    public static IEnumerable<object[]> BilledFaults() => new[]
    {
        new object[] { "500", (Func<EmulatorFault>)(() => EmulatorFault.ServerError(500)) },
        new object[] { "502 HTML", (Func<EmulatorFault>)(() => EmulatorFault.ServerError(502, html: true)) },
        new object[] { "503", (Func<EmulatorFault>)(() => EmulatorFault.ServerError(503)) },
        new object[] { "reset after run", (Func<EmulatorFault>)(() => EmulatorFault.ConnectionReset(afterRun: true)) },
        new object[] { "reset mid-body", (Func<EmulatorFault>)(EmulatorFault.ResetMidBody) },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(BilledFaults))]
    public async Task Ideogram_resilience_handler_sends_a_request_that_may_have_run_once(string fault, Func<EmulatorFault> make)
    {
        await using var emulator = await Emulators.StartAsync();
        using var host = Build(emulator, http => http.AddIdeogramResilienceHandler(o => o.Retry.Delay = TimeSpan.FromMilliseconds(1)));
        await host.StartAsync();
        emulator.Faults.Enqueue(make());

        var ex = await Assert.ThrowsAnyAsync<IdeogramGenException>(() => host.Services.GetRequiredService<TestImages>().GenerateV3Async(Emulators.Request()));
        Assert.True(ex.MayHaveBeenBilled, fault);
        Assert.Equal(1, emulator.BilledRequestCount);
        Assert.Single(emulator.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task Ideogram_resilience_handler_does_not_resend_after_a_timeout()
    {
        // The host's TimeProvider drives the client's timeout and the resilience handler's; the emulator holds the answer.
        await using var emulator = await Emulators.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = Build(emulator, http => http.AddIdeogramResilienceHandler(o => o.Retry.Delay = TimeSpan.FromMilliseconds(1)),
            o => o.Timeout = TimeSpan.FromMinutes(2), s => s.AddSingleton<TimeProvider>(clock));
        await host.StartAsync();
        var gate = new EmulatorGate();
        emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));

        var call = host.Services.GetRequiredService<TestImages>().GenerateV3Async(Emulators.Request());
        await gate.WaitReachedAsync().WaitAsync(TimeSpan.FromSeconds(60));
        clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var ex = await Assert.ThrowsAsync<IdeogramTimeoutException>(() => call);
        Assert.True(ex.MayHaveBeenBilled);
        gate.Release();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (emulator.Requests.Count == 0) await Task.Delay(20, guard.Token);
        Assert.Equal(1, gate.ReachedCount);
        Assert.Single(emulator.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_in_flight_limit_holds_across_transient_client_instances()
    {
        await using var emulator = await Emulators.StartAsync();
        using var host = Build(emulator, _ => { }, o => o.MaxImagesInFlight = 2);
        await host.StartAsync();
        var gate = new EmulatorGate();
        emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));

        var first = host.Services.GetRequiredService<TestImages>().GenerateV3Async(Emulators.Request(images: 2));
        await gate.WaitReachedAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var second = host.Services.GetRequiredService<TestImages>().GenerateV3Async(Emulators.Request(images: 8));   // more than the limit: takes all permits
        // While the first call holds its 2 permits, the second waits in the one limiter both instances share.
        var limiter = host.Services.GetRequiredService<IdeogramGen.Extensions.Internal.ClientActivator<TestImages>>().ImageLimiter(nameof(TestImages));
        Assert.NotNull(limiter);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (limiter.GetStatistics()!.CurrentQueuedCount == 0) await Task.Delay(10, guard.Token);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentAvailablePermits);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, gate.ReachedCount);
        gate.Release();
        await first.WaitAsync(TimeSpan.FromSeconds(60));
        var result = await second.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(8, result.Data.Count);
        Assert.Equal(2, emulator.BilledRequestCount);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("gateway 429")]
    [InlineData("inflight_limit")]
    public async Task Ideogram_resilience_handler_still_retries_a_429(string kind)
    {
        await using var emulator = await Emulators.StartAsync();
        // The client's own retry is off, so the handler's retry is the one that recovers.
        using var host = Build(emulator, http => http.AddIdeogramResilienceHandler(o => o.Retry.Delay = TimeSpan.FromMilliseconds(1)),
            o => o.Retry.MaxAttempts = 1);
        await host.StartAsync();
        emulator.Faults.Enqueue(kind == "inflight_limit" ? EmulatorFault.IdeogramInflightLimit(TimeSpan.Zero) : EmulatorFault.GatewayRateLimited(TimeSpan.Zero));

        var result = await host.Services.GetRequiredService<TestImages>().GenerateV3Async(Emulators.Request());
        Assert.Single(result.Data);
        Assert.Equal(2, emulator.Requests.Count);
        Assert.Equal(1, emulator.BilledRequestCount);
    }

    [Fact(Timeout = 60_000)]
    public async Task Ideogram_resilience_handler_replaces_defaults_added_to_every_client()
    {
        await using var emulator = await Emulators.StartAsync();
        using var host = Build(emulator, http => http.AddIdeogramResilienceHandler(o => o.Retry.Delay = TimeSpan.FromMilliseconds(1)),
            services: s => s.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler()));
        await host.StartAsync();
        emulator.Faults.Enqueue(EmulatorFault.ServerError(500));

        await Assert.ThrowsAsync<IdeogramApiException>(() => host.Services.GetRequiredService<TestImages>().GenerateV3Async(Emulators.Request()));
        Assert.Equal(1, emulator.BilledRequestCount);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_guard_refuses_a_resend_that_could_bill_twice()
    {
        // A retry pipeline that ignores the mark, over the guard: the 500 is not sent again.
        await using var emulator = await Emulators.StartAsync();
        var unsafeRetry = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 3, Delay = TimeSpan.FromMilliseconds(1), ShouldRetryAfterHeader = false })
            .Build();
        using var http = new HttpClient(new ResilienceHandler(unsafeRetry) { InnerHandler = new IdeogramResendGuard(new SocketsHttpHandler()) });
        var images = new TestImages(http, new IdeogramCredentials(Emulators.Key), new GatewayOptions { GatewayRoot = emulator.Root }, null);
        emulator.Faults.Enqueue(EmulatorFault.ServerError(500));

        var ex = await Assert.ThrowsAsync<IdeogramResendRefusedException>(() => images.GenerateV3Async(Emulators.Request()));
        Assert.Equal("v1/ideogram-v3/generate", ex.RequestPath);
        Assert.Contains("AddIdeogramResilienceHandler()", ex.Message);
        Assert.Equal(1, emulator.BilledRequestCount);
        Assert.Single(emulator.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task Plain_Polly_with_the_CanResend_predicate_retries_a_429_and_not_a_500()
    {
        await using var emulator = await Emulators.StartAsync();
        var retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(1),
                ShouldHandle = args => ValueTask.FromResult(
                    (args.Outcome.Exception is HttpRequestException || (int?)args.Outcome.Result?.StatusCode is 429 or >= 500)
                    && IdeogramRequestMark.CanResend(args.Context.GetRequestMessage(), args.Outcome.Result, args.Outcome.Exception)),
            })
            .Build();
        using var http = new HttpClient(new ResilienceHandler(retry) { InnerHandler = new SocketsHttpHandler() });
        var images = new TestImages(http, new IdeogramCredentials(Emulators.Key), new GatewayOptions { GatewayRoot = emulator.Root, Retry = IdeogramRetryPolicy.None }, null);

        emulator.Faults.Enqueue(EmulatorFault.ServerError(500));
        await Assert.ThrowsAsync<IdeogramApiException>(() => images.GenerateV3Async(Emulators.Request()));
        Assert.Single(emulator.Requests);

        emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit(TimeSpan.Zero));
        await images.GenerateV3Async(Emulators.Request());
        Assert.Equal(3, emulator.Requests.Count);
        Assert.Equal(2, emulator.BilledRequestCount);
    }

    [Fact]
    public void CanResend_allows_only_outcomes_that_prove_the_request_did_not_run()
    {
        using var marked = new HttpRequestMessage(HttpMethod.Post, "https://gateway.ai.cloudflare.com/v1/a/b/ideogram/v1/ideogram-v3/generate");
        IdeogramRequestMark.Set(marked, "v1/ideogram-v3/generate");
        using var plain = new HttpRequestMessage(HttpMethod.Get, "https://example.com/");
        Assert.True(IdeogramRequestMark.MayBill(marked));
        Assert.False(IdeogramRequestMark.MayBill(plain));

        using var r429 = new HttpResponseMessage((System.Net.HttpStatusCode)429) { RequestMessage = marked };
        using var r500 = new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError) { RequestMessage = marked };
        Assert.True(IdeogramRequestMark.CanResend(marked, r429, null));
        Assert.True(IdeogramRequestMark.CanResend(null, r429, null));
        Assert.False(IdeogramRequestMark.CanResend(marked, r500, null));
        Assert.False(IdeogramRequestMark.CanResend(marked, null, new TaskCanceledException("timeout")));
        Assert.False(IdeogramRequestMark.CanResend(marked, null, new HttpRequestException("reset", new System.IO.IOException("connection reset"))));
        Assert.True(IdeogramRequestMark.CanResend(marked, null, new HttpRequestException("refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused))));
        Assert.True(IdeogramRequestMark.CanResend(marked, null, new Polly.CircuitBreaker.BrokenCircuitException()));
        Assert.False(IdeogramRequestMark.CanResend(null, null, new HttpRequestException("which request?")));
        Assert.True(IdeogramRequestMark.CanResend(plain, r500, null));   // not ours: your policy decides
    }
}
