using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace IdeogramGen
{
    /// <summary>
    /// One Cloudflare AI Gateway log entry, as the REST API answers
    /// <c>GET /client/v4/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/logs/{id}</c> (Cloudflare API reference,
    /// AI Gateway &gt; Logs &gt; Get Gateway Log). Every property except <see cref="Id"/> is null when the answer left the
    /// field out; fields this library does not know are ignored.
    /// </summary>
    public sealed class GatewayLog
    {
        private GatewayLog(string id) => Id = id;

        /// <summary><c>id</c>: the log id, equal to the call's <c>cf-aig-log-id</c> (ULID before 2026-10-08, lowercase UUIDv7 since; opaque).</summary>
        public string Id { get; }

        /// <summary><c>created_at</c>: when the gateway received the request.</summary>
        public DateTimeOffset? CreatedAt { get; private set; }

        /// <summary><c>cached</c>: true when the gateway answered from its cache (Ideogram was not called).</summary>
        public bool? Cached { get; private set; }

        /// <summary><c>duration</c>: time the gateway spent on the request (milliseconds on the wire).</summary>
        public TimeSpan? Duration { get; private set; }

        /// <summary><c>model</c>: the model the gateway recorded.</summary>
        public string? Model { get; private set; }

        /// <summary><c>model_type</c>, when recorded.</summary>
        public string? ModelType { get; private set; }

        /// <summary><c>path</c>: the provider path (Ideogram's, e.g. <c>/v1/ideogram-v3/generate</c>).</summary>
        public string? Path { get; private set; }

        /// <summary><c>provider</c>: the provider slug (<c>ideogram</c>).</summary>
        public string? Provider { get; private set; }

        /// <summary><c>success</c>: whether the provider answered with a 2xx status.</summary>
        public bool? Success { get; private set; }

        /// <summary><c>status_code</c>: the HTTP status the gateway answered with.</summary>
        public int? StatusCode { get; private set; }

        /// <summary><c>request_type</c>, when recorded.</summary>
        public string? RequestType { get; private set; }

        /// <summary><c>event_id</c>: the <c>cf-aig-event-id</c> of the call, when recorded.</summary>
        public string? EventId { get; private set; }

        /// <summary><c>step</c>: index of the fallback step that answered, when recorded.</summary>
        public int? Step { get; private set; }

        /// <summary>
        /// <c>metadata</c>: the entry's metadata as the API gives it, a JSON object in a string
        /// (e.g. <c>{"team":"AI","user":12345}</c>): the request's <c>cf-aig-metadata</c> or what a PATCH set.
        /// </summary>
        public string? Metadata { get; private set; }

        /// <summary>
        /// <see cref="Metadata"/> parsed: each flat entry as a <see cref="string"/>, <see cref="double"/> or
        /// <see cref="bool"/> (null values kept as null). Null when there is no metadata or it is not a flat JSON object.
        /// </summary>
        public IReadOnlyDictionary<string, object?>? MetadataValues { get; private set; }

        /// <summary><c>feedback</c>: human feedback, <c>-1</c> (negative) or <c>1</c> (positive); null or <c>0</c> means not evaluated.</summary>
        public int? Feedback { get; private set; }

        /// <summary><c>score</c>: an evaluation score from 0 to 100, when set.</summary>
        public double? Score { get; private set; }

        /// <summary><c>tokens_in</c> (Ideogram answers report none, so usually 0).</summary>
        public long? TokensIn { get; private set; }

        /// <summary><c>tokens_out</c> (Ideogram answers report none, so usually 0).</summary>
        public long? TokensOut { get; private set; }

        /// <summary><c>cost</c>: the gateway's cost estimate in USD, when it computed one.</summary>
        public double? Cost { get; private set; }

        /// <summary><c>custom_cost</c>: whether the cost came from <c>cf-aig-custom-cost</c>.</summary>
        public bool? CustomCost { get; private set; }

        /// <summary><c>request_content_type</c>: the media type of the request body.</summary>
        public string? RequestContentType { get; private set; }

        /// <summary><c>request_size</c>: the request body size in bytes.</summary>
        public long? RequestSize { get; private set; }

        /// <summary><c>request_head</c>: the start of the logged request body, when payload logging is on.</summary>
        public string? RequestHead { get; private set; }

        /// <summary><c>request_head_complete</c>: whether <see cref="RequestHead"/> holds the whole body.</summary>
        public bool? RequestHeadComplete { get; private set; }

        /// <summary><c>response_content_type</c>: the media type of the response body.</summary>
        public string? ResponseContentType { get; private set; }

        /// <summary><c>response_size</c>: the response body size in bytes.</summary>
        public long? ResponseSize { get; private set; }

        /// <summary><c>response_head</c>: the start of the logged response body, when payload logging is on.</summary>
        public string? ResponseHead { get; private set; }

        /// <summary><c>response_head_complete</c>: whether <see cref="ResponseHead"/> holds the whole body.</summary>
        public bool? ResponseHeadComplete { get; private set; }

        /// <inheritdoc/>
        public override string ToString() =>
            $"GatewayLog(Id: {Id}, StatusCode: {(StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-")}, Cached: {(Cached?.ToString() ?? "-")}, Feedback: {(Feedback?.ToString(CultureInfo.InvariantCulture) ?? "-")}, Score: {(Score?.ToString(CultureInfo.InvariantCulture) ?? "-")})";

        /// <summary>Reads the <c>result</c> object of a v4 answer. Wrong token types throw <see cref="IdeogramJsonFormatException"/>.</summary>
        internal static GatewayLog Read(JsonElement e, string path)
        {
            if (e.ValueKind != JsonValueKind.Object) throw new IdeogramJsonFormatException(path, "expected an object, found " + e.ValueKind);
            var id = Text(e, "id", path) ?? throw new IdeogramJsonFormatException(path + ".id", "the log entry has no id");
            var log = new GatewayLog(id)
            {
                Cached = Bool(e, "cached", path),
                Model = Text(e, "model", path),
                ModelType = Text(e, "model_type", path),
                Path = Text(e, "path", path),
                Provider = Text(e, "provider", path),
                Success = Bool(e, "success", path),
                StatusCode = Int32(e, "status_code", path),
                RequestType = Text(e, "request_type", path),
                EventId = Text(e, "event_id", path),
                Step = Int32(e, "step", path),
                Metadata = MetadataText(e, path),
                Score = Number(e, "score", path),
                TokensIn = Whole(e, "tokens_in", path),
                TokensOut = Whole(e, "tokens_out", path),
                Cost = Number(e, "cost", path),
                CustomCost = Bool(e, "custom_cost", path),
                RequestContentType = Text(e, "request_content_type", path),
                RequestSize = Whole(e, "request_size", path),
                RequestHead = Text(e, "request_head", path),
                RequestHeadComplete = Bool(e, "request_head_complete", path),
                ResponseContentType = Text(e, "response_content_type", path),
                ResponseSize = Whole(e, "response_size", path),
                ResponseHead = Text(e, "response_head", path),
                ResponseHeadComplete = Bool(e, "response_head_complete", path),
            };
            var feedback = Number(e, "feedback", path);
            if (feedback is double f)
            {
                if (f != Math.Floor(f) || f < int.MinValue || f > int.MaxValue) throw new IdeogramJsonFormatException(path + ".feedback", "expected a whole number");
                log.Feedback = (int)f;
            }
            if (Number(e, "duration", path) is double ms)
            {
                if (double.IsNaN(ms) || ms < 0 || ms > TimeSpan.MaxValue.TotalMilliseconds / 2)
                    throw new IdeogramJsonFormatException(path + ".duration", "is not a duration in milliseconds");
                log.Duration = TimeSpan.FromMilliseconds(ms);
            }
            var created = Text(e, "created_at", path);
            if (created != null)
            {
                if (!DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
                    throw new IdeogramJsonFormatException(path + ".created_at", "expected a date-time string");
                log.CreatedAt = at;
            }
            log.MetadataValues = ParseMetadata(log.Metadata);
            return log;
        }

        private static string? MetadataText(JsonElement e, string path)
        {
            // Documented as a string holding JSON; accept an object too, keeping its JSON text.
            if (!e.TryGetProperty("metadata", out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind == JsonValueKind.String) return v.GetString();
            if (v.ValueKind == JsonValueKind.Object) return v.GetRawText();
            throw new IdeogramJsonFormatException(path + ".metadata", "expected a string, found " + v.ValueKind);
        }

        private static IReadOnlyDictionary<string, object?>? ParseMetadata(string? text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            try
            {
                using var doc = JsonDocument.Parse(text!);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    switch (p.Value.ValueKind)
                    {
                        case JsonValueKind.String: values[p.Name] = p.Value.GetString(); break;
                        case JsonValueKind.Number: values[p.Name] = p.Value.GetDouble(); break;
                        case JsonValueKind.True: values[p.Name] = true; break;
                        case JsonValueKind.False: values[p.Name] = false; break;
                        case JsonValueKind.Null: values[p.Name] = null; break;
                        default: return null;
                    }
                }
                return values;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string? Text(JsonElement e, string name, string path)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind != JsonValueKind.String) throw new IdeogramJsonFormatException(path + "." + name, "expected a string, found " + v.ValueKind);
            return v.GetString();
        }

        private static bool? Bool(JsonElement e, string name, string path)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind == JsonValueKind.True) return true;
            if (v.ValueKind == JsonValueKind.False) return false;
            throw new IdeogramJsonFormatException(path + "." + name, "expected true or false, found " + v.ValueKind);
        }

        private static double? Number(JsonElement e, string name, string path)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d)) throw new IdeogramJsonFormatException(path + "." + name, "expected a number, found " + v.ValueKind);
            return d;
        }

        private static int? Int32(JsonElement e, string name, string path)
        {
            var value = Whole(e, name, path);
            if (value is long v && (v < int.MinValue || v > int.MaxValue))
                throw new IdeogramJsonFormatException(path + "." + name, "is out of range for a 32-bit whole number");
            return (int?)value;
        }

        private static long? Whole(JsonElement e, string name, string path)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind == JsonValueKind.Number)
            {
                if (v.TryGetInt64(out var l)) return l;
                if (v.TryGetDouble(out var d) && d == Math.Floor(d) && d >= long.MinValue && d <= long.MaxValue) return (long)d;
            }
            throw new IdeogramJsonFormatException(path + "." + name, "expected a whole number, found " + v.ValueKind);
        }
    }
}
