using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;

namespace IdeogramGen
{
    /// <summary>Whether the gateway answered from its cache (<c>cf-aig-cache-status</c>).</summary>
    public enum GatewayCacheStatus
    {
        /// <summary>The header was absent (caching not in play, or not a gateway answer).</summary>
        Unknown = 0,
        /// <summary><c>MISS</c>: the request went to Ideogram (and was billed).</summary>
        Miss,
        /// <summary><c>HIT</c>: the gateway replayed a stored answer; Ideogram was not called. Image URLs in it may have expired.</summary>
        Hit,
    }

    /// <summary>
    /// What Cloudflare AI Gateway said about one call, read from its <c>cf-aig-*</c> response headers
    /// (Cloudflare AI Gateway docs, Header Glossary; changelog 2026-10-08 for the id format).
    /// Present on every result and every exception that had an HTTP response.
    /// </summary>
    public sealed class GatewayMetadata
    {
        /// <summary>No gateway headers.</summary>
        public static GatewayMetadata Empty { get; } = new GatewayMetadata(null, null, null, GatewayCacheStatus.Unknown, null, null, null, null, null);

        /// <summary>Creates metadata.</summary>
        public GatewayMetadata(string? logId, string? requestId, string? eventId, GatewayCacheStatus cacheStatus, int? step, string? model, string? provider, string? dlpJson, string? cacheStatusText = null)
        {
            LogId = logId;
            RequestId = requestId;
            EventId = eventId;
            CacheStatus = cacheStatus;
            Step = step;
            Model = model;
            Provider = provider;
            Dlp = dlpJson is null ? null : GatewayDlpResult.Parse(dlpJson);
            CacheStatusText = cacheStatusText;
        }

        /// <summary><c>cf-aig-log-id</c>: the log entry id, for the logs API and feedback. Opaque: a 26-character ULID before 2026-10-08, a lowercase UUIDv7 since.</summary>
        public string? LogId { get; }

        /// <summary><c>cf-aig-request-id</c>: equals the log id for a single-step request.</summary>
        public string? RequestId { get; }

        /// <summary><c>cf-aig-event-id</c>: your own event id if you sent one, else the log id.</summary>
        public string? EventId { get; }

        /// <summary><c>cf-aig-cache-status</c>.</summary>
        public GatewayCacheStatus CacheStatus { get; }

        /// <summary>The raw <c>cf-aig-cache-status</c> value, when it was neither HIT nor MISS.</summary>
        public string? CacheStatusText { get; }

        /// <summary><c>cf-aig-step</c>: index of the fallback step that answered (0 = primary).</summary>
        public int? Step { get; }

        /// <summary><c>cf-aig-model</c>: the model a dynamic route used.</summary>
        public string? Model { get; }

        /// <summary><c>cf-aig-provider</c>: the provider slug a dynamic route used.</summary>
        public string? Provider { get; }

        /// <summary><c>cf-aig-dlp</c>: Data Loss Prevention findings, parsed, when any policy matched.</summary>
        public GatewayDlpResult? Dlp { get; }

        /// <summary>True when any gateway header was present.</summary>
        public bool IsPresent => LogId != null || RequestId != null || EventId != null || CacheStatus != GatewayCacheStatus.Unknown || Step != null || Model != null || Provider != null || Dlp != null;

        /// <summary>Reads the gateway headers of a response.</summary>
        public static GatewayMetadata FromHeaders(HttpResponseHeaders headers)
        {
            if (headers is null) throw new ArgumentNullException(nameof(headers));
#if NET6_0_OR_GREATER
            // The raw header strings, without parsing or enumerator allocations (one value: the stored string itself).
            var raw = headers.NonValidated;
            string? Get(string name) => raw.TryGetValues(name, out var values) ? (values.Count == 1 ? values.ToString() : string.Join(",", values)).Trim() : null;
#else
            string? Get(string name) => headers.TryGetValues(name, out var values) ? string.Join(",", values).Trim() : null;
#endif
            var cache = Get(GatewayHeaders.CacheStatus);
            var status = cache is null ? GatewayCacheStatus.Unknown
                : string.Equals(cache, "HIT", StringComparison.OrdinalIgnoreCase) ? GatewayCacheStatus.Hit
                : string.Equals(cache, "MISS", StringComparison.OrdinalIgnoreCase) ? GatewayCacheStatus.Miss
                : GatewayCacheStatus.Unknown;
            int? step = int.TryParse(Get(GatewayHeaders.Step), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : (int?)null;
            return new GatewayMetadata(Get(GatewayHeaders.LogId), Get(GatewayHeaders.RequestId), Get(GatewayHeaders.EventId), status, step,
                Get(GatewayHeaders.Model), Get(GatewayHeaders.Provider), Get(GatewayHeaders.Dlp), status == GatewayCacheStatus.Unknown ? cache : null);
        }

        /// <inheritdoc/>
        public override string ToString() => $"GatewayMetadata(LogId: {LogId ?? "-"}, CacheStatus: {CacheStatus})";
    }

    /// <summary>The names of Cloudflare AI Gateway headers (Cloudflare AI Gateway docs, Header Glossary).</summary>
    public static class GatewayHeaders
    {
#pragma warning disable CS1591 // the names speak for themselves; each is documented on the option or metadata property that uses it
        public const string Authorization = "cf-aig-authorization";
        public const string CacheKey = "cf-aig-cache-key";
        public const string CacheTtl = "cf-aig-cache-ttl";
        public const string SkipCache = "cf-aig-skip-cache";
        public const string Metadata = "cf-aig-metadata";
        public const string CollectLog = "cf-aig-collect-log";
        public const string CollectLogPayload = "cf-aig-collect-log-payload";
        public const string EventId = "cf-aig-event-id";
        public const string RequestTimeout = "cf-aig-request-timeout";
        public const string MaxAttempts = "cf-aig-max-attempts";
        public const string RetryDelay = "cf-aig-retry-delay";
        public const string Backoff = "cf-aig-backoff";
        public const string ByokAlias = "cf-aig-byok-alias";
        public const string NoWholesale = "cf-aig-no-wholesale";
        public const string Zdr = "cf-aig-zdr";
        public const string CustomCost = "cf-aig-custom-cost";
        public const string LogId = "cf-aig-log-id";
        public const string RequestId = "cf-aig-request-id";
        public const string CacheStatus = "cf-aig-cache-status";
        public const string Step = "cf-aig-step";
        public const string Model = "cf-aig-model";
        public const string Provider = "cf-aig-provider";
        public const string Dlp = "cf-aig-dlp";
        public const string IdeogramApiKey = "Api-Key";
#pragma warning restore CS1591
    }
}
