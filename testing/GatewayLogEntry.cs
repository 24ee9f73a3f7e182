using System;

namespace IdeogramGen.Testing
{
    /// <summary>
    /// A gateway log entry, as the emulator's logs API (<c>GET/PATCH {root}client/v4/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/logs/{id}</c>)
    /// serves it. One is created per gateway request (keyed by its <c>cf-aig-log-id</c>) unless logging is off.
    /// </summary>
    public sealed class GatewayLogEntry
    {
        internal GatewayLogEntry(string id, string accountId, string gatewayId, DateTimeOffset createdAt, string? model,
            string path, int statusCode, bool cached, long durationMs, string requestType, string? metadata, string? eventId)
        {
            Id = id;
            AccountId = accountId;
            GatewayId = gatewayId;
            CreatedAt = createdAt;
            Model = model;
            Path = path;
            StatusCode = statusCode;
            Cached = cached;
            DurationMs = durationMs;
            RequestType = requestType;
            Metadata = metadata;
            EventId = eventId;
        }

        /// <summary>The log id (lowercase UUIDv7; equals the answer's <c>cf-aig-log-id</c>).</summary>
        public string Id { get; }

        /// <summary>The account id of the gateway URL.</summary>
        public string AccountId { get; }

        /// <summary>The gateway id of the gateway URL.</summary>
        public string GatewayId { get; }

        /// <summary>When the request arrived (<c>created_at</c>).</summary>
        public DateTimeOffset CreatedAt { get; }

        /// <summary>Always <c>ideogram</c> (<c>provider</c>).</summary>
        public string Provider => "ideogram";

        /// <summary>The request's <c>model</c> field when sent, otherwise the endpoint family from the API description (<c>model</c>).</summary>
        public string? Model { get; }

        /// <summary>The Ideogram path (<c>path</c>).</summary>
        public string Path { get; }

        /// <summary>The HTTP status answered (<c>status_code</c>; 0 for an aborted connection).</summary>
        public int StatusCode { get; }

        /// <summary>Whether the status was 2xx (<c>success</c>).</summary>
        public bool Success => StatusCode >= 200 && StatusCode < 300;

        /// <summary>Whether the answer came from the gateway cache (<c>cached</c>).</summary>
        public bool Cached { get; }

        /// <summary>Time spent answering, in milliseconds (<c>duration</c>).</summary>
        public long DurationMs { get; }

        /// <summary>The endpoint's OpenAPI operation id, e.g. <c>post_generate_image_v3</c> (<c>request_type</c>).</summary>
        public string RequestType { get; }

        /// <summary>The <c>cf-aig-metadata</c> JSON text of the request, or the metadata set by PATCH (<c>metadata</c>).</summary>
        public string? Metadata { get; internal set; }

        /// <summary>The <c>cf-aig-event-id</c> answered.</summary>
        public string? EventId { get; }

        /// <summary>Human feedback set by PATCH: -1, 1 or null (<c>feedback</c>).</summary>
        public int? Feedback { get; internal set; }

        /// <summary>Score set by PATCH (<c>score</c>).</summary>
        public double? Score { get; internal set; }

        /// <summary>
        /// The response payload as the gateway received it from the provider (<c>GET …/logs/{id}/response</c>): the
        /// whole answer even when the emulator broke it on the way to the client (a reset before or during the body, a
        /// truncated body); null when none was logged (no answer, <c>cf-aig-collect-log-payload: false</c>, larger than 10 MB).
        /// </summary>
        public ReadOnlyMemory<byte>? ResponsePayload => _responsePayload is null ? (ReadOnlyMemory<byte>?)null : new ReadOnlyMemory<byte>(_responsePayload);

        /// <summary>The request payload as received (<c>GET …/logs/{id}/request</c>); null when none was logged.</summary>
        public ReadOnlyMemory<byte>? RequestPayload => _requestPayload is null ? (ReadOnlyMemory<byte>?)null : new ReadOnlyMemory<byte>(_requestPayload);

        internal byte[]? ResponsePayloadBytes => _responsePayload;

        private byte[]? _responsePayload;
        private byte[]? _requestPayload;

        /// <summary>The media type of the request (<c>request_content_type</c>).</summary>
        public string? RequestContentType { get; internal set; }

        /// <summary>The media type of the logged answer (<c>response_content_type</c>).</summary>
        public string? ResponseContentType { get; internal set; }

        /// <summary>The request body size in bytes (<c>request_size</c>).</summary>
        public long? RequestSize { get; internal set; }

        /// <summary>The logged answer's size in bytes (<c>response_size</c>).</summary>
        public long? ResponseSize { get; internal set; }

        /// <summary>When the logs API starts showing the entry (<see cref="EmulatorOptions.LogDelay"/> after the request ended, on the emulator's clock).</summary>
        public DateTimeOffset VisibleAt { get; internal set; }

        internal void SetPayloads(byte[]? request, byte[]? response)
        {
            _requestPayload = request;
            _responsePayload = response;
        }
    }
}
