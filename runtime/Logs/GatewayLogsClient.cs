using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IdeogramGen
{
    /// <summary>
    /// Typed calls to the Cloudflare AI Gateway logs REST API,
    /// <c>https://api.cloudflare.com/client/v4/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/logs/{id}</c>
    /// (Cloudflare API reference, AI Gateway &gt; Logs; AI Gateway docs, Evaluations &gt; Add human feedback using API),
    /// authenticated with <c>Authorization: Bearer &lt;API token&gt;</c> (a token with <c>AI Gateway - Read</c> and, for
    /// PATCH, <c>AI Gateway - Edit</c>). This is a Cloudflare API token, not the gateway's run token and not the
    /// Ideogram key. One instance serves any number of concurrent calls.
    /// </summary>
    /// <remarks>
    /// Every error answer becomes a <see cref="GatewayException"/> of kind <see cref="GatewayErrorKind.RestApi"/>
    /// carrying the v4 envelope's <c>errors[]</c> (e.g. code 10000 "Authentication error"); a timeout is an
    /// <see cref="IdeogramTimeoutException"/>, a network failure an <see cref="IdeogramTransportException"/>, an
    /// unreadable answer an <see cref="IdeogramResponseException"/>. These calls never run or bill a generation, so
    /// <see cref="IdeogramGenException.MayHaveBeenBilled"/> is always false; GET and PATCH are idempotent, so
    /// <see cref="IdeogramGenException.IsRetrySafe"/> is always true. The token never appears in
    /// <see cref="ToString"/>, log lines or exception messages.
    /// </remarks>
    /// <example>
    /// <code>
    /// var logs = new GatewayLogsClient(http, Environment.GetEnvironmentVariable("CF_API_TOKEN")!, Images.GatewayAddress);
    /// var result = await images.GenerateV3Async(request);
    /// await logs.SendFeedbackAsync(result, feedback: 1, score: 90);
    /// </code>
    /// </example>
    public sealed class GatewayLogsClient
    {
        /// <summary>Cloudflare's API root, <c>https://api.cloudflare.com/</c>.</summary>
        public static Uri CloudflareApiRoot { get; } = new Uri("https://api.cloudflare.com/");

        private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new MediaTypeWithQualityHeaderValue("application/json");
        private readonly HttpClient _http;
        private readonly string _token;
        private readonly ILogger _logger;
        private readonly SecretScrubber _scrub;
        private readonly ErrorClassifier _errors;
        private TimeSpan _timeout = TimeSpan.FromSeconds(30);

        /// <summary>Creates the client.</summary>
        /// <param name="httpClient">The caller's client; never disposed here.</param>
        /// <param name="apiToken">A Cloudflare API token with AI Gateway Read (and Edit, for PATCH) permission; sent as <c>Authorization: Bearer …</c>.</param>
        /// <param name="address">The account and gateway whose logs are read; a generated client's static <c>GatewayAddress</c>.</param>
        /// <param name="apiRoot">The API root; <see cref="CloudflareApiRoot"/> when null. Point it at <c>IdeogramEmulator.Root</c> in tests.</param>
        /// <param name="logger">Receives one line per call (method, log id, status; never the token); none when null.</param>
        /// <exception cref="ArgumentException">The token is empty or holds white space or non-ASCII characters; the root is not absolute.</exception>
        public GatewayLogsClient(HttpClient httpClient, string apiToken, GatewayAddress address, Uri? apiRoot = null, ILogger? logger = null)
        {
            _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
            if (apiToken is null) throw new ArgumentNullException(nameof(apiToken));
            if (apiToken.Length == 0) throw new ArgumentException("The Cloudflare API token must not be empty.", nameof(apiToken));
            foreach (var c in apiToken)
                if (c <= 0x20 || c > 0x7e) throw new ArgumentException("The Cloudflare API token must not contain white space, control or non-ASCII characters.", nameof(apiToken));
            _token = apiToken;
            Address = address ?? throw new ArgumentNullException(nameof(address));
            var root = apiRoot ?? CloudflareApiRoot;
            if (!root.IsAbsoluteUri) throw new ArgumentException("The API root must be an absolute URI.", nameof(apiRoot));
            ApiRoot = root.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? root : new Uri(root.AbsoluteUri + "/");
            _logger = logger ?? NullLogger.Instance;
            _scrub = new SecretScrubber(new[] { apiToken });
            _errors = new ErrorClassifier(_scrub);
        }

        /// <summary>The account and gateway whose logs this client reads.</summary>
        public GatewayAddress Address { get; }

        /// <summary>The API root (ends in <c>/</c>).</summary>
        public Uri ApiRoot { get; }

        /// <summary>The longest a call may take, sending and reading included; default 30 s. Expiry throws <see cref="IdeogramTimeoutException"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">Not positive and not infinite.</exception>
        public TimeSpan Timeout
        {
            get => _timeout;
            set
            {
                if (value <= TimeSpan.Zero && value != System.Threading.Timeout.InfiniteTimeSpan)
                    throw new ArgumentOutOfRangeException(nameof(value), value, "The timeout must be positive or infinite.");
                _timeout = value;
            }
        }

        /// <summary>The largest answer read, in bytes; default 4 MiB (an entry holds at most the heads of the payloads).</summary>
        public long MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

        /// <summary>The URL of one log entry: <c>{root}client/v4/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/logs/{id}</c>.</summary>
        /// <exception cref="ArgumentException">The id is empty or not URL-safe.</exception>
        public Uri LogUri(string logId) => new Uri(ApiRoot, RelativePath(CheckId(logId)));

        /// <summary>Reads one log entry (<c>GET …/logs/{id}</c>).</summary>
        /// <param name="logId">The entry's id: a call's <see cref="GatewayMetadata.LogId"/> (<c>cf-aig-log-id</c>).</param>
        /// <param name="cancellationToken">Cancels the call; throws <see cref="OperationCanceledException"/>.</param>
        /// <exception cref="GatewayException">The API refused (kind <see cref="GatewayErrorKind.RestApi"/>: bad token, unknown id, ...).</exception>
        /// <exception cref="IdeogramTimeoutException">No complete answer within <see cref="Timeout"/>.</exception>
        /// <exception cref="IdeogramTransportException">The network failed.</exception>
        /// <exception cref="IdeogramResponseException">The answer could not be read.</exception>
        public Task<GatewayLog> GetAsync(string logId, CancellationToken cancellationToken = default) =>
            SendAsync(HttpMethod.Get, CheckId(logId), null, cancellationToken);

        /// <summary>Reads the log entry of a call's answer (its <c>cf-aig-log-id</c>).</summary>
        /// <exception cref="InvalidOperationException">The answer carried no log id (logging off for the call or the gateway).</exception>
        public Task<GatewayLog> GetAsync(GatewayMetadata gateway, CancellationToken cancellationToken = default) =>
            GetAsync(LogIdOf(gateway), cancellationToken);

        /// <summary>Reads the log entry of a generated call's result.</summary>
        /// <exception cref="InvalidOperationException">The answer carried no log id.</exception>
        public Task<GatewayLog> GetAsync(IdeogramResponse response, CancellationToken cancellationToken = default) =>
            GetAsync((response ?? throw new ArgumentNullException(nameof(response))).Gateway, cancellationToken);

        /// <summary>Sets feedback, score and/or metadata on a log entry (<c>PATCH …/logs/{id}</c>) and returns the entry as updated.</summary>
        /// <param name="logId">The entry's id.</param>
        /// <param name="patch">What to change; only assigned properties are sent.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <exception cref="IdeogramValidationException">The patch assigns nothing (nothing was sent).</exception>
        /// <exception cref="GatewayException">The API refused (kind <see cref="GatewayErrorKind.RestApi"/>).</exception>
        /// <exception cref="IdeogramTimeoutException">No complete answer within <see cref="Timeout"/>.</exception>
        /// <exception cref="IdeogramTransportException">The network failed.</exception>
        /// <exception cref="IdeogramResponseException">The answer could not be read.</exception>
        public Task<GatewayLog> PatchAsync(string logId, GatewayLogPatch patch, CancellationToken cancellationToken = default)
        {
            if (patch is null) throw new ArgumentNullException(nameof(patch));
            var id = CheckId(logId);
            var json = patch.ToJson();
            return SendAsync(new HttpMethod("PATCH"), id, json, cancellationToken);
        }

        /// <summary>Patches the log entry of a call's answer (its <c>cf-aig-log-id</c>); works for an exception's <see cref="IdeogramGenException.Gateway"/> too.</summary>
        /// <exception cref="InvalidOperationException">The answer carried no log id.</exception>
        public Task<GatewayLog> PatchAsync(GatewayMetadata gateway, GatewayLogPatch patch, CancellationToken cancellationToken = default) =>
            PatchAsync(LogIdOf(gateway), patch, cancellationToken);

        /// <summary>Patches the log entry of a generated call's result.</summary>
        /// <exception cref="InvalidOperationException">The answer carried no log id.</exception>
        public Task<GatewayLog> PatchAsync(IdeogramResponse response, GatewayLogPatch patch, CancellationToken cancellationToken = default) =>
            PatchAsync((response ?? throw new ArgumentNullException(nameof(response))).Gateway, patch, cancellationToken);

        /// <summary>
        /// Records human feedback on the log entry of a generated call's result in one call:
        /// <c>result.Gateway.LogId</c> → <c>PATCH …/logs/{id} {"feedback": …, "score": …}</c>.
        /// </summary>
        /// <param name="response">The result of a generated call (<c>images.GenerateV3Async(…)</c>).</param>
        /// <param name="feedback"><c>1</c> (positive) or <c>-1</c> (negative).</param>
        /// <param name="score">An optional score from 0 to 100; not sent when null.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <exception cref="IdeogramValidationException">Feedback other than 1 or -1, or a score outside 0 to 100.</exception>
        /// <exception cref="InvalidOperationException">The answer carried no log id.</exception>
        public Task<GatewayLog> SendFeedbackAsync(IdeogramResponse response, int feedback, double? score = null, CancellationToken cancellationToken = default)
        {
            var patch = new GatewayLogPatch { Feedback = feedback };
            if (score != null) patch.Score = score;
            return PatchAsync(response, patch, cancellationToken);
        }

        /// <summary>
        /// Reads the response payload the gateway logged for an entry (<c>GET …/logs/{id}/response</c>, Cloudflare API,
        /// AI Gateway &gt; Logs &gt; Get Gateway Log Response: "the response body from a specific log"): for an Ideogram
        /// call, Ideogram's JSON answer as the gateway received it, even when the answer to the client broke on the way.
        /// </summary>
        /// <param name="logId">The entry's id.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The payload's bytes; empty when the entry holds none (payload logging off). When the API wraps the payload in its v4 envelope (<c>{"result": …, "success": true}</c>), the <c>result</c> is returned.</returns>
        /// <exception cref="GatewayException">The API refused (kind <see cref="GatewayErrorKind.RestApi"/>); a 404 when the entry or its payload is not (yet) there.</exception>
        /// <exception cref="IdeogramTimeoutException">No complete answer within <see cref="Timeout"/>.</exception>
        /// <exception cref="IdeogramTransportException">The network failed.</exception>
        public Task<byte[]> GetResponseBodyAsync(string logId, CancellationToken cancellationToken = default) => PayloadAsync(CheckId(logId), "response", cancellationToken);

        /// <summary>Reads the request payload the gateway logged for an entry (<c>GET …/logs/{id}/request</c>, Cloudflare API, Get Gateway Log Request). Secrets are in headers, which the payload does not hold.</summary>
        /// <param name="logId">The entry's id.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <exception cref="GatewayException">The API refused; a 404 when the entry or its payload is not (yet) there.</exception>
        /// <exception cref="IdeogramTimeoutException">No complete answer within <see cref="Timeout"/>.</exception>
        /// <exception cref="IdeogramTransportException">The network failed.</exception>
        public Task<byte[]> GetRequestBodyAsync(string logId, CancellationToken cancellationToken = default) => PayloadAsync(CheckId(logId), "request", cancellationToken);

        /// <summary>
        /// Lists the entries whose <c>event_id</c> is <paramref name="eventId"/>, newest first (<c>GET …/logs</c> with
        /// <c>filters=[{"key":"event_id","operator":"eq","value":[…]}]</c>, Cloudflare API, List Gateway Logs; the filter
        /// is sent as one JSON-encoded query parameter, the form the API reads: cloudflare/cloudflare-typescript#2723).
        /// Empty when no entry has been written (yet).
        /// </summary>
        /// <param name="eventId">A call's <c>cf-aig-event-id</c>.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <exception cref="ArgumentException">The event id is empty or longer than 256 characters.</exception>
        /// <exception cref="GatewayException">The API refused.</exception>
        /// <exception cref="IdeogramTimeoutException">No complete answer within <see cref="Timeout"/>.</exception>
        /// <exception cref="IdeogramTransportException">The network failed.</exception>
        /// <exception cref="IdeogramResponseException">The answer could not be read.</exception>
        public async Task<IReadOnlyList<GatewayLog>> ListByEventIdAsync(string eventId, CancellationToken cancellationToken = default)
        {
            if (eventId is null) throw new ArgumentNullException(nameof(eventId));
            if (eventId.Length == 0 || eventId.Length > 256) throw new ArgumentException("An event id is 1 to 256 characters.", nameof(eventId));
            string filters;
            using (var buffer = new MemoryStream())
            {
                using (var w = new Utf8JsonWriter(buffer))
                {
                    w.WriteStartArray();
                    w.WriteStartObject();
                    w.WriteString("key", "event_id");
                    w.WriteString("operator", "eq");
                    w.WriteStartArray("value");
                    w.WriteStringValue(eventId);
                    w.WriteEndArray();
                    w.WriteEndObject();
                    w.WriteEndArray();
                }
                filters = Encoding.UTF8.GetString(buffer.ToArray());
            }
            var relative = ListPath() + "?filters=" + Uri.EscapeDataString(filters) + "&order_by=created_at&order_by_direction=desc&per_page=20";
            var answer = await SendRawAsync(HttpMethod.Get, relative, "list", null, cancellationToken).ConfigureAwait(false);
            try
            {
                using var doc = JsonDocument.Parse(answer.Body);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Array)
                    throw new IdeogramJsonFormatException("$.result", "expected the v4 envelope with a result array");
                var list = new List<GatewayLog>();
                int i = 0;
                foreach (var e in result.EnumerateArray()) list.Add(GatewayLog.Read(e, "$.result[" + (i++).ToString(CultureInfo.InvariantCulture) + "]"));
                return list;
            }
            catch (Exception ex) when (ex is JsonException || ex is IdeogramJsonFormatException)
            {
                throw new IdeogramResponseException($"The Cloudflare API answered {answer.Status} but the log list could not be read ({_scrub.Scrub(ex.Message)}).", ex)
                {
                    StatusCode = answer.Status, RequestPath = ListPath(), ContentType = answer.ContentType, BodyExcerpt = answer.Body.Length == 0 ? null : _errors.Excerpt(answer.Body), IsRetrySafe = true,
                };
            }
        }

        private async Task<byte[]> PayloadAsync(string id, string part, CancellationToken cancellationToken)
        {
            var answer = await SendRawAsync(HttpMethod.Get, RelativePath(id) + "/" + part, id, null, cancellationToken).ConfigureAwait(false);
            return Unwrap(answer.Body);
        }

        /// <summary>The payload itself, or the <c>result</c> of a v4 envelope around it (a JSON value, or a string holding the payload).</summary>
        internal static byte[] Unwrap(byte[] body)
        {
            if (body.Length == 0) return body;
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("success", out var success)
                    || (success.ValueKind != JsonValueKind.True && success.ValueKind != JsonValueKind.False)
                    || !root.TryGetProperty("result", out var result))
                    return body;
                if (result.ValueKind == JsonValueKind.String) return Encoding.UTF8.GetBytes(result.GetString() ?? "");
                if (result.ValueKind == JsonValueKind.Null) return Array.Empty<byte>();
                return Encoding.UTF8.GetBytes(result.GetRawText());
            }
            catch (JsonException)
            {
                return body;   // not JSON at all: the raw payload, for the reader to judge
            }
        }

        /// <summary>Describes the client: API root, account and gateway; never the token.</summary>
        public override string ToString() => $"GatewayLogsClient({ApiRoot.AbsoluteUri}, account {Address.AccountId}, gateway {Address.GatewayId})";

        private string RelativePath(string id) => ListPath() + "/" + id;

        private string ListPath() => "client/v4/accounts/" + Address.AccountId + "/ai-gateway/gateways/" + Address.GatewayId + "/logs";

        private static string LogIdOf(GatewayMetadata gateway)
        {
            if (gateway is null) throw new ArgumentNullException(nameof(gateway));
            return gateway.LogId ?? throw new InvalidOperationException(
                "The answer carried no cf-aig-log-id, so there is no log entry to address: logging is off for the call (cf-aig-collect-log: false) or the gateway, or the answer did not come from the gateway.");
        }

        private static string CheckId(string logId)
        {
            if (logId is null) throw new ArgumentNullException(nameof(logId));
            if (logId.Length == 0 || logId.Length > 128)
                throw new ArgumentException("A log id is 1 to 128 characters (a 26-character ULID or a 36-character UUIDv7).", nameof(logId));
            foreach (var c in logId)
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'))
                    throw new ArgumentException("A log id holds only letters, digits, '-' and '_'.", nameof(logId));
            return logId;
        }

        private async Task<GatewayLog> SendAsync(HttpMethod method, string id, string? json, CancellationToken cancellationToken)
        {
            var relative = RelativePath(id);
            var answer = await SendRawAsync(method, relative, id, json, cancellationToken).ConfigureAwait(false);
            return Parse(answer.Status, answer.Body, relative, answer.ContentType);
        }

        /// <summary>Sends one call and reads its whole answer; error statuses throw <see cref="GatewayException"/>.</summary>
        private async Task<RawAnswer> SendRawAsync(HttpMethod method, string relative, string what, string? json, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(method, new Uri(ApiRoot, relative));
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _token);
            request.Headers.Accept.Add(AcceptJson);
            if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");

            using var timeoutCts = new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
            if (_timeout != System.Threading.Timeout.InfiniteTimeSpan) timeoutCts.CancelAfter(_timeout);
            var stopwatch = Stopwatch.StartNew();
            int status = 0;
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                var body = await ReadAsync(response.Content, linked.Token).ConfigureAwait(false);
                Log.Answered(_logger, method.Method, what, status, stopwatch.Elapsed.TotalMilliseconds, null);
                if (status < 200 || status > 299) throw Refused(status, body, relative, what, response);
                return new RawAnswer(status, body, response.Content.Headers.ContentType?.MediaType);
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                // Carry the caller's token (HttpClient reports its internal linked token), so callers can tell their own cancellation.
                throw new OperationCanceledException(ex.Message, ex, cancellationToken);
            }
            catch (OperationCanceledException ex)
            {
                var source = timeoutCts.IsCancellationRequested ? "GatewayLogsClient.Timeout" : "the HttpClient's Timeout";
                throw new IdeogramTimeoutException(
                    $"{method.Method} of gateway log {what} did not complete within {source} ({_timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s). Log calls are idempotent; retrying is safe.",
                    _timeout, ex)
                {
                    RequestPath = StripQuery(relative), StatusCode = status == 0 ? (int?)null : status, IsRetrySafe = true, IsTransient = true,
                };
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
            {
                var detail = _scrub.Scrub(ex.InnerException?.Message ?? ex.Message);
                throw new IdeogramTransportException($"The connection to the Cloudflare API failed during {method.Method} of gateway log {what}: {detail}. Log calls are idempotent; retrying is safe.", ex)
                {
                    RequestPath = StripQuery(relative), StatusCode = status == 0 ? (int?)null : status, IsRetrySafe = true, IsTransient = true,
                };
            }
        }

        private readonly struct RawAnswer
        {
            public RawAnswer(int status, byte[] body, string? contentType)
            {
                Status = status;
                Body = body;
                ContentType = contentType;
            }

            public int Status { get; }
            public byte[] Body { get; }
            public string? ContentType { get; }
        }

        private async Task<byte[]> ReadAsync(HttpContent content, CancellationToken cancellationToken)
        {
            if (content.Headers.ContentLength is long declared && declared > MaxResponseBytes) throw TooLarge();
#if NET5_0_OR_GREATER
            using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            while (true)
            {
                int n = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                if (buffer.Length + n > MaxResponseBytes) throw TooLarge();
                buffer.Write(chunk, 0, n);
            }
            return buffer.ToArray();
        }

        private IdeogramResponseException TooLarge() =>
            new IdeogramResponseException($"The Cloudflare API answer is larger than {MaxResponseBytes.ToString(CultureInfo.InvariantCulture)} bytes (GatewayLogsClient.MaxResponseBytes); it was not read.")
            {
                IsRetrySafe = true,
            };

        /// <summary>An error answer: the v4 envelope's <c>errors[]</c> when present, else the status and a scrubbed excerpt.</summary>
        private GatewayException Refused(int status, byte[] body, string relative, string what, HttpResponseMessage response)
        {
            var entries = new List<GatewayErrorEntry>();
            try
            {
                if (body.Length > 0)
                {
                    using var doc = JsonDocument.Parse(body);
                    if (doc.RootElement.ValueKind == JsonValueKind.Object)
                        foreach (var name in new[] { "errors", "error" })
                            if (doc.RootElement.TryGetProperty(name, out var errors) && errors.ValueKind == JsonValueKind.Array)
                                foreach (var e in errors.EnumerateArray())
                                {
                                    if (e.ValueKind != JsonValueKind.Object) continue;
                                    int? code = e.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var ci) ? ci : (int?)null;
                                    string? message = e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                                    entries.Add(new GatewayErrorEntry(code, message == null ? null : _scrub.Scrub(message)));
                                }
                }
            }
            catch (JsonException)
            {
                // Not JSON (an HTML error page): described by its excerpt below.
            }

            var text = new StringBuilder("The Cloudflare API answered ").Append(status);
            int? first = entries.Count > 0 ? entries[0].Code : null;
            if (first != null) text.Append(" with code ").Append(first.Value.ToString(CultureInfo.InvariantCulture));
            if (entries.Count > 0 && !string.IsNullOrEmpty(entries[0].Message)) text.Append(" (\"").Append(entries[0].Message).Append("\")");
            else if (body.Length > 0) text.Append(" (\"").Append(_errors.Excerpt(body)).Append("\")");
            text.Append(what == "list" ? " for the gateway log list" : " for gateway log " + what).Append(": ").Append(Explain(status));

            var ex = new GatewayException(text.ToString(), GatewayErrorKind.RestApi, first, entries)
            {
                StatusCode = status,
                RequestPath = StripQuery(relative),
                IsTransient = status >= 500 || status == 429 || status == 408,
                IsRetrySafe = true,
            };
            var ra = response.Headers.RetryAfter;
            if (ra?.Delta is TimeSpan delta) ex.RetryAfter = delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            return ex;
        }

        private static string StripQuery(string relative)
        {
            var q = relative.IndexOf('?');
            return q < 0 ? relative : relative.Substring(0, q);
        }

        private static string Explain(int status)
        {
            switch (status)
            {
                case 400: return "the request was rejected (check the patch values).";
                case 401: return "the API token is missing or invalid (a Cloudflare API token with AI Gateway Read/Edit permission, not the gateway run token or the Ideogram key).";
                case 403: return "the API token lacks permission (AI Gateway Read for GET, AI Gateway Edit for PATCH) on this account.";
                case 404: return "no such log entry on this account and gateway (it may not be written yet, logging may be off, or it was deleted).";
                case 429: return "rate limited by the Cloudflare API; retry later.";
                default: return status >= 500 ? "the Cloudflare API failed; retry later." : "the Cloudflare API rejected the call.";
            }
        }

        private GatewayLog Parse(int status, byte[] body, string relative, string? contentType)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new IdeogramJsonFormatException("$", "expected the v4 envelope object");
                if (!root.TryGetProperty("result", out var result) || result.ValueKind == JsonValueKind.Null)
                    throw new IdeogramJsonFormatException("$.result", "the answer has no result");
                return GatewayLog.Read(result, "$.result");
            }
            catch (Exception ex) when (ex is JsonException || ex is IdeogramJsonFormatException)
            {
                throw new IdeogramResponseException($"The Cloudflare API answered {status} but the log entry could not be read ({_scrub.Scrub(ex.Message)}).", ex)
                {
                    StatusCode = status, RequestPath = relative, ContentType = contentType, BodyExcerpt = body.Length == 0 ? null : _errors.Excerpt(body), IsRetrySafe = true,
                };
            }
        }

        private static class Log
        {
            public static readonly Action<ILogger, string, string, int, double, Exception?> Answered =
                LoggerMessage.Define<string, string, int, double>(LogLevel.Debug, new EventId(20, "GatewayLogCall"), "{Method} gateway log {LogId} answered {Status} in {ElapsedMs} ms");
        }
    }
}
