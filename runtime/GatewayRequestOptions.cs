using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace IdeogramGen
{
    /// <summary>
    /// Per-request Cloudflare AI Gateway settings, each mapped to its <c>cf-aig-*</c> request header (Cloudflare AI
    /// Gateway docs: Header Glossary, Caching, Custom metadata, Logging, Request handling, BYOK, Unified Billing,
    /// Custom costs). Set them as client defaults in <see cref="GatewayOptions.Defaults"/> and override any of them per
    /// call; an unset (null) property leaves the gateway's own setting in force. Values are checked before sending
    /// and a bad one throws <see cref="IdeogramValidationException"/> naming the header.
    /// </summary>
    public sealed class GatewayRequestOptions
    {
        /// <summary>Smallest cache TTL the gateway accepts: 60 seconds.</summary>
        public static readonly TimeSpan MinCacheTtl = TimeSpan.FromSeconds(ApiDescription.GatewayLimits.MinCacheTtlSeconds);

        /// <summary>Largest cache TTL the gateway accepts: one month (taken as 30 days).</summary>
        public static readonly TimeSpan MaxCacheTtl = TimeSpan.FromSeconds(ApiDescription.GatewayLimits.MaxCacheTtlSeconds);

        /// <summary>Largest gateway retry delay: 5000 ms.</summary>
        public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(ApiDescription.GatewayLimits.MaxRetryDelayMilliseconds);

        /// <summary>Most metadata entries the gateway keeps: 5.</summary>
        public const int MaxMetadataEntries = ApiDescription.GatewayLimits.MaxMetadataEntries;

        /// <summary>
        /// <c>cf-aig-authorization: Bearer &lt;token&gt;</c> for this call, overriding <see cref="IdeogramCredentials.GatewayToken"/>.
        /// Never shown by <see cref="ToString"/>, logs or exceptions.
        /// </summary>
        public string? GatewayToken { get; set; }

        /// <summary>
        /// <c>cf-aig-cache-key</c>: opts this request into the gateway cache under this key. Ideogram answers hold
        /// temporary image links: a cache HIT replays links that may have expired (download at once, and see
        /// <see cref="ImageDownloader"/>).
        /// </summary>
        public string? CacheKey { get; set; }

        /// <summary><c>cf-aig-cache-ttl</c>: how long a cached answer lives, 60 s to one month, whole seconds.</summary>
        public TimeSpan? CacheTtl { get; set; }

        /// <summary><c>cf-aig-skip-cache: true</c>: bypass the cache for this request.</summary>
        public bool? SkipCache { get; set; }

        /// <summary><c>cf-aig-metadata</c>: up to 5 flat entries (string, number or boolean) attached to the log; keys starting with <c>cf.</c> are reserved.</summary>
        public GatewayLogMetadata? Metadata { get; set; }

        /// <summary><c>cf-aig-collect-log</c>: log this request (true) or not (false), overriding the gateway setting.</summary>
        public bool? CollectLog { get; set; }

        /// <summary><c>cf-aig-collect-log-payload</c>: false logs only metadata, without request and response bodies.</summary>
        public bool? CollectLogPayload { get; set; }

        /// <summary><c>cf-aig-event-id</c>: your own trace id, echoed back in the response header of the same name.</summary>
        public string? EventId { get; set; }

        /// <summary><c>cf-aig-request-timeout</c>: the gateway's timeout to Ideogram's first response byte, whole milliseconds.</summary>
        public TimeSpan? RequestTimeout { get; set; }

        /// <summary>
        /// <c>cf-aig-max-attempts</c> (1 to 5): how often the gateway itself tries Ideogram. Each gateway retry re-runs
        /// the generation, and Ideogram bills every run: above 1 a single call can be billed several times.
        /// </summary>
        public int? MaxAttempts { get; set; }

        /// <summary><c>cf-aig-retry-delay</c>: the gateway's delay between its own retries, at most 5000 ms.</summary>
        public TimeSpan? RetryDelay { get; set; }

        /// <summary><c>cf-aig-backoff</c>: how the gateway spaces its own retries.</summary>
        public GatewayBackoff? Backoff { get; set; }

        /// <summary><c>cf-aig-byok-alias</c>: which stored Ideogram key (Bring Your Own Keys) the gateway uses when no Api-Key is sent.</summary>
        public string? ByokAlias { get; set; }

        /// <summary><c>cf-aig-no-wholesale: true</c>: never fall back to Unified Billing (the gateway answers 400 without credentials).</summary>
        public bool? NoWholesale { get; set; }

        /// <summary><c>cf-aig-zdr</c>: per-request Zero Data Retention (Unified Billing only).</summary>
        public bool? ZeroDataRetention { get; set; }

        /// <summary><c>cf-aig-custom-cost</c>: the cost the gateway records for this request.</summary>
        public GatewayCustomCost? CustomCost { get; set; }

        /// <summary>
        /// Further <c>cf-aig-*</c> headers, for knobs Cloudflare adds later. Names must start with <c>cf-aig-</c>;
        /// a name also set by a typed property above is rejected.
        /// </summary>
        public IDictionary<string, string> ExtraHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Returns a copy where each property set in <paramref name="overrides"/> replaces this one's.</summary>
        public GatewayRequestOptions MergedWith(GatewayRequestOptions? overrides)
        {
            var o = overrides;
            var merged = new GatewayRequestOptions
            {
                GatewayToken = o?.GatewayToken ?? GatewayToken,
                CacheKey = o?.CacheKey ?? CacheKey,
                CacheTtl = o?.CacheTtl ?? CacheTtl,
                SkipCache = o?.SkipCache ?? SkipCache,
                Metadata = o?.Metadata ?? Metadata,
                CollectLog = o?.CollectLog ?? CollectLog,
                CollectLogPayload = o?.CollectLogPayload ?? CollectLogPayload,
                EventId = o?.EventId ?? EventId,
                RequestTimeout = o?.RequestTimeout ?? RequestTimeout,
                MaxAttempts = o?.MaxAttempts ?? MaxAttempts,
                RetryDelay = o?.RetryDelay ?? RetryDelay,
                Backoff = o?.Backoff ?? Backoff,
                ByokAlias = o?.ByokAlias ?? ByokAlias,
                NoWholesale = o?.NoWholesale ?? NoWholesale,
                ZeroDataRetention = o?.ZeroDataRetention ?? ZeroDataRetention,
                CustomCost = o?.CustomCost ?? CustomCost,
            };
            foreach (var kv in ExtraHeaders) merged.ExtraHeaders[kv.Key] = kv.Value;
            if (o != null) foreach (var kv in o.ExtraHeaders) merged.ExtraHeaders[kv.Key] = kv.Value;
            return merged;
        }

        /// <summary>Checks every value and returns the headers to send, in a stable order.</summary>
        /// <exception cref="IdeogramValidationException">A value the gateway would reject or ignore.</exception>
        public IReadOnlyList<KeyValuePair<string, string>> ToHeaders()
        {
            var h = new List<KeyValuePair<string, string>>();
            void Add(string name, string value) => h.Add(new KeyValuePair<string, string>(name, value));

            if (GatewayToken != null) Add(GatewayHeaders.Authorization, "Bearer " + CheckToken(GatewayToken, GatewayHeaders.Authorization));
            if (CacheKey != null) Add(GatewayHeaders.CacheKey, CheckText(CacheKey, GatewayHeaders.CacheKey));
            if (CacheTtl is TimeSpan ttl)
            {
                if (ttl < MinCacheTtl || ttl > MaxCacheTtl || ttl.Ticks % TimeSpan.TicksPerSecond != 0)
                    throw new IdeogramValidationException(GatewayHeaders.CacheTtl, $"{ttl.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s is out of range", ApiDescription.GatewayLimits.CacheTtlRange);
                Add(GatewayHeaders.CacheTtl, ((long)ttl.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            }
            if (SkipCache != null) Add(GatewayHeaders.SkipCache, Bool(SkipCache.Value));
            if (Metadata != null && Metadata.Count > 0) Add(GatewayHeaders.Metadata, Metadata.ToJson());
            if (CollectLog != null) Add(GatewayHeaders.CollectLog, Bool(CollectLog.Value));
            if (CollectLogPayload != null) Add(GatewayHeaders.CollectLogPayload, Bool(CollectLogPayload.Value));
            if (EventId != null) Add(GatewayHeaders.EventId, CheckText(EventId, GatewayHeaders.EventId));
            if (RequestTimeout is TimeSpan rt)
            {
                if (rt <= TimeSpan.Zero || rt.Ticks % TimeSpan.TicksPerMillisecond != 0)
                    throw new IdeogramValidationException(GatewayHeaders.RequestTimeout, "must be a positive whole number of milliseconds", "1 ms or more");
                Add(GatewayHeaders.RequestTimeout, ((long)rt.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            }
            if (MaxAttempts is int attempts)
            {
                if (attempts < ApiDescription.GatewayLimits.MinAttempts || attempts > ApiDescription.GatewayLimits.MaxAttempts)
                    throw new IdeogramValidationException(GatewayHeaders.MaxAttempts, $"{attempts} is out of range", $"{ApiDescription.GatewayLimits.MinAttempts} to {ApiDescription.GatewayLimits.MaxAttempts}");
                Add(GatewayHeaders.MaxAttempts, attempts.ToString(CultureInfo.InvariantCulture));
            }
            if (RetryDelay is TimeSpan delay)
            {
                if (delay < TimeSpan.Zero || delay > MaxRetryDelay || delay.Ticks % TimeSpan.TicksPerMillisecond != 0)
                    throw new IdeogramValidationException(GatewayHeaders.RetryDelay, $"{delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms is out of range", ApiDescription.GatewayLimits.RetryDelayRange);
                Add(GatewayHeaders.RetryDelay, ((long)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            }
            if (Backoff != null) Add(GatewayHeaders.Backoff, Backoff.Value switch
            {
                GatewayBackoff.Constant => "constant",
                GatewayBackoff.Linear => "linear",
                GatewayBackoff.Exponential => "exponential",
                _ => throw new IdeogramValidationException(GatewayHeaders.Backoff, $"{(int)Backoff.Value} is not a backoff", "constant, linear, exponential"),
            });
            if (ByokAlias != null) Add(GatewayHeaders.ByokAlias, CheckText(ByokAlias, GatewayHeaders.ByokAlias));
            if (NoWholesale != null) Add(GatewayHeaders.NoWholesale, Bool(NoWholesale.Value));
            if (ZeroDataRetention != null) Add(GatewayHeaders.Zdr, Bool(ZeroDataRetention.Value));
            if (CustomCost != null) Add(GatewayHeaders.CustomCost, CustomCost.ToJson());
            foreach (var kv in ExtraHeaders)
            {
                if (!kv.Key.StartsWith("cf-aig-", StringComparison.OrdinalIgnoreCase))
                    throw new IdeogramValidationException(kv.Key, "is not a gateway header", "names starting with cf-aig-");
                foreach (var existing in h)
                    if (string.Equals(existing.Key, kv.Key, StringComparison.OrdinalIgnoreCase))
                        throw new IdeogramValidationException(kv.Key, "is also set by a typed option", "each header once; use the typed option");
                if (string.Equals(kv.Key, GatewayHeaders.Authorization, StringComparison.OrdinalIgnoreCase))
                    throw new IdeogramValidationException(kv.Key, "carries a secret", "the gateway token in IdeogramCredentials or GatewayToken");
                if (kv.Value is null) throw new IdeogramValidationException(kv.Key, "has no value", "a non-empty value");
                Add(kv.Key.ToLowerInvariant(), CheckText(kv.Value, kv.Key));
            }
            return h;
        }

        /// <summary>Lists which options are set, never the token.</summary>
        public override string ToString()
        {
            var sb = new StringBuilder("GatewayRequestOptions(");
            bool first = true;
            foreach (var kv in ToHeadersForDisplay())
            {
                if (!first) sb.Append(", ");
                first = false;
                sb.Append(kv);
            }
            return sb.Append(')').ToString();
        }

        private IEnumerable<string> ToHeadersForDisplay()
        {
            if (GatewayToken != null) yield return GatewayHeaders.Authorization + ": " + SecretScrubber.Mask;
            if (CacheKey != null) yield return GatewayHeaders.CacheKey;
            if (CacheTtl != null) yield return GatewayHeaders.CacheTtl;
            if (SkipCache != null) yield return GatewayHeaders.SkipCache;
            if (Metadata != null) yield return GatewayHeaders.Metadata;
            if (CollectLog != null) yield return GatewayHeaders.CollectLog;
            if (CollectLogPayload != null) yield return GatewayHeaders.CollectLogPayload;
            if (EventId != null) yield return GatewayHeaders.EventId;
            if (RequestTimeout != null) yield return GatewayHeaders.RequestTimeout;
            if (MaxAttempts != null) yield return GatewayHeaders.MaxAttempts;
            if (RetryDelay != null) yield return GatewayHeaders.RetryDelay;
            if (Backoff != null) yield return GatewayHeaders.Backoff;
            if (ByokAlias != null) yield return GatewayHeaders.ByokAlias;
            if (NoWholesale != null) yield return GatewayHeaders.NoWholesale;
            if (ZeroDataRetention != null) yield return GatewayHeaders.Zdr;
            if (CustomCost != null) yield return GatewayHeaders.CustomCost;
            foreach (var kv in ExtraHeaders) yield return kv.Key;
        }

        private static string Bool(bool b) => b ? "true" : "false";

        private static string CheckText(string value, string header)
        {
            if (value.Length == 0) throw new IdeogramValidationException(header, "is empty", "a non-empty value");
            foreach (var c in value)
                if (c < 0x20 || c > 0x7e)
                    throw new IdeogramValidationException(header, "contains a control or non-ASCII character", "printable ASCII");
            return value;
        }

        private static string CheckToken(string value, string header)
        {
            foreach (var c in value)
                if (c <= 0x20 || c > 0x7e)
                    throw new IdeogramValidationException(header, "the gateway token contains white space or a non-ASCII character", "a Cloudflare API token");
            if (value.Length == 0) throw new IdeogramValidationException(header, "the gateway token is empty", "a Cloudflare API token");
            return value;
        }
    }
}
