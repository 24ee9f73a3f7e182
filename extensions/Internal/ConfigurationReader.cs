using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Configuration;

namespace IdeogramGen.Extensions.Internal
{
    /// <summary>
    /// Reads <see cref="IdeogramClientOptions"/> from a configuration section by hand: every key is known, so a misspelt
    /// one and a value of the wrong shape become validation errors that name the setting's full path (for example
    /// <c>Ideogram:Timeout</c>), reported together at start instead of one exception at a time; and no reflection is
    /// needed (trimming and native AOT stay clean).
    /// </summary>
    internal static class ConfigurationReader
    {
        /// <summary>Sub-sections that are read elsewhere (named clients) and not reported as unknown.</summary>
        internal const string ClientsSection = "Clients";

        private static readonly string[] TopKeys =
        {
            nameof(IdeogramClientOptions.ApiKey), nameof(IdeogramClientOptions.GatewayToken), nameof(IdeogramClientOptions.CloudflareApiToken),
            nameof(IdeogramClientOptions.GatewayRoot),
            nameof(IdeogramClientOptions.Timeout), nameof(IdeogramClientOptions.MaxImagesInFlight), nameof(IdeogramClientOptions.MaxResponseBytes),
            nameof(IdeogramClientOptions.UserAgent), nameof(IdeogramClientOptions.AllowRedirectedAnswers), nameof(IdeogramClientOptions.Retry),
            nameof(IdeogramClientOptions.Polling), nameof(IdeogramClientOptions.Defaults), ClientsSection,
        };

        private static readonly string[] RetryKeys = { nameof(IdeogramRetryOptions.MaxAttempts), nameof(IdeogramRetryOptions.BaseDelay), nameof(IdeogramRetryOptions.MaxDelay) };

        private static readonly string[] PollingKeys =
        {
            nameof(IdeogramPollingOptions.FirstDelay), nameof(IdeogramPollingOptions.Multiplier), nameof(IdeogramPollingOptions.MaxDelay), nameof(IdeogramPollingOptions.Timeout),
        };

        private static readonly string[] DefaultsKeys =
        {
            nameof(GatewayRequestOptions.GatewayToken), nameof(GatewayRequestOptions.CacheKey), nameof(GatewayRequestOptions.CacheTtl),
            nameof(GatewayRequestOptions.SkipCache), nameof(GatewayRequestOptions.Metadata), nameof(GatewayRequestOptions.CollectLog),
            nameof(GatewayRequestOptions.CollectLogPayload), nameof(GatewayRequestOptions.EventId), nameof(GatewayRequestOptions.RequestTimeout),
            nameof(GatewayRequestOptions.MaxAttempts), nameof(GatewayRequestOptions.RetryDelay), nameof(GatewayRequestOptions.Backoff),
            nameof(GatewayRequestOptions.ByokAlias), nameof(GatewayRequestOptions.NoWholesale), nameof(GatewayRequestOptions.ZeroDataRetention),
            nameof(GatewayRequestOptions.CustomCost), nameof(GatewayRequestOptions.ExtraHeaders),
        };

        private static readonly string[] CostKeys =
        {
            nameof(GatewayCustomCost.PerTokenIn), nameof(GatewayCustomCost.PerTokenOut), nameof(GatewayCustomCost.PerCacheReadToken),
            nameof(GatewayCustomCost.PerCacheWriteToken), nameof(GatewayCustomCost.TotalCost),
        };

