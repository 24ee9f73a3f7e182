using System;

namespace IdeogramGen
{
    /// <summary>
    /// The secrets a call needs: the Ideogram API key (sent as the <c>Api-Key</c> header, Ideogram OpenAPI
    /// <c>ApiKeyAuth</c>) and, for an authenticated gateway, a Cloudflare API token (sent as
    /// <c>cf-aig-authorization: Bearer &lt;token&gt;</c>, Cloudflare AI Gateway docs, Authenticated Gateway).
    /// </summary>
    /// <remarks>
    /// Read both from configuration or the environment, never from source (analyzer IDG0301 flags literals).
    /// <see cref="ToString"/> never shows either value, and neither appears in any log line or exception message of
    /// this library.
    /// </remarks>
    public sealed class IdeogramCredentials
    {
        /// <summary>Creates credentials.</summary>
        /// <param name="apiKey">The Ideogram API key. May be null only when the gateway supplies a stored key (BYOK).</param>
        /// <param name="gatewayToken">The Cloudflare API token with AI Gateway Run permission, or null for an unauthenticated gateway.</param>
        /// <remarks>White space around a value (a common slip when exporting it) is removed: HTTP servers drop it anyway.</remarks>
        /// <exception cref="ArgumentException">A value is empty, white space, or contains a line break.</exception>
        public IdeogramCredentials(string? apiKey, string? gatewayToken = null)
        {
            ApiKey = Check(apiKey, nameof(apiKey));
            GatewayToken = Check(gatewayToken, nameof(gatewayToken));
        }

        /// <summary>The Ideogram API key, or null when the gateway supplies a stored key.</summary>
        public string? ApiKey { get; }

        /// <summary>The Cloudflare gateway token, or null.</summary>
        public string? GatewayToken { get; }

        /// <summary>Reads <c>IDEOGRAM_API_KEY</c> and the optional <c>CF_AIG_TOKEN</c> from the environment.</summary>
        /// <exception cref="InvalidOperationException"><c>IDEOGRAM_API_KEY</c> is not set.</exception>
        public static IdeogramCredentials FromEnvironment(string apiKeyVariable = "IDEOGRAM_API_KEY", string gatewayTokenVariable = "CF_AIG_TOKEN")
        {
            var key = Environment.GetEnvironmentVariable(apiKeyVariable);
            if (string.IsNullOrWhiteSpace(key))
                throw new InvalidOperationException($"The environment variable {apiKeyVariable} is not set; it must hold the Ideogram API key.");
            var token = Environment.GetEnvironmentVariable(gatewayTokenVariable);
            return new IdeogramCredentials(key, string.IsNullOrWhiteSpace(token) ? null : token);
        }

        /// <summary>Describes which secrets are present, never their values.</summary>
        public override string ToString() =>
            $"IdeogramCredentials(ApiKey: {(ApiKey is null ? "none" : "set")}, GatewayToken: {(GatewayToken is null ? "none" : "set")})";

        private static string? Check(string? value, string name)
        {
            if (value is null) return null;
            if (value.Trim().Length == 0) throw new ArgumentException("The value must not be empty or white space; pass null to leave it out.", name);
            if (value.IndexOfAny(new[] { '\r', '\n' }) >= 0) throw new ArgumentException("The value must not contain a line break.", name);
            return value.Trim();
        }
    }
}
