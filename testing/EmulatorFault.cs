using System;
using System.Collections.Generic;

namespace IdeogramGen.Testing
{
    /// <summary>The kinds of failure an <see cref="EmulatorFault"/> injects.</summary>
    public enum EmulatorFaultKind
    {
        /// <summary>Gateway rate limit: HTTP 429, code 2003, with <c>Retry-After</c>. Not billed.</summary>
        GatewayRateLimited,
        /// <summary>Ideogram's in-flight limit: HTTP 429 <c>{"error":…,"reject_reason":"inflight_limit","max_inflight_requests":10}</c>. Not billed.</summary>
        IdeogramInflightLimit,
        /// <summary>The gateway got no answer from the provider: HTTP 400, code 2005. Counted as billed (the generation may have run).</summary>
        ProviderNoResponse,
        /// <summary>Gateway authentication failed: HTTP 401, code 2009. Not billed.</summary>
        GatewayUnauthorized,
        /// <summary>The gateway does not exist: HTTP 400, code 2001. Not billed.</summary>
        GatewayNotFound,
        /// <summary>Ideogram is out of credits: HTTP 402 <c>{"error":"Insufficient credits","reject_reason":"insufficient_funds"}</c>. Not billed.</summary>
        InsufficientCredits,
        /// <summary>
        /// A rejection by an account or usage limit in Ideogram's v2 body (<c>GenerationErrorResponse</c>): 402 or 429
        /// <c>{"error":…,"reject_reason":…,"max_inflight_requests":…,"task_completion_speed":…}</c>. Not billed.
        /// </summary>
        GenerationRejected,
        /// <summary>A gateway policy denied the request: HTTP 403 <c>{"success":false,"error":{"message":"Access denied by policy"}}</c>. Not billed.</summary>
        PolicyDenied,
        /// <summary>A gateway spend limit is exhausted: HTTP 429 with the spend-limit <c>error</c> object. Not billed.</summary>
        SpendLimitExceeded,
        /// <summary>Ideogram's prompt safety check failed: HTTP 422 <c>{"error":"Prompt provided failed safety check …"}</c>. Not billed.</summary>
        SafetyRejected,
        /// <summary>A gateway guardrail blocked the prompt: HTTP 424, code 2016. Not billed.</summary>
        GuardrailPromptBlocked,
        /// <summary>A server error (500, 502 or 503) with a JSON or an HTML body. Counted as billed.</summary>
        ServerError,
        /// <summary>The connection is aborted before any response byte. Billed or not as the fault says.</summary>
        ConnectionReset,
        /// <summary>A 200 response whose body stops half-way (honest <c>Content-Length</c> of the whole body, then the connection is aborted). Billed.</summary>
        ResetMidBody,
        /// <summary>A 200 response whose JSON is cut short; <c>Content-Length</c> matches the bytes actually sent. Billed.</summary>
        TruncatedJson,
        /// <summary>A 200 response whose body is not valid JSON. Billed.</summary>
        MalformedJson,
        /// <summary>A 200 response with an empty body. Billed.</summary>
        EmptyBody,
        /// <summary>A 200 response of valid-looking JSON far larger than any real answer (streamed, default 40 MB). Billed.</summary>
        OversizedBody,
        /// <summary>The normal answer, but only after <see cref="EmulatorFault.Delay"/> (before any header byte). Billed unless the client gives up first.</summary>
        SlowFirstByte,
        /// <summary>An image download (<c>GET {root}ephemeral/…</c>) that trickles its bytes over <see cref="EmulatorFault.Delay"/>.</summary>
        SlowImageDownload,
        /// <summary>The normal answer, held before any header byte until <see cref="EmulatorFault.Gate"/> is released. Billed unless the client gives up first.</summary>
        HoldFirstByte,
        /// <summary>The normal answer: headers and the first <see cref="EmulatorFault.HoldAfterBytes"/> body bytes, then held until <see cref="EmulatorFault.Gate"/> is released. Billed.</summary>
        HoldBody,
        /// <summary>An image download held before any header byte until <see cref="EmulatorFault.Gate"/> is released.</summary>
        HoldImageFirstByte,
        /// <summary>An image download: headers and the first <see cref="EmulatorFault.HoldAfterBytes"/> bytes, then held until <see cref="EmulatorFault.Gate"/> is released.</summary>
        HoldImageBody,
        /// <summary>
        /// The next asynchronous generation that is accepted (answered <c>{"generation_id": …}</c>) ends
        /// <c>failed</c> with <see cref="EmulatorFault.FailureReason"/> instead of <c>completed</c>. Not billed.
        /// </summary>
        GenerationFails,
    }

