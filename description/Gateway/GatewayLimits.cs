// Cloudflare AI Gateway's documented limits on per-request options, in one place for the runtime (which enforces
// them before sending), the analyzers (which flag constants that break them) and the emulator (which applies them).
// Sources: Cloudflare AI Gateway docs — Caching (cf-aig-cache-ttl: minimum 60 s), Limits ("Cache TTL 1 month",
// "Custom metadata 5 entries"), Custom metadata (keys starting with "cf." are reserved), Request handling
// (cf-aig-max-attempts at most 5, cf-aig-retry-delay at most 5000 ms).
namespace IdeogramGen.ApiDescription
{
    internal static class GatewayLimits
    {
        /// <summary>Smallest <c>cf-aig-cache-ttl</c>, in seconds.</summary>
        public const long MinCacheTtlSeconds = 60;

        /// <summary>Largest <c>cf-aig-cache-ttl</c>, in seconds: one month, taken as 30 days.</summary>
        public const long MaxCacheTtlSeconds = 30L * 24 * 60 * 60;

        /// <summary>Fewest <c>cf-aig-max-attempts</c>.</summary>
        public const int MinAttempts = 1;

        /// <summary>Most <c>cf-aig-max-attempts</c>.</summary>
        public const int MaxAttempts = 5;

        /// <summary>Largest <c>cf-aig-retry-delay</c>, in milliseconds.</summary>
        public const long MaxRetryDelayMilliseconds = 5000;

        /// <summary>Most <c>cf-aig-metadata</c> entries the gateway keeps.</summary>
        public const int MaxMetadataEntries = 5;

        /// <summary>Metadata keys with this prefix are reserved and not saved.</summary>
        public const string ReservedMetadataPrefix = "cf.";

        /// <summary>The allowed range of <c>cf-aig-cache-ttl</c>, for messages.</summary>
        public const string CacheTtlRange = "whole seconds from 60 to 2592000 (one month)";

        /// <summary>The allowed range of <c>cf-aig-retry-delay</c>, for messages.</summary>
        public const string RetryDelayRange = "whole milliseconds from 0 to 5000";
    }
}
