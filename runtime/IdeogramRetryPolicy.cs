using System;

namespace IdeogramGen
{
    /// <summary>
    /// When the client sends a request again by itself. Every Ideogram generation is billed when it runs, so the
    /// default (<see cref="SafeOnly"/>) retries only failures where the request provably did not run: a connection
    /// that could not be made, a gateway rate limit (429 / 2003), Ideogram's <c>inflight_limit</c> 429 ("A rejected
    /// request doesn't run and isn't billed", Ideogram API reference, Rate limits) and an unavailable guardrails
    /// scanner (7013). <c>Retry-After</c> is honoured up to <see cref="MaxDelay"/>; waiting observes cancellation.
    /// </summary>
    public sealed class IdeogramRetryPolicy
    {
        /// <summary>No automatic retry. Each read returns a new instance, so changing it affects no other client.</summary>
        public static IdeogramRetryPolicy None => new IdeogramRetryPolicy { MaxAttempts = 1 };

        /// <summary>Up to 3 attempts, only when the failed attempt provably did not run. Each read returns a new instance, so changing it affects no other client.</summary>
        public static IdeogramRetryPolicy SafeOnly => new IdeogramRetryPolicy();

        /// <summary>Attempts in all, the first included (1 to 10). Default 3.</summary>
        public int MaxAttempts { get; set; } = 3;

        /// <summary>The first delay; doubled for each further retry (with jitter) unless the server says <c>Retry-After</c>. Default 1 s.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>
        /// The first wait after Ideogram's <c>inflight_limit</c> 429, doubled for each further one, plus up to 50 % jitter
        /// so that callers refused together come back apart; a <c>Retry-After</c> on that answer wins. Default 10 s:
        /// Ideogram counts images "still generating" against the limit and promises no <c>Retry-After</c> (Ideogram API
        /// reference, Rate limits), and a generation takes several seconds to tens of seconds, so a place rarely frees up
        /// sooner. With an image limiter, a finishing call of this client ends the wait early.
        /// </summary>
        public TimeSpan InflightLimitDelay { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>The longest wait before a retry, <c>Retry-After</c> included. Default 30 s; a longer <c>Retry-After</c> ends retrying.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// Widens (or narrows) what is retried. Called for each transient failure; return true to retry. The default
        /// (null) retries only <see cref="IdeogramGenException.IsRetrySafe"/> failures. Returning true for an exception
        /// whose <see cref="IdeogramGenException.MayHaveBeenBilled"/> is true can pay for the same images twice.
        /// </summary>
        public Func<IdeogramGenException, bool>? ShouldRetry { get; set; }

        internal bool Allows(IdeogramGenException ex)
        {
            if (!ex.IsTransient) return false;
            return ShouldRetry != null ? ShouldRetry(ex) : ex.IsRetrySafe;
        }

        internal void Validate()
        {
            if (MaxAttempts < 1 || MaxAttempts > 10) throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "MaxAttempts must be 1 to 10.");
            if (BaseDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(BaseDelay), BaseDelay, "BaseDelay must not be negative.");
            if (InflightLimitDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(InflightLimitDelay), InflightLimitDelay, "InflightLimitDelay must not be negative.");
            if (MaxDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "MaxDelay must not be negative.");
        }
    }
}
