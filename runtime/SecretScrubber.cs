using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace IdeogramGen
{
    /// <summary>
    /// Removes secrets from text that came from a server (error messages, body excerpts) before it reaches an
    /// exception message or a log line: the client's own API key and gateway token, and any bearer credential.
    /// </summary>
    internal sealed class SecretScrubber
    {
        internal const string Mask = "***";
        private static readonly Regex Bearer = new Regex(@"(?i)\b(bearer)\s+[A-Za-z0-9\-._~+/=]{8,}", RegexOptions.CultureInvariant);
        private readonly string[] _secrets;

        public SecretScrubber(IEnumerable<string?> secrets)
        {
            var list = new List<string>();
            foreach (var s in secrets)
            {
                if (string.IsNullOrEmpty(s)) continue;
                // Servers echo header values without surrounding white space: mask both forms.
                if (s!.Length >= 4) list.Add(s);
                var trimmed = s.Trim();
                if (trimmed.Length >= 4 && trimmed != s) list.Add(trimmed);
            }
            _secrets = list.ToArray();
        }

        public static SecretScrubber None { get; } = new SecretScrubber(Array.Empty<string>());

        public string Scrub(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            foreach (var s in _secrets)
                if (text.IndexOf(s, StringComparison.Ordinal) >= 0) text = text.Replace(s, Mask);
            return Bearer.Replace(text, "$1 " + Mask);
        }

        /// <summary>
        /// Masks secrets, then cuts the text to <paramref name="max"/> characters; a cut that would leave the start of a
        /// secret at the end (the text was cut inside it before masking could see it whole) drops that start too.
        /// </summary>
        public string ScrubAndCut(string text, int max)
        {
            if (string.IsNullOrEmpty(text)) return text;
            text = Scrub(text);
            if (text.Length > max) text = DropSecretPrefixAtEnd(text.Substring(0, max)) + "…";
            return text;
        }

        /// <summary>Removes a trailing run of at least 4 characters that begins one of the secrets (what a cut leaves of it).</summary>
        public string DropSecretPrefixAtEnd(string text)
        {
            foreach (var s in _secrets)
            {
                for (int n = Math.Min(s.Length - 1, text.Length); n >= 4; n--)
                {
                    if (string.CompareOrdinal(text, text.Length - n, s, 0, n) == 0)
                        return text.Substring(0, text.Length - n) + Mask;
                }
            }
            return text;
        }
    }
}
