using System;
using System.Threading;

namespace IdeogramGen
{
    /// <summary>
    /// The caller's <see cref="CancellationToken"/> ended a call after its request had been sent. It is an
    /// <see cref="OperationCanceledException"/> carrying the caller's token (catch blocks written for cancellation keep
    /// working), plus what is known to recover the result: Ideogram may have run and billed the request, and the gateway
    /// log (<see cref="GatewayMetadata.LogId"/> when the answer's headers had arrived, else the <c>cf-aig-event-id</c>
    /// the call sent) keeps the response payload unless payload logging is off (Cloudflare AI Gateway docs, Logging).
    /// Cancellation before anything was sent (waiting for the image limiter or for a retry) stays a plain
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public sealed class IdeogramCanceledException : OperationCanceledException
    {
        internal IdeogramCanceledException(string message, Exception? innerException, CancellationToken token)
            : base(message, innerException, token)
        {
        }

        /// <summary>The Ideogram path that was called (<c>v1/ideogram-v3/generate</c>).</summary>
        public string? RequestPath { get; internal set; }

        /// <summary>True: the request reached the HttpClient, so Ideogram may have run (and billed) it.</summary>
        public bool MayHaveBeenBilled { get; internal set; }

        /// <summary>The HTTP status, when the answer's headers had arrived; else null.</summary>
        public int? StatusCode { get; internal set; }

        /// <summary>The gateway's <c>cf-aig-*</c> headers when the answer's headers had arrived (log id, event id, ...); else empty.</summary>
        public GatewayMetadata Gateway { get; internal set; } = GatewayMetadata.Empty;

        /// <summary>The <c>cf-aig-event-id</c> of the call (answered, or the one sent with <see cref="GatewayRequestOptions.EventId"/>), when known: the gateway's logs can be filtered by it.</summary>
        public string? EventId { get; internal set; }

        /// <summary>
        /// The <c>generation_id</c> when the cancellation ended the wait for an asynchronous generation (which keeps
        /// running): resume it with the client's <c>Resume…Async(generationId)</c>. Null for synchronous calls.
        /// </summary>
        public string? GenerationId { get; internal set; }

        /// <summary>How many attempts were made, this one included.</summary>
        public int Attempts { get; internal set; } = 1;

        /// <summary>How the result can be had without paying again (the message says the same).</summary>
        public IdeogramRecoveryPath RecoveryPath { get; internal set; }

        /// <summary>The sentence on <see cref="RecoveryPath"/> that ends the message.</summary>
        internal string? RecoveryAdvice { get; set; }

        /// <summary>The message, ending with what to do to get the result.</summary>
        public override string Message => RecoveryAdvice is null ? base.Message : base.Message + " " + RecoveryAdvice;
    }
}
