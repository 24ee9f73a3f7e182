using System;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IdeogramGen
{
    /// <summary>
    /// The transport every generated client calls. A call runs through parts with one job each (README, "How a call
    /// runs"): this class resolves the endpoint URI (once per path) and the call's settings (headers built once per
    /// client), <c>RetryLoop</c> takes the image-limiter lease and re-sends only what provably did not run,
    /// <c>AttemptSender</c> sends one attempt with the caller's <see cref="HttpClient"/> under one timeout,
    /// <c>AnswerReader</c> reads the body into a pooled buffer and <c>ErrorClassifier</c> turns error answers into typed
    /// exceptions from the one table of gateway and Ideogram error facts. To act on every attempt (headers, tracing, a
    /// proxy), add a <see cref="DelegatingHandler"/> to the HttpClient. One instance serves any number of concurrent calls.
    /// </summary>
    public sealed class GatewayPipeline
    {
        private static readonly string DefaultUserAgent = "IdeogramGen/" + Version();
        private readonly IdeogramCredentials _credentials;
        private readonly GatewayOptions _options;
        private readonly SecretScrubber _scrub;
        private readonly ErrorClassifier _errors;
        private readonly EndpointCache _endpoints;
        private readonly AttemptSender _sender;
        private readonly RetryLoop _retries;
        private readonly string _userAgent;
        private readonly CallSettings? _defaultCall;
        private readonly IdeogramValidationException? _defaultsInvalid;
        private readonly LogRecovery? _recovery;
        private readonly GenerationPoller _poller;

        /// <summary>Creates the pipeline.</summary>
        /// <param name="httpClient">The caller's client (from <c>IHttpClientFactory</c> or a long-lived instance); never disposed here. Its <see cref="DelegatingHandler"/>s see every attempt.</param>
        /// <param name="credentials">The Ideogram key and optional gateway token.</param>
        /// <param name="address">The account and gateway.</param>
        /// <param name="options">Client-wide settings, read once here; defaults when null.</param>
        /// <param name="logger">Receives one line per attempt (never headers or secrets); none when null.</param>
        /// <exception cref="ArgumentException"><see cref="GatewayOptions.GatewayRoot"/> has a path, query or fragment.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A numeric option is out of range.</exception>
        public GatewayPipeline(HttpClient httpClient, IdeogramCredentials credentials, GatewayAddress address, GatewayOptions? options = null, ILogger? logger = null)
        {
            if (httpClient is null) throw new ArgumentNullException(nameof(httpClient));
            _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
            Address = address ?? throw new ArgumentNullException(nameof(address));
            _options = options ?? new GatewayOptions();
            _options.Retry.Validate();
            if (_options.Timeout <= TimeSpan.Zero && _options.Timeout != Timeout.InfiniteTimeSpan)
                throw new ArgumentOutOfRangeException(nameof(options), "GatewayOptions.Timeout must be positive or infinite.");
            if (_options.MaxResponseBytes < 1 || _options.MaxResponseBytes > int.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(options), "GatewayOptions.MaxResponseBytes must be from 1 to 2147483647.");
            if (_options.TimeProvider is null) throw new ArgumentNullException(nameof(options), "GatewayOptions.TimeProvider must not be null (the default is TimeProvider.System).");
            CheckRoot(_options.GatewayRoot);
            _options.Recovery?.Validate();
            if (_options.Polling is null) throw new ArgumentNullException(nameof(options), "GatewayOptions.Polling must not be null (the default is new IdeogramPollingOptions()).");
            _options.Polling.Validate();

            RateLimiter? limiter = _options.ImageLimiter;
            int permitCap = int.MaxValue;
            if (limiter == null && _options.MaxImagesInFlight is int max)
            {
                if (max < 1) throw new ArgumentOutOfRangeException(nameof(options), "GatewayOptions.MaxImagesInFlight must be at least 1.");
                limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = max, QueueLimit = int.MaxValue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst });
                permitCap = max;
            }

            var log = logger ?? NullLogger.Instance;
            _scrub = new SecretScrubber(new[] { credentials.ApiKey, credentials.GatewayToken, _options.Defaults.GatewayToken, _options.Recovery?.LogsApiToken });
            _errors = new ErrorClassifier(_scrub);
            _endpoints = new EndpointCache(BaseUri);
            _sender = new AttemptSender(httpClient, _options, log, new TransportFailures(httpClient, log, _scrub));
            _poller = new GenerationPoller(_sender, _options.TimeProvider, log);
            _retries = new RetryLoop(_options.TimeProvider, log, limiter, permitCap, _options.RecordPromptsInTelemetry);
            _userAgent = _options.UserAgent ?? DefaultUserAgent;
            if (_options.Recovery != null)
                _recovery = new LogRecovery(httpClient, address, _options.Recovery, _options.TimeProvider, _options.MaxResponseBytes, log);
            try
            {
                // Built once: a call without options of its own sends these exact header strings.
                _defaultCall = new CallSettings(CallSettings.BuildHeaders(credentials, _options.Defaults, _userAgent), _options.Defaults.EventId,
                    _options.Timeout, _options.Retry, _errors);
            }
            catch (IdeogramValidationException ex)
            {
                // Reported by each call (nothing is sent), as for an invalid per-call option.
                _defaultsInvalid = ex;
            }
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
        /// <param name="images">How many images the call asks for (its permits in <see cref="GatewayOptions.ImageLimiter"/>).</param>
        /// <param name="read">Reads the 2xx JSON body.</param>
        /// <param name="options">Per-call settings.</param>
        /// <param name="cancellationToken">Cancels the call, waits included.</param>
        /// <exception cref="GatewayException">The gateway refused or failed the call.</exception>
        /// <exception cref="IdeogramApiException">Ideogram refused or failed the call.</exception>
        /// <exception cref="IdeogramTimeoutException">No complete answer within the timeout.</exception>
        /// <exception cref="IdeogramTransportException">The network failed, or an upload's stream failed while it was sent.</exception>
        /// <exception cref="IdeogramResponseException">The answer could not be read.</exception>
        /// <exception cref="IdeogramValidationException">A gateway option is invalid (nothing was sent).</exception>
        /// <exception cref="ImageLimiterRejectedException">The image limiter did not grant the call's permits (nothing was sent).</exception>
        /// <exception cref="IdeogramCanceledException">The caller cancelled after the request was sent (it may have been billed).</exception>
        /// <exception cref="OperationCanceledException">The caller cancelled before anything was sent.</exception>
        public Task<T> SendAsync<T>(string path, RequestBody body, int images, JsonValueReader<T> read, IdeogramRequestOptions? options, CancellationToken cancellationToken)
            where T : IdeogramResponse
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (body is null) throw new ArgumentNullException(nameof(body));
            if (read is null) throw new ArgumentNullException(nameof(read));
            CallSettings call;
            Uri uri;
            try
            {
                call = options is null ? DefaultCall() : CallFor(options);
                uri = _endpoints.Get(path);
            }
            catch (ArgumentException ex)
            {
                // Invalid options fail the returned task, as every other failure of the call does.
                return Task.FromException<T>(ex);
            }
            var run = _retries.RunAsync(_sender, uri, path, body, images, read, call, cancellationToken);
            return _recovery != null && _recovery.Automatic ? RecoveringAsync(run, read, cancellationToken) : run;
        }

        /// <summary>
        /// Reads the answer of a failed call back from the gateway's log (Cloudflare API, AI Gateway &gt; Logs: the entry by
        /// its <c>cf-aig-log-id</c>, or found by the call's <c>cf-aig-event-id</c> with the list API's <c>event_id</c>
        /// filter, then <c>GET …/logs/{id}/response</c>) and runs <paramref name="read"/> on it: the result the call would
        /// have returned, with <see cref="IdeogramResponse.RecoveredFromGatewayLog"/> true. Generated clients call it from
        /// their <c>RecoverAsync(exception)</c>, which picks the reader by the exception's path. Only the logs API is
        /// called (GETs), so nothing runs or is billed again, and calling it again is safe. A lookup that finds nothing
        /// yet is repeated with backoff on <see cref="GatewayOptions.TimeProvider"/> (<see cref="GatewayRecoveryOptions"/>).
        /// </summary>
        /// <typeparam name="T">The endpoint's response type (or, for an asynchronous submit, its answer's type).</typeparam>
        /// <param name="exception">The call's exception (<see cref="IdeogramGenException"/> or <see cref="IdeogramCanceledException"/>; an <see cref="IdeogramRecoveryException"/> stands for its call).</param>
        /// <param name="read">Reads the endpoint's 2xx JSON body; null when this client does not call the exception's path.</param>
        /// <param name="cancellationToken">Cancels the lookups and waits.</param>
        /// <exception cref="ArgumentException">The exception is not from an IdeogramGen call.</exception>
        /// <exception cref="IdeogramRecoveryException">The answer cannot be recovered; <see cref="IdeogramRecoveryException.Kind"/> says why.</exception>
        /// <exception cref="GatewayException">The logs API refused (kind <see cref="GatewayErrorKind.RestApi"/>: a token without AI Gateway Read, ...).</exception>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public Task<T> RecoverAsync<T>(Exception exception, JsonValueReader<T>? read, CancellationToken cancellationToken = default)
            where T : class
        {
            if (exception is null) throw new ArgumentNullException(nameof(exception));
            LogRecovery.Facts facts;
            try
            {
                facts = LogRecovery.Of(exception);
                LogRecovery.Check(facts, read != null, _recovery != null);
            }
            catch (Exception ex)
            {
                return Task.FromException<T>(ex);
            }
            return _recovery!.RecoverAsync(facts, read!, cancellationToken);
        }

        /// <summary>
        /// The Ideogram path of a failed call (<c>v1/ideogram-v3/generate</c>), by which a generated client's
        /// <c>RecoverAsync</c> picks the endpoint's reader; null when <paramref name="exception"/> is not an IdeogramGen
        /// call's exception. An <see cref="IdeogramRecoveryException"/> gives its call's path.
        /// </summary>
        public static string? RequestPathOf(Exception? exception)
        {
            if (exception is IdeogramRecoveryException again) exception = again.Failure;
            return exception is IdeogramGenException g ? g.RequestPath : exception is IdeogramCanceledException c ? c.RequestPath : null;
        }

        /// <summary><see cref="GatewayRecoveryOptions.Automatic"/>: a failure on the gateway-log path is recovered before the call returns.</summary>
        private async Task<T> RecoveringAsync<T>(Task<T> run, JsonValueReader<T> read, CancellationToken cancellationToken)
            where T : IdeogramResponse
        {
            try
            {
                return await run.ConfigureAwait(false);
            }
            catch (IdeogramGenException ex) when (ex.RecoveryPath == IdeogramRecoveryPath.GatewayLog && !cancellationToken.IsCancellationRequested)
            {
                try
                {
                    return await _recovery!.RecoverAsync(LogRecovery.Of(ex), read, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception failure) when (failure is IdeogramGenException)
                {
                    ex.RecoveryFailure = failure;
                    var why = failure is IdeogramRecoveryException r ? r.Kind.ToString() : failure.GetType().Name;
                    ex.RecoveryAdvice += " Automatic recovery was tried and did not succeed (" + why + ", see RecoveryFailure).";
                }
                throw;
            }
        }

        /// <summary>
        /// Asks what a v2 call would cost: sends the same request with <c>?dry_run=true</c> and reads the
        /// <see cref="PriceQuote"/> Ideogram answers instead of running it. Nothing is generated, stored or billed and no
        /// safety review is performed (OpenAPI document of 2026-10-07, parameter <c>DryRun</c>; Ideogram API reference,
        /// Price quotes), so the call takes no <see cref="GatewayOptions.ImageLimiter"/> permits, bypasses the gateway
        /// cache (<c>cf-aig-skip-cache: true</c>, so a quote is never served in place of images or the reverse), is not
        /// marked by <see cref="IdeogramRequestMark"/>, and a transient failure (5xx, timeout, broken connection) is
        /// re-sent under the retry policy: every exception it throws has <see cref="IdeogramGenException.MayHaveBeenBilled"/>
        /// false and <see cref="IdeogramGenException.IsRetrySafe"/> true. Telemetry records the call with
        /// <c>ideogramgen.dry_run</c> and never as billed.
        /// </summary>
        /// <param name="path">
        /// Ideogram's path of a v2 route that takes <c>dry_run</c>, e.g. <c>v2/image/generate/ideogram-4-5</c>: every
        /// <c>v2/</c> route but <c>v2/image/describe/*</c> and <c>v2/generations/*</c> (which declare no <c>dry_run</c>).
        /// </param>
        /// <param name="body">The request body, exactly as the call itself would send it, so that the quote reflects the same options.</param>
        /// <param name="options">Per-call settings (gateway options, timeout, retries), as for the call itself.</param>
        /// <param name="cancellationToken">Cancels the call, waits included.</param>
        /// <returns>The quote, with the gateway's metadata of the answer in <see cref="IdeogramResponse.Gateway"/>.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="body"/> is null.</exception>
        /// <exception cref="ArgumentException">
        /// <paramref name="path"/> is not a v2 route that takes <c>dry_run</c> (a v1 route would ignore the parameter and
        /// run, and bill, the request); nothing was sent.
        /// </exception>
        /// <exception cref="IdeogramApiException">Ideogram refused the request (an invalid request answers 400, as the call itself would).</exception>
        /// <exception cref="GatewayException">The gateway refused or failed the call.</exception>
        /// <exception cref="IdeogramTimeoutException">No complete answer within the timeout.</exception>
        /// <exception cref="IdeogramTransportException">The network failed.</exception>
        /// <exception cref="IdeogramResponseException">The answer is not a price quote.</exception>
        /// <exception cref="IdeogramValidationException">A gateway option is invalid (nothing was sent).</exception>
        /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
        public Task<PriceQuote> QuoteAsync(string path, RequestBody body, IdeogramRequestOptions? options, CancellationToken cancellationToken)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (body is null) throw new ArgumentNullException(nameof(body));
            CallSettings call;
            Uri uri;
            try
            {
                CheckQuotable(path);
                call = FreeCallFor(options, poll: false);
                uri = _endpoints.Get(path + (path.IndexOf('?') >= 0 ? "&" : "?") + DryRunQuery);
            }
            catch (ArgumentException ex)
            {
                return Task.FromException<PriceQuote>(ex);
            }
            return _retries.RunAsync(_sender, uri, path, body, 1, QuoteReader, call, cancellationToken);
        }

        /// <summary>
        /// Submits an asynchronous generation and returns as soon as Ideogram accepted it, with its generation id: POSTs
        /// <paramref name="body"/> to <paramref name="path"/> (a v1 <c>…/async/…</c> route, a v2 route that is always
        /// asynchronous, or a v2 route whose body carries <c>async: true</c> / <c>webhook_url</c>) and reads
        /// <c>generation_id</c> from the answer (Ideogram OpenAPI document of 2026-10-07: <c>AsyncImageGenerationResponseV4</c>
        /// and the v2 responses). Ideogram bills the generation when it completes (Ideogram API reference, Errors, "Outcomes
        /// and billing"); like every call that may bill, the submit is re-sent only when the failure proves it did not run,
        /// never after it may have run. Nothing waits for the result: <see cref="IdeogramGeneration{T}.WaitAsync"/> does,
        /// from this process or, by the id, from another.
        /// </summary>
        /// <typeparam name="T">The result type the generation completes with (the synchronous call's).</typeparam>
        /// <param name="path">Ideogram's path of the submit, e.g. <c>v1/ideogram-v4/async/generate</c>.</param>
        /// <param name="body">The request body.</param>
        /// <param name="images">How many images the generation makes (its permits in <see cref="GatewayOptions.ImageLimiter"/>, held until the submit is answered).</param>
        /// <param name="apiVersion"><c>"v1"</c> or <c>"v2"</c>: whose <c>GET /{version}/generations/{generation_id}</c> reports on it.</param>
        /// <param name="webhookUrlQuery">A v1 route's <c>webhook_url</c> query parameter (already checked with <see cref="WebhookUrl"/>), or null; v2 routes carry it in the body.</param>
        /// <param name="read">Reads the completed result.</param>
        /// <param name="resumeMethod">The generated method that resumes the wait (named in exceptions), e.g. <c>ResumeGenerateV4Async</c>.</param>
        /// <param name="options">Per-call settings.</param>
        /// <param name="cancellationToken">Cancels the submit.</param>
        /// <returns>The accepted generation.</returns>
        /// <exception cref="GatewayException">The gateway refused or failed the submit.</exception>
        /// <exception cref="IdeogramApiException">Ideogram refused the submit (400, 401, 402, 422, 429, ...).</exception>
        /// <exception cref="IdeogramTimeoutException">No complete answer within the timeout (the generation may have been accepted: recover the answer from the gateway log).</exception>
        /// <exception cref="IdeogramTransportException">The network failed.</exception>
        /// <exception cref="IdeogramResponseException">The answer could not be read or has no <c>generation_id</c>.</exception>
        /// <exception cref="IdeogramCanceledException">The caller cancelled after the submit was sent.</exception>
        /// <exception cref="OperationCanceledException">The caller cancelled before anything was sent.</exception>
        public Task<IdeogramGeneration<T>> SubmitAsync<T>(string path, RequestBody body, int images, string apiVersion, string? webhookUrlQuery, JsonValueReader<T> read, string resumeMethod, IdeogramRequestOptions? options, CancellationToken cancellationToken)
            where T : IdeogramResponse
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (body is null) throw new ArgumentNullException(nameof(body));
            if (read is null) throw new ArgumentNullException(nameof(read));
            if (resumeMethod is null) throw new ArgumentNullException(nameof(resumeMethod));
            CallSettings call;
            Uri uri;
            try
            {
                CheckVersion(apiVersion);
                call = options is null ? DefaultCall() : CallFor(options);
                uri = _endpoints.Get(path);
                // The webhook URL is the caller's (it may carry a secret of theirs): it goes into this URI only, never into a message or log line.
                if (webhookUrlQuery != null) uri = new Uri(uri.AbsoluteUri + "?webhook_url=" + Uri.EscapeDataString(webhookUrlQuery));
            }
            catch (ArgumentException ex)
            {
                return Task.FromException<IdeogramGeneration<T>>(ex);
            }
            return SubmitCoreAsync(uri, path, body, images, apiVersion, read, resumeMethod, call, cancellationToken);
        }

        private async Task<IdeogramGeneration<T>> SubmitCoreAsync<T>(Uri uri, string path, RequestBody body, int images, string apiVersion, JsonValueReader<T> read, string resumeMethod, CallSettings call, CancellationToken cancellationToken)
            where T : IdeogramResponse
        {
            var run = _retries.RunAsync(_sender, uri, path, body, images, SubmitAnswer.Read, call, cancellationToken);
            var answer = await (_recovery != null && _recovery.Automatic ? RecoveringAsync(run, SubmitAnswer.Read, cancellationToken) : run).ConfigureAwait(false);
            return new IdeogramGeneration<T>(this, read, resumeMethod, answer.GenerationId, apiVersion, path, answer.Gateway);
        }

        /// <summary>
        /// Submits an asynchronous generation (<see cref="SubmitAsync{T}"/>), hands the accepted generation to
        /// <paramref name="submitted"/> at once (store its id: after a crash the result is picked up by it), then waits
        /// for the result (<see cref="WaitAsync{T}"/>).
        /// </summary>
        /// <param name="path">Ideogram's path of the submit.</param>
        /// <param name="body">The request body.</param>
        /// <param name="images">How many images the generation makes.</param>
        /// <param name="apiVersion"><c>"v1"</c> or <c>"v2"</c>.</param>
        /// <param name="webhookUrlQuery">A v1 route's <c>webhook_url</c> query parameter, or null.</param>
        /// <param name="read">Reads the completed result.</param>
        /// <param name="resumeMethod">The generated method that resumes the wait.</param>
        /// <param name="submitted">Called once with the accepted generation, before the first poll; null for none. If it throws, the call ends with <see cref="IdeogramSubmittedCallbackException"/> (carrying the generation and the callback's exception); the generation keeps running.</param>
        /// <param name="options">Per-call settings (polling included).</param>
        /// <param name="cancellationToken">Cancels the submit or the wait (not the generation).</param>
        /// <returns>The result, with <see cref="IdeogramResponse.Generation"/> set.</returns>
        /// <exception cref="IdeogramGenerationFailedException">The generation failed (not billed).</exception>
        /// <exception cref="IdeogramGenerationPendingException">Still pending when the polling timeout ran out; resume it by its id.</exception>
        /// <exception cref="IdeogramGenException">The submit failed (see <see cref="SubmitAsync{T}"/>), or a poll failed for good (with <see cref="IdeogramGenException.GenerationId"/>).</exception>
        /// <exception cref="IdeogramCanceledException">The caller cancelled after the submit was sent; <see cref="IdeogramCanceledException.GenerationId"/> is set once it was accepted.</exception>
        /// <exception cref="OperationCanceledException">The caller cancelled before anything was sent.</exception>
        public async Task<T> SubmitAndWaitAsync<T>(string path, RequestBody body, int images, string apiVersion, string? webhookUrlQuery, JsonValueReader<T> read, string resumeMethod,
            Action<IdeogramGeneration>? submitted, IdeogramRequestOptions? options, CancellationToken cancellationToken)
            where T : IdeogramResponse
        {
            var generation = await SubmitAsync(path, body, images, apiVersion, webhookUrlQuery, read, resumeMethod, options, cancellationToken).ConfigureAwait(false);
            try
            {
                submitted?.Invoke(generation);
            }
            catch (Exception ex)
            {
                // The caller's code failed (storing the id, say): the generation runs all the same, so its id must not be lost.
                var failed = new IdeogramSubmittedCallbackException(
                    "The submitted callback threw " + ex.GetType().Name + " for the accepted generation " + generation.GenerationId + "; the generation keeps running and is billed when it completes.",
                    generation, ex)
                {
                    RequestPath = path, Gateway = generation.Gateway, MayHaveBeenBilled = true, IsRetrySafe = false, IsTransient = false,
                };
                RecoveryAdvice.ResumableByGenerationId(failed, generation.GenerationId, resumeMethod);
                throw failed;
            }
            return await WaitAsync(generation, read, resumeMethod, options, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Waits for an asynchronous generation and returns its result: polls <c>GET /{version}/generations/{generation_id}</c>
        /// (a GET without a body; <c>cf-aig-skip-cache: true</c>, so the gateway cache never answers with a stale
        /// <c>pending</c>) after <see cref="IdeogramPollingOptions.FirstDelay"/>, then at growing intervals, honouring
        /// <c>Retry-After</c> on rate-limited polls, until the status is <c>completed</c> (the result, read from the poll's
        /// answer, whose <c>data</c> mirrors the synchronous answer) or <c>failed</c> (Ideogram OpenAPI document of 2026-10-07,
        /// <c>GenerationResponse</c>; Ideogram API reference, Rate limits). Polls are free: they take no image-limiter permits,
        /// and a transient poll failure (429, 5xx, a timeout, a broken connection) only means polling again. Waits run on
        /// <see cref="GatewayOptions.TimeProvider"/>.
        /// </summary>
        /// <param name="generation">The generation (from a submit, or <see cref="ResumeAsync{T}"/>).</param>
        /// <param name="read">Reads the completed result.</param>
        /// <param name="resumeMethod">The generated method that resumes the wait (named in exceptions); null names none.</param>
        /// <param name="options">Per-call gateway options, timeout per poll and <see cref="IdeogramRequestOptions.Polling"/>; the client's when null.</param>
        /// <param name="cancellationToken">Ends the wait (not the generation).</param>
        /// <exception cref="IdeogramGenerationFailedException">The generation failed (not billed).</exception>
        /// <exception cref="IdeogramGenerationPendingException">Still pending when <see cref="IdeogramPollingOptions.Timeout"/> ran out.</exception>
        /// <exception cref="IdeogramApiException">A poll was refused for good: 404 (Ideogram knows no such generation on this version's route), 401, 400.</exception>
        /// <exception cref="IdeogramResponseException">A poll's answer could not be read.</exception>
        /// <exception cref="IdeogramCanceledException">The token was cancelled; it carries the generation id.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A polling option is out of range.</exception>
        public Task<T> WaitAsync<T>(IdeogramGeneration generation, JsonValueReader<T> read, string? resumeMethod, IdeogramRequestOptions? options, CancellationToken cancellationToken)
            where T : IdeogramResponse
        {
            if (generation is null) throw new ArgumentNullException(nameof(generation));
            if (read is null) throw new ArgumentNullException(nameof(read));
            CallSettings call;
            IdeogramPollingOptions polling;
            Uri uri;
            try
            {
                // A copy: the wait keeps the settings it was checked with.
                polling = (options?.Polling ?? _options.Polling).Snapshot();
                polling.Validate();
                call = FreeCallFor(options, poll: true);
                // One URI per generation: built here, not kept in the endpoint cache.
                uri = new Uri(BaseUri, generation.PollPath);
            }
            catch (ArgumentException ex)
            {
                return Task.FromException<T>(ex);
            }
            return _poller.WaitAsync(generation, uri, GenerationState<T>.Reader(read), call, polling, resumeMethod ?? "the client's Resume…Async", cancellationToken);
        }

        /// <summary>
        /// Picks up an asynchronous generation by its id (after a crash, a timeout or a cancellation) and waits for its
        /// result, exactly as <see cref="WaitAsync{T}"/>: nothing is submitted, so nothing is generated or billed again.
        /// </summary>
        /// <param name="apiVersion"><c>"v1"</c> or <c>"v2"</c>: the version of the route the generation was submitted to.</param>
        /// <param name="generationId">The <c>generation_id</c> the submit answered.</param>
        /// <param name="read">Reads the completed result.</param>
        /// <param name="resumeMethod">The generated method that calls this (named in exceptions).</param>
        /// <param name="options">Per-call settings (polling included).</param>
        /// <param name="cancellationToken">Ends the wait.</param>
        /// <exception cref="ArgumentException">The id is empty, longer than 256 characters or not URL-safe base64; or the version is not v1/v2.</exception>
        /// <exception cref="IdeogramGenException">See <see cref="WaitAsync{T}"/>.</exception>
        public Task<T> ResumeAsync<T>(string apiVersion, string generationId, JsonValueReader<T> read, string? resumeMethod, IdeogramRequestOptions? options, CancellationToken cancellationToken)
            where T : IdeogramResponse
        {
            try
            {
                CheckVersion(apiVersion);
                IdeogramGeneration.CheckId(generationId, nameof(generationId));
            }
            catch (ArgumentException ex)
            {
                return Task.FromException<T>(ex);
            }
            return WaitAsync(new IdeogramGeneration(generationId, apiVersion, null, null), read, resumeMethod, options, cancellationToken);
        }

        /// <summary>
        /// Checks a <c>webhook_url</c> before it is sent and returns its text (null for null): an absolute http or https
        /// URI of at most 2,048 characters (Ideogram OpenAPI document of 2026-10-07, parameter and field <c>webhook_url</c>:
        /// <c>maxLength</c> 2048, <c>format: uri</c>). Ideogram itself accepts only HTTPS URLs on public hosts ("private and
        /// loopback hosts and the cloud metadata service are rejected"); http is let through for local receivers such as
        /// the emulator's.
        /// </summary>
        /// <param name="webhookUrl">The URL, or null.</param>
        /// <param name="required">True when the route requires one (<c>v1/ideogram-v45/async/generate</c>).</param>
        /// <param name="maxLength">The route's <c>maxLength</c> for <c>webhook_url</c>, from the API description (2048).</param>
        /// <exception cref="IdeogramValidationException">The URL is missing while required, relative, not http(s), or too long.</exception>
        [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
        public static string? WebhookUrl(Uri? webhookUrl, bool required, int maxLength)
        {
            var allowed = "an absolute https URI on a public host, at most " + maxLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters (http only for local test receivers)";
            if (webhookUrl is null)
            {
                if (required) throw new IdeogramValidationException("webhook_url", "this route requires a webhook_url (Ideogram POSTs the result there)", allowed);
                return null;
            }
            if (!webhookUrl.IsAbsoluteUri) throw new IdeogramValidationException("webhook_url", "the URI is relative", allowed);
            if (webhookUrl.Scheme != Uri.UriSchemeHttps && webhookUrl.Scheme != Uri.UriSchemeHttp)
                throw new IdeogramValidationException("webhook_url", "the scheme is '" + webhookUrl.Scheme + "'", allowed);
            var text = webhookUrl.AbsoluteUri;
            if (text.Length > maxLength) throw new IdeogramValidationException("webhook_url", "the URI has " + text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters", allowed);
            return text;
        }

        private static void CheckVersion(string apiVersion)
        {
            if (apiVersion != "v1" && apiVersion != "v2")
                throw new ArgumentException("The API version of a generation is \"v1\" or \"v2\"; got " + (apiVersion is null ? "null" : "\"" + apiVersion + "\"") + ".", nameof(apiVersion));
        }

        /// <summary>The query parameter of a price quote (OpenAPI document of 2026-10-07, <c>#/components/parameters/DryRun</c>).</summary>
        internal const string DryRunQuery = "dry_run=true";

        private static readonly JsonValueReader<PriceQuote> QuoteReader = PriceQuote.Read;

        private static void CheckQuotable(string path)
        {
            var route = path.TrimStart('/');
            var query = route.IndexOf('?');
            if (query >= 0) route = route.Substring(0, query);
            if (!route.StartsWith("v2/", StringComparison.Ordinal) || route.StartsWith("v2/generations/", StringComparison.Ordinal)
                || route.StartsWith("v2/image/describe/", StringComparison.Ordinal) || route.Length <= 3)
                throw new ArgumentException(
                    $"'{route}' takes no dry_run: price quotes are answered by Ideogram's v2 routes (v2/{{content}}/{{action}}/{{model}}, e.g. v2/image/generate/ideogram-4-5), " +
                    "except v2/image/describe/* and v2/generations/*. A v1 route would ignore dry_run and run (and bill) the request, so nothing was sent.",
                    nameof(path));
        }

        /// <summary>
        /// The settings of a call that runs and bills nothing, a price quote or a generation poll: the call's own, with the
        /// gateway cache bypassed (a quote is never served in place of images, a cached <c>pending</c> would never end).
        /// A quote re-sends transient failures under the retry policy; a poll is not retried here, since the poller polls again.
        /// </summary>
        private CallSettings FreeCallFor(IdeogramRequestOptions? options, bool poll)
        {
            if (options is null && _defaultsInvalid != null) throw _defaultsInvalid;
            var timeout = options?.Timeout ?? _options.Timeout;
            if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
                throw new ArgumentOutOfRangeException(nameof(options), "IdeogramRequestOptions.Timeout must be positive or infinite.");
            var retry = poll ? IdeogramRetryPolicy.None : options?.Retry ?? _options.Retry;
            retry.Validate();
            var gateway = (options?.Gateway is null ? _options.Defaults : _options.Defaults.MergedWith(options.Gateway)).MergedWith(NoCache);
            var errors = gateway.GatewayToken != null && gateway.GatewayToken != _options.Defaults.GatewayToken
                ? new ErrorClassifier(new SecretScrubber(new[] { _credentials.ApiKey, _credentials.GatewayToken, gateway.GatewayToken }))
                : _errors;
            return new CallSettings(CallSettings.BuildHeaders(_credentials, gateway, _userAgent), gateway.EventId, timeout, retry, errors, dryRun: !poll, poll: poll);
        }

        private static readonly GatewayRequestOptions NoCache = new GatewayRequestOptions { SkipCache = true };

        private CallSettings DefaultCall()
        {
            if (_defaultsInvalid != null) throw _defaultsInvalid;
            return _defaultCall!;
        }

        private CallSettings CallFor(IdeogramRequestOptions options)
        {
            var timeout = options.Timeout ?? _options.Timeout;
            if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
                throw new ArgumentOutOfRangeException(nameof(options), "IdeogramRequestOptions.Timeout must be positive or infinite.");
            var retry = options.Retry ?? _options.Retry;
            retry.Validate();
            if (options.Gateway is null && _defaultCall != null)
                return new CallSettings(_defaultCall.Headers, _defaultCall.EventId, timeout, retry, _errors);
            var gateway = options.Gateway is null ? _options.Defaults : _options.Defaults.MergedWith(options.Gateway);
            var errors = gateway.GatewayToken != null && gateway.GatewayToken != _options.Defaults.GatewayToken
                ? new ErrorClassifier(new SecretScrubber(new[] { _credentials.ApiKey, _credentials.GatewayToken, gateway.GatewayToken }))
                : _errors;
            return new CallSettings(CallSettings.BuildHeaders(_credentials, gateway, _userAgent), gateway.EventId, timeout, retry, errors);
        }

        private static void CheckRoot(Uri? root)
        {
            if (root is null) return;
            if (!root.IsAbsoluteUri)
                throw new ArgumentException($"GatewayOptions.GatewayRoot must be an absolute URI such as http://127.0.0.1:5123/; got the relative URI '{root.OriginalString}'.", "options");
            if (root.Scheme != Uri.UriSchemeHttps && root.Scheme != Uri.UriSchemeHttp)
                throw new ArgumentException($"GatewayOptions.GatewayRoot must be an http or https URI such as https://gateway.ai.cloudflare.com/ or http://127.0.0.1:5123/; got the scheme '{root.Scheme}'.", "options");
            if (root.AbsolutePath != "/" || root.Query.Length > 0 || root.Fragment.Length > 0)
                throw new ArgumentException(
                    $"GatewayOptions.GatewayRoot must be only scheme, host and port ({root.Scheme}://{root.Authority}/); got the path '{root.AbsolutePath}{root.Query}'. " +
                    "The client adds v1/{account_id}/{gateway_id}/ideogram/ itself, so a root with a path would send every call to a doubled path (an HTTP 404).",
                    "options");
        }

        private static string Version()
        {
            var info = typeof(GatewayPipeline).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            if (string.IsNullOrEmpty(info)) return typeof(GatewayPipeline).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            var plus = info!.IndexOf('+');
            return plus > 0 ? info.Substring(0, plus) : info;
        }
    }
}
