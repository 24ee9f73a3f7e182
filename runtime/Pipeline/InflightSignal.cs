using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen
{
    /// <summary>
    /// Counts this pipeline's calls that hold an image-limiter lease and tells a waiting call when one of them finishes:
    /// after Ideogram's <c>inflight_limit</c> 429, the next try is worth making only once a running generation is done.
    /// </summary>
    internal sealed class InflightSignal
    {
        private readonly object _lock = new object();
        private TaskCompletionSource<bool> _next = NewSource();
        private int _holders;
        private bool _awaited;

        /// <summary>True when calls other than the asking one hold a lease.</summary>
        public bool OthersRunning => Volatile.Read(ref _holders) > 1;

        /// <summary>Completes when the next call finishes (read it before releasing one's own lease).</summary>
        public Task NextCompletion
        {
            get
            {
                lock (_lock)
                {
                    _awaited = true;
                    return _next.Task;
                }
            }
        }

        public void Enter() => Interlocked.Increment(ref _holders);

        /// <summary>A lease was given back; <paramref name="finished"/> when its call is done (wakes the waiters).</summary>
        public void Leave(bool finished)
        {
            Interlocked.Decrement(ref _holders);
            if (!finished) return;
            TaskCompletionSource<bool> done;
            lock (_lock)
            {
                if (!_awaited) return;
                _awaited = false;
                done = _next;
                _next = NewSource();
            }
            done.TrySetResult(true);
        }

        private static TaskCompletionSource<bool> NewSource() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
