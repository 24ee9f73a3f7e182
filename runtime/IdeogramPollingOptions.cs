using System;

namespace IdeogramGen
{
    /// <summary>
    /// How the client waits for an asynchronous generation: it polls <c>GET /v1|v2/generations/{generation_id}</c>
    /// (free: a poll runs and bills nothing) after <see cref="FirstDelay"/>, then at growing intervals up to
    /// <see cref="MaxDelay"/>, until the generation is <c>completed</c> or <c>failed</c>, the caller cancels, or
    /// <see cref="Timeout"/> has passed since the wait began. A <c>Retry-After</c> on a rate-limited poll (HTTP 429;
    /// Ideogram limits polling to 1,000 requests per 10 seconds per organization, Ideogram API reference, Rate limits) is
    /// waited out as asked. Waits are measured on <see cref="GatewayOptions.TimeProvider"/>.
    /// </summary>
    public sealed class IdeogramPollingOptions
    {
        /// <summary>The first wait after the submit (or before the first poll of a resumed generation), 0 to 1 hour. Default 2 s; 0 polls at once.</summary>
        public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>Each further wait is the previous one times this factor (1 to 10), plus up to 10 % jitter. Default 1.5.</summary>
        public double Multiplier { get; set; } = 1.5;

        /// <summary>The longest wait between two polls, up to 1 hour (a <c>Retry-After</c> may be longer, up to one day). Default 15 s.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>
        /// How long one wait may last before it gives up with <see cref="IdeogramGenerationPendingException"/> (the
        /// generation keeps running and can be resumed by its id). Default 10 minutes; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for no limit.
        /// </summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>The longest <see cref="FirstDelay"/> and <see cref="MaxDelay"/>: one hour.</summary>
        internal static readonly TimeSpan MaxWait = TimeSpan.FromHours(1);

        /// <summary>The longest single wait, a <c>Retry-After</c> included: one day (a longer one is shortened to this).</summary>
        internal static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);

        /// <summary>A copy, so that a wait is not changed by later edits of the caller's instance.</summary>
        internal IdeogramPollingOptions Snapshot() => new IdeogramPollingOptions { FirstDelay = FirstDelay, Multiplier = Multiplier, MaxDelay = MaxDelay, Timeout = Timeout };

        /// <summary>Throws when a value is out of range.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A delay is negative or over one hour, <see cref="MaxDelay"/> is zero, the multiplier is outside 1–10, or the timeout is not positive or infinite.</exception>
        internal void Validate()
        {
            if (FirstDelay > MaxWait) throw new ArgumentOutOfRangeException(nameof(FirstDelay), FirstDelay, "IdeogramPollingOptions.FirstDelay must be at most one hour.");
            if (MaxDelay > MaxWait) throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "IdeogramPollingOptions.MaxDelay must be at most one hour.");
            if (FirstDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(FirstDelay), FirstDelay, "IdeogramPollingOptions.FirstDelay must be zero or positive.");
            if (MaxDelay <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "IdeogramPollingOptions.MaxDelay must be positive.");
            if (double.IsNaN(Multiplier) || Multiplier < 1 || Multiplier > 10) throw new ArgumentOutOfRangeException(nameof(Multiplier), Multiplier, "IdeogramPollingOptions.Multiplier must be from 1 to 10.");
            if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
                throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "IdeogramPollingOptions.Timeout must be positive or Timeout.InfiniteTimeSpan.");
        }
    }
}
