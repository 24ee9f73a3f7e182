using System;

namespace IdeogramGen
{
    /// <summary>
    /// The base of every generated response type: Ideogram's body plus what the gateway said about the call.
    /// </summary>
    public abstract class IdeogramResponse
    {
        /// <summary>The gateway's <c>cf-aig-*</c> headers: log id, request id, event id, cache status, ...</summary>
        public GatewayMetadata Gateway { get; internal set; } = GatewayMetadata.Empty;

        /// <summary>The HTTP status of the answer (200).</summary>
        public int StatusCode { get; internal set; }

        /// <summary>
        /// True when this result was read from the gateway's log of the call (its answer broke in transit), by
        /// <c>RecoverAsync</c> or <see cref="GatewayRecoveryOptions.Automatic"/>, rather than from the answer itself.
        /// </summary>
        public bool RecoveredFromGatewayLog { get; internal set; }
    }
}
