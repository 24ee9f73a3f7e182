using System;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace IdeogramGen.Extensions.Internal
{
    /// <summary>
    /// The limiter behind <see cref="IdeogramClientOptions.MaxImagesInFlight"/> for a registered client: one per client
    /// name, shared by every transient instance (each has its own pipeline), with the shortcut's rule that a call asking
    /// for more images than the limit takes all of the permits.
    /// </summary>
    internal sealed class SharedImageLimiter : RateLimiter
    {
        private readonly ConcurrencyLimiter _inner;

        public SharedImageLimiter(int limit)
        {
            Limit = limit;
            _inner = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = limit, QueueLimit = int.MaxValue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst });
        }

        public int Limit { get; }

        public override TimeSpan? IdleDuration => _inner.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => _inner.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => _inner.AttemptAcquire(Math.Min(permitCount, Limit));

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            _inner.AcquireAsync(Math.Min(permitCount, Limit), cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
        }

        protected override ValueTask DisposeAsyncCore() => _inner.DisposeAsync();
    }
}
