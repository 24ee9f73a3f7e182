using System;
using System.Collections.Generic;

namespace IdeogramGen.Extensions
{
    /// <summary>
    /// The settings of one registered Ideogram client, named like its <c>HttpClient</c>. Bound from configuration
    /// (section <c>Ideogram</c> by default; keys listed below) and from code (<c>AddIdeogramGateway&lt;T&gt;(o =&gt; …)</c>),
    /// validated when the host starts and re-read when the configuration reloads (a rotated key takes effect on the next
    /// client resolved, without a restart).
    /// </summary>
    /// <remarks>
    /// Configuration keys (relative to the section): <c>ApiKey</c>, <c>GatewayToken</c>, <c>CloudflareApiToken</c>, <c>GatewayRoot</c>,
    /// <c>Timeout</c>, <c>MaxImagesInFlight</c>, <c>MaxResponseBytes</c>, <c>UserAgent</c>, <c>AllowRedirectedAnswers</c>,
    /// <c>Retry:MaxAttempts</c>, <c>Retry:BaseDelay</c>, <c>Retry:MaxDelay</c>, and under <c>Defaults:</c> the gateway
    /// options of <see cref="GatewayRequestOptions"/> (<c>CacheTtl</c>, <c>SkipCache</c>, <c>CollectLog</c>,
    /// <c>Metadata:&lt;key&gt;</c>, <c>ExtraHeaders:&lt;cf-aig-name&gt;</c>, …). Time spans use <c>[d.]hh:mm:ss[.fff]</c>
    /// (<c>00:02:00</c>); booleans <c>true</c>/<c>false</c>. Keep the three secrets out of <c>appsettings.json</c>:
    /// environment variables (<c>Ideogram__ApiKey</c>), user secrets or a vault provider (analyzer IDG0302 flags them
    /// in settings files, IDG0301 in code).
    /// </remarks>
    public sealed class IdeogramClientOptions
    {
        /// <summary>
        /// The Ideogram API key (sent as <c>Api-Key</c>, Ideogram OpenAPI <c>ApiKeyAuth</c>). Required unless the gateway
        /// supplies a stored key (<c>Defaults:ByokAlias</c>, Cloudflare AI Gateway docs, BYOK). Never logged or shown.
        /// </summary>
        public string? ApiKey { get; set; }

        /// <summary>The Cloudflare API token for an authenticated gateway (<c>cf-aig-authorization: Bearer …</c>), or null. Never logged or shown.</summary>
        public string? GatewayToken { get; set; }

        /// <summary>
        /// A Cloudflare API token with the <c>AI Gateway - Read</c> permission, for the gateway's logs API (key
        /// <c>CloudflareApiToken</c>, the key the IDG0301 code fix reads), or null. When set, recovery of paid answers
        /// that broke in transit is on: <see cref="ToGatewayOptions()"/> sets <see cref="GatewayOptions.Recovery"/> with
        /// this token as <see cref="GatewayRecoveryOptions.LogsApiToken"/> (<c>RecoverAsync</c> only; turn on
        /// <see cref="GatewayRecoveryOptions.Automatic"/> in <see cref="ConfigureGateway"/>). Not the gateway token and not
        /// the Ideogram key. Never logged or shown.
        /// </summary>
        public string? CloudflareApiToken { get; set; }

        /// <summary>The gateway root (an absolute <c>http</c>/<c>https</c> URI); null means Cloudflare's. Point it at the emulator in tests.</summary>
        public Uri? GatewayRoot { get; set; }

        /// <summary>The per-attempt timeout of a call; default 120 s (<see cref="GatewayOptions.DefaultTimeout"/>). Positive or <c>-00:00:00.001</c> (infinite).</summary>
        public TimeSpan Timeout { get; set; } = GatewayOptions.DefaultTimeout;

        /// <summary>The limit on images in flight (weighted by <c>num_images</c>), at least 1; null: no limit. Ideogram's default organization limit is 10.</summary>
        public int? MaxImagesInFlight { get; set; }

        /// <summary>The largest JSON answer read, in bytes: 1 to 2147483647; default 16 MiB.</summary>
        public long MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

        /// <summary>The <c>User-Agent</c> product token; default <c>IdeogramGen/&lt;version&gt;</c>.</summary>
        public string? UserAgent { get; set; }

        /// <summary>See <see cref="GatewayOptions.AllowRedirectedAnswers"/>; default false.</summary>
        public bool AllowRedirectedAnswers { get; set; }

        /// <summary>The client's own billing-safe retries (<see cref="IdeogramRetryPolicy.SafeOnly"/> semantics).</summary>
        public IdeogramRetryOptions Retry { get; set; } = new IdeogramRetryOptions();

