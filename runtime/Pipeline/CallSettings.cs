using System;
using System.Collections.Generic;

namespace IdeogramGen
{
    /// <summary>
    /// What one call sends and how it behaves: every request header (credentials, <c>cf-aig-*</c> options, User-Agent,
    /// Accept) as ready strings, the timeout, the retry policy and the error classifier with the right secrets to scrub.
    /// The pipeline builds the client-wide one once; a call with its own options gets its own.
    /// </summary>
    internal sealed class CallSettings
    {
        public CallSettings(KeyValuePair<string, string>[] headers, string? eventId, TimeSpan timeout, IdeogramRetryPolicy retry, ErrorClassifier errors, bool dryRun = false, bool poll = false)
        {
            DryRun = dryRun;
            Poll = poll;
            Headers = headers;
            EventId = eventId;
            Timeout = timeout;
            Retry = retry;
            Errors = errors;
        }

        /// <summary>Every header of the request, in order.</summary>
        public KeyValuePair<string, string>[] Headers { get; }

        /// <summary>The <c>cf-aig-event-id</c> sent, if any (for recovery after a cancellation).</summary>
        public string? EventId { get; }

        /// <summary>The per-attempt timeout, or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</summary>
        public TimeSpan Timeout { get; }

        public IdeogramRetryPolicy Retry { get; }

        public ErrorClassifier Errors { get; }

        /// <summary>
        /// A price quote (<c>?dry_run=true</c>): nothing runs or is billed, so the call takes no image-limiter permits, is
        /// not marked as a request that may bill (<see cref="IdeogramRequestMark"/>), and a transient failure may be re-sent.
        /// </summary>
        public bool DryRun { get; }

        /// <summary>
        /// A generation poll (<c>GET /v1|v2/generations/{generation_id}</c>): sent as a GET without a body, it runs and
        /// bills nothing, so it takes no image-limiter permits, is not marked by <see cref="IdeogramRequestMark"/>, and
        /// bypasses the gateway cache (a cached <c>pending</c> answer would never end).
        /// </summary>
        public bool Poll { get; }

        /// <summary>True when the call cannot run or bill anything at Ideogram: a price quote or a poll.</summary>
        public bool Free => DryRun || Poll;

        /// <summary>Builds the headers of a call: <c>Api-Key</c>, the gateway token (unless the options carry their own), the options' headers, User-Agent, Accept.</summary>
        /// <exception cref="IdeogramValidationException">A gateway option is invalid.</exception>
        public static KeyValuePair<string, string>[] BuildHeaders(IdeogramCredentials credentials, GatewayRequestOptions gateway, string userAgent)
        {
            var options = gateway.ToHeaders();
            var list = new List<KeyValuePair<string, string>>(options.Count + 4);
            if (credentials.ApiKey != null) list.Add(new KeyValuePair<string, string>(GatewayHeaders.IdeogramApiKey, credentials.ApiKey));
            if (gateway.GatewayToken == null && credentials.GatewayToken != null)
                list.Add(new KeyValuePair<string, string>(GatewayHeaders.Authorization, "Bearer " + credentials.GatewayToken));
            list.AddRange(options);
            list.Add(new KeyValuePair<string, string>("User-Agent", userAgent));
            list.Add(new KeyValuePair<string, string>("Accept", "application/json"));
            return list.ToArray();
        }
    }
}
