using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace IdeogramGen
{
    /// <summary>
    /// Turns what went wrong below HTTP (a timeout, a broken connection, an upload that could not be read, the caller's
    /// cancellation) into the library's exceptions, each saying whether the request may have run.
    /// </summary>
    internal sealed class TransportFailures
    {
        private readonly HttpClient _http;
        private readonly ILogger _logger;
        private readonly SecretScrubber _scrub;

        public TransportFailures(HttpClient http, ILogger logger, SecretScrubber scrub)
        {
            _http = http;
            _logger = logger;
            _scrub = scrub;
        }

        public IdeogramTimeoutException TimedOut(string path, TimeSpan timeout, Exception inner, bool ours)
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
            PipelineLog.Failed(_logger, path, ex.GetType().Name, null);
            return ex;
        }

        public IdeogramTransportException Transport(string path, Exception inner, string phase, bool before)
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
            PipelineLog.Failed(_logger, path, ex.GetType().Name, null);
            return ex;
        }

        /// <summary>The upload's own stream failed while the body was being sent: the body never finished, so nothing ran.</summary>
        public IdeogramTransportException UploadFailed(string path, UploadReadException failure)
        {
            var source = failure.InnerException ?? failure;
            var ex = new IdeogramTransportException(
                $"Reading an uploaded file for {path} failed while the request body was being sent ({source.GetType().Name}: {_scrub.Scrub(source.Message)}). The body never finished sending, so the request did not run and was not billed; fix the stream and call again.",
                source)
            {
                RequestPath = path, FailedBeforeSending = true, IsRetrySafe = true, IsTransient = false, MayHaveBeenBilled = false,
            };
            PipelineLog.Failed(_logger, path, ex.GetType().Name, null);
            return ex;
        }

        /// <summary>
        /// The caller cancelled after the request was handed to the HttpClient: keep their token, and say what is known so
        /// the result can be recovered (the gateway log by log id or event id).
        /// </summary>
        public IdeogramCanceledException Canceled(string path, OperationCanceledException inner, CancellationToken token, int? status, GatewayMetadata gateway, string? eventId)
        {
            var id = gateway.LogId != null ? $" (gateway log id {gateway.LogId})" : eventId != null ? $" (cf-aig-event-id {eventId})" : "";
            var ex = new IdeogramCanceledException(
                $"The call to {path} was canceled after the request was sent; Ideogram may have run (and billed) it{id}.",
                inner, token)
            {
                RequestPath = path, StatusCode = status, Gateway = gateway, EventId = gateway.EventId ?? eventId, MayHaveBeenBilled = true,
            };
            PipelineLog.Failed(_logger, path, nameof(IdeogramCanceledException), null);
            return ex;
        }

        public static bool FailedBeforeSending(HttpRequestException ex)
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
                if (IdeogramRequestMark.IsPollyRefusal(e)) return true;   // a resilience handler refused before sending
            }
            return false;
        }
    }
}