    /// <summary>
    /// One injected failure. Put it in <see cref="IdeogramEmulator.Faults"/>; the next request that reaches the fault's
    /// stage (and matches <see cref="IdeogramPath"/>, when set) gets it instead of the normal answer.
    /// </summary>
    /// <remarks>
    /// Stages: gateway faults (rate limit, 2009, 2001, policy, spend limit, guardrail) are applied right after the gateway's
    /// own authentication check, before caching; provider faults (everything else except <see cref="EmulatorFaultKind.SlowImageDownload"/>)
    /// are applied after a cache miss, once the request passed Ideogram's key check and validation, so the request
    /// that receives them is a well-formed one; <see cref="EmulatorFaultKind.SlowImageDownload"/> applies to the next image download;
    /// <see cref="EmulatorFaultKind.GenerationFails"/> applies to the next asynchronous generation that is accepted.
    /// Provider faults with a path (<see cref="ForPath"/>) of a poll, e.g. <c>/v2/generations/{generation_id}</c> with a real id,
    /// also apply to that poll (never billed); provider faults without a path are left for generation requests.
    /// </remarks>
    public sealed class EmulatorFault
    {
        private EmulatorFault(EmulatorFaultKind kind, int statusCode, bool isBilled)
        {
            Kind = kind;
            StatusCode = statusCode;
            IsBilled = isBilled;
        }

        /// <summary>A fault whose status and billing come from the shared error facts table (description/Gateway/GatewayErrorFacts.cs).</summary>
        private EmulatorFault(EmulatorFaultKind kind, ApiDescription.ErrorFact fact) : this(kind, fact.Status ?? 0, fact.Billed) { }

        /// <summary>What the fault does.</summary>
        public EmulatorFaultKind Kind { get; }

        /// <summary>The HTTP status the client sees (0 when the connection is aborted before any status line).</summary>
        public int StatusCode { get; }

        /// <summary>
        /// Whether the request counts as billed: it reached Ideogram and the generation ran. Billed faults add the request's
        /// <c>num_images</c> to <see cref="RecordedRequest.BilledImages"/> and count in <see cref="IdeogramEmulator.BilledRequestCount"/>.
        /// On an asynchronous submit a billed fault means the generation was accepted: only the submit's answer breaks, the
        /// generation runs and is billed when it completes (<see cref="IdeogramEmulator.Generations"/>); an unbilled one
        /// (402, 422, 429, a reset before the run) rejects the submit, and no generation exists.
        /// </summary>
        public bool IsBilled { get; }

        /// <summary>For <see cref="EmulatorFaultKind.GatewayRateLimited"/>: the <c>Retry-After</c> value.</summary>
        public TimeSpan RetryAfter { get; private set; }

        /// <summary>For <see cref="EmulatorFaultKind.SlowFirstByte"/>: the wait before headers; for <see cref="EmulatorFaultKind.SlowImageDownload"/>: the total time the download takes.</summary>
        public TimeSpan Delay { get; private set; }

        /// <summary>For <see cref="EmulatorFaultKind.ServerError"/>: whether the body is an HTML error page rather than JSON.</summary>
        public bool HtmlBody { get; private set; }

        /// <summary>For <see cref="EmulatorFaultKind.OversizedBody"/>: the body size in bytes.</summary>
        public long BodyBytes { get; private set; }

