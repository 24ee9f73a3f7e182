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

        /// <summary>
        /// The <c>cf-aig-event-id</c> of the failed attempt: the one the call sent (<see cref="GatewayRequestOptions.EventId"/>,
        /// or the id the client chose because <see cref="GatewayOptions.Recovery"/> is on), else the one answered; null
        /// when none is known. The gateway's logs can be filtered by it (Cloudflare API, List Gateway Logs, <c>event_id</c>).
        /// </summary>
        public string? EventId { get; internal set; }

        /// <summary>
        /// The <c>generation_id</c> of the asynchronous generation the call submitted or waited for, when one is known; the
        /// client's <c>Resume…Async(generationId)</c> picks its result up without submitting (and paying) again. Null for
        /// synchronous calls and for submits whose answer did not arrive.
        /// </summary>
        public string? GenerationId { get; internal set; }

        /// <summary>
        /// When <see cref="MayHaveBeenBilled"/> is true, how the result can be had without paying again (the message
        /// says the same); <see cref="IdeogramRecoveryPath.None"/> otherwise.
        /// </summary>
        public IdeogramRecoveryPath RecoveryPath { get; internal set; }

        /// <summary>
        /// When <see cref="GatewayRecoveryOptions.Automatic"/> tried to recover the answer from the gateway log and
        /// could not, why (an <see cref="IdeogramRecoveryException"/>, or the logs API's own error); else null.
        /// </summary>
        public Exception? RecoveryFailure { get; internal set; }

        /// <summary>The sentence on <see cref="RecoveryPath"/> that ends the message.</summary>
        internal string? RecoveryAdvice { get; set; }

        /// <summary>The message, ending with what to do to get the result when the call may have been billed.</summary>
        public override string Message => RecoveryAdvice is null ? base.Message : base.Message + " " + RecoveryAdvice;
    }
}
