using System;

namespace IdeogramGen
{
    /// <summary>Client-wide settings of a <see cref="GatewayPipeline"/>.</summary>
    public sealed class GatewayOptions
    {
        /// <summary>The default per-call timeout: 120 seconds (Ideogram answers a generation in tens of seconds).</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

        /// <summary>
        /// The gateway root; requests go to <c>{root}v1/{account_id}/{gateway_id}/ideogram/{path}</c>. Null means
        /// Cloudflare (<c>https://gateway.ai.cloudflare.com/</c>). Point it at <c>IdeogramEmulator</c> in tests. Only
        /// scheme, host and port: a root with a path, query or fragment (such as a whole gateway URL ending in
        /// <c>/ideogram/</c>) is refused with <see cref="ArgumentException"/> when the client is created, since the client
        /// adds the account, gateway and provider segments itself.
        /// </summary>
        public Uri? GatewayRoot { get; set; }

        /// <summary>
        /// The whole-call timeout (sending, waiting, reading the answer), per attempt; override per call with
        /// <see cref="IdeogramRequestOptions.Timeout"/>. Expiry throws <see cref="IdeogramTimeoutException"/>, which is
        /// distinct from the caller's cancellation (<see cref="OperationCanceledException"/>). Set the HttpClient's own
        /// <c>Timeout</c> to infinite or larger, or it will cut calls first (that is reported as a timeout too).
        /// </summary>
        public TimeSpan Timeout { get; set; } = DefaultTimeout;

        /// <summary>Gateway settings sent with every call unless a call overrides them.</summary>
        public GatewayRequestOptions Defaults { get; set; } = new GatewayRequestOptions();

        /// <summary>Client-side retries; default <see cref="IdeogramRetryPolicy.SafeOnly"/> (never re-sends a request that may have run).</summary>
        public IdeogramRetryPolicy Retry { get; set; } = IdeogramRetryPolicy.SafeOnly;

        /// <summary>
        /// Optional limit on images in flight across this client, weighted by <c>num_images</c> (Ideogram counts images in
        /// progress per organization; the default limit is 10, Ideogram API reference, Rate limits). Null: no limit.
        /// The shortcut for an <see cref="ImageLimiter"/> that is a first-come, first-served
        /// <see cref="System.Threading.RateLimiting.ConcurrencyLimiter"/> of this many permits (a call asking for more
        /// images than that takes all of them); ignored when <see cref="ImageLimiter"/> is set.
        /// </summary>
        public int? MaxImagesInFlight { get; set; }

        /// <summary>
        /// The limiter every call takes its permits from before sending: one permit per image it asks for
        /// (<c>num_images</c>, at least 1), held until the call ends, retries included. Share one instance between
        /// clients (or processes, with a distributed limiter) that draw on the same Ideogram organization. When a call is
        /// refused with Ideogram's <c>inflight_limit</c> 429 while other calls of this client are running, it gives its
        /// permits back and waits for one of them to finish, so the limiter, not a timer, decides when it tries again.
        /// A lease the limiter does not grant throws <see cref="ImageLimiterRejectedException"/> (nothing is sent).
        /// Null (default): <see cref="MaxImagesInFlight"/> decides.
        /// </summary>
        public System.Threading.RateLimiting.RateLimiter? ImageLimiter { get; set; }

        /// <summary>
        /// The clock of retry waits, per-attempt timeouts and <c>Retry-After</c> dates. Default
        /// <see cref="System.TimeProvider.System"/>; tests pass a fake one to move time by hand.
        /// </summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>The largest JSON answer read, in bytes (default 16 MiB); a larger one throws <see cref="IdeogramResponseException"/>.</summary>
        public long MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

        /// <summary>
        /// Whether an answer may come from another origin than the request was sent to. Default false: when the
        /// HttpClient follows a redirect (its default), the <c>Api-Key</c> and <c>cf-aig-authorization</c> headers travel
        /// with it, and Cloudflare AI Gateway never redirects, so such an answer is refused with
        /// <see cref="IdeogramResponseException"/>. Set it only for a message handler of your own that rewrites request
        /// URIs (a forwarding proxy, a test double). Better still, give the client a handler with
        /// <c>AllowAutoRedirect = false</c>.
        /// </summary>
        public bool AllowRedirectedAnswers { get; set; }

        /// <summary>
        /// Whether the call's span (<see cref="IdeogramTelemetry"/>) records the prompt, as <c>gen_ai.input.messages</c>.
        /// Default false: prompts are user content and stay out of telemetry unless you opt in. Keys, tokens, headers and
        /// image links are never recorded.
        /// </summary>
        public bool RecordPromptsInTelemetry { get; set; }

        /// <summary>
        /// Recovery of paid answers that broke in transit, from the gateway's logs (a Cloudflare API token with AI Gateway
        /// Read, optional automatic recovery); see <see cref="GatewayRecoveryOptions"/>. Null (default): off, calls send no
        /// <c>cf-aig-event-id</c> of their own and <c>RecoverAsync</c> throws <see cref="IdeogramRecoveryException"/>
        /// (<see cref="IdeogramRecoveryErrorKind.NotConfigured"/>).
        /// </summary>
        public GatewayRecoveryOptions? Recovery { get; set; }

        /// <summary>
        /// How the asynchronous methods (<c>Submit…AndWaitAsync</c>, <c>Resume…Async</c>, <see cref="IdeogramGeneration{T}.WaitAsync"/>)
        /// poll for a generation's result: first wait, growth, longest wait, and how long one wait may last.
        /// </summary>
        public IdeogramPollingOptions Polling { get; set; } = new IdeogramPollingOptions();

        /// <summary>The <c>User-Agent</c> product token; default <c>IdeogramGen/&lt;version&gt;</c>. The gateway logs it.</summary>
        public string? UserAgent { get; set; }
    }
}
