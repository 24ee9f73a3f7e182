using System;

namespace IdeogramGen
{
    /// <summary>The network failed: the connection could not be made, or broke while sending or receiving.</summary>
    public sealed class IdeogramTransportException : IdeogramGenException
    {
        internal IdeogramTransportException(string message, Exception? inner)
            : base(message, inner)
        {
        }

        /// <summary>True when the failure happened before the request could reach the gateway (connection refused, DNS).</summary>
        public bool FailedBeforeSending { get; internal set; }
    }
}
