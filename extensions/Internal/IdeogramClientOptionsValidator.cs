using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace IdeogramGen.Extensions.Internal
{
    /// <summary>
    /// Checks <see cref="IdeogramClientOptions"/>: at start (<see cref="StartupCheck"/>), and for each version of the
    /// settings when the first client is created from it (so a bad reload is reported by the next client created,
    /// never thrown into the configuration provider's reload). Every message names the setting's configuration path
    /// and what is allowed; none shows a secret.
    /// </summary>
    internal static class IdeogramClientOptionsValidator
    {
        /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem of <paramref name="o"/>.</summary>
        public static void ThrowIfInvalid(string name, IdeogramClientOptions o)
        {
            var errors = Check(o);
            if (errors.Count > 0) throw new OptionsValidationException(name, typeof(IdeogramClientOptions), errors);
        }

        /// <summary>All problems of <paramref name="o"/>, each naming its setting.</summary>
        internal static List<string> Check(IdeogramClientOptions o)
        {
            var errors = new List<string>(o.BindingErrors);
            string P(string key) => o.SettingsPath + ":" + key;

            bool byok = !string.IsNullOrWhiteSpace(o.Defaults?.ByokAlias);
            if (string.IsNullOrWhiteSpace(o.ApiKey))
            {
                if (!byok)
                    errors.Add($"{P(nameof(o.ApiKey))} is not set. Provide the Ideogram API key through configuration kept out of source: an environment variable ({o.SettingsPath.Replace(":", "__")}__ApiKey), user secrets, or a vault provider (Azure Key Vault, ...); or set {P("Defaults:ByokAlias")} when the gateway stores the key.");
            }
            else
            {
                SecretShape(o.ApiKey!, P(nameof(o.ApiKey)), errors);
            }
            if (o.GatewayToken != null && o.GatewayToken.Trim().Length > 0) SecretShape(o.GatewayToken, P(nameof(o.GatewayToken)), errors);
            if (o.CloudflareApiToken != null && o.CloudflareApiToken.Trim().Length > 0) SecretShape(o.CloudflareApiToken, P(nameof(o.CloudflareApiToken)), errors);
            if (o.GatewayRoot != null && (!o.GatewayRoot.IsAbsoluteUri || (o.GatewayRoot.Scheme != Uri.UriSchemeHttps && o.GatewayRoot.Scheme != Uri.UriSchemeHttp)))
                errors.Add($"{P(nameof(o.GatewayRoot))} must be an absolute http or https URI (for example https://gateway.ai.cloudflare.com/); it is '{o.GatewayRoot}'.");
            if (o.Timeout <= TimeSpan.Zero && o.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
                errors.Add($"{P(nameof(o.Timeout))} must be positive (for example 00:02:00) or Infinite; it is {o.Timeout.ToString("c", CultureInfo.InvariantCulture)}.");
            if (o.MaxImagesInFlight is int max && max < 1)
                errors.Add($"{P(nameof(o.MaxImagesInFlight))} must be at least 1 (Ideogram's default organization limit is 10), or unset for no limit; it is {max.ToString(CultureInfo.InvariantCulture)}.");
            if (o.MaxResponseBytes < 1 || o.MaxResponseBytes > int.MaxValue)
                errors.Add($"{P(nameof(o.MaxResponseBytes))} must be from 1 to 2147483647; it is {o.MaxResponseBytes.ToString(CultureInfo.InvariantCulture)}.");
            var retry = o.Retry ?? new IdeogramRetryOptions();
            if (retry.MaxAttempts < 1 || retry.MaxAttempts > 10)
                errors.Add($"{P("Retry:MaxAttempts")} must be 1 (no retry) to 10; it is {retry.MaxAttempts.ToString(CultureInfo.InvariantCulture)}.");
            if (retry.BaseDelay < TimeSpan.Zero)
                errors.Add($"{P("Retry:BaseDelay")} must not be negative; it is {retry.BaseDelay.ToString("c", CultureInfo.InvariantCulture)}.");
            if (retry.MaxDelay < TimeSpan.Zero)
                errors.Add($"{P("Retry:MaxDelay")} must not be negative; it is {retry.MaxDelay.ToString("c", CultureInfo.InvariantCulture)}.");
            var polling = o.Polling ?? new IdeogramPollingOptions();
            if (polling.FirstDelay < TimeSpan.Zero)
                errors.Add($"{P("Polling:FirstDelay")} must not be negative; it is {polling.FirstDelay.ToString("c", CultureInfo.InvariantCulture)}.");
            if (double.IsNaN(polling.Multiplier) || polling.Multiplier < 1 || polling.Multiplier > 10)
                errors.Add($"{P("Polling:Multiplier")} must be from 1 to 10; it is {polling.Multiplier.ToString(CultureInfo.InvariantCulture)}.");
            if (polling.MaxDelay <= TimeSpan.Zero)
                errors.Add($"{P("Polling:MaxDelay")} must be positive; it is {polling.MaxDelay.ToString("c", CultureInfo.InvariantCulture)}.");
            if (polling.Timeout <= TimeSpan.Zero && polling.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
                errors.Add($"{P("Polling:Timeout")} must be positive (for example 00:10:00) or Infinite; it is {polling.Timeout.ToString("c", CultureInfo.InvariantCulture)}.");
            if (o.Defaults != null)
            {
                try
                {
                    o.Defaults.ToHeaders();
                }
                catch (IdeogramValidationException ex)
                {
                    errors.Add($"{P("Defaults")}: {ex.Message}");
                }
            }
            return errors;
        }

        private static void SecretShape(string value, string setting, List<string> errors)
        {
            var trimmed = value.Trim();
            foreach (var c in trimmed)
            {
                if (c < 0x21 || c > 0x7E)
                {
                    errors.Add($"{setting} contains {(char.IsWhiteSpace(c) ? "white space or a line break" : "a character that is not printable ASCII")}, which an HTTP header cannot carry; check that the whole value was copied and nothing else (the value is not shown).");
                    return;
                }
            }
            if (trimmed.Length < 8)
                errors.Add($"{setting} is {trimmed.Length.ToString(CultureInfo.InvariantCulture)} characters long, too short to be a key; check that the whole value was copied (the value is not shown).");
        }
    }
}
