using System;

namespace IdeogramGen
{
    /// <summary>
    /// <see cref="GatewayOptions.ImageLimiter"/> did not grant the call's image permits (a full queue, or more permits
    /// than it can ever grant). Nothing was sent, so retrying is safe; <see cref="IdeogramGenException.RetryAfter"/>
    /// carries the limiter's own hint when it gave one.
    /// </summary>
    public sealed class ImageLimiterRejectedException : IdeogramGenException
    {
        internal ImageLimiterRejectedException(string message, TimeSpan? retryAfter)
            : base(message)
        {
            RetryAfter = retryAfter;
            IsRetrySafe = true;
            IsTransient = true;
        }
    }
}
