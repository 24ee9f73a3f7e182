using System;

namespace IdeogramGen
{
    /// <summary>Per-call settings: gateway options, timeout and retries that override the client's.</summary>
    public sealed class IdeogramRequestOptions
    {
        /// <summary>Gateway settings for this call; set properties override <see cref="GatewayOptions.Defaults"/>.</summary>
        public GatewayRequestOptions? Gateway { get; set; }

        /// <summary>This call's timeout per attempt, overriding <see cref="GatewayOptions.Timeout"/>.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>This call's retry policy, overriding <see cref="GatewayOptions.Retry"/>.</summary>
        public IdeogramRetryPolicy? Retry { get; set; }

        /// <summary>How this call waits for an asynchronous generation, overriding <see cref="GatewayOptions.Polling"/>.</summary>
        public IdeogramPollingOptions? Polling { get; set; }
    }
}
