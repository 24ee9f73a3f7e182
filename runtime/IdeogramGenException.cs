using System;

namespace IdeogramGen
{
    /// <summary>
    /// The base of every error IdeogramGen raises after a request was attempted. Each says whether retrying can bill
    /// twice (<see cref="IsRetrySafe"/>), whether a retry may succeed (<see cref="IsTransient"/>) and whether Ideogram
    /// may already have run and billed the request (<see cref="MayHaveBeenBilled"/>). Messages never contain the API key
    /// or the gateway token.
    /// </summary>
    public abstract class IdeogramGenException : Exception
    {
        /// <summary>Creates the exception.</summary>
        protected IdeogramGenException(string message, Exception? innerException = null)
            : base(message, innerException)
        {
        }

        /// <summary>The HTTP status of the answer, or null when none arrived.</summary>
        public int? StatusCode { get; internal set; }

        /// <summary>The gateway's <c>cf-aig-*</c> headers of the answer (empty when none arrived).</summary>
        public GatewayMetadata Gateway { get; internal set; } = GatewayMetadata.Empty;

        /// <summary>The Ideogram path that was called (<c>v1/ideogram-v3/generate</c>), or for <see cref="GatewayLogsClient"/> the REST API path (<c>client/v4/accounts/…/logs/{id}</c>).</summary>
        public string? RequestPath { get; internal set; }

        /// <summary>True when sending the same request again cannot run it twice: the first attempt provably did not run.</summary>
        public bool IsRetrySafe { get; internal set; }

        /// <summary>True when the same request may succeed later (rate limits, unavailable services, network faults).</summary>
        public bool IsTransient { get; internal set; }

        /// <summary>True when Ideogram may have run the request (and billed it): a retry could pay twice.</summary>
        public bool MayHaveBeenBilled { get; internal set; }

        /// <summary>How long the server asked to wait before retrying (<c>Retry-After</c>), when it said.</summary>
        public TimeSpan? RetryAfter { get; internal set; }

        /// <summary>How many attempts were made, this one included.</summary>
        public int Attempts { get; internal set; } = 1;
    }
}