        /// <summary>For the holding faults (<see cref="HoldFirstByte"/>, <see cref="HoldBody"/>, <see cref="HoldImageFirstByte"/>, <see cref="HoldImageBody"/>): the gate the answer waits at.</summary>
        public EmulatorGate? Gate { get; private set; }

        /// <summary>For <see cref="EmulatorFaultKind.HoldBody"/> and <see cref="EmulatorFaultKind.HoldImageBody"/>: how many body bytes are sent (and flushed) before the hold; at most the body's length.</summary>
        public long HoldAfterBytes { get; private set; }

        /// <summary>When set, only a request to this Ideogram path (e.g. <c>/v1/ideogram-v3/generate</c>) matches the fault.</summary>
        public string? IdeogramPath { get; private set; }

        internal bool IsGatewayStage => Kind is EmulatorFaultKind.GatewayRateLimited or EmulatorFaultKind.GatewayUnauthorized
            or EmulatorFaultKind.GatewayNotFound or EmulatorFaultKind.PolicyDenied or EmulatorFaultKind.SpendLimitExceeded
            or EmulatorFaultKind.GuardrailPromptBlocked;

        /// <summary>Taken by an accepted asynchronous submit only (a synchronous request never uses it up).</summary>
        internal bool IsGenerationStage => Kind is EmulatorFaultKind.GenerationFails;

        internal bool IsImageStage => Kind is EmulatorFaultKind.SlowImageDownload or EmulatorFaultKind.HoldImageFirstByte or EmulatorFaultKind.HoldImageBody;

        /// <summary>Returns a copy that only matches requests to <paramref name="ideogramPath"/> (e.g. <c>/v1/ideogram-v3/generate</c>).</summary>
        public EmulatorFault ForPath(string ideogramPath)
        {
            if (string.IsNullOrEmpty(ideogramPath)) throw new ArgumentException("An Ideogram path is required.", nameof(ideogramPath));
            var copy = (EmulatorFault)MemberwiseClone();
            copy.IdeogramPath = ideogramPath;
            return copy;
        }

        /// <summary>Gateway rate limit: 429 <c>{"success":false,"result":[],"messages":[],"error":[{"code":2003,"message":"Rate limited"}],"name":"AiGatewayError","httpCode":429,"internalCode":2003}</c> with <c>Retry-After</c> (default 1 s, whole seconds).</summary>
        public static EmulatorFault GatewayRateLimited(TimeSpan? retryAfter = null)
            => new(EmulatorFaultKind.GatewayRateLimited, Internal.EmulatorFacts.Gateway("RateLimited")) { RetryAfter = retryAfter ?? TimeSpan.FromSeconds(1) };

        /// <summary>
        /// Ideogram's in-flight limit: 429 <c>{"error":"…","reject_reason":"inflight_limit","max_inflight_requests":10}</c>,
        /// with <c>Retry-After</c> when <paramref name="retryAfter"/> is given (Ideogram does not promise one). Not billed.
        /// </summary>
        public static EmulatorFault IdeogramInflightLimit(TimeSpan? retryAfter = null) =>
            new(EmulatorFaultKind.IdeogramInflightLimit, Internal.EmulatorFacts.Ideogram("InflightLimit")) { RetryAfter = retryAfter ?? TimeSpan.Zero };

        /// <summary>400 <c>{"success":false,"result":[],"messages":[],"error":[{"code":2005,"message":"Failed to get response from provider"}]}</c>. Billed.</summary>
        public static EmulatorFault ProviderNoResponse() => new(EmulatorFaultKind.ProviderNoResponse, Internal.EmulatorFacts.Gateway("ProviderUnreachable"));

        /// <summary>401 with the exact 2009 body <c>{"success":false,"result":[],"messages":[],"error":[{"code":2009,"message":"Unauthorized"}],"name":"AiGatewayError","httpCode":401,"internalCode":2009}</c>. Not billed.</summary>
        public static EmulatorFault GatewayUnauthorized() => new(EmulatorFaultKind.GatewayUnauthorized, Internal.EmulatorFacts.Gateway("Unauthorized"));

