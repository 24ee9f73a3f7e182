using System;
using Microsoft.Extensions.Logging;

namespace IdeogramGen
{
    /// <summary>The pipeline's log lines (one per attempt, never headers, bodies or secrets), defined once.</summary>
    internal static class PipelineLog
    {
        public static readonly Action<ILogger, string, string, int, Exception?> Sending =
            LoggerMessage.Define<string, string, int>(LogLevel.Trace, new EventId(1, "IdeogramSending"), "{Method} {Path} attempt {Attempt}");

        public static readonly Action<ILogger, string, string, int, double, string?, GatewayCacheStatus, Exception?> Received =
            LoggerMessage.Define<string, string, int, double, string?, GatewayCacheStatus>(LogLevel.Debug, new EventId(2, "IdeogramReceived"), "{Method} {Path} answered {Status} in {ElapsedMs} ms (log id {LogId}, cache {CacheStatus})");

        public static readonly Action<ILogger, string, string, double, Exception?> Polled =
            LoggerMessage.Define<string, string, double>(LogLevel.Debug, new EventId(7, "IdeogramPolled"), "GET {Path}: the generation is {Status}; polling again in {DelayMs} ms");

        public static readonly Action<ILogger, string, int, string, double, Exception?> Retrying =
            LoggerMessage.Define<string, int, string, double>(LogLevel.Information, new EventId(3, "IdeogramRetrying"), "POST {Path} attempt {Attempt} failed with {Error}; the request did not run, retrying in {DelayMs} ms");

        public static readonly Action<ILogger, string, double, Exception?> RetryAbandoned =
            LoggerMessage.Define<string, double>(LogLevel.Information, new EventId(4, "IdeogramRetryAbandoned"), "POST {Path}: Retry-After of {Seconds} s is longer than the retry policy's MaxDelay; not retrying");

        public static readonly Action<ILogger, string, string, Exception?> Failed =
            LoggerMessage.Define<string, string>(LogLevel.Debug, new EventId(5, "IdeogramFailed"), "POST {Path} failed with {Error}");

        public static readonly Action<ILogger, string, int, double, Exception?> WaitingForInflight =
            LoggerMessage.Define<string, int, double>(LogLevel.Information, new EventId(6, "IdeogramWaitingForInflight"), "POST {Path} attempt {Attempt}: Ideogram's in-flight limit is full; waiting for one of this client's calls to finish (at most {DelayMs} ms), then asking the image limiter again");
    }
}
