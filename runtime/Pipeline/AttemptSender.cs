using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace IdeogramGen
{
    /// <summary>
    /// One attempt of a call: builds the <see cref="HttpRequestMessage"/>, sends it with the caller's
    /// <see cref="HttpClient"/> (whose <see cref="DelegatingHandler"/>s see every attempt), applies the attempt's one
    /// timeout, reads the answer through <see cref="AnswerReader"/> and turns it into the typed response or the right
    /// exception (<see cref="ErrorClassifier"/> for error answers, <see cref="TransportFailures"/> for the rest).
    /// </summary>
    internal sealed class AttemptSender
    {
        private static readonly TimerCallback CancelSource = state => ((CancellationTokenSource)state!).Cancel();

        private readonly HttpClient _http;
        private readonly GatewayOptions _options;
        private readonly TimeProvider _time;
        private readonly bool _systemTime;
        private readonly ILogger _logger;
        private readonly TransportFailures _failures;
        private readonly bool _recoveryOn;
        private CancellationTokenSource? _spareTimeout;

        public AttemptSender(HttpClient http, GatewayOptions options, ILogger logger, TransportFailures failures)
        {
            _recoveryOn = options.Recovery != null;
            _http = http;
            _options = options;
            _time = options.TimeProvider;
            _systemTime = ReferenceEquals(_time, TimeProvider.System);
            _logger = logger;
            _failures = failures;
        }

        /// <summary>
        /// Sends one attempt. With recovery on (<see cref="GatewayOptions.Recovery"/>) and no event id of the call's own,
        /// the attempt sends a new <c>cf-aig-event-id</c>, so that its gateway log can be found even when no answer
        /// header arrives. Every failure that may have been billed leaves here with its event id and recovery path.
        /// </summary>
        public async Task<T> SendAsync<T>(Uri uri, string path, RequestBody body, JsonValueReader<T> read, CallSettings call, int attempt, CancellationToken cancellationToken)
            where T : IdeogramResponse
        {
            var eventId = call.EventId ?? (_recoveryOn ? NewEventId() : null);
            // One async method per attempt (not a wrapper around another): the request and its timeout are disposed
            // when this block is left, before the handlers below run, as they would be at the end of a separate method.
            try
            {
                using var request = new HttpRequestMessage(call.Poll ? HttpMethod.Get : HttpMethod.Post, uri);
                // Contract C4: handlers can tell a call that may bill if re-sent. A price quote or a poll cannot bill, so it is not marked.
                if (!call.Free) IdeogramRequestMark.Set(request, path);
                var headers = request.Headers;
                foreach (var h in call.Headers) headers.TryAddWithoutValidation(h.Key, h.Value);
                if (call.EventId == null && eventId != null) headers.TryAddWithoutValidation(GatewayHeaders.EventId, eventId);
                request.Content = body.CreateContent();

                // The attempt's one timeout: a single source (linked to the caller's token only when that can cancel),
                // cancelled by the options' clock. HttpClient's own Timeout still applies on top, as for any call.
                CancellationTokenSource? timeout = null;
                ITimer? timer = null;
                var token = cancellationToken;
                if (call.Timeout != Timeout.InfiniteTimeSpan)
                {
                    timeout = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : RentTimeout();
                    if (_systemTime) timeout.CancelAfter(call.Timeout);
                    else timer = _time.CreateTimer(CancelSource, timeout, call.Timeout, Timeout.InfiniteTimeSpan);
                    token = timeout.Token;
                }
                try
                {
                    long started = _logger.IsEnabled(LogLevel.Debug) ? _time.GetTimestamp() : 0;
                    PipelineLog.Sending(_logger, request.Method.Method, path, attempt, null);

                    HttpResponseMessage response;
                    try
                    {
                        response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (UploadReadException.Find(ex) is UploadReadException upload)
                    {
                        throw _failures.UploadFailed(path, upload);
                    }
                    catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && request.Content is ISentContent { BodySent: false })
                    {
                        // The body never finished sending, so nothing ran: a plain cancellation carrying the caller's token.
                        throw new OperationCanceledException($"The call to {path} was canceled before its request was sent; nothing ran or was billed.", ex, cancellationToken);
                    }
                    catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
                    {
                        // HttpClient reports its internal linked token: carry the caller's, and what is known for recovery.
                        throw _failures.Canceled(path, ex, cancellationToken, null, GatewayMetadata.Empty, eventId);
                    }
                    catch (OperationCanceledException ex)
                    {
                        throw _failures.TimedOut(path, call.Timeout, ex, timeout?.IsCancellationRequested == true);
                    }
                    catch (HttpRequestException ex)
                    {
                        throw _failures.Transport(path, ex, "sending the request", before: TransportFailures.FailedBeforeSending(ex));
                    }
                    catch (IOException ex)
                    {
                        throw _failures.Transport(path, ex, "sending the request", before: false);
                    }

                    using (response)
                    {
                        var status = (int)response.StatusCode;
                        var gateway = GatewayMetadata.FromHeaders(response.Headers);
                        if (!_options.AllowRedirectedAnswers && response.RequestMessage?.RequestUri is Uri answered && !SameOrigin(answered, uri))
                        {
                            // HttpClient followed a redirect (its default): refuse the answer. The gateway never redirects, and a
                            // redirect elsewhere carries the Api-Key and gateway token headers with it.
                            PipelineLog.Failed(_logger, path, "Redirected", null);
                            throw new IdeogramResponseException($"The call to {path} was redirected to {answered.Scheme}://{answered.Authority}/, which is not the gateway; the answer was not accepted. Cloudflare AI Gateway does not redirect: check GatewayOptions.GatewayRoot, and use an HttpClient whose handler has AllowAutoRedirect = false so that credentials never follow a redirect (a handler of your own that rewrites request URIs needs GatewayOptions.AllowRedirectedAnswers).")
                            {
                                StatusCode = status, Gateway = gateway, RequestPath = path, MayHaveBeenBilled = true,
                            };
                        }

                        PooledBody answer;
                        try
                        {
                            answer = await AnswerReader.ReadAsync(response.Content, _options.MaxResponseBytes, token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
                        {
                            throw _failures.Canceled(path, ex, cancellationToken, status, gateway, eventId);
                        }
                        catch (OperationCanceledException ex)
                        {
                            var t = _failures.TimedOut(path, call.Timeout, ex, timeout?.IsCancellationRequested == true);
                            t.StatusCode = status;
                            t.Gateway = gateway;
                            throw t;
                        }
                        catch (AnswerTooLargeException tl)
                        {
                            throw new IdeogramResponseException($"The answer of {path} is larger than {_options.MaxResponseBytes.ToString(CultureInfo.InvariantCulture)} bytes (GatewayOptions.MaxResponseBytes); it was not read.")
                            {
                                StatusCode = status, Gateway = gateway, RequestPath = path, MayHaveBeenBilled = status < 300 || status >= 500, ContentType = tl.ContentType,
                            };
                        }
                        catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
                        {
                            var t = _failures.Transport(path, ex, "reading the answer", before: false);
                            t.StatusCode = status;
                            t.Gateway = gateway;
                            throw t;
                        }

                        using (answer)
                        {
                            if (started != 0)
                                PipelineLog.Received(_logger, request.Method.Method, path, status, _time.GetElapsedTime(started).TotalMilliseconds, gateway.LogId, gateway.CacheStatus, null);
                            if (status < 200 || status > 299)
                                throw call.Errors.FromResponse(status, answer.Memory, response.Content.Headers.ContentType?.MediaType, gateway, path, RetryAfterHeader.Read(response, _time));
                            var result = Parse(answer.Span, read, status, gateway, path, response, call);
                            result.Gateway = gateway;
                            result.StatusCode = status;
                            return result;
                        }
                    }
                }
                finally
                {
                    timer?.Dispose();
                    if (timeout != null) ReturnTimeout(timeout, pooled: !cancellationToken.CanBeCanceled);
                }
            }
            catch (IdeogramGenException ex)
            {
                if (ex.EventId == null) ex.EventId = eventId ?? ex.Gateway.EventId;
                RecoveryAdvice.Apply(ex, _recoveryOn);
                throw;
            }
            catch (IdeogramCanceledException ex)
            {
                RecoveryAdvice.Apply(ex, _recoveryOn);
                throw;
            }
        }

        /// <summary>
        /// A timeout source for an attempt whose caller's token cannot cancel: the one a finished attempt gave back
        /// (<see cref="ReturnTimeout"/>), else a new one. Saves the source and its timer on every call that has no token.
        /// </summary>
        private CancellationTokenSource RentTimeout() => Interlocked.Exchange(ref _spareTimeout, null) ?? new CancellationTokenSource();

        /// <summary>
        /// Ends an attempt's timeout source: a source of its own (not linked to a caller's token) whose timeout did not fire
        /// is reset (its timer stopped, any registration left on its token removed) and kept for the next attempt; any
        /// other is disposed. Only with the system clock: its timer is the source's own (<c>CancelAfter</c>), so the reset
        /// fails, and the source is dropped, when the timeout fired or is firing. Another clock's timer could still call
        /// back after its disposal.
        /// </summary>
        private void ReturnTimeout(CancellationTokenSource timeout, bool pooled)
        {
#if NET6_0_OR_GREATER
            if (pooled && _systemTime && timeout.TryReset() && Interlocked.CompareExchange(ref _spareTimeout, timeout, null) == null) return;
#endif
            timeout.Dispose();
        }

        /// <summary>A client-chosen <c>cf-aig-event-id</c>: <c>idg-</c> and 32 hex digits, new per attempt.</summary>
        internal static string NewEventId() => "idg-" + Guid.NewGuid().ToString("N");

        private static T Parse<T>(ReadOnlySpan<byte> bytes, JsonValueReader<T> read, int status, GatewayMetadata gateway, string path, HttpResponseMessage response, CallSettings call)
        {
            try
            {
                if (bytes.Length == 0) throw new IdeogramJsonFormatException("$", "the body is empty");
                // A UTF-8 byte order mark is legal before JSON text but not for Utf8JsonReader.
                var json = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? bytes.Slice(3) : bytes;
                var reader = new Utf8JsonReader(json);
                IdeogramJson.Start(ref reader);
                var result = read(ref reader);
                IdeogramJson.End(ref reader);
                return result;
            }
            catch (Exception ex) when (ex is IdeogramJsonFormatException || ex is JsonException || ex is InvalidOperationException || ex is FormatException)
            {
                var problem = EndsEarly(bytes) ? $"the JSON ends early, after {bytes.Length.ToString(CultureInfo.InvariantCulture)} bytes: truncated" : ex.Message;
                var outcome = call.Poll ? "A poll bills nothing; the generation it reports on is unaffected." : call.DryRun ? "A price quote bills nothing." : "The request ran and was billed.";
                throw new IdeogramResponseException($"Ideogram answered {status} but the body could not be read ({problem}). {outcome}", ex)
                {
                    StatusCode = status, Gateway = gateway, RequestPath = path, MayHaveBeenBilled = true,
                    ContentType = response.Content.Headers.ContentType?.MediaType, BodyExcerpt = call.Errors.Excerpt(bytes),
                };
            }
        }

        /// <summary>
        /// True when the body is the start of a JSON document that stops before its root value is complete (a cut
        /// transfer), rather than malformed JSON: a final-block reader cannot tell the two apart, a partial-block one can.
        /// </summary>
        internal static bool EndsEarly(ReadOnlySpan<byte> bytes)
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

        private static bool SameOrigin(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
            && a.Port == b.Port;
    }
}
