using System;

namespace IdeogramGen
{
    /// <summary>
    /// An asynchronous generation was still <c>pending</c> when the wait's <see cref="IdeogramPollingOptions.Timeout"/>
    /// ran out. The generation keeps running and will be billed when it completes (Ideogram API reference, Errors,
    /// "Outcomes and billing"): resume the wait by <see cref="IdeogramGenException.GenerationId"/> with the client's
    /// <c>Resume…Async</c> (the message names it) instead of submitting again.
    /// </summary>
    public sealed class IdeogramGenerationPendingException : IdeogramGenException
    {
        internal IdeogramGenerationPendingException(string message, string generationId, TimeSpan waited, Exception? lastPollFailure)
            : base(message, lastPollFailure)
        {
            GenerationId = generationId;
            Waited = waited;
        }

        /// <summary>How long the wait lasted (measured on <see cref="GatewayOptions.TimeProvider"/>).</summary>
        public TimeSpan Waited { get; }
    }
}
