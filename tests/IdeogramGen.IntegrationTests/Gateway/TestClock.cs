using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>
/// A fake clock (starting at the real time, so image links and log dates look normal) that also tells the test each
/// timer the code under test starts: a test awaits <see cref="NextTimerAsync"/> to learn that the client is now waiting,
/// and for how long, then moves time with <see cref="FakeTimeProvider.Advance"/>. Nothing depends on the machine's speed.
/// </summary>
internal sealed class TestClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public TestClock() : base(DateTimeOffset.UtcNow) { }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer started (waits for it; a 60 s hang guard only).</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await _timers.Reader.ReadAsync(guard.Token);
    }
}
