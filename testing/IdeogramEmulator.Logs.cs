using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using IdeogramGen.Testing.Internal;
using Microsoft.AspNetCore.Http;

namespace IdeogramGen.Testing
{
    public sealed partial class IdeogramEmulator
    {
        private static readonly Regex LogsPath = new(
            @"^/client/v4/accounts/(?<account>[^/]+)/ai-gateway/gateways/(?<gateway>[^/]+)/logs(?:/(?<id>[^/]+)(?:/(?<part>request|response))?)?/?$", RegexOptions.CultureInvariant);

        // Error codes of the emulated logs API, in Cloudflare's v4 envelope. 10000 is Cloudflare's "Authentication error";
        // the not-found and bad-request codes are the emulator's own (Cloudflare does not document them for this API).
        internal const int AuthenticationErrorCode = 10000, LogNotFoundCode = 7002, InvalidRequestCode = 7001, MethodNotAllowedCode = 7004;

        /// <summary>
        /// <c>GET {root}client/v4/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/logs</c> (list, newest first) and
        /// <c>GET|PATCH …/logs/{id}</c>, <c>GET …/logs/{id}/request</c> and <c>GET …/logs/{id}/response</c> (the logged
        /// payloads), authenticated with <c>Authorization: Bearer &lt;api token&gt;</c>. The list honours <c>filters</c>,
        /// <c>page</c>, <c>per_page</c> and <c>order_by_direction</c>; entries appear after <see cref="EmulatorOptions.LogDelay"/>.
        /// </summary>
        private async Task HandleLogsApiAsync(HttpContext context, string path)
        {
            var match = LogsPath.Match(path);
            if (!match.Success)
            {
                await WriteAsync(context, 404, WireBodies.V4Error(7000, "No route for that URI"), WireBodies.Json).ConfigureAwait(false);
                return;
            }
            string? authorization = context.Request.Headers["Authorization"].FirstOrDefault();
            bool authorized = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && authorization.Length > "Bearer ".Length
                && (_options.RestApiToken is null || FixedTimeEquals(authorization.Substring("Bearer ".Length).Trim(), _options.RestApiToken));
            if (!authorized)
            {
                await WriteAsync(context, 401, WireBodies.V4Error(AuthenticationErrorCode, "Authentication error"), WireBodies.Json).ConfigureAwait(false);
                return;
            }
            string account = match.Groups["account"].Value, gateway = match.Groups["gateway"].Value;
            var method = context.Request.Method;
            if (!match.Groups["id"].Success)
            {
                if (!HttpMethods.IsGet(method))
                {
                    await WriteAsync(context, 405, WireBodies.V4Error(MethodNotAllowedCode, "Method not allowed"), WireBodies.Json).ConfigureAwait(false);
                    return;
                }
                IEnumerable<GatewayLogEntry> matching = _logs.Values.Where(e => e.AccountId == account && e.GatewayId == gateway && IsVisible(e)).ToArray();
                string? problem = ApplyFilters(context.Request.Query["filters"].FirstOrDefault(), ref matching);
                if (problem is not null)
                {
                    await WriteAsync(context, 400, WireBodies.V4Error(InvalidRequestCode, problem), WireBodies.Json).ConfigureAwait(false);
                    return;
                }
                bool ascending = string.Equals(context.Request.Query["order_by_direction"].FirstOrDefault(), "asc", StringComparison.Ordinal);
                var ordered = (ascending
                    ? matching.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id, StringComparer.Ordinal)
                    : matching.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id, StringComparer.Ordinal)).ToArray();
                int perPage = QueryInt(context, "per_page", Math.Max(ordered.Length, 1), 1, 1000), page = QueryInt(context, "page", 1, 1, int.MaxValue);
                var entries = ordered.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * perPage)).Take(perPage).ToArray();
                await WriteAsync(context, 200, Envelope(w =>
                {
                    w.WriteStartArray("result");
                    foreach (var e in entries) WriteEntry(w, e);
                    w.WriteEndArray();
                    w.WriteStartObject("result_info");
                    w.WriteNumber("page", page);
                    w.WriteNumber("per_page", perPage);
                    w.WriteNumber("count", entries.Length);
                    w.WriteNumber("total_count", ordered.Length);
                    w.WriteEndObject();
                }), WireBodies.Json).ConfigureAwait(false);
                return;
            }

            string id = match.Groups["id"].Value;
            if (!_logs.TryGetValue(id, out var entry) || entry.AccountId != account || entry.GatewayId != gateway || !IsVisible(entry))
            {
                await WriteAsync(context, 404, WireBodies.V4Error(LogNotFoundCode, "Log not found"), WireBodies.Json).ConfigureAwait(false);
                return;
            }
            if (match.Groups["part"].Success)
            {
                if (!HttpMethods.IsGet(method))
                {
                    await WriteAsync(context, 405, WireBodies.V4Error(MethodNotAllowedCode, "Method not allowed"), WireBodies.Json).ConfigureAwait(false);
                    return;
                }
                await WritePayloadAsync(context, entry, match.Groups["part"].Value).ConfigureAwait(false);
                return;
            }
            if (HttpMethods.IsPatch(method))
            {
                string? problem = await ApplyPatchAsync(context, entry).ConfigureAwait(false);
                if (problem is not null)
                {
                    await WriteAsync(context, 400, WireBodies.V4Error(InvalidRequestCode, problem), WireBodies.Json).ConfigureAwait(false);
                    return;
                }
            }
            else if (!HttpMethods.IsGet(method))
            {
                await WriteAsync(context, 405, WireBodies.V4Error(MethodNotAllowedCode, "Method not allowed"), WireBodies.Json).ConfigureAwait(false);
                return;
            }
            await WriteAsync(context, 200, Envelope(w =>
            {
                w.WritePropertyName("result");
                WriteEntry(w, entry);
            }), WireBodies.Json).ConfigureAwait(false);
        }

        /// <summary>Applies <c>{"feedback": -1|1|null, "score": number|null, "metadata": {…}|null}</c>; absent properties stay unchanged.</summary>
        private static async Task<string?> ApplyPatchAsync(HttpContext context, GatewayLogEntry entry)
        {
            JsonDocument doc;
            try
            {
                doc = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                return "Malformed JSON body";
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return "Body must be a JSON object";
                int? feedback = entry.Feedback;
                double? score = entry.Score;
                string? metadata = entry.Metadata;
                if (root.TryGetProperty("feedback", out var f))
                {
                    if (f.ValueKind == JsonValueKind.Null) feedback = null;
                    else if (f.ValueKind == JsonValueKind.Number && f.TryGetInt32(out int value) && (value == -1 || value == 1)) feedback = value;
                    else return "feedback must be -1, 1 or null";
                }
                if (root.TryGetProperty("score", out var s))
                {
                    if (s.ValueKind == JsonValueKind.Null) score = null;
                    else if (s.ValueKind == JsonValueKind.Number) score = s.GetDouble();
                    else return "score must be a number or null";
                }
                if (root.TryGetProperty("metadata", out var m))
                {
                    if (m.ValueKind == JsonValueKind.Null) metadata = null;
                    else if (m.ValueKind == JsonValueKind.Object
                        && m.EnumerateObject().All(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
                        metadata = m.GetRawText();
                    else return "metadata must be an object of string, number or boolean values, or null";
                }
                lock (entry)
                {
                    entry.Feedback = feedback;
                    entry.Score = score;
                    entry.Metadata = metadata;
                }
                return null;
            }
        }

        private static void WriteEntry(Utf8JsonWriter w, GatewayLogEntry e)
        {
            lock (e) WriteEntryLocked(w, e);
        }

        private static void WriteEntryLocked(Utf8JsonWriter w, GatewayLogEntry e)
        {
            w.WriteStartObject();
            w.WriteString("id", e.Id);
            w.WriteString("created_at", e.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteString("provider", e.Provider);
            if (e.Model is null) w.WriteNull("model"); else w.WriteString("model", e.Model);
            w.WriteString("path", e.Path);
            w.WriteBoolean("success", e.Success);
            w.WriteBoolean("cached", e.Cached);
            w.WriteNumber("status_code", e.StatusCode);
            w.WriteNumber("duration", e.DurationMs);
            w.WriteString("request_type", e.RequestType);
            w.WriteNumber("tokens_in", 0);
            w.WriteNumber("tokens_out", 0);
            if (e.Metadata is null) w.WriteNull("metadata"); else w.WriteString("metadata", e.Metadata);
            if (e.EventId is null) w.WriteNull("event_id"); else w.WriteString("event_id", e.EventId);
            if (e.RequestContentType is not null) w.WriteString("request_content_type", e.RequestContentType);
            if (e.RequestSize is long requestSize) w.WriteNumber("request_size", requestSize);
            if (e.ResponseContentType is not null) w.WriteString("response_content_type", e.ResponseContentType);
            if (e.ResponseSize is long responseSize) w.WriteNumber("response_size", responseSize);
            if (e.Feedback is int feedback) w.WriteNumber("feedback", feedback); else w.WriteNull("feedback");
            if (e.Score is double score) w.WriteNumber("score", score); else w.WriteNull("score");
            w.WriteEndObject();
        }

        private static byte[] Envelope(Action<Utf8JsonWriter> writeResult)
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms))
            {
                w.WriteStartObject();
                writeResult(w);
                w.WriteBoolean("success", true);
                w.WriteStartArray("errors");
                w.WriteEndArray();
                w.WriteStartArray("messages");
                w.WriteEndArray();
                w.WriteEndObject();
            }
            return ms.ToArray();
        }
    }
}
