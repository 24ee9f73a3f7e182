using System;

namespace IdeogramGen
{
    /// <summary>
    /// Ideogram reports that an asynchronous generation ended with <c>status: "failed"</c>. A generation that fails is
    /// not billed (Ideogram API reference, Errors, "Outcomes and billing"), so <see cref="IdeogramGenException.MayHaveBeenBilled"/>
    /// is false; submitting the request again starts (and, when it completes, bills) a new generation.
    /// </summary>
    public sealed class IdeogramGenerationFailedException : IdeogramGenException
    {
        internal IdeogramGenerationFailedException(string message, string generationId, string? failureReason)
            : base(message)
        {
            GenerationId = generationId;
            FailureReason = failureReason;
        }

        /// <summary>
        /// <c>failure_reason</c>: Ideogram's short machine-readable reason, e.g. <c>content_policy_violation</c>; null when the
        /// answer gave none (Ideogram OpenAPI document of 2026-10-07, <c>GenerationResponse.failure_reason</c>).
        /// </summary>
        public string? FailureReason { get; }
    }
}
