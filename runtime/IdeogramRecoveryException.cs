using System;

namespace IdeogramGen
{
    /// <summary>
    /// <c>RecoverAsync</c> could not turn the gateway log of a failed call into its result; <see cref="Kind"/> says why
    /// and the message says what to do. Recovery only reads logs, so it never runs or bills a generation:
    /// <see cref="IdeogramGenException.MayHaveBeenBilled"/> is false and calling <c>RecoverAsync</c> again is safe
    /// (<see cref="IdeogramGenException.IsRetrySafe"/>); <see cref="IdeogramGenException.IsTransient"/> is true when a
    /// later try may succeed (the log not written yet). <see cref="Failure"/> is the call's own exception.
    /// </summary>
    public sealed class IdeogramRecoveryException : IdeogramGenException
    {
        internal IdeogramRecoveryException(string message, IdeogramRecoveryErrorKind kind, Exception failure, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            Failure = failure;
            IsRetrySafe = true;
        }

        /// <summary>Why the answer could not be recovered.</summary>
        public IdeogramRecoveryErrorKind Kind { get; }

        /// <summary>The exception of the call whose answer was to be recovered.</summary>
        public Exception Failure { get; }

        /// <summary>The log entry id, when one was found or known.</summary>
        public string? LogId { get; internal set; }

        /// <summary>How many lookups were made.</summary>
        public int Lookups { get; internal set; }

        /// <summary>For <see cref="IdeogramRecoveryErrorKind.LoggedAnswerIsError"/>: the status the gateway logged (0 when it logged no answer).</summary>
        public int? LoggedStatusCode { get; internal set; }
    }
}
