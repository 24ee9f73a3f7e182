namespace IdeogramGen
{
    /// <summary>The names of Cloudflare AI Gateway headers (Cloudflare AI Gateway docs, Header Glossary).</summary>
    public static class GatewayHeaders
    {
#pragma warning disable CS1591 // the names speak for themselves; each is documented on the option or metadata property that uses it
        public const string Authorization = "cf-aig-authorization";
        public const string CacheKey = "cf-aig-cache-key";
        public const string CacheTtl = "cf-aig-cache-ttl";
        public const string SkipCache = "cf-aig-skip-cache";
        public const string Metadata = "cf-aig-metadata";
        public const string CollectLog = "cf-aig-collect-log";
        public const string CollectLogPayload = "cf-aig-collect-log-payload";
        public const string EventId = "cf-aig-event-id";
        public const string RequestTimeout = "cf-aig-request-timeout";
        public const string MaxAttempts = "cf-aig-max-attempts";
        public const string RetryDelay = "cf-aig-retry-delay";
        public const string Backoff = "cf-aig-backoff";
        public const string ByokAlias = "cf-aig-byok-alias";
        public const string NoWholesale = "cf-aig-no-wholesale";
        public const string Zdr = "cf-aig-zdr";
        public const string CustomCost = "cf-aig-custom-cost";
        public const string LogId = "cf-aig-log-id";
        public const string RequestId = "cf-aig-request-id";
        public const string CacheStatus = "cf-aig-cache-status";
        public const string Step = "cf-aig-step";
        public const string Model = "cf-aig-model";
        public const string Provider = "cf-aig-provider";
        public const string Dlp = "cf-aig-dlp";
        public const string IdeogramApiKey = "Api-Key";
#pragma warning restore CS1591
    }
}
