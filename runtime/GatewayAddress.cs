using System;
using System.Text.RegularExpressions;

namespace IdeogramGen
{
    /// <summary>
    /// Where a Cloudflare AI Gateway lives: account id and gateway id, and the URLs built from them.
    /// Ideogram's paths are appended unchanged to <c>{root}v1/{account_id}/{gateway_id}/ideogram/</c>
    /// (Cloudflare AI Gateway docs, Providers &gt; Ideogram: the gateway is a path-preserving proxy).
    /// </summary>
    public sealed class GatewayAddress : IEquatable<GatewayAddress>
    {
        /// <summary>The public gateway host, <c>https://gateway.ai.cloudflare.com/</c>.</summary>
        public static Uri CloudflareRoot { get; } = new Uri("https://gateway.ai.cloudflare.com/");

        /// <summary>The provider slug Cloudflare uses for Ideogram.</summary>
        public const string ProviderSlug = "ideogram";

        private static readonly Regex AccountIdPattern = new Regex(@"^[0-9a-fA-F]{32}\z", RegexOptions.CultureInvariant);
        private static readonly Regex GatewayIdPattern = new Regex(@"^[a-z0-9_-]{1,64}\z", RegexOptions.CultureInvariant);

        /// <summary>Creates an address.</summary>
        /// <param name="accountId">32 hexadecimal characters.</param>
        /// <param name="gatewayId">1 to 64 characters: lowercase letters, digits, <c>-</c>, <c>_</c>.</param>
        /// <exception cref="ArgumentException">An id does not have that shape.</exception>
        public GatewayAddress(string accountId, string gatewayId)
        {
            if (accountId is null || !AccountIdPattern.IsMatch(accountId))
                throw new ArgumentException($"The Cloudflare account id must be 32 hexadecimal characters; got {Describe(accountId)}.", nameof(accountId));
            if (gatewayId is null || !GatewayIdPattern.IsMatch(gatewayId))
                throw new ArgumentException($"The gateway id must be 1 to 64 characters of lowercase letters, digits, '-' and '_'; got {Describe(gatewayId)}.", nameof(gatewayId));
            AccountId = accountId;
            GatewayId = gatewayId;
        }

        /// <summary>The Cloudflare account id.</summary>
        public string AccountId { get; }

        /// <summary>The gateway id.</summary>
        public string GatewayId { get; }

        /// <summary>The Ideogram base URI on Cloudflare: <c>https://gateway.ai.cloudflare.com/v1/{account_id}/{gateway_id}/ideogram/</c>.</summary>
        public Uri BaseUri => ProviderBase(CloudflareRoot);

        /// <summary>The Ideogram base URI under another gateway root (the emulator, a proxy).</summary>
        /// <param name="root">An absolute URI such as <c>http://127.0.0.1:5123/</c>.</param>
        public Uri ProviderBase(Uri root)
        {
            if (root is null) throw new ArgumentNullException(nameof(root));
            if (!root.IsAbsoluteUri) throw new ArgumentException("The gateway root must be an absolute URI.", nameof(root));
            var text = root.AbsoluteUri;
            if (!text.EndsWith("/", StringComparison.Ordinal)) text += "/";
            return new Uri(text + "v1/" + AccountId + "/" + GatewayId + "/" + ProviderSlug + "/");
        }

        /// <summary>The full URL of an Ideogram path (<c>v1/ideogram-v3/generate</c>) through this gateway.</summary>
        /// <param name="ideogramPath">Ideogram's own path, with or without the leading <c>/</c>.</param>
        /// <param name="root">The gateway root; Cloudflare's when null.</param>
        public Uri Endpoint(string ideogramPath, Uri? root = null)
        {
            if (string.IsNullOrEmpty(ideogramPath)) throw new ArgumentException("The Ideogram path must not be empty.", nameof(ideogramPath));
            return new Uri(ProviderBase(root ?? CloudflareRoot), ideogramPath.TrimStart('/'));
        }

        /// <inheritdoc/>
        public bool Equals(GatewayAddress? other) => other is not null && AccountId == other.AccountId && GatewayId == other.GatewayId;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as GatewayAddress);

        /// <inheritdoc/>
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(AccountId) * 31 + StringComparer.Ordinal.GetHashCode(GatewayId);

        /// <inheritdoc/>
        public override string ToString() => BaseUri.AbsoluteUri;

        private static string Describe(string? value) =>
            value is null ? "null" : value.Length == 0 ? "an empty string" : $"{value.Length} characters";
    }
}
