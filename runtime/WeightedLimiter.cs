using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen
{
    /// <summary>A first-come, first-served async limiter where each holder takes a weight (its image count).</summary>
    internal sealed class WeightedLimiter
    {
        private readonly object _lock = new object();
        private readonly LinkedList<Waiter> _waiters = new LinkedList<Waiter>();
        private readonly int _capacity;
        private int _available;

        public WeightedLimiter(int capacity)
        {
            _capacity = capacity;
            _available = capacity;
        }

        public async Task<IDisposable> AcquireAsync(int weight, CancellationToken cancellationToken)
        {
            weight = Math.Min(weight, _capacity);
            Waiter waiter;
            lock (_lock)
            {
                if (_waiters.Count == 0 && _available >= weight)
                {
                    _available -= weight;
                    return new Permit(this, weight);
                }
                waiter = new Waiter(weight);
                waiter.Node = _waiters.AddLast(waiter);
            }
            using (cancellationToken.Register(() => Cancel(waiter, cancellationToken)))
                await waiter.Completion.Task.ConfigureAwait(false);
            return new Permit(this, weight);
        }

        private void Cancel(Waiter waiter, CancellationToken token)
        {
            lock (_lock)
            {
                if (waiter.Node?.List == null) return;
                _waiters.Remove(waiter.Node);
                waiter.Completion.TrySetCanceled(token);
                Drain();
            }
        }

        private void Release(int weight)
        {
            lock (_lock)
            {
                _available += weight;
                Drain();
            }
        }

        private void Drain()
        {
            while (_waiters.First is LinkedListNode<Waiter> first && first.Value.Weight <= _available)
            {
                _waiters.RemoveFirst();
                _available -= first.Value.Weight;
                first.Value.Completion.TrySetResult(true);
            }
        }

        private sealed class Waiter
        {
            public Waiter(int weight) => Weight = weight;
            public int Weight { get; }
            public LinkedListNode<Waiter>? Node { get; set; }
            public TaskCompletionSource<bool> Completion { get; } = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        private sealed class Permit : IDisposable
        {
            private WeightedLimiter? _owner;
            private readonly int _weight;
            public Permit(WeightedLimiter owner, int weight) { _owner = owner; _weight = weight; }
            public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Release(_weight);
        }
    }
}
