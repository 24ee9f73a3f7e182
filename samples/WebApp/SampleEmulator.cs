using IdeogramGen.Testing;

namespace WebApp;

/// <summary>
/// The local gateway emulator the sample calls by default (no keys, nothing billed), started on 127.0.0.1 when the
/// client's settings are first read and stopped with the app.
/// </summary>
public sealed class SampleEmulator : IAsyncDisposable
{
    private readonly Lazy<IdeogramEmulator> _emulator;

    public SampleEmulator()
    {
        _emulator = new(() => IdeogramEmulator.StartAsync(new EmulatorOptions { ApiKey = Key }).GetAwaiter().GetResult());
    }

    /// <summary>A key made up for this run, which the emulator accepts and the client sends (not a real key).</summary>
    public string Key { get; } = "emulator-" + Guid.NewGuid().ToString("N");

    /// <summary>The emulator's gateway root.</summary>
    public Uri Root => _emulator.Value.Root;

    public async ValueTask DisposeAsync()
    {
        if (_emulator.IsValueCreated) await _emulator.Value.DisposeAsync();
    }
}
