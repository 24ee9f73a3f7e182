namespace IdeogramGen
{
    /// <summary>
    /// An error answered by Ideogram and passed through by the gateway. The message carries Ideogram's own words.
    /// </summary>
    /// <remarks>
    /// Bodies: the v1 and v2 account and usage limit rejections (402, 429) are Ideogram's <c>GenerationErrorResponse</c>
    /// <c>{"error": "...", "reject_reason": "...", "max_inflight_requests": n, "task_completion_speed": "fast"|"slow"}</c>
    /// (the last two only with <c>inflight_limit</c>; OpenAPI document of 2026-10-07, Ideogram API reference, Errors and
    /// Rate limits); other statuses carry <c>{"error": "..."}</c> or a validation body (<c>detail</c>). A rejection by
    /// a limit did not run and is not billed (<see cref="IdeogramGenException.MayHaveBeenBilled"/> false).
    /// </remarks>
    public sealed class IdeogramApiException : IdeogramGenException
    {
        internal IdeogramApiException(string message, IdeogramErrorKind kind, string? errorMessage, GenerationRejectReason rejectReason)
            : base(message)
        {
            Kind = kind;
            ErrorMessage = errorMessage;
            RejectReason = rejectReason;
        }

        /// <summary>What went wrong, from the status and <c>reject_reason</c>.</summary>
        public IdeogramErrorKind Kind { get; }

        /// <summary>Ideogram's <c>error</c> text.</summary>
        public string? ErrorMessage { get; }

        /// <summary>
        /// Ideogram's <c>reject_reason</c>: the account or usage limit that rejected the request
        /// (<see cref="GenerationRejectReason.InsufficientFunds"/>, <see cref="GenerationRejectReason.InflightLimit"/>, ...);
        /// not set (<see cref="GenerationRejectReason.IsSet"/> false) when the body has none. A value this library does
        /// not know is kept as it came (<see cref="GenerationRejectReason.IsKnown"/> false).
        /// </summary>
        public GenerationRejectReason RejectReason { get; }

        /// <summary>
        /// For <see cref="IdeogramErrorKind.InflightLimit"/>: <c>max_inflight_requests</c>, how many generations the
        /// organization may have in progress at once on the queue the request resolved to (counts images and videos,
        /// 1 or more), when given.
        /// </summary>
        public int? MaxInflightRequests { get; internal set; }

        /// <summary>
        /// For <see cref="IdeogramErrorKind.InflightLimit"/>: <c>task_completion_speed</c>, the queue the request resolved
        /// to (<see cref="IdeogramGen.TaskCompletionSpeed.Fast"/> or <see cref="IdeogramGen.TaskCompletionSpeed.Slow"/>);
        /// not set when the body has none.
        /// </summary>
        public TaskCompletionSpeed TaskCompletionSpeed { get; internal set; }
    }
}