        /// <summary>400 with the 2001 (gateway not found) body. Not billed.</summary>
        public static EmulatorFault GatewayNotFound() => new(EmulatorFaultKind.GatewayNotFound, Internal.EmulatorFacts.Gateway("GatewayNotFound"));

        /// <summary>402 <c>{"error":"Insufficient credits","reject_reason":"insufficient_funds"}</c>. Not billed.</summary>
        public static EmulatorFault InsufficientCredits() => new(EmulatorFaultKind.InsufficientCredits, Internal.EmulatorFacts.Ideogram("InsufficientCredits"));

        /// <summary>
        /// Ideogram's v2 rejection by an account or usage limit (<c>GenerationErrorResponse</c>, OpenAPI document of
        /// 2026-10-07): <paramref name="statusCode"/> with <c>{"error":"…","reject_reason":"<paramref name="rejectReason"/>"}</c>
        /// plus <c>max_inflight_requests</c> and <c>task_completion_speed</c> when given. Defaults follow Ideogram: 402 for
        /// every reason but <c>inflight_limit</c>, which is 429 with <c>max_inflight_requests</c> 10 and
        /// <c>task_completion_speed</c> <c>fast</c> (Ideogram API reference, Rate limits: 10 in flight by default). Not billed.
        /// </summary>
        /// <param name="rejectReason">One of <c>insufficient_funds</c>, <c>subscription_required</c>, <c>daily_limit</c>, <c>priority_credit_required</c>, <c>inflight_limit</c>, <c>feature_limit</c> (another value is sent as it is).</param>
        /// <param name="statusCode">402 or 429; null for the reason's own status.</param>
        /// <param name="maxInflightRequests">The <c>max_inflight_requests</c> to send (1 or more); null for the default (10 with <c>inflight_limit</c>, absent otherwise).</param>
        /// <param name="taskCompletionSpeed"><c>fast</c> or <c>slow</c>; null for the default (<c>fast</c> with <c>inflight_limit</c>, absent otherwise).</param>
        /// <exception cref="ArgumentException"><paramref name="rejectReason"/> is empty, or the status is not 402 or 429, or <paramref name="maxInflightRequests"/> is below 1.</exception>
        public static EmulatorFault GenerationRejected(string rejectReason, int? statusCode = null, int? maxInflightRequests = null, string? taskCompletionSpeed = null)
        {
            if (string.IsNullOrWhiteSpace(rejectReason)) throw new ArgumentException("A reject_reason is required, e.g. insufficient_funds or inflight_limit.", nameof(rejectReason));
            bool inflight = rejectReason == "inflight_limit";
            int status = statusCode ?? (inflight ? 429 : 402);
            if (status is not (402 or 429)) throw new ArgumentOutOfRangeException(nameof(statusCode), status, "Ideogram answers account and usage limits with 402 or 429.");
            if (maxInflightRequests < 1) throw new ArgumentOutOfRangeException(nameof(maxInflightRequests), maxInflightRequests, "max_inflight_requests is 1 or more.");
            return new(EmulatorFaultKind.GenerationRejected, status, false)
            {
                RejectReason = rejectReason,
                MaxInflightRequests = maxInflightRequests ?? (inflight ? 10 : null),
                TaskCompletionSpeed = taskCompletionSpeed ?? (inflight ? "fast" : null),
            };
        }

        /// <summary>For <see cref="EmulatorFaultKind.GenerationRejected"/>: the <c>reject_reason</c>.</summary>
        public string? RejectReason { get; private init; }

        /// <summary>For <see cref="EmulatorFaultKind.GenerationRejected"/>: the <c>max_inflight_requests</c>, when sent.</summary>
        public int? MaxInflightRequests { get; private init; }

        /// <summary>For <see cref="EmulatorFaultKind.GenerationRejected"/>: the <c>task_completion_speed</c>, when sent.</summary>
        public string? TaskCompletionSpeed { get; private init; }

