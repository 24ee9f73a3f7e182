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
            // One pass over the raw header strings (no parsing, no enumerator allocation; one value: the stored string
            // itself) instead of a lookup per header name: only the cf-aig-* names are compared.
            string? logId = null, requestId = null, eventId = null, cache = null, stepText = null, model = null, provider = null, dlp = null;
            foreach (var header in headers.NonValidated)
            {
                var name = header.Key;
                if (name.Length < 10 || !name.StartsWith("cf-aig-", StringComparison.OrdinalIgnoreCase)) continue;
                if (Is(name, GatewayHeaders.LogId)) logId = Text(header.Value);
                else if (Is(name, GatewayHeaders.CacheStatus)) cache = Text(header.Value);
                else if (Is(name, GatewayHeaders.RequestId)) requestId = Text(header.Value);
                else if (Is(name, GatewayHeaders.EventId)) eventId = Text(header.Value);
                else if (Is(name, GatewayHeaders.Step)) stepText = Text(header.Value);
                else if (Is(name, GatewayHeaders.Model)) model = Text(header.Value);
                else if (Is(name, GatewayHeaders.Provider)) provider = Text(header.Value);
                else if (Is(name, GatewayHeaders.Dlp)) dlp = Text(header.Value);
            }
#else
            string? Get(string name) => headers.TryGetValues(name, out var values) ? string.Join(",", values).Trim() : null;
            string? logId = Get(GatewayHeaders.LogId), requestId = Get(GatewayHeaders.RequestId), eventId = Get(GatewayHeaders.EventId), cache = Get(GatewayHeaders.CacheStatus),
                stepText = Get(GatewayHeaders.Step), model = Get(GatewayHeaders.Model), provider = Get(GatewayHeaders.Provider), dlp = Get(GatewayHeaders.Dlp);
#endif
            var status = cache is null ? GatewayCacheStatus.Unknown
                : string.Equals(cache, "HIT", StringComparison.OrdinalIgnoreCase) ? GatewayCacheStatus.Hit
                : string.Equals(cache, "MISS", StringComparison.OrdinalIgnoreCase) ? GatewayCacheStatus.Miss
                : GatewayCacheStatus.Unknown;
            int? step = int.TryParse(stepText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : (int?)null;
            return new GatewayMetadata(logId, requestId, eventId, status, step, model, provider, dlp, status == GatewayCacheStatus.Unknown ? cache : null);
        }

#if NET6_0_OR_GREATER
        private static bool Is(string name, string header) => string.Equals(name, header, StringComparison.OrdinalIgnoreCase);

        private static string Text(HeaderStringValues values) => (values.Count == 1 ? values.ToString() : string.Join(",", values)).Trim();
#endif

        /// <inheritdoc/>
        public override string ToString() => $"GatewayMetadata(LogId: {LogId ?? "-"}, CacheStatus: {CacheStatus})";
    }
}
