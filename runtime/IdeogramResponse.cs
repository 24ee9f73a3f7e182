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

        /// <summary>
        /// For the result of an asynchronous generation (the generated <c>Submit…AndWaitAsync</c>, <c>Resume…Async</c> and
        /// <see cref="IdeogramGeneration{T}.WaitAsync"/>): the generation, with its id, <c>created</c> and
        /// <c>usage_cost_usd_micros</c>. Null for synchronous calls. The result is read from the completed poll's answer
        /// (<c>GET /v1|v2/generations/{generation_id}</c>), whose <c>data</c> mirrors the synchronous answer; properties the
        /// poll does not carry (a v2 answer's top-level <c>seed</c>) keep their defaults, while each image has its own.
        /// </summary>
        public IdeogramGeneration? Generation { get; internal set; }
    }
}
