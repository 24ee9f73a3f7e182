namespace IdeogramGen
{
    /// <summary>
    /// An error answered by Ideogram and passed through by the gateway: <c>{"error": "...", "reject_reason": "..."}</c>
    /// or a validation body. The message carries Ideogram's own words.
    /// </summary>
    public sealed class IdeogramApiException : IdeogramGenException
    {
        internal IdeogramApiException(string message, IdeogramErrorKind kind, string? errorMessage, string? rejectReason)
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

        /// <summary>Ideogram's <c>reject_reason</c> (<c>inflight_limit</c>, <c>insufficient_funds</c>, <c>daily_limit</c>, ...).</summary>
        public string? RejectReason { get; }

        /// <summary>For <see cref="IdeogramErrorKind.InflightLimit"/>: <c>max_inflight_requests</c> (counts images), when given.</summary>
        public int? MaxInflightRequests { get; internal set; }
    }
}
