using System;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen
{
    /// <summary>The waits of the retry loop and the generation poller: measured on a <see cref="TimeProvider"/>, spread by jitter.</summary>
    internal static class Waits
    {
        /// <summary>Waits <paramref name="delay"/> on <paramref name="time"/> (at once for zero or less).</summary>
        public static Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
        {
            if (delay <= TimeSpan.Zero) return Task.CompletedTask;
#if NET8_0_OR_GREATER
            return Task.Delay(delay, time, cancellationToken);
#else
            return time.Delay(delay, cancellationToken);
#endif
        }

        /// <summary>A random number from 0 (inclusive) to 1 (exclusive), safe to call from any thread.</summary>
#if NET6_0_OR_GREATER
        public static double Jitter() => Random.Shared.NextDouble();
#else
        public static double Jitter() { lock (JitterLock) return JitterRandom.NextDouble(); }

        private static readonly object JitterLock = new object();
        private static readonly Random JitterRandom = new Random();
#endif
    }
}
