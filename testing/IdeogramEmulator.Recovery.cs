using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Testing.Internal;
using Microsoft.AspNetCore.Http;

namespace IdeogramGen.Testing
{
    /// <summary>
    /// The logged payloads of the emulated gateway (<c>GET …/logs/{id}/request</c> and <c>…/logs/{id}/response</c>),
    /// the list API's <c>filters</c>, and the delay after which entries become visible: what a client needs to recover a
    /// paid answer that broke on the way to it.
    /// </summary>
    public sealed partial class IdeogramEmulator
    {
        /// <summary>Cloudflare's per-log size limit for Legacy Logs (10 MB, Cloudflare AI Gateway docs, Limits): larger payloads are not kept.</summary>
        internal const int MaxLoggedPayloadBytes = 10 * 1024 * 1024;

        /// <summary>The answer as the gateway got it from the provider: what its log entry records.</summary>
        private sealed record LoggedAnswer(int StatusCode, byte[]? Body, string? ContentType);

        /// <summary>
        /// What the gateway logs for a provider fault. Faults that break the answer between the gateway and the client
        /// (a reset before or during the body, a truncated body, a held answer) log the provider's whole 2xx answer, as
        /// the gateway received it; faults where the provider itself answered so (malformed or empty JSON, an error
        /// status) log what was sent (null here: the written body is logged); an oversized body is too large to log.
        /// </summary>
        private static LoggedAnswer? LoggedAnswerOf(EmulatorFault fault, byte[] successBody, bool ran) => fault.Kind switch
        {
            EmulatorFaultKind.ConnectionReset => ran ? new LoggedAnswer(200, successBody, WireBodies.Json) : new LoggedAnswer(0, null, null),
            EmulatorFaultKind.ResetMidBody or EmulatorFaultKind.TruncatedJson or EmulatorFaultKind.HoldBody => new LoggedAnswer(200, successBody, WireBodies.Json),
            EmulatorFaultKind.EmptyBody => new LoggedAnswer(200, Array.Empty<byte>(), WireBodies.Json),
            EmulatorFaultKind.OversizedBody => new LoggedAnswer(200, null, WireBodies.Json),
            _ => null,
        };

        private void AttachPayloads(GatewayLogEntry entry, GatewayCall call)
        {
            var request = call.Context.Request;
            entry.VisibleAt = Now + _options.LogDelay;
            entry.RequestContentType = request.ContentType;
            entry.ResponseContentType = call.Logged?.ContentType;
            entry.RequestSize = call.RequestPayload?.LongLength;
            entry.ResponseSize = call.Logged?.Body?.LongLength;
            bool payloads = !string.Equals(request.Headers["cf-aig-collect-log-payload"].FirstOrDefault(), "false", StringComparison.OrdinalIgnoreCase);
            if (!payloads) return;
            entry.SetPayloads(call.RequestPayload, call.Logged?.Body is { Length: <= MaxLoggedPayloadBytes } body ? body : null);
        }

        /// <summary>The request body as received (the request was buffered before it was parsed), or null when it is larger than a log keeps.</summary>
        private static async Task<byte[]?> ReadRequestPayloadAsync(HttpRequest request, CancellationToken cancellationToken)
        {
            if (!request.Body.CanSeek) return null;
            request.Body.Position = 0;
            using var copy = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int n;
            while ((n = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (copy.Length + n > MaxLoggedPayloadBytes) return null;
                copy.Write(chunk, 0, n);
            }
            return copy.ToArray();
        }

        /// <summary>Whether the logs API shows the entry yet (<see cref="EmulatorOptions.LogDelay"/> after the request ended, on the emulator's clock).</summary>
        private bool IsVisible(GatewayLogEntry entry) => Now >= entry.VisibleAt;

        /// <summary><c>GET …/logs/{id}/request</c> or <c>…/response</c>: the payload as logged, with its media type; 404 when none was logged.</summary>
        private static Task WritePayloadAsync(HttpContext context, GatewayLogEntry entry, string part)
        {
            var payload = part == "request" ? entry.RequestPayload?.ToArray() : entry.ResponsePayloadBytes;
            if (payload is null)
                return WriteAsync(context, 404, WireBodies.V4Error(LogNotFoundCode, "No " + part + " payload is logged for this entry"), WireBodies.Json);
            var contentType = (part == "request" ? entry.RequestContentType : entry.ResponseContentType) ?? WireBodies.Json;
            return WriteAsync(context, 200, payload, contentType);
        }

        private static readonly HashSet<string> FilterKeys = new(StringComparer.Ordinal) { "id", "event_id", "success", "cached", "provider", "model", "request_type" };

        /// <summary>
        /// Applies the list API's <c>filters</c> query parameter: a JSON array of <c>{"key", "operator", "value": [...]}</c>
        /// (Cloudflare API, List Gateway Logs), keys <c>id</c>, <c>event_id</c>, <c>success</c>, <c>cached</c>,
        /// <c>provider</c>, <c>model</c>, <c>request_type</c>, operators <c>eq</c> and <c>neq</c>. Returns the problem, or null.
        /// </summary>
        private static string? ApplyFilters(string? filters, ref IEnumerable<GatewayLogEntry> entries)
        {
            if (string.IsNullOrEmpty(filters)) return null;
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(filters);
            }
            catch (JsonException)
            {
                return "filters must be a JSON array of {key, operator, value} objects";
            }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Array) return "filters must be a JSON array of {key, operator, value} objects";
                foreach (var f in doc.RootElement.EnumerateArray())
                {
                    if (f.ValueKind != JsonValueKind.Object
                        || !f.TryGetProperty("key", out var k) || k.ValueKind != JsonValueKind.String
                        || !f.TryGetProperty("operator", out var o) || o.ValueKind != JsonValueKind.String
                        || !f.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.Array)
                        return "each filter needs a string key, a string operator and a value array";
                    string key = k.GetString()!, op = o.GetString()!;
                    if (!FilterKeys.Contains(key)) return "the emulator does not filter by " + key;
                    if (op is not ("eq" or "neq")) return "the emulator supports the operators eq and neq, not " + op;
                    var values = v.EnumerateArray().Select(x => x.ValueKind switch
                    {
                        JsonValueKind.String => x.GetString(),
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        JsonValueKind.Number => x.GetRawText(),
                        _ => null,
                    }).ToHashSet(StringComparer.Ordinal);
                    bool equal = op == "eq";
                    entries = entries.Where(e => values.Contains(FieldText(e, key)) == equal).ToArray();
                }
            }
            return null;
        }

        private static string? FieldText(GatewayLogEntry e, string key) => key switch
        {
            "id" => e.Id,
            "event_id" => e.EventId,
            "success" => e.Success ? "true" : "false",
            "cached" => e.Cached ? "true" : "false",
            "provider" => e.Provider,
            "model" => e.Model,
            "request_type" => e.RequestType,
            _ => null,
        };

        private static int QueryInt(HttpContext context, string name, int fallback, int min, int max) =>
            int.TryParse(context.Request.Query[name].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out int value)
                ? Math.Clamp(value, min, max) : fallback;
    }
}
