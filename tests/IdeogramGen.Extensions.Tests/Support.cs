using IdeogramGen.Generated.IdeogramGen_Extensions_Tests;
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IdeogramGen.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace IdeogramGen.Extensions.Tests;

/// <summary>Keeps every log line: the formatted text, each structured value, scopes and exceptions.</summary>
internal sealed class LogRecorder : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, EventId Id, string Text)> Entries { get; } = new();

    public IEnumerable<string> AllText => Entries.Select(e => $"{e.Level} {e.Category} [{e.Id.Id}:{e.Id.Name}] {e.Text}");

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(LogRecorder owner, string category) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state) where TState : notnull
        {
            owner.Entries.Enqueue((category, LogLevel.None, default, "scope " + Describe(state)));
            return new Scope();
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((category, logLevel, eventId, formatter(state, exception) + " | " + Describe(state) + (exception is null ? "" : " | " + exception)));

        private static string Describe(object? state) =>
            state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => p.Key + "=" + p.Value)) : state?.ToString() ?? "";

        private sealed class Scope : IDisposable { public void Dispose() { } }
    }
}

/// <summary>A configuration source whose values a test changes and reloads, as a vault or a settings file would.</summary>
internal sealed class ChangeableConfiguration
{
    public ChangeableConfiguration(IDictionary<string, string?> values) => Root = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    public IConfigurationRoot Root { get; }

    /// <summary>Sets a value and signals the reload, like a provider that noticed a change.</summary>
    public void Set(string key, string? value)
    {
        Root[key] = value;
        Root.Reload();
    }
}

internal static class Emulators
{
    public const string Key = "emulator-key-0123456789";

    public static Task<IdeogramEmulator> StartAsync(string? apiKey = Key, string? gatewayToken = null) =>
        IdeogramEmulator.StartAsync(new EmulatorOptions { ApiKey = apiKey, GatewayToken = gatewayToken });

    public static GenerateV3Request Request(string prompt = "A lighthouse at dawn", int? images = null) => new() { Prompt = prompt, NumImages = images };
}

/// <summary>The generic host as an app gets it, with a content root of its own (no settings file of another project).</summary>
internal static class TestHost
{
    private static readonly Lazy<string> EmptyContentRoot = new(() => System.IO.Directory.CreateTempSubdirectory("ideogramgen-host-").FullName);

    public static Microsoft.Extensions.Hosting.HostApplicationBuilder CreateBuilder() =>
        Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { ContentRootPath = EmptyContentRoot.Value, Args = Array.Empty<string>() });
}
