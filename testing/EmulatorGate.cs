using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.Testing
{
    /// <summary>
    /// A point where the emulator holds an answer until the test says go: the deterministic way to test timeouts,
    /// cancellation, progress and races without depending on how fast the machine is.
    /// </summary>
    /// <remarks>
    /// <para>Give a gate to one of the holding faults (<see cref="EmulatorFault.HoldFirstByte"/>,
    /// <see cref="EmulatorFault.HoldBody"/>, <see cref="EmulatorFault.HoldImageFirstByte"/>,
    /// <see cref="EmulatorFault.HoldImageBody"/>), start the call, await <see cref="WaitReachedAsync"/> to know the
    /// request is being held at the gate, act (cancel, advance a fake clock, start a competing call), then
    /// <see cref="Release"/>. A request at the gate ends early when its client goes away or the emulator is disposed.</para>
    /// <para>A gate holds every request that reaches it until <see cref="Release"/>; after that, requests pass
    /// straight through. One gate may serve several faults. Thread-safe.</para>
    /// </remarks>
    /// <example>
    /// <code>
    /// var gate = new EmulatorGate();
    /// emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));
    /// var call = images.GenerateV3Async(request);
    /// await gate.WaitReachedAsync();      // the request is at the emulator, no answer byte sent yet
    /// clock.Advance(TimeSpan.FromMinutes(3));
    /// gate.Release();
    /// </code>
    /// </example>
    public sealed class EmulatorGate
    {
        private readonly object _lock = new();
        private readonly TaskCompletionSource<bool> _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<(int Count, TaskCompletionSource<bool> Waiter)> _waiters = new();
        private int _reached;
        private int _holding;

        /// <summary>Whether <see cref="Release"/> was called.</summary>
        public bool IsReleased => _released.Task.IsCompleted;

        /// <summary>How many requests reached the gate so far (held or, after release, passed through).</summary>
        public int ReachedCount { get { lock (_lock) return _reached; } }

        /// <summary>How many requests are waiting at the gate right now.</summary>
        public int HoldingCount { get { lock (_lock) return _holding; } }

        /// <summary>
        /// Completes once <paramref name="count"/> requests in total have reached the gate (at once if they already
        /// have). The emulator has then received each request whole and sent exactly what the fault says it sends before
        /// holding (nothing, or the headers and the first bytes of the body).
        /// </summary>
        /// <param name="count">How many arrivals to wait for; at least 1.</param>
        /// <param name="cancellationToken">Stops waiting; use it (or <c>WaitAsync</c>) as the test's hang guard.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
        public Task WaitReachedAsync(int count = 1, CancellationToken cancellationToken = default)
        {
            if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "Wait for at least one request.");
            Task task;
            lock (_lock)
            {
                if (_reached >= count) return Task.CompletedTask;
                var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, waiter));
                task = waiter.Task;
            }
            return cancellationToken.CanBeCanceled ? task.WaitAsync(cancellationToken) : task;
        }

        /// <summary>Lets every held request go on, and every later one pass without waiting. Calling it again does nothing.</summary>
        public void Release() => _released.TrySetResult(true);

        /// <summary>Records an arrival and waits for <see cref="Release"/>; returns false when <paramref name="aborted"/> fired first.</summary>
        internal async Task<bool> HoldAsync(CancellationToken aborted)
        {
            List<TaskCompletionSource<bool>>? ready = null;
            lock (_lock)
            {
                _reached++;
                _holding++;
                for (int i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (_waiters[i].Count > _reached) continue;
                    (ready ??= new()).Add(_waiters[i].Waiter);
                    _waiters.RemoveAt(i);
                }
            }
            if (ready is not null) foreach (var waiter in ready) waiter.TrySetResult(true);
            try
            {
                if (_released.Task.IsCompleted) return true;
                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (aborted.Register(static s => ((TaskCompletionSource<bool>)s!).TrySetResult(false), cancelled))
                    return await (await Task.WhenAny(_released.Task, cancelled.Task).ConfigureAwait(false)).ConfigureAwait(false);
            }
            finally
            {
                lock (_lock) _holding--;
            }
        }

        /// <inheritdoc />
        public override string ToString() => $"EmulatorGate ({(IsReleased ? "released" : "closed")}, {ReachedCount} reached, {HoldingCount} holding)";
    }
}
