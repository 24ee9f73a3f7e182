using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using IdeogramGen.Testing;
using Microsoft.Extensions.Logging;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>A loopback emulator (Kestrel on 127.0.0.1) and the generated client pointed at it.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public const string ApiKey = "ideogram-harness-key";

    private GatewayHarness(IdeogramEmulator emulator, HttpClient http, TestImages client, GatewayOptions options)
    {
        Emulator = emulator;
        Http = http;
        Client = client;
        Options = options;
    }

    public IdeogramEmulator Emulator { get; }
    public HttpClient Http { get; }
    public TestImages Client { get; }
    public GatewayOptions Options { get; }

    /// <summary>
    /// Starts the emulator and a client. The per-attempt timeout is a 60 s hang guard (tests that check timeouts set
    /// their own, on a <see cref="TestClock"/>); with <paramref name="clock"/>, the client's waits and timeouts run on it
    /// (and its per-attempt timeout is off unless <paramref name="configure"/> sets one, so the clock's timers are the
    /// retry waits only).
    /// </summary>
    public static async Task<GatewayHarness> StartAsync(EmulatorOptions? emulatorOptions = null, Action<GatewayOptions>? configure = null,
        IdeogramCredentials? credentials = null, ILogger? logger = null, TimeProvider? clock = null)
    {
        var emulator = await IdeogramEmulator.StartAsync(emulatorOptions);
        Assert.Equal("127.0.0.1", emulator.Root.Host);
        var http = new HttpClient(emulator.CreateHandler()) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        var options = new GatewayOptions { GatewayRoot = emulator.Root, Timeout = TimeSpan.FromSeconds(60) };
        if (clock != null)
        {
            options.TimeProvider = clock;
            options.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        }
        configure?.Invoke(options);
        var client = new TestImages(http, credentials ?? new IdeogramCredentials(ApiKey), options, logger);
        return new GatewayHarness(emulator, http, client, options);
    }

    public static GenerateV3Request Request(string prompt = "A lighthouse at dawn", int? images = null) =>
        new() { Prompt = prompt, NumImages = images };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>A clock tests move by hand (shared by the emulator and the downloader).</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now;
    public ManualClock(DateTimeOffset now) => _now = now;
    public override DateTimeOffset GetUtcNow() { lock (this) return _now; }
    public void Advance(TimeSpan by) { lock (this) _now += by; }
}

/// <summary>Records progress reports synchronously (System.Progress posts them later, on the thread pool).</summary>
internal sealed class ProgressLog : IProgress<ImageDownloadProgress>
{
    public ConcurrentQueue<ImageDownloadProgress> Reports { get; } = new();
    public void Report(ImageDownloadProgress value) => Reports.Enqueue(value);
}

/// <summary>
/// Captures every log call at every level: the formatted message, each structured state value, scopes and the
/// exception text, so tests can search all of it for secrets.
/// </summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);
    public void Dispose() { }

    private sealed class Recorder : ILogger
    {
        private readonly RecordingLoggerProvider _owner;
        private readonly string _category;
        public Recorder(RecordingLoggerProvider owner, string category) { _owner = owner; _category = category; }

        public IDisposable BeginScope<TState>(TState state) where TState : notnull
        {
            _owner.Lines.Enqueue("scope: " + state);
            Values(state);
            return NoScope.Instance;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            _owner.Lines.Enqueue($"{logLevel} {_category} [{eventId.Id}:{eventId.Name}] {formatter(state, exception)}");
            Values(state);
            if (exception != null) _owner.Lines.Enqueue("exception: " + exception);
        }

        private void Values(object? state)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
                foreach (var kv in pairs) _owner.Lines.Enqueue($"  {kv.Key} = {kv.Value}");
        }
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();
        public void Dispose() { }
    }
}
