using System;

namespace IdeogramGen
{
    /// <summary>
    /// An answer arrived but could not be understood: truncated or malformed JSON, an empty or oversized body, or an
    /// error page that is not JSON (an HTML 502, say). On a 2xx answer the generation ran and was billed: the gateway
    /// log (<see cref="IdeogramGenException.Gateway"/>.LogId) keeps the response payload unless logging is off.
    /// </summary>
    public sealed class IdeogramResponseException : IdeogramGenException
    {
        internal IdeogramResponseException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }

        /// <summary>The media type of the body, when given.</summary>
        public string? ContentType { get; internal set; }

        /// <summary>The first characters of a non-JSON body (markup removed), for diagnosis.</summary>
        public string? BodyExcerpt { get; internal set; }
    }
}