        /// <summary>403 <c>{"success":false,"error":{"message":"Access denied by policy"}}</c>. Not billed.</summary>
        public static EmulatorFault PolicyDenied() => new(EmulatorFaultKind.PolicyDenied, Internal.EmulatorFacts.Gateway("PolicyDenied"));

        /// <summary>429 <c>{"success":false,"error":{"message":"Spending limit exceeded","bucket":"b1","spent":1000.42,"limit":1000}}</c>. Not billed.</summary>
        public static EmulatorFault SpendLimitExceeded() => new(EmulatorFaultKind.SpendLimitExceeded, Internal.EmulatorFacts.Gateway("SpendLimitExceeded"));

        /// <summary>422 <c>{"error":"Prompt provided failed safety check due to the inclusion of prohibited content."}</c>. Not billed.</summary>
        public static EmulatorFault SafetyRejected() => new(EmulatorFaultKind.SafetyRejected, Internal.EmulatorFacts.Ideogram("SafetyRejected"));

        /// <summary>424 with the gateway's code 2016 (guardrail blocked the prompt) body. Not billed.</summary>
        public static EmulatorFault GuardrailPromptBlocked() => new(EmulatorFaultKind.GuardrailPromptBlocked, Internal.EmulatorFacts.Gateway("PromptBlocked"));

        /// <summary>A 500, 502 or 503 with a JSON body <c>{"error":"…"}</c>, or with an HTML error page when <paramref name="html"/> is true. Billed.</summary>
        public static EmulatorFault ServerError(int statusCode = 500, bool html = false)
        {
            if (statusCode is not (500 or 502 or 503)) throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "Use 500, 502 or 503.");
            return new(EmulatorFaultKind.ServerError, statusCode, true) { HtmlBody = html };
        }

        /// <summary>
        /// Aborts the connection before any response byte. <paramref name="afterRun"/> (default true) says whether the
        /// generation ran at Ideogram first (billed) or the connection dropped before it started (not billed).
        /// </summary>
        public static EmulatorFault ConnectionReset(bool afterRun = true) => new(EmulatorFaultKind.ConnectionReset, 0, afterRun);

        /// <summary>Sends 200 headers and half of a valid body (with the whole body's <c>Content-Length</c>), pauses 150 ms so the client reads them, then aborts. Billed.</summary>
        public static EmulatorFault ResetMidBody() => new(EmulatorFaultKind.ResetMidBody, 200, true);

        /// <summary>200 with a JSON body cut in the middle; <c>Content-Length</c> is that of the cut body. Billed.</summary>
        public static EmulatorFault TruncatedJson() => new(EmulatorFaultKind.TruncatedJson, 200, true);

        /// <summary>200 with a body that is not valid JSON. Billed.</summary>
        public static EmulatorFault MalformedJson() => new(EmulatorFaultKind.MalformedJson, 200, true);

        /// <summary>200 with an empty body (<c>Content-Length: 0</c>). Billed.</summary>
        public static EmulatorFault EmptyBody() => new(EmulatorFaultKind.EmptyBody, 200, true);

