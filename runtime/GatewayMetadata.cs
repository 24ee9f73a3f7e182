using System;
using System.Net.Http.Headers;

namespace IdeogramGen
{
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
}
