namespace IdeogramGen
{
    /// <summary>
    /// What a caller can do to get the result of a call that failed after Ideogram may have run (and billed) it,
    /// without paying for it again. Every exception whose <c>MayHaveBeenBilled</c> is true names one, and its message
    /// says the same in words.
    /// </summary>
    public enum IdeogramRecoveryPath
    {
        /// <summary>Nothing ran or was billed (or nothing is known to have run): sending the request again is the way.</summary>
        None = 0,

        /// <summary>
        /// The answer broke in transit or never arrived, and the call can be found in the gateway's logs (by its
        /// <c>cf-aig-log-id</c>, or by the <c>cf-aig-event-id</c> it sent): the client's <c>RecoverAsync(exception)</c>
        /// reads the logged response payload (Cloudflare API, AI Gateway &gt; Logs &gt; Get Gateway Log Response) into the
        /// same typed result. Needs <see cref="GatewayOptions.Recovery"/>.
        /// </summary>
        GatewayLog = 1,

        /// <summary>An asynchronous generation whose id is known: resume waiting for it by its generation id.</summary>
        GenerationId = 2,

        /// <summary>
        /// Nothing can be recovered automatically: the answer was an error (so the log holds no images), or no log id or
        /// event id is known for the call. Look it up in the gateway's logs (dashboard or logs API) before sending it again.
        /// </summary>
        Manual = 3,
    }
}
