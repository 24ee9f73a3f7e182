using System;

namespace IdeogramGen.Testing
{
    /// <summary>
    /// Settings of one <see cref="IdeogramEmulator"/>: how its simulated Cloudflare AI Gateway is configured
    /// (authentication, rate limiting, caching, logs) and how its simulated Ideogram answers.
    /// </summary>
    /// <remarks>Options are read when the emulator starts; changing them afterwards has no effect.</remarks>
    public sealed class EmulatorOptions
    {
        /// <summary>
        /// The Cloudflare API token an authenticated gateway expects in <c>cf-aig-authorization: Bearer &lt;token&gt;</c>.
        /// When set, gateway authentication is on and a missing or different token gets HTTP 401 with the gateway's
        /// code 2009 body. When null (the default), the gateway is unauthenticated and ignores the header.
        /// </summary>
        public string? GatewayToken { get; set; }

        /// <summary>
        /// The Ideogram API key the simulated Ideogram accepts in the <c>Api-Key</c> header. When set, another key gets
        /// Ideogram's HTTP 401 <c>{"error":"Invalid API key"}</c> (distinct from the gateway's 2009 body). When null, any
        /// non-empty key is accepted. A request without <c>Api-Key</c> always gets HTTP 401.
        /// </summary>
        public string? ApiKey { get; set; }

        /// <summary>
        /// The Cloudflare API token the logs API (<c>{root}client/v4/accounts/…/logs/{id}</c>) expects in
        /// <c>Authorization: Bearer &lt;token&gt;</c>. When null, any bearer token is accepted; a request without one is
        /// always refused with the v4 envelope's code 10000.
        /// </summary>
        public string? RestApiToken { get; set; }

        /// <summary>
        /// When set, the only gateway id that exists (for any account id): other gateway ids get HTTP 400 with the
        /// gateway's code 2001 body. When null (the default), every well-formed gateway id exists.
        /// </summary>
        public string? GatewayId { get; set; }

        /// <summary>
        /// The clock behind everything time-dependent: <c>created</c> timestamps, image link expiry (<c>exp</c>), cache
        /// time-to-live, rate-limit windows, log timestamps and the lifecycle of asynchronous generations (whose completion
        /// is scheduled with <see cref="TimeProvider.CreateTimer"/>, so a fake clock completes them when the test advances it). Tests pass a controllable <see cref="System.TimeProvider"/>
        /// (for example a fake one) to make cached image links expire without waiting. Defaults to <see cref="TimeProvider.System"/>.
        /// </summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>
        /// How long an image link stays valid: every URL carries <c>exp</c> = now + this lifetime (Unix seconds), and the
        /// image route answers HTTP 403 after it. Default one hour.
        /// </summary>
        public TimeSpan ImageLinkLifetime { get; set; } = TimeSpan.FromHours(1);

        /// <summary>
        /// Time-to-live of a cached response when the request has <c>cf-aig-cache-key</c> but no <c>cf-aig-cache-ttl</c>.
        /// Default 300 seconds, as on Cloudflare.
        /// </summary>
        public TimeSpan DefaultCacheTtl { get; set; } = TimeSpan.FromSeconds(300);

        /// <summary>
        /// Gateway rate limit (Cloudflare's <c>rate_limiting_limit</c>): at most this many gateway requests per
        /// <see cref="RateLimitingInterval"/>, counted in fixed windows; the excess gets HTTP 429 with code 2003 and a
        /// <c>Retry-After</c> header (whole seconds to the end of the window). Null (the default) turns rate limiting off.
        /// </summary>
        public int? RateLimitingLimit { get; set; }

        /// <summary>The window of <see cref="RateLimitingLimit"/> (Cloudflare's <c>rate_limiting_interval</c>). Default 60 seconds.</summary>
        public TimeSpan RateLimitingInterval { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// Whether the gateway keeps a log entry per request (Cloudflare's <c>collect_logs</c>); a request can still opt out
        /// with <c>cf-aig-collect-log: false</c>. Default true.
        /// </summary>
        public bool CollectLogs { get; set; } = true;

        /// <summary>
        /// How long after a request ends its log entry becomes visible to the logs API (get, list, payloads, PATCH), on
        /// <see cref="TimeProvider"/>: Cloudflare writes logs asynchronously, so a client that looks a log up at once may
        /// find nothing yet. Default zero (visible at once). With a fake clock, entries appear when the test advances it.
        /// </summary>
        public TimeSpan LogDelay { get; set; }

        /// <summary>
        /// A prompt containing this text (ordinal, case-insensitive) gets Ideogram's HTTP 422 safety-check body and is not
        /// billed. Default <c>[unsafe]</c>.
        /// </summary>
        public string UnsafePromptMarker { get; set; } = "[unsafe]";

        /// <summary>
        /// A prompt containing this text (ordinal, case-insensitive) gets HTTP 200 where every second image
        /// (index 1, 3, …) has <c>is_image_safe: false</c> and <c>url: null</c>; all images are still billed.
        /// Default <c>[withhold]</c>.
        /// </summary>
        public string WithheldImageMarker { get; set; } = "[withhold]";

        /// <summary>
        /// How long an asynchronous generation runs, on <see cref="TimeProvider"/>: a generation accepted at <c>created</c>
        /// is <c>pending</c> until <c>created</c> + this time, then <c>completed</c> (or <c>failed</c>, with
        /// <see cref="EmulatorFault.GenerationFails"/>), and only then billed (Ideogram API reference, Errors, "Outcomes and
        /// billing": a request that runs is billed when it completes). Default <see cref="TimeSpan.Zero"/>: a poll right
        /// after the submit already answers <c>completed</c>. See <see cref="IdeogramEmulator.Generations"/>.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
        public TimeSpan GenerationTime
        {
            get => _generationTime;
            set => _generationTime = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A generation time is zero or more.");
        }

        private TimeSpan _generationTime;

        /// <summary>
        /// Ideogram's polling limit: at most this many polls (<c>GET v1/generations/{generation_id}</c> and
        /// <c>GET v2/generations/{generation_id}</c> together) per <see cref="PollRateInterval"/>, counted in fixed windows
        /// on <see cref="TimeProvider"/>; the excess gets HTTP 429 <c>{"error":"…"}</c> with <c>Retry-After</c> (whole
        /// seconds to the end of the window, at least 1). Default 1,000 per 10 seconds, Ideogram's limit per organization
        /// (Ideogram API reference, Rate limits, "Polling limits"). Null turns the limit off.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
        public int? PollRateLimit
        {
            get => _pollRateLimit;
            set => _pollRateLimit = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A poll rate limit is 1 or more (null turns it off).");
        }

        private int? _pollRateLimit = 1000;

        /// <summary>The window of <see cref="PollRateLimit"/>. Default 10 seconds (Ideogram API reference, Rate limits, "Polling limits").</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
        public TimeSpan PollRateInterval
        {
            get => _pollRateInterval;
            set => _pollRateInterval = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A poll rate window is longer than zero.");
        }

        private TimeSpan _pollRateInterval = TimeSpan.FromSeconds(10);

        internal EmulatorOptions Snapshot() => (EmulatorOptions)MemberwiseClone();
    }
}
