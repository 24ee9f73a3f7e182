using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IdeogramGen
{
    /// <summary>
    /// The transport every generated client calls: builds the gateway URL, adds <c>Api-Key</c>,
    /// <c>cf-aig-authorization</c> and the <c>cf-aig-*</c> option headers, sends with the caller's
    /// <see cref="HttpClient"/>, reads the gateway metadata, turns error answers into typed exceptions, applies the
    /// timeout and the (billing-safe) retry policy. One instance serves any number of concurrent calls.
    /// </summary>
    public sealed class GatewayPipeline
    {
        private static readonly string DefaultUserAgent = "IdeogramGen/" + Version();
        private readonly HttpClient _http;
        private readonly IdeogramCredentials _credentials;
        private readonly GatewayOptions _options;
        private readonly ILogger _logger;
        private readonly SecretScrubber _scrub;
        private readonly ErrorClassifier _errors;
        private readonly WeightedLimiter? _limiter;

        /// <summary>Creates the pipeline.</summary>
        /// <param name="httpClient">The caller's client (from <c>IHttpClientFactory</c> or a long-lived instance); never disposed here.</param>
        /// <param name="credentials">The Ideogram key and optional gateway token.</param>
        /// <param name="address">The account and gateway.</param>
        /// <param name="options">Client-wide settings; defaults when null.</param>
        /// <param name="logger">Receives one line per attempt (never headers or secrets); none when null.</param>
        public GatewayPipeline(HttpClient httpClient, IdeogramCredentials credentials, GatewayAddress address, GatewayOptions? options = null, ILogger? logger = null)
        {
            _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
            _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
            Address = address ?? throw new ArgumentNullException(nameof(address));
            _options = options ?? new GatewayOptions();
            _options.Retry.Validate();
            if (_options.Timeout <= TimeSpan.Zero && _options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
                throw new ArgumentOutOfRangeException(nameof(options), "GatewayOptions.Timeout must be positive or infinite.");
            if (_options.MaxImagesInFlight is int max)
            {
                if (max < 1) throw new ArgumentOutOfRangeException(nameof(options), "GatewayOptions.MaxImagesInFlight must be at least 1.");
                _limiter = new WeightedLimiter(max);
            }
            if (_options.MaxResponseBytes < 1 || _options.MaxResponseBytes > int.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(options), "GatewayOptions.MaxResponseBytes must be from 1 to 2147483647.");
            _logger = logger ?? NullLogger.Instance;
            _scrub = new SecretScrubber(new[] { credentials.ApiKey, credentials.GatewayToken, _options.Defaults.GatewayToken });
            _errors = new ErrorClassifier(_scrub);
        }

        /// <summary>The account and gateway this pipeline calls.</summary>
        public GatewayAddress Address { get; }

        /// <summary>The Ideogram base URI requests go to (Cloudflare's, or <see cref="GatewayOptions.GatewayRoot"/>).</summary>
        public Uri BaseUri => Address.ProviderBase(_options.GatewayRoot ?? GatewayAddress.CloudflareRoot);

        /// <summary>
        /// Sends one Ideogram call and reads its answer.
        /// </summary>
        /// <param name="path">Ideogram's path, e.g. <c>v1/ideogram-v3/generate</c>.</param>
        /// <param name="body">The request body.</param>
        /// <param name="images">How many images the call asks for (its weight in <see cref="GatewayOptions.MaxImagesInFlight"/>).</param>
        /// <param name="read">Reads the 2xx JSON body.</param>
        /// <param name="options">Per-call settings.</param>
        /// <param name="cancellationToken">Cancels the call, waits included; throws <see cref="OperationCanceledException"/>.</param>
        /// <exception cref="GatewayException">The gateway refused or failed the call.</exception>
        /// <exception cref="IdeogramApiException">Ideogram refused or failed the call.</exception>
        /// <exception cref="IdeogramTimeoutException">No complete answer within the timeout.</exception>
        /// <exception cref="IdeogramTransportException">The network failed.</exception>
        /// <exception cref="IdeogramResponseException">The answer could not be read.</exception>
        /// <exception cref="IdeogramValidationException">A gateway option is invalid (nothing was sent).</exception>
        public async Task<T> SendAsync<T>(string path, RequestBody body, int images, JsonValueReader<T> read, IdeogramRequestOptions? options, CancellationToken cancellationToken)
            where T : IdeogramResponse
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (body is null) throw new ArgumentNullException(nameof(body));
            if (read is null) throw new ArgumentNullException(nameof(read));
            var gateway = options?.Gateway is null ? _options.Defaults : _options.Defaults.MergedWith(options.Gateway);
            var headers = gateway.ToHeaders();
            var timeout = options?.Timeout ?? _options.Timeout;
            if (timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
                throw new ArgumentOutOfRangeException(nameof(options), "IdeogramRequestOptions.Timeout must be positive or infinite.");
            var retry = options?.Retry ?? _options.Retry;
            retry.Validate();
            var uri = Address.Endpoint(path, _options.GatewayRoot);
            var scrub = gateway.GatewayToken != null && gateway.GatewayToken != _options.Defaults.GatewayToken
                ? new SecretScrubber(new[] { _credentials.ApiKey, _credentials.GatewayToken, gateway.GatewayToken })
                : _scrub;
            var errors = ReferenceEquals(scrub, _scrub) ? _errors : new ErrorClassifier(scrub);

            var telemetry = IdeogramTelemetry.StartCall(path, body, images, uri, _options.RecordPromptsInTelemetry);
            IDisposable? permit = null;
            int attempt = 1;
            try
            {
                if (_limiter != null) permit = await _limiter.AcquireAsync(Math.Max(1, images), cancellationToken).ConfigureAwait(false);
                for (; ; attempt++)
                {
                    try
                    {
                        var result = await AttemptAsync(uri, path, body, headers, gateway.GatewayToken, timeout, read, errors, attempt, cancellationToken).ConfigureAwait(false);
                        telemetry?.Succeeded(result, attempt);
                        return result;
                    }
                    catch (IdeogramGenException ex)
                    {
                        ex.Attempts = attempt;
                        if (attempt >= retry.MaxAttempts || !retry.Allows(ex) || !body.IsReplayable) throw;
                        var delay = Delay(retry, attempt, ex.RetryAfter);
                        if (delay == null)
                        {
                            Log.RetryAbandoned(_logger, path, ex.RetryAfter?.TotalSeconds ?? 0, null);
                            throw;
                        }
                        Log.Retrying(_logger, path, attempt, ex.GetType().Name, delay.Value.TotalMilliseconds, null);
                        telemetry?.Retrying(attempt, ex, delay.Value);
                        await Task.Delay(delay.Value, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception ex) when (telemetry != null)
            {
                telemetry.Failed(ex, attempt);
                throw;
            }
            finally
            {
                permit?.Dispose();
            }
        }

        private static TimeSpan? Delay(IdeogramRetryPolicy retry, int attempt, TimeSpan? retryAfter)
        {
            if (retryAfter is TimeSpan ra)
                return ra > retry.MaxDelay ? (TimeSpan?)null : ra;
            var backoff = TimeSpan.FromTicks(retry.BaseDelay.Ticks * (1L << Math.Min(attempt - 1, 16)));
            var jitter = TimeSpan.FromTicks((long)(backoff.Ticks * 0.2 * Jitter()));
            var total = backoff + jitter;
            return total > retry.MaxDelay ? retry.MaxDelay : total;
        }

#if NET6_0_OR_GREATER
        private static double Jitter() => Random.Shared.NextDouble();
#else
        private static readonly object JitterLock = new object();
        private static readonly Random JitterRandom = new Random();
        private static double Jitter() { lock (JitterLock) return JitterRandom.NextDouble(); }
#endif

        private async Task<T> AttemptAsync<T>(Uri uri, string path, RequestBody body, System.Collections.Generic.IReadOnlyList<System.Collections.Generic.KeyValuePair<string, string>> headers,
            string? tokenOverride, TimeSpan timeout, JsonValueReader<T> read, ErrorClassifier errors, int attempt, CancellationToken cancellationToken)
            where T : IdeogramResponse
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri);
            if (_credentials.ApiKey != null) request.Headers.TryAddWithoutValidation(GatewayHeaders.IdeogramApiKey, _credentials.ApiKey);
            if (tokenOverride == null && _credentials.GatewayToken != null)
                request.Headers.TryAddWithoutValidation(GatewayHeaders.Authorization, "Bearer " + _credentials.GatewayToken);
            foreach (var h in headers) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent ?? DefaultUserAgent);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Content = body.CreateContent();

            using var timeoutCts = new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
            if (timeout != System.Threading.Timeout.InfiniteTimeSpan) timeoutCts.CancelAfter(timeout);
            var stopwatch = Stopwatch.StartNew();
            Log.Sending(_logger, path, attempt, null);

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                // Carry the caller's token (HttpClient reports its internal linked token), so callers can tell their own cancellation.
                throw new OperationCanceledException(ex.Message, ex, cancellationToken);
            }
            catch (OperationCanceledException ex)
            {
                throw TimedOut(path, timeout, ex, timeoutCts.IsCancellationRequested);
            }
            catch (HttpRequestException ex)
            {
                throw Transport(path, ex, "sending the request", before: FailedBeforeSending(ex));
            }
            catch (IOException ex)
            {
                throw Transport(path, ex, "sending the request", before: false);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var gateway = GatewayMetadata.FromHeaders(response.Headers);
                if (!_options.AllowRedirectedAnswers && response.RequestMessage?.RequestUri is Uri answered && !SameOrigin(answered, uri))
                {
                    // HttpClient followed a redirect (its default): refuse the answer. The gateway never redirects, and a
                    // redirect elsewhere carries the Api-Key and gateway token headers with it.
                    Log.Failed(_logger, path, "Redirected", null);
                    throw new IdeogramResponseException($"The call to {path} was redirected to {answered.Scheme}://{answered.Authority}/, which is not the gateway; the answer was not accepted. Cloudflare AI Gateway does not redirect: check GatewayOptions.GatewayRoot, and use an HttpClient whose handler has AllowAutoRedirect = false so that credentials never follow a redirect (a handler of your own that rewrites request URIs needs GatewayOptions.AllowRedirectedAnswers).")
                    {
                        StatusCode = status, Gateway = gateway, RequestPath = path, MayHaveBeenBilled = true,
                    };
                }
                byte[] bytes;
                try
                {
                    bytes = await ReadBodyAsync(response, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
                {
                    // Carry the caller's token (HttpClient reports its internal linked token), so callers can tell their own cancellation.
                    throw new OperationCanceledException(ex.Message, ex, cancellationToken);
                }
                catch (OperationCanceledException ex)
                {
                    var t = TimedOut(path, timeout, ex, timeoutCts.IsCancellationRequested);
                    t.StatusCode = status;
                    t.Gateway = gateway;
                    throw t;
                }
                catch (TooLargeException tl)
                {
                    throw new IdeogramResponseException($"The answer of {path} is larger than {_options.MaxResponseBytes.ToString(CultureInfo.InvariantCulture)} bytes (GatewayOptions.MaxResponseBytes); it was not read.{LogHint(gateway, status)}")
                    {
                        StatusCode = status, Gateway = gateway, RequestPath = path, MayHaveBeenBilled = status < 300 || status >= 500, ContentType = tl.ContentType,
                    };
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
                {
                    var t = Transport(path, ex, "reading the answer", before: false);
                    t.StatusCode = status;
                    t.Gateway = gateway;
                    throw t;
                }
                Log.Received(_logger, path, status, stopwatch.Elapsed.TotalMilliseconds, gateway.LogId, gateway.CacheStatus, null);

                if (status < 200 || status > 299)
                {
                    var retryAfter = RetryAfter(response);
                    throw errors.FromResponse(status, bytes, response.Content.Headers.ContentType?.MediaType, gateway, path, retryAfter);
                }

                T result;
                try
                {
                    if (bytes.Length == 0) throw new IdeogramJsonFormatException("$", "the body is empty");
                    // A UTF-8 byte order mark is legal before JSON text but not for Utf8JsonReader.
                    var json = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? new ReadOnlySpan<byte>(bytes, 3, bytes.Length - 3) : bytes;
                    var reader = new Utf8JsonReader(json);
                    IdeogramJson.Start(ref reader);
                    result = read(ref reader);
                    IdeogramJson.End(ref reader);
                }
                catch (Exception ex) when (ex is IdeogramJsonFormatException || ex is JsonException || ex is InvalidOperationException || ex is FormatException)
                {
                    var problem = EndsEarly(bytes) ? $"the JSON ends early, after {bytes.Length.ToString(CultureInfo.InvariantCulture)} bytes: truncated" : ex.Message;
                    throw new IdeogramResponseException($"Ideogram answered {status} but the body could not be read ({problem}). The request ran and was billed.{LogHint(gateway, status)}", ex)
                    {
                        StatusCode = status, Gateway = gateway, RequestPath = path, MayHaveBeenBilled = true,
                        ContentType = response.Content.Headers.ContentType?.MediaType, BodyExcerpt = errors.Excerpt(bytes),
                    };
                }
                result.Gateway = gateway;
                result.StatusCode = status;
                return result;
            }
        }

        /// <summary>
        /// True when the body is the start of a JSON document that stops before its root value is complete (a cut
        /// transfer), rather than malformed JSON: a final-block reader cannot tell the two apart, a partial-block one can.
        /// </summary>
        internal static bool EndsEarly(byte[] bytes)
        {
            if (bytes.Length == 0) return false;
            var reader = new Utf8JsonReader(bytes, isFinalBlock: false, state: default);
            try
            {
                while (reader.Read())
                {
                    if (reader.CurrentDepth == 0 && reader.TokenType != JsonTokenType.StartObject && reader.TokenType != JsonTokenType.StartArray)
                        return false;
                }
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static string LogHint(GatewayMetadata gateway, int status) =>
            gateway.LogId != null && status < 300 ? $" The gateway log {gateway.LogId} holds the response payload (unless payload logging is off)." : "";

        private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            var content = response.Content;
            var max = _options.MaxResponseBytes;
            if (content.Headers.ContentLength is long declared && declared > max) throw new TooLargeException(content.Headers.ContentType?.MediaType);
#if NET5_0_OR_GREATER
            using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            if (content.Headers.ContentLength is long length)
            {
                // The common case: read straight into an array of the announced size.
                var exact = new byte[length];
                int filled = 0;
                while (filled < exact.Length)
                {
                    int n = await stream.ReadAsync(exact, filled, exact.Length - filled, cancellationToken).ConfigureAwait(false);
                    if (n == 0) break;
                    filled += n;
                }
                if (filled == exact.Length) return exact;
                Array.Resize(ref exact, filled);
                return exact;
            }
            using var buffer = new MemoryStream();
            var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                while (true)
                {
                    int n = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                    if (n == 0) break;
                    if (buffer.Length + n > max) throw new TooLargeException(content.Headers.ContentType?.MediaType);
                    buffer.Write(chunk, 0, n);
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
            }
            return buffer.ToArray();
        }

        private static bool SameOrigin(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
            && a.Port == b.Port;

        private static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var ra = response.Headers.RetryAfter;
            if (ra == null)
            {
                // HttpClient drops a delta it cannot hold in 32 bits; such a server still means "not soon".
                if (response.Headers.TryGetValues("Retry-After", out var raw))
                {
                    var text = string.Join(",", raw).Trim();
                    if (text.Length > 0 && text.All(char.IsDigit))
                        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var secs) && secs <= 315_360_000
                            ? TimeSpan.FromSeconds(secs)
                            : TimeSpan.FromDays(3650);
                }
                return null;
            }
            if (ra.Delta is TimeSpan delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            if (ra.Date is DateTimeOffset date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }

        private IdeogramTimeoutException TimedOut(string path, TimeSpan timeout, Exception inner, bool ours)
        {
            // When the HttpClient's own Timeout cut the call first, report that one: it is the setting to change.
            if (!ours) timeout = _http.Timeout;
            var source = ours ? "the call's timeout" : "the HttpClient's Timeout";
            var ex = new IdeogramTimeoutException(
                $"{path} did not complete within {source} ({timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s). Ideogram may still have run (and billed) the request, so it is not retried automatically.",
                timeout, inner)
            {
                RequestPath = path, MayHaveBeenBilled = true, IsTransient = true,
            };
            Log.Failed(_logger, path, ex.GetType().Name, null);
            return ex;
        }

        private IdeogramTransportException Transport(string path, Exception inner, string phase, bool before)
        {
            var detail = _scrub.Scrub(inner.InnerException?.Message ?? inner.Message);
            var ex = new IdeogramTransportException(
                before
                    ? $"Could not connect to the gateway for {path}: {detail}. Nothing was sent; retrying is safe."
                    : $"The connection failed while {phase} for {path}: {detail}. Ideogram may have run (and billed) the request, so it is not retried automatically.",
                inner)
            {
                RequestPath = path, FailedBeforeSending = before, IsRetrySafe = before, IsTransient = true, MayHaveBeenBilled = !before,
            };
            Log.Failed(_logger, path, ex.GetType().Name, null);
            return ex;
        }

        private static bool FailedBeforeSending(HttpRequestException ex)
        {
#if NET8_0_OR_GREATER
            if (ex.HttpRequestError == HttpRequestError.NameResolutionError) return true;
#endif
            for (Exception? e = ex; e != null; e = e.InnerException)
            {
                if (e is SocketException se)
                {
                    switch (se.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.TryAgain:
                        case SocketError.NoData:
                        case SocketError.AddressNotAvailable:
                            return true;
                    }
                }
                if (e is System.Security.Authentication.AuthenticationException) return true;
            }
            return false;
        }

        private static string Version()
        {
            var info = typeof(GatewayPipeline).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            if (string.IsNullOrEmpty(info)) return typeof(GatewayPipeline).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            var plus = info!.IndexOf('+');
            return plus > 0 ? info.Substring(0, plus) : info;
        }

        private sealed class TooLargeException : Exception
        {
            public TooLargeException(string? contentType) => ContentType = contentType;
            public string? ContentType { get; }
        }

        private static class Log
        {
            public static readonly Action<ILogger, string, int, Exception?> Sending =
                LoggerMessage.Define<string, int>(LogLevel.Trace, new EventId(1, "IdeogramSending"), "POST {Path} attempt {Attempt}");
            public static readonly Action<ILogger, string, int, double, string?, GatewayCacheStatus, Exception?> Received =
                LoggerMessage.Define<string, int, double, string?, GatewayCacheStatus>(LogLevel.Debug, new EventId(2, "IdeogramReceived"), "POST {Path} answered {Status} in {ElapsedMs} ms (log id {LogId}, cache {CacheStatus})");
            public static readonly Action<ILogger, string, int, string, double, Exception?> Retrying =
                LoggerMessage.Define<string, int, string, double>(LogLevel.Information, new EventId(3, "IdeogramRetrying"), "POST {Path} attempt {Attempt} failed with {Error}; the request did not run, retrying in {DelayMs} ms");
            public static readonly Action<ILogger, string, double, Exception?> RetryAbandoned =
                LoggerMessage.Define<string, double>(LogLevel.Information, new EventId(4, "IdeogramRetryAbandoned"), "POST {Path}: Retry-After of {Seconds} s is longer than the retry policy's MaxDelay; not retrying");
            public static readonly Action<ILogger, string, string, Exception?> Failed =
                LoggerMessage.Define<string, string>(LogLevel.Debug, new EventId(5, "IdeogramFailed"), "POST {Path} failed with {Error}");
        }
    }
}
