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
                if (!string.IsNullOrEmpty(s) && s!.Length >= 4) list.Add(s);
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
    }
}
