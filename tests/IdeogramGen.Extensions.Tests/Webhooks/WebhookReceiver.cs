using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Testing;
using IdeogramGen.Webhooks;
using IdeogramGen.Webhooks.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IdeogramGen.Extensions.Tests.Webhooks;

/// <summary>
/// A loopback emulator and, on another Kestrel server on 127.0.0.1, an app that receives its webhook deliveries through
/// <c>MapIdeogramWebhook</c>, with the emulator's key set as JWKS; both on one fake clock.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private WebApplication _app = null!;

    private WebhookReceiver(IdeogramEmulator emulator, FakeTimeProvider clock)
    {
        Emulator = emulator;
        Clock = clock;
    }

    public IdeogramEmulator Emulator { get; }

    public FakeTimeProvider Clock { get; }

    public LogRecorder Logs { get; } = new();

    public Uri Url { get; private set; } = null!;

    /// <summary>Every delivery the handler was called with, in order.</summary>
    public ConcurrentQueue<IdeogramWebhook> Handled { get; } = new();

    /// <summary>When set, the handler throws this once (then clears it).</summary>
    public Exception? FailNext;

    public IServiceProvider Services => _app.Services;

    public static async Task<WebhookReceiver> StartAsync(Action<IdeogramWebhookOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(Start);
        var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock });
        var receiver = new WebhookReceiver(emulator, clock);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(receiver.Logs);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddIdeogramWebhooks(o =>
        {
            o.JwksUri = emulator.Webhooks.JwksUri;
            configure?.Invoke(o);
        });
        var app = builder.Build();
        app.MapIdeogramWebhook("/hooks/ideogram", (IdeogramWebhook delivery, CancellationToken ct) =>
        {
            if (Interlocked.Exchange(ref receiver.FailNext, null) is { } failure) throw failure;
            receiver.Handled.Enqueue(delivery);
            return Task.CompletedTask;
        });
        await app.StartAsync();
        receiver._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/hooks/ideogram");
        return receiver;
    }

    public Task<EmulatorWebhookDelivery> DeliverAsync(string body, EmulatorWebhookVariant variant = EmulatorWebhookVariant.Valid) =>
        Eventually.Within(Emulator.Webhooks.DeliverAsync(Url, body, variant));

    /// <summary>A body shaped as developer.ideogram.ai's example delivery (the synchronous 4.0 response plus <c>generation_id</c>).</summary>
    public static string Body(string generationId, int seed = 12345) =>
        "{\"generation_id\":\"" + generationId + "\",\"created\":\"2026-12-01T09:59:30Z\",\"data\":[{\"url\":\"https://ideogram.ai/api/images/ephemeral/" + generationId
        + ".png\",\"prompt\":\"A photo of a cat\",\"resolution\":\"2048x2048\",\"seed\":" + seed + ",\"is_image_safe\":true}]}";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
