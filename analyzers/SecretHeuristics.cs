using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace IdeogramGen.Analyzers
{
    /// <summary>Decides whether a constant string found at a credential sink is a real secret or an obvious stand-in.</summary>
    internal static class SecretHeuristics
    {
        private static readonly string[] PlaceholderWords =
        {
            "your-", "your_", "yourkey", "changeme", "change-me", "change_me", "redacted", "example", "sample",
            "dummy", "fake", "test", "placeholder", "replace", "insert", "xxx", "***", "...",
        };

        private static readonly Regex TokenShape = new Regex(@"^[A-Za-z0-9_.+/=~$:-]+$", RegexOptions.CultureInvariant);

        /// <summary>Identifiers that look random but are not credentials: GUIDs, URLs and URNs, ARNs, environment variable names.</summary>
        private static readonly Regex NotTokenShape = new Regex(
            @"^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[a-z][a-z0-9+.\-]*:.*|[A-Z][A-Z0-9]*(_[A-Z0-9]+)+)$",
            RegexOptions.CultureInvariant);

        private static readonly Regex SecretName = new Regex(
            @"(api[_\-]?key|apikey|secret|token|password|passwd|credential)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly Regex NotSecretName = new Regex(
            @"(public[_\-]?key|publickeytoken|key[_\-]?id|token[_\-]?type|csrf|xsrf|tokenurl|token[_\-]?endpoint|cancellation|header|name|variable|path|file|section)",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>Splits an authentication scheme prefix (<c>Bearer </c>, <c>Basic </c>) off the value.</summary>
        public static string StripScheme(string value, out string prefix)
        {
            foreach (var scheme in new[] { "Bearer ", "Basic ", "Token " })
                if (value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
                {
                    prefix = value.Substring(0, scheme.Length);
                    return value.Substring(scheme.Length);
                }
            prefix = "";
            return value;
        }

        /// <summary>True for values that are obviously not a secret: empty, placeholders, repeated characters, prose.</summary>
        public static bool IsExempt(string? value)
        {
            if (value == null) return true;
            var v = value.Trim();
            if (v.Length == 0) return true;
            foreach (var c in v)
                if (char.IsWhiteSpace(c)) return true;
            if (AllSame(v)) return true;
            if (v.StartsWith("<", StringComparison.Ordinal) && v.EndsWith(">", StringComparison.Ordinal)) return true;
            if (v.IndexOf("${", StringComparison.Ordinal) >= 0 || v.IndexOf("{{", StringComparison.Ordinal) >= 0) return true;
            if (v.StartsWith("%", StringComparison.Ordinal) && v.EndsWith("%", StringComparison.Ordinal) && v.Length > 2) return true;
            foreach (var w in PlaceholderWords)
                if (v.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0) return true;
            return false;
        }

        /// <summary>The shortest value <see cref="LooksLikeToken"/> takes for a token.</summary>
        internal const int MinTokenLength = 16;

        /// <summary>
        /// The second signal, used where the sink is known only by name: a token-shaped value (16 to 1024 characters
        /// without white space, letters and digits mixed) with a Shannon entropy of at least 3.5 bits per character.
        /// </summary>
        public static bool LooksLikeToken(string value)
        {
            if (value.Length < MinTokenLength || value.Length > 1024 || !TokenShape.IsMatch(value)) return false;
            if (NotTokenShape.IsMatch(value)) return false;
            bool letter = false, digit = false;
            foreach (var c in value)
            {
                if (char.IsLetter(c)) letter = true;
                else if (char.IsDigit(c)) digit = true;
            }
            return letter && digit && Entropy(value) >= 3.5;
        }

        private static readonly Regex EnvironmentVariableName = new Regex(@"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$", RegexOptions.CultureInvariant);

        /// <summary>
        /// True for the name of an environment variable (<c>IDEOGRAM_API_KEY</c>, <c>CF_AIG_TOKEN</c>): capitals and
        /// digits in at least two words joined by <c>_</c>. Real keys and tokens mix cases.
        /// </summary>
        public static bool IsEnvironmentVariableName(string value) => EnvironmentVariableName.IsMatch(value);

        /// <summary>What a member or parameter named like a credential holds, from its name.</summary>
        public static SecretKind KindOfName(string name)
        {
            if (name.IndexOf("token", StringComparison.OrdinalIgnoreCase) < 0) return SecretKind.ApiKey;
            return name.IndexOf("gateway", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("aig", StringComparison.OrdinalIgnoreCase) >= 0
                ? SecretKind.GatewayToken
                : SecretKind.CloudflareApiToken;
        }

        /// <summary>True when a member or parameter name says it holds a credential (<c>ApiKey</c>, <c>gatewayToken</c>).</summary>
        public static bool IsSecretName(string name)
        {
            if (SecretNames.TryGetValue(name, out var known)) return known;
            var result = SecretName.IsMatch(name) && !NotSecretName.IsMatch(name) && !HasNonSecretWord(name);
            if (SecretNames.Count < MaxRememberedNames) SecretNames.TryAdd(name, result);
            return result;
        }

        private const int MaxRememberedNames = 4096;

        /// <summary>Parameter and member names repeat across a compilation: each is matched once.</summary>
        private static readonly ConcurrentDictionary<string, bool> SecretNames = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>Words that make a credential-sounding name about something else: <c>TokenSha256</c>, <c>SecretUri</c>, <c>ApiKeyEnv</c>.</summary>
        private static readonly HashSet<string> NonSecretWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "sha", "sha1", "sha256", "sha512", "hash", "digest", "checksum", "uri", "url", "arn", "env", "audience", "policy", "issuer", "scope",
        };

        private static bool HasNonSecretWord(string name)
        {
            foreach (Match m in Words.Matches(name))
                if (NonSecretWords.Contains(m.Value.ToLowerInvariant())) return true;
            return false;
        }

        /// <summary>The words of an identifier: camel-case humps, runs of capitals, digits attached to the word before.</summary>
        private static readonly Regex Words = new Regex(@"[A-Z]{2,}(?![a-z])[0-9]*|[A-Z]?[a-z]+[0-9]*|[0-9]+", RegexOptions.CultureInvariant);

        public static double Entropy(string value)
        {
            var counts = new Dictionary<char, int>();
            foreach (var c in value) counts[c] = counts.TryGetValue(c, out var n) ? n + 1 : 1;
            double h = 0;
            foreach (var n in counts.Values)
            {
                double p = (double)n / value.Length;
                h -= p * Math.Log(p, 2);
            }
            return h;
        }

        private static bool AllSame(string v)
        {
            for (int i = 1; i < v.Length; i++)
                if (v[i] != v[0]) return false;
            return true;
        }
    }
}