        /// <summary>
        /// How the asynchronous methods wait for a generation (keys <c>Polling:FirstDelay</c>, <c>Polling:Multiplier</c>,
        /// <c>Polling:MaxDelay</c>, <c>Polling:Timeout</c>; <see cref="GatewayOptions.Polling"/>).
        /// </summary>
        public IdeogramPollingOptions Polling { get; set; } = new IdeogramPollingOptions();

        /// <summary>Gateway options sent with every call (<see cref="GatewayOptions.Defaults"/>); a call's own options override them.</summary>
        public GatewayRequestOptions Defaults { get; set; } = new GatewayRequestOptions();

        /// <summary>Runs last on the <see cref="GatewayOptions"/> built from these settings, for what configuration cannot express (a <c>TimeProvider</c>, a <c>ShouldRetry</c> predicate).</summary>
        public Action<GatewayOptions>? ConfigureGateway { get; set; }

        /// <summary>Problems found while reading configuration, reported by validation with the setting's path.</summary>
        internal List<string> BindingErrors { get; } = new List<string>();

        /// <summary>The configuration path the options were read from (for messages), e.g. <c>Ideogram</c>.</summary>
        internal string SettingsPath { get; set; } = "Ideogram";

        /// <summary>Describes the settings, never the secrets' values.</summary>
        public override string ToString() =>
            $"IdeogramClientOptions(ApiKey: {(ApiKey is null ? "none" : "set")}, GatewayToken: {(GatewayToken is null ? "none" : "set")}, CloudflareApiToken: {(CloudflareApiToken is null ? "none" : "set")}, GatewayRoot: {GatewayRoot?.ToString() ?? "Cloudflare"}, Timeout: {Timeout}, MaxImagesInFlight: {(MaxImagesInFlight?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none")})";

        /// <summary>The credentials these settings name (read when a client is created, so a reloaded key is used from then on).</summary>
        /// <exception cref="ArgumentException">A secret is empty or has a line break (validation reports it first).</exception>
        public IdeogramCredentials ToCredentials() =>
            new IdeogramCredentials(string.IsNullOrWhiteSpace(ApiKey) ? null : ApiKey, string.IsNullOrWhiteSpace(GatewayToken) ? null : GatewayToken);

        /// <summary>The <see cref="GatewayOptions"/> these settings describe; a new instance per call.</summary>
        public GatewayOptions ToGatewayOptions() => ToGatewayOptions(null);

        internal GatewayOptions ToGatewayOptions(Action<GatewayOptions>? first)
        {
            var polling = Polling ?? new IdeogramPollingOptions();
            var options = new GatewayOptions
            {
                GatewayRoot = GatewayRoot,
                Timeout = Timeout,
                MaxImagesInFlight = MaxImagesInFlight,
                MaxResponseBytes = MaxResponseBytes,
                UserAgent = UserAgent,
                AllowRedirectedAnswers = AllowRedirectedAnswers,
                Retry = Retry.ToPolicy(),
                Polling = new IdeogramPollingOptions { FirstDelay = polling.FirstDelay, Multiplier = polling.Multiplier, MaxDelay = polling.MaxDelay, Timeout = polling.Timeout },
                Defaults = new GatewayRequestOptions().MergedWith(Defaults),
                Recovery = string.IsNullOrWhiteSpace(CloudflareApiToken) ? null : new GatewayRecoveryOptions { LogsApiToken = CloudflareApiToken },
            };
            first?.Invoke(options);
            ConfigureGateway?.Invoke(options);
            return options;
        }
    }

    /// <summary>The configurable part of <see cref="IdeogramRetryPolicy"/> (keys <c>Retry:MaxAttempts</c>, <c>Retry:BaseDelay</c>, <c>Retry:MaxDelay</c>).</summary>
    public sealed class IdeogramRetryOptions
    {
        /// <summary>Attempts in all, the first included: 1 (no retry) to 10. Default 3.</summary>
        public int MaxAttempts { get; set; } = 3;

        /// <summary>The first wait, doubled per retry (with jitter) unless the server says <c>Retry-After</c>. Default 1 s; not negative.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest wait; a longer <c>Retry-After</c> ends retrying. Default 30 s; not negative.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The policy these settings describe (retries only what provably did not run).</summary>
        public IdeogramRetryPolicy ToPolicy()
        {
            var policy = IdeogramRetryPolicy.SafeOnly;
            policy.MaxAttempts = MaxAttempts;
            policy.BaseDelay = BaseDelay;
            policy.MaxDelay = MaxDelay;
            return policy;
        }
    }
}
