using System;

namespace IdeogramGen
{
    /// <summary>The call did not get a complete answer within its timeout. Ideogram may still have run it.</summary>
    public sealed class IdeogramTimeoutException : IdeogramGenException
    {
        internal IdeogramTimeoutException(string message, TimeSpan timeout, Exception? inner)
            : base(message, inner)
        {
            Timeout = timeout;
        }

        /// <summary>The timeout that expired.</summary>
        public TimeSpan Timeout { get; }
    }
}