        /// <summary>
        /// 200 with a streamed, valid-looking JSON body of <paramref name="bytes"/> bytes (default 40 MB). With
        /// <paramref name="declareLength"/> false the body is sent chunked, without <c>Content-Length</c>, so a client
        /// learns its size only while reading. Billed.
        /// </summary>
        public static EmulatorFault OversizedBody(long bytes = 40L * 1024 * 1024, bool declareLength = true)
        {
            if (bytes < 1024) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "Use at least 1024 bytes.");
            return new(EmulatorFaultKind.OversizedBody, 200, true) { BodyBytes = bytes, DeclareLength = declareLength };
        }

        /// <summary>For <see cref="EmulatorFaultKind.OversizedBody"/>: whether <c>Content-Length</c> is sent.</summary>
        public bool DeclareLength { get; private init; } = true;

        /// <summary>Waits <paramref name="delay"/> before sending anything, then answers normally; honours the client giving up. Billed.</summary>
        public static EmulatorFault SlowFirstByte(TimeSpan delay)
        {
            if (delay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(delay));
            return new(EmulatorFaultKind.SlowFirstByte, 200, true) { Delay = delay };
        }

        /// <summary>The next image download trickles its PNG bytes so that it takes about <paramref name="duration"/>. Not a generation, so not billed.</summary>
        public static EmulatorFault SlowImageDownload(TimeSpan duration)
        {
            if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration));
            return new(EmulatorFaultKind.SlowImageDownload, 200, false) { Delay = duration };
        }

        /// <summary>
        /// Holds the next gateway answer before any header byte until <paramref name="gate"/> is released, then answers
        /// normally. The request has been received whole and validated when it reaches the gate. Billed, unless the
        /// client gives up while it is held (then the request is recorded with status 0 and not billed).
        /// </summary>
        /// <param name="gate">The gate; see <see cref="EmulatorGate"/>.</param>
        /// <exception cref="ArgumentNullException"><paramref name="gate"/> is null.</exception>
        public static EmulatorFault HoldFirstByte(EmulatorGate gate) =>
            new(EmulatorFaultKind.HoldFirstByte, 200, true) { Gate = gate ?? throw new ArgumentNullException(nameof(gate)) };

        /// <summary>
        /// Sends the next gateway answer's 200 headers (with the whole body's <c>Content-Length</c>) and its first
        /// <paramref name="afterBytes"/> body bytes, flushes them, and holds the rest until <paramref name="gate"/> is
        /// released. The generation ran: billed.
        /// </summary>
        /// <param name="gate">The gate; see <see cref="EmulatorGate"/>.</param>
        /// <param name="afterBytes">Body bytes sent before the hold, 0 or more; a value past the body's end sends the whole body but the last byte.</param>
        /// <exception cref="ArgumentNullException"><paramref name="gate"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterBytes"/> is negative.</exception>
        public static EmulatorFault HoldBody(EmulatorGate gate, long afterBytes) =>
            new(EmulatorFaultKind.HoldBody, 200, true) { Gate = gate ?? throw new ArgumentNullException(nameof(gate)), HoldAfterBytes = NonNegative(afterBytes) };

        /// <summary>Holds the next image download (<c>GET {root}ephemeral/…</c>) before any header byte until <paramref name="gate"/> is released. Not a generation, so not billed.</summary>
        /// <param name="gate">The gate; see <see cref="EmulatorGate"/>.</param>
        /// <exception cref="ArgumentNullException"><paramref name="gate"/> is null.</exception>
        public static EmulatorFault HoldImageFirstByte(EmulatorGate gate) =>
            new(EmulatorFaultKind.HoldImageFirstByte, 200, false) { Gate = gate ?? throw new ArgumentNullException(nameof(gate)) };

        /// <summary>
        /// Sends the next image download's 200 headers (with the PNG's <c>Content-Length</c>) and its first
        /// <paramref name="afterBytes"/> bytes, flushes them, and holds the rest until <paramref name="gate"/> is released.
        /// Not billed.
        /// </summary>
        /// <param name="gate">The gate; see <see cref="EmulatorGate"/>.</param>
        /// <param name="afterBytes">Bytes sent before the hold, 0 or more; a value past the image's end sends all but the last byte.</param>
        /// <exception cref="ArgumentNullException"><paramref name="gate"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterBytes"/> is negative.</exception>
        public static EmulatorFault HoldImageBody(EmulatorGate gate, long afterBytes) =>
            new(EmulatorFaultKind.HoldImageBody, 200, false) { Gate = gate ?? throw new ArgumentNullException(nameof(gate)), HoldAfterBytes = NonNegative(afterBytes) };

        /// <summary>
        /// The next accepted asynchronous generation (a submit to an <c>/async/</c> v1 route, an always-asynchronous v2 route,
        /// or a v2 route with <c>async: true</c> or a <c>webhook_url</c>) ends <c>failed</c>: its submit still answers
        /// 200 <c>{"generation_id": …}</c>, and once it is due (<see cref="EmulatorOptions.GenerationTime"/>) a poll answers
        /// <c>{"generation_id", "status": "failed", "created", "failure_reason": "<paramref name="failureReason"/>"}</c>
        /// (schema <c>GenerationResponse</c>, Ideogram OpenAPI document of 2026-10-07). Not billed (Ideogram API reference,
        /// Errors, "Outcomes and billing": a generation that fails is not billed), no webhook is delivered, and its images
        /// leave <see cref="IdeogramEmulator.ImagesInFlight"/>. Synchronous requests never use it up.
        /// </summary>
        /// <param name="failureReason">The <c>failure_reason</c> to report; Ideogram's example is <c>content_policy_violation</c>.</param>
        /// <exception cref="ArgumentException"><paramref name="failureReason"/> is null, empty or white space.</exception>
        public static EmulatorFault GenerationFails(string failureReason = "content_policy_violation")
        {
            if (string.IsNullOrWhiteSpace(failureReason)) throw new ArgumentException("A failure_reason is required, e.g. content_policy_violation.", nameof(failureReason));
            return new(EmulatorFaultKind.GenerationFails, 200, false) { FailureReason = failureReason };
        }

        /// <summary>For <see cref="EmulatorFaultKind.GenerationFails"/>: the <c>failure_reason</c> the failed generation reports.</summary>
        public string? FailureReason { get; private init; }

        private static long NonNegative(long bytes) =>
            bytes >= 0 ? bytes : throw new ArgumentOutOfRangeException("afterBytes", bytes, "Use 0 or more bytes.");

        /// <inheritdoc />
        public override string ToString() => IdeogramPath is null ? $"{Kind} ({StatusCode})" : $"{Kind} ({StatusCode}) for {IdeogramPath}";
    }

    /// <summary>The thread-safe queue of pending <see cref="EmulatorFault"/>s of one emulator.</summary>
    public sealed class EmulatorFaultQueue
    {
        private readonly object _gate = new();
        private readonly List<EmulatorFault> _pending = new();

        internal EmulatorFaultQueue() { }

        /// <summary>Adds a fault; the next matching request gets it. Faults of the same stage are applied in order.</summary>
        public void Enqueue(EmulatorFault fault)
        {
            if (fault is null) throw new ArgumentNullException(nameof(fault));
            lock (_gate) _pending.Add(fault);
        }

        /// <summary>The number of faults not yet applied.</summary>
        public int Count { get { lock (_gate) return _pending.Count; } }

        /// <summary>Removes every pending fault.</summary>
        public void Clear() { lock (_gate) _pending.Clear(); }

        internal EmulatorFault? TakeGatewayFault(string? ideogramPath) => Take(f => f.IsGatewayStage, ideogramPath);

        internal EmulatorFault? TakeProviderFault(string? ideogramPath) => Take(f => !f.IsGatewayStage && !f.IsImageStage && !f.IsGenerationStage, ideogramPath);

        /// <summary>A provider fault queued for exactly this path (<see cref="EmulatorFault.ForPath"/>): what a poll takes.</summary>
        internal EmulatorFault? TakeProviderFaultForExactPath(string ideogramPath) =>
            Take(f => !f.IsGatewayStage && !f.IsImageStage && !f.IsGenerationStage && f.IdeogramPath is not null, ideogramPath);

        internal EmulatorFault? TakeGenerationFault(string? ideogramPath) => Take(f => f.IsGenerationStage, ideogramPath);

        internal EmulatorFault? TakeImageFault() => Take(f => f.IsImageStage, null);

        private EmulatorFault? Take(Func<EmulatorFault, bool> stage, string? ideogramPath)
        {
            lock (_gate)
            {
                for (int i = 0; i < _pending.Count; i++)
                {
                    var f = _pending[i];
                    if (!stage(f)) continue;
                    if (f.IdeogramPath is not null && !string.Equals(f.IdeogramPath, ideogramPath, StringComparison.Ordinal)) continue;
                    _pending.RemoveAt(i);
                    return f;
                }
                return null;
            }
        }
    }
}
