namespace IdeogramGen
{
    /// <summary>Why <c>RecoverAsync</c> could not recover a call's answer from the gateway log (<see cref="IdeogramRecoveryException.Kind"/>).</summary>
    public enum IdeogramRecoveryErrorKind
    {
        /// <summary>The failed call provably did not run (it was not billed): send it again instead.</summary>
        NothingToRecover = 0,

        /// <summary><see cref="GatewayOptions.Recovery"/> is not set, so there is no token for the logs API.</summary>
        NotConfigured = 1,

        /// <summary>Neither a <c>cf-aig-log-id</c> nor a <c>cf-aig-event-id</c> is known for the call, so its log cannot be found.</summary>
        NoCorrelation = 2,

        /// <summary>No log entry was found after <see cref="GatewayRecoveryOptions.MaxLookups"/> lookups: not written yet (logs are written asynchronously), logging is off for the call or the gateway, or it was deleted.</summary>
        LogNotFound = 3,

        /// <summary>The entry exists but holds no response payload (<c>cf-aig-collect-log-payload: false</c>, or too large to log).</summary>
        PayloadNotLogged = 4,

        /// <summary>The gateway logged an error answer (or none, status 0): there are no images to recover.</summary>
        LoggedAnswerIsError = 5,

        /// <summary>The logged response payload is not a readable answer of the endpoint either (Ideogram itself sent it broken).</summary>
        LoggedAnswerUnreadable = 6,

        /// <summary>Several log entries carry the call's <c>cf-aig-event-id</c> (an event id set by hand and reused), so the call's own cannot be told apart.</summary>
        AmbiguousEventId = 7,

        /// <summary>The exception is from a path this client does not call (another client's endpoint), so the answer's reader is not here.</summary>
        EndpointNotInClient = 8,
    }
}