        /// <summary>Applies the values present in <paramref name="section"/> (absent keys leave the options as they are).</summary>
        public static void Read(IConfiguration section, IdeogramClientOptions o)
        {
            var path = section is IConfigurationSection s ? s.Path : "";
            if (path.Length > 0) o.SettingsPath = path;
            var errors = o.BindingErrors;
            Unknown(section, path, TopKeys, errors);

            Str(section, nameof(o.ApiKey), v => o.ApiKey = v);
            Str(section, nameof(o.GatewayToken), v => o.GatewayToken = v);
            Str(section, nameof(o.CloudflareApiToken), v => o.CloudflareApiToken = v);
            Parse(section, path, nameof(o.GatewayRoot), errors, "an absolute http or https URI, e.g. https://gateway.ai.cloudflare.com/",
                v => Uri.TryCreate(v, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? u : null, v => o.GatewayRoot = v);
            Time(section, path, nameof(o.Timeout), errors, v => o.Timeout = v, allowInfinite: true);
            Parse(section, path, nameof(o.MaxImagesInFlight), errors, "a whole number, at least 1", Int, v => o.MaxImagesInFlight = v);
            Parse(section, path, nameof(o.MaxResponseBytes), errors, "a whole number of bytes, 1 to 2147483647", Long, v => o.MaxResponseBytes = v!.Value);
            Str(section, nameof(o.UserAgent), v => o.UserAgent = v);
            Parse(section, path, nameof(o.AllowRedirectedAnswers), errors, "true or false", Bool, v => o.AllowRedirectedAnswers = v!.Value);

            var retry = section.GetSection(nameof(o.Retry));
            var retryPath = Join(path, nameof(o.Retry));
            Unknown(retry, retryPath, RetryKeys, errors);
            Parse(retry, retryPath, nameof(IdeogramRetryOptions.MaxAttempts), errors, "a whole number, 1 to 10", Int, v => o.Retry.MaxAttempts = v!.Value);
            Time(retry, retryPath, nameof(IdeogramRetryOptions.BaseDelay), errors, v => o.Retry.BaseDelay = v);
            Time(retry, retryPath, nameof(IdeogramRetryOptions.MaxDelay), errors, v => o.Retry.MaxDelay = v);

            var polling = section.GetSection(nameof(o.Polling));
            var pollingPath = Join(path, nameof(o.Polling));
            Unknown(polling, pollingPath, PollingKeys, errors);
            Time(polling, pollingPath, nameof(IdeogramPollingOptions.FirstDelay), errors, v => o.Polling.FirstDelay = v);
            Parse(polling, pollingPath, nameof(IdeogramPollingOptions.Multiplier), errors, "a number from 1 to 10", Double, v => o.Polling.Multiplier = v!.Value);
            Time(polling, pollingPath, nameof(IdeogramPollingOptions.MaxDelay), errors, v => o.Polling.MaxDelay = v);
            Time(polling, pollingPath, nameof(IdeogramPollingOptions.Timeout), errors, v => o.Polling.Timeout = v, allowInfinite: true);

            var d = section.GetSection(nameof(o.Defaults));
            var dPath = Join(path, nameof(o.Defaults));
            var g = o.Defaults;
            Unknown(d, dPath, DefaultsKeys, errors);
            Str(d, nameof(g.GatewayToken), v => g.GatewayToken = v);
            Str(d, nameof(g.CacheKey), v => g.CacheKey = v);
            Time(d, dPath, nameof(g.CacheTtl), errors, v => g.CacheTtl = v);
            Parse(d, dPath, nameof(g.SkipCache), errors, "true or false", Bool, v => g.SkipCache = v);
            Parse(d, dPath, nameof(g.CollectLog), errors, "true or false", Bool, v => g.CollectLog = v);
            Parse(d, dPath, nameof(g.CollectLogPayload), errors, "true or false", Bool, v => g.CollectLogPayload = v);
            Str(d, nameof(g.EventId), v => g.EventId = v);
            Time(d, dPath, nameof(g.RequestTimeout), errors, v => g.RequestTimeout = v);
            Parse(d, dPath, nameof(g.MaxAttempts), errors, "a whole number, 1 to 5", Int, v => g.MaxAttempts = v);
            Time(d, dPath, nameof(g.RetryDelay), errors, v => g.RetryDelay = v);
            Parse(d, dPath, nameof(g.Backoff), errors, "constant, linear or exponential",
                v => Enum.TryParse<GatewayBackoff>(v, ignoreCase: true, out var b) && Enum.IsDefined(typeof(GatewayBackoff), b) && !v.Trim().All(char.IsDigit) ? b : (GatewayBackoff?)null,
                v => g.Backoff = v);
            Str(d, nameof(g.ByokAlias), v => g.ByokAlias = v);
            Parse(d, dPath, nameof(g.NoWholesale), errors, "true or false", Bool, v => g.NoWholesale = v);
            Parse(d, dPath, nameof(g.ZeroDataRetention), errors, "true or false", Bool, v => g.ZeroDataRetention = v);

            var metadata = d.GetSection(nameof(g.Metadata)).GetChildren().ToList();
            if (metadata.Count > 0)
            {
                var m = new GatewayLogMetadata();
                foreach (var entry in metadata)
                {
                    if (entry.Value is null) { errors.Add($"{entry.Path}: metadata values are strings, numbers or booleans, not sections."); continue; }
                    try { m.Add(entry.Key, entry.Value); }
                    catch (ArgumentException ex) { errors.Add($"{entry.Path}: {ex.Message}"); }
                }
                g.Metadata = m;
            }

            var cost = d.GetSection(nameof(g.CustomCost));
            if (cost.GetChildren().Any())
            {
                var costPath = Join(dPath, nameof(g.CustomCost));
                Unknown(cost, costPath, CostKeys, errors);
                var c = g.CustomCost ?? new GatewayCustomCost();
                Parse(cost, costPath, nameof(c.PerTokenIn), errors, "a number", Double, v => c.PerTokenIn = v);
                Parse(cost, costPath, nameof(c.PerTokenOut), errors, "a number", Double, v => c.PerTokenOut = v);
                Parse(cost, costPath, nameof(c.PerCacheReadToken), errors, "a number", Double, v => c.PerCacheReadToken = v);
                Parse(cost, costPath, nameof(c.PerCacheWriteToken), errors, "a number", Double, v => c.PerCacheWriteToken = v);
                Parse(cost, costPath, nameof(c.TotalCost), errors, "a number", Double, v => c.TotalCost = v);
                g.CustomCost = c;
            }

            foreach (var header in d.GetSection(nameof(g.ExtraHeaders)).GetChildren())
            {
                if (header.Value is null) errors.Add($"{header.Path}: a header value is text, not a section.");
                else g.ExtraHeaders[header.Key] = header.Value;
            }
        }

        private static string Join(string path, string key) => path.Length == 0 ? key : path + ConfigurationPath.KeyDelimiter + key;

        private static void Unknown(IConfiguration section, string path, string[] known, List<string> errors)
        {
            foreach (var child in section.GetChildren())
                if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                    errors.Add($"{Join(path, child.Key)} is not a setting; the settings here are {string.Join(", ", known.Where(k => k != ClientsSection))}.");
        }

        private static void Str(IConfiguration section, string key, Action<string> set)
        {
            var value = section[key];
            if (value != null) set(value);
        }

        private static void Parse<T>(IConfiguration section, string path, string key, List<string> errors, string expected, Func<string, T?> parse, Action<T?> set)
        {
            var value = section[key];
            if (value is null) return;
            var parsed = value.Trim().Length == 0 ? default : parse(value.Trim());
            if (parsed is null) errors.Add($"{Join(path, key)}: '{value}' is not {expected}.");
            else set(parsed);
        }

        private static void Time(IConfiguration section, string path, string key, List<string> errors, Action<TimeSpan> set, bool allowInfinite = false)
        {
            var value = section[key];
            if (value is null) return;
            var text = value.Trim();
            if (allowInfinite && string.Equals(text, "Infinite", StringComparison.OrdinalIgnoreCase)) { set(System.Threading.Timeout.InfiniteTimeSpan); return; }
            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var t)) { set(t); return; }
            errors.Add($"{Join(path, key)}: '{value}' is not a time span; write [d.]hh:mm:ss[.fff], e.g. 00:02:00 for two minutes{(allowInfinite ? ", or Infinite" : "")}.");
        }

        private static int? Int(string v) => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : (int?)null;
        private static long? Long(string v) => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : (long?)null;
        private static bool? Bool(string v) => bool.TryParse(v, out var b) ? b : (bool?)null;
        private static double? Double(string v) => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsNaN(d) && !double.IsInfinity(d) ? d : (double?)null;
    }
}
