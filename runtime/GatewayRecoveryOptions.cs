using System;
using System.Globalization;

namespace IdeogramGen
{
    /// <summary>
    /// Recovery of paid answers that broke in transit, from the gateway's logs (set on <see cref="GatewayOptions.Recovery"/>).
    /// Cloudflare AI Gateway logs each request with its request and response payloads unless logging is off
    /// (Cloudflare AI Gateway docs, Observability &gt; Logging), so when a generation ran and was billed but its answer
    /// was cut, reset or never arrived, the client can read the logged answer
    /// (<c>GET /client/v4/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/logs/{id}/response</c>, Cloudflare API,
    /// AI Gateway &gt; Logs &gt; Get Gateway Log Response) into the same typed result instead of paying again.
    /// </summary>
    /// <remarks>
    /// <para>With recovery on, every call sends a <c>cf-aig-event-id</c> of its own (a new one per attempt, unless the
    /// call sets <see cref="GatewayRequestOptions.EventId"/>), so that a call whose answer never arrived, and so carries
    /// no <c>cf-aig-log-id</c>, can still be found: the logs are listed with the filter <c>event_id eq …</c> (Cloudflare
    /// API, List Gateway Logs). The gateway writes logs asynchronously, so a lookup that finds nothing is repeated with
    /// backoff (<see cref="MaxLookups"/>, <see cref="FirstLookupDelay"/>, <see cref="MaxLookupDelay"/>) on
    /// <see cref="GatewayOptions.TimeProvider"/>.</para>
    /// <para><see cref="LogsApiToken"/> is a secret: it never appears in <see cref="ToString"/>, log lines, telemetry or
    /// exception messages.</para>
    /// </remarks>
    public sealed class GatewayRecoveryOptions
    {
        /// <summary>
        /// A Cloudflare API token with the <c>AI Gateway - Read</c> permission on the account, sent to the logs API as
        /// <c>Authorization: Bearer …</c>. Not the gateway's run token and not the Ideogram key. Required: a pipeline
        /// whose recovery has no token is refused with <see cref="ArgumentException"/> when it is created.
        /// </summary>
        public string? LogsApiToken { get; set; }

        /// <summary>
        /// Whether a call recovers by itself: when true, a call that fails with
        /// <see cref="IdeogramRecoveryPath.GatewayLog"/> reads the logged answer before it returns, and returns it
        /// (<see cref="IdeogramResponse.RecoveredFromGatewayLog"/> is then true); when that fails too, the call throws
        /// its own exception with <see cref="IdeogramGenException.RecoveryFailure"/> set. Default false: only
        /// <c>RecoverAsync(exception)</c> recovers.
        /// </summary>
        public bool Automatic { get; set; }

        /// <summary>The Cloudflare API root; <see cref="GatewayLogsClient.CloudflareApiRoot"/> when null. Point it at <c>IdeogramEmulator.Root</c> in tests.</summary>
        public Uri? ApiRoot { get; set; }

        /// <summary>How many times the log is looked up before <see cref="IdeogramRecoveryErrorKind.LogNotFound"/>: 1 to 20, default 6.</summary>
        public int MaxLookups { get; set; } = 6;

        /// <summary>The wait after the first lookup that found nothing, doubled after each further one (no jitter): default 1 s.</summary>
        public TimeSpan FirstLookupDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest wait between two lookups: default 10 s (6 lookups then span 1 + 2 + 4 + 8 + 10 = 25 s).</summary>
        public TimeSpan MaxLookupDelay { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>The timeout of each logs API call: default 30 s.</summary>
        public TimeSpan LookupTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Describes the settings; says whether a token is set, never the token.</summary>
        public override string ToString() =>
            "GatewayRecoveryOptions(Automatic: " + (Automatic ? "true" : "false")
            + ", LogsApiToken: " + (string.IsNullOrEmpty(LogsApiToken) ? "not set" : "set")
            + ", MaxLookups: " + MaxLookups.ToString(CultureInfo.InvariantCulture)
            + (ApiRoot is null ? "" : ", ApiRoot: " + ApiRoot.GetLeftPart(UriPartial.Authority))
            + ")";

        internal void Validate()
        {
            if (string.IsNullOrEmpty(LogsApiToken))
                throw new ArgumentException("GatewayOptions.Recovery.LogsApiToken must be set: a Cloudflare API token with AI Gateway Read permission, which the logs API needs to read a logged answer.", "options");
            if (MaxLookups < 1 || MaxLookups > 20)
                throw new ArgumentOutOfRangeException("options", MaxLookups, "GatewayOptions.Recovery.MaxLookups must be from 1 to 20.");
            if (FirstLookupDelay < TimeSpan.Zero || MaxLookupDelay < TimeSpan.Zero)
                throw new ArgumentOutOfRangeException("options", "GatewayOptions.Recovery.FirstLookupDelay and MaxLookupDelay must not be negative.");
            if (LookupTimeout <= TimeSpan.Zero && LookupTimeout != System.Threading.Timeout.InfiniteTimeSpan)
                throw new ArgumentOutOfRangeException("options", LookupTimeout, "GatewayOptions.Recovery.LookupTimeout must be positive or infinite.");
            if (ApiRoot != null && (!ApiRoot.IsAbsoluteUri || (ApiRoot.Scheme != Uri.UriSchemeHttps && ApiRoot.Scheme != Uri.UriSchemeHttp)))
                throw new ArgumentException("GatewayOptions.Recovery.ApiRoot must be an absolute http or https URI such as https://api.cloudflare.com/.", "options");
        }
    }
}
