using System.Collections.Generic;

namespace IdeogramGen
{
    /// <summary>
    /// An error answered by Cloudflare AI Gateway itself (not by Ideogram): the <c>AiGatewayError</c> envelope
    /// <c>{"success":false,"error":[{"code":2009,"message":"Unauthorized"}],"name":"AiGatewayError","httpCode":401,"internalCode":2009}</c>,
    /// a policy error <c>{"success":false,"error":{"message":…}}</c>, or the v4 REST envelope <c>{"errors":[…]}</c>.
    /// </summary>
    public sealed class GatewayException : IdeogramGenException
    {
        internal GatewayException(string message, GatewayErrorKind kind, int? code, IReadOnlyList<GatewayErrorEntry> errors)
            : base(message)
        {
            Kind = kind;
            Code = code;
            Errors = errors;
        }

        /// <summary>What went wrong, from the code.</summary>
        public GatewayErrorKind Kind { get; }

        /// <summary>The gateway's internal code (<c>internalCode</c> or the first <c>error[].code</c>).</summary>
        public int? Code { get; }

        /// <summary>Every entry of the body's <c>error</c> / <c>errors</c> array.</summary>
        public IReadOnlyList<GatewayErrorEntry> Errors { get; }

        /// <summary>For <see cref="GatewayErrorKind.SpendLimitExceeded"/>: the spend-limit bucket id.</summary>
        public string? SpendLimitBucket { get; internal set; }

        /// <summary>For <see cref="GatewayErrorKind.SpendLimitExceeded"/>: the amount spent in the window (USD).</summary>
        public double? SpendLimitSpent { get; internal set; }

        /// <summary>For <see cref="GatewayErrorKind.SpendLimitExceeded"/>: the limit (USD).</summary>
        public double? SpendLimit { get; internal set; }
    }
}
