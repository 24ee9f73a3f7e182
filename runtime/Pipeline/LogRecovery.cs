using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace IdeogramGen
{
    /// <summary>
    /// Reads the answer of a failed call back from the gateway's logs: finds the entry (by <c>cf-aig-log-id</c>, else by
    /// the <c>cf-aig-event-id</c> the call sent, through the list API's <c>event_id</c> filter), checks that the gateway
    /// logged a 2xx answer, reads the logged response payload and runs the endpoint's reader on it. Lookups that find
    /// nothing yet are repeated with backoff on <see cref="GatewayOptions.TimeProvider"/>, since the gateway writes logs
    /// asynchronously. Only GETs of the logs API are sent: nothing here runs or bills a generation.
    /// </summary>
    internal sealed class LogRecovery
    {
        private static readonly Action<ILogger, string, int, string, Exception?> LookingUp =
            LoggerMessage.Define<string, int, string>(LogLevel.Debug, new EventId(30, "IdeogramRecoveryLookup"), "Recovering {Path} from the gateway log: lookup {Lookup} ({What})");

        private static readonly Action<ILogger, string, string, Exception?> Recovered =
            LoggerMessage.Define<string, string>(LogLevel.Information, new EventId(31, "IdeogramRecovered"), "Recovered the answer of {Path} from gateway log {LogId}");

        private static readonly Action<ILogger, string, IdeogramRecoveryErrorKind, Exception?> NotRecovered =
            LoggerMessage.Define<string, IdeogramRecoveryErrorKind>(LogLevel.Information, new EventId(32, "IdeogramNotRecovered"), "Could not recover the answer of {Path} from the gateway log: {Kind}");

        private readonly GatewayLogsClient _logs;
        private readonly TimeProvider _time;
        private readonly ILogger _logger;
        private readonly int _maxLookups;
        private readonly TimeSpan _firstDelay;
        private readonly TimeSpan _maxDelay;

        public LogRecovery(HttpClient http, GatewayAddress address, GatewayRecoveryOptions options, TimeProvider time, long maxResponseBytes, ILogger logger)
        {
            _logs = new GatewayLogsClient(http, options.LogsApiToken!, address, options.ApiRoot, logger)
            {
                Timeout = options.LookupTimeout,
                MaxResponseBytes = maxResponseBytes,
            };
            _time = time;
            _logger = logger;
            _maxLookups = options.MaxLookups;
            _firstDelay = options.FirstLookupDelay;
            _maxDelay = options.MaxLookupDelay;
            Automatic = options.Automatic;
        }

        public bool Automatic { get; }

        /// <summary>What a failure says about the call it ended.</summary>
        internal sealed class Facts
        {
            public Facts(Exception failure, string? path, bool billed, int? status, GatewayMetadata gateway, string? eventId)
            {
                Failure = failure;
                Path = path ?? "the call";
                Billed = billed;
                Status = status;
                Gateway = gateway;
                LogId = gateway.LogId;
                EventId = eventId ?? gateway.EventId;
            }

            public Exception Failure { get; }
            public string Path { get; }
            public bool Billed { get; }
            public int? Status { get; }
            public GatewayMetadata Gateway { get; }
            public string? LogId { get; }
            public string? EventId { get; }
        }

        /// <summary>The facts of an IdeogramGen failure (an <see cref="IdeogramRecoveryException"/> stands for the call it was about).</summary>
        /// <exception cref="ArgumentException">Not an exception of an IdeogramGen call.</exception>
        public static Facts Of(Exception exception)
        {
            if (exception is IdeogramRecoveryException again) exception = again.Failure;
            switch (exception)
            {
                case IdeogramGenException g:
                    return new Facts(g, g.RequestPath, g.MayHaveBeenBilled, g.StatusCode, g.Gateway, g.EventId);
                case IdeogramCanceledException c:
                    return new Facts(c, c.RequestPath, c.MayHaveBeenBilled, c.StatusCode, c.Gateway, c.EventId);
                default:
                    throw new ArgumentException(
                        "RecoverAsync takes the exception of a failed call of this client (an IdeogramGenException or IdeogramCanceledException); got " + exception.GetType().FullName + ".",
                        nameof(exception));
            }
        }

        /// <summary>Checks what can be told without the logs API; throws the typed reason when recovery cannot start.</summary>
        public static void Check(Facts facts, bool hasReader, bool configured)
        {
            if (!facts.Billed)
                throw Fail(facts, IdeogramRecoveryErrorKind.NothingToRecover, 0,
                    $"The call to {facts.Path} provably did not run and was not billed, so there is no answer to recover: send the request again.");
            if (!hasReader)
                throw Fail(facts, IdeogramRecoveryErrorKind.EndpointNotInClient, 0,
                    $"This client does not call {facts.Path}, so it cannot read that endpoint's answer: call RecoverAsync on the client that made the call.");
            if (facts.LogId == null && facts.EventId == null)
                throw Fail(facts, IdeogramRecoveryErrorKind.NoCorrelation, 0,
                    $"No cf-aig-log-id arrived for the call to {facts.Path} and it sent no cf-aig-event-id, so its gateway log cannot be found by id: look it up in the gateway's logs manually (by time and path). With GatewayOptions.Recovery set, every call sends an event id.");
            if (!configured)
                throw Fail(facts, IdeogramRecoveryErrorKind.NotConfigured, 0,
                    $"Recovering the answer of {facts.Path} from {Where(facts)} needs GatewayOptions.Recovery with a LogsApiToken (a Cloudflare API token with AI Gateway Read permission); it is not set.");
        }

        public async Task<T> RecoverAsync<T>(Facts facts, JsonValueReader<T> read, CancellationToken cancellationToken)
            where T : class
        {
            var missing = IdeogramRecoveryErrorKind.LogNotFound;
            string? foundId = facts.LogId;
            Exception? transient = null;
            for (int lookup = 1; ; lookup++)
            {
                LookingUp(_logger, facts.Path, lookup, facts.LogId != null ? "log id" : "event id", null);
                try
                {
                    var entry = facts.LogId != null ? await GetEntryAsync(facts.LogId, cancellationToken).ConfigureAwait(false)
                        : await FindByEventIdAsync(facts, lookup, cancellationToken).ConfigureAwait(false);
                    if (entry != null)
                    {
                        foundId = entry.Id;
                        if (entry.StatusCode is int logged && (logged < 200 || logged > 299))
                            throw Fail(facts, IdeogramRecoveryErrorKind.LoggedAnswerIsError, lookup, logged == 0
                                ? $"The gateway log {entry.Id} of the call to {facts.Path} holds no answer (status 0): the call ended before Ideogram answered, so there are no images to recover. Look the call up in the gateway's logs and Ideogram's usage manually before sending it again."
                                : $"The gateway log {entry.Id} of the call to {facts.Path} holds an error answer (HTTP {logged.ToString(CultureInfo.InvariantCulture)}), not images: there is nothing to recover. Look the call up in the gateway's logs and Ideogram's usage manually before sending it again.",
                                entry.Id, logged);
                        byte[]? payload;
                        try
                        {
                            payload = await _logs.GetResponseBodyAsync(entry.Id, cancellationToken).ConfigureAwait(false);
                        }
                        catch (GatewayException g) when (g.StatusCode == 404)
                        {
                            payload = null;
                        }
                        if (payload != null && payload.Length > 0)
                        {
                            var result = Read(facts, entry, payload, read, lookup);
                            Recovered(_logger, facts.Path, entry.Id, null);
                            return result;
                        }
                        missing = IdeogramRecoveryErrorKind.PayloadNotLogged;
                    }
                    else
                    {
                        missing = IdeogramRecoveryErrorKind.LogNotFound;
                    }
                }
                catch (GatewayException g) when (g.IsTransient)
                {
                    transient = g;
                }
                catch (Exception e) when (e is IdeogramTimeoutException || e is IdeogramTransportException)
                {
                    transient = e;
                }
                catch (IdeogramRecoveryException r)
                {
                    NotRecovered(_logger, facts.Path, r.Kind, null);
                    throw;
                }

                if (lookup >= _maxLookups)
                {
                    var ex = missing == IdeogramRecoveryErrorKind.PayloadNotLogged
                        ? Fail(facts, missing, lookup,
                            $"The gateway log {foundId} of the call to {facts.Path} holds no response payload (payload logging is off for the call, cf-aig-collect-log-payload: false, or the answer was too large to log), so the answer cannot be recovered from it. Look the call up in the gateway's logs and Ideogram's usage manually before sending it again.",
                            foundId, null, transient)
                        : Fail(facts, missing, lookup,
                            $"{Capital(Where(facts))} of the call to {facts.Path} was not found after {lookup.ToString(CultureInfo.InvariantCulture)} lookups: the gateway writes logs asynchronously, so it may not be written yet (call RecoverAsync again later), or logging is off for the call (cf-aig-collect-log: false) or the gateway."
                            + (transient != null ? " The last lookup failed: " + transient.Message : ""),
                            foundId, null, transient);
                    ex.IsTransient = missing == IdeogramRecoveryErrorKind.LogNotFound;
                    NotRecovered(_logger, facts.Path, ex.Kind, null);
                    throw ex;
                }
                await DelayAsync(Backoff(lookup), cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<GatewayLog?> GetEntryAsync(string logId, CancellationToken cancellationToken)
        {
            try
            {
                return await _logs.GetAsync(logId, cancellationToken).ConfigureAwait(false);
            }
            catch (GatewayException g) when (g.StatusCode == 404)
            {
                return null;
            }
        }

        /// <summary>The call's entry among those with its event id: the one 2xx entry, else the newest; null when none is written yet.</summary>
        private async Task<GatewayLog?> FindByEventIdAsync(Facts facts, int lookup, CancellationToken cancellationToken)
        {
            var entries = await _logs.ListByEventIdAsync(facts.EventId!, cancellationToken).ConfigureAwait(false);
            if (entries.Count == 0) return null;
            if (entries.Count == 1) return entries[0];
            var ok = new List<GatewayLog>();
            foreach (var e in entries)
                if (e.StatusCode is int s && s >= 200 && s <= 299) ok.Add(e);
            if (ok.Count == 1) return ok[0];
            if (ok.Count == 0) return entries[0];
            throw Fail(facts, IdeogramRecoveryErrorKind.AmbiguousEventId, lookup,
                $"{ok.Count.ToString(CultureInfo.InvariantCulture)} gateway logs with a 2xx answer carry cf-aig-event-id {facts.EventId}, so the one of the call to {facts.Path} cannot be told apart: "
                + "give every call its own event id (or leave GatewayRequestOptions.EventId unset with GatewayOptions.Recovery on) and recover these by log id from the gateway's logs.");
        }

        private T Read<T>(Facts facts, GatewayLog entry, byte[] payload, JsonValueReader<T> read, int lookup)
            where T : class
        {
            T result;
            try
            {
                var span = new ReadOnlySpan<byte>(payload);
                if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF) span = span.Slice(3);
                var reader = new Utf8JsonReader(span);
                IdeogramJson.Start(ref reader);
                result = read(ref reader);
                IdeogramJson.End(ref reader);
            }
            catch (Exception ex) when (ex is IdeogramJsonFormatException || ex is JsonException || ex is InvalidOperationException || ex is FormatException)
            {
                throw Fail(facts, IdeogramRecoveryErrorKind.LoggedAnswerUnreadable, lookup,
                    $"The gateway log {entry.Id} of the call to {facts.Path} holds a {payload.Length.ToString(CultureInfo.InvariantCulture)}-byte answer that is not readable either ({ex.Message}): Ideogram sent it broken, so the images cannot be recovered from the log. Look the call up in Ideogram's usage manually before sending it again.",
                    entry.Id, entry.StatusCode, ex);
            }
            if (result is IdeogramResponse response)
            {
                response.Gateway = facts.Gateway.LogId != null ? facts.Gateway
                    : new GatewayMetadata(entry.Id, entry.Id, facts.EventId, entry.Cached == true ? GatewayCacheStatus.Hit : entry.Cached == false ? GatewayCacheStatus.Miss : GatewayCacheStatus.Unknown,
                        entry.Step, null, null, null);
                response.StatusCode = entry.StatusCode ?? 200;
                response.RecoveredFromGatewayLog = true;
            }
            return result;
        }

        private TimeSpan Backoff(int lookup)
        {
            var ticks = _firstDelay.Ticks * (1L << Math.Min(lookup - 1, 20));
            return ticks > _maxDelay.Ticks || ticks < 0 ? _maxDelay : TimeSpan.FromTicks(ticks);
        }

        private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            if (delay <= TimeSpan.Zero) return Task.CompletedTask;
#if NET8_0_OR_GREATER
            return Task.Delay(delay, _time, cancellationToken);
#else
            return _time.Delay(delay, cancellationToken);
#endif
        }

        private static string Where(Facts facts) =>
            facts.LogId != null ? "the gateway log " + facts.LogId : "the gateway log of cf-aig-event-id " + facts.EventId;

        private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);

        private static IdeogramRecoveryException Fail(Facts facts, IdeogramRecoveryErrorKind kind, int lookups, string message,
            string? logId = null, int? loggedStatus = null, Exception? inner = null) =>
            new IdeogramRecoveryException(message, kind, facts.Failure, inner)
            {
                RequestPath = facts.Path, LogId = logId ?? facts.LogId, EventId = facts.EventId, Lookups = lookups, LoggedStatusCode = loggedStatus,
                Gateway = facts.Gateway,
            };
    }
}
