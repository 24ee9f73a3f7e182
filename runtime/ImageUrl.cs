using System;
using System.Globalization;

namespace IdeogramGen
{
    /// <summary>
    /// Facts about Ideogram's temporary image links, e.g.
    /// <c>https://ideogram.ai/api/images/ephemeral/&lt;id&gt;.png?exp=1743867804&amp;sig=…</c> (Ideogram OpenAPI response
    /// examples): <c>exp</c> is the expiry as Unix seconds. "Images links are available for a limited period of time;
    /// if you would like to keep the image, you must download it." (Ideogram OpenAPI, response descriptions).
    /// </summary>
    public static class ImageUrl
    {
        /// <summary>The expiry read from the link's <c>exp</c> query parameter, or null when it has none.</summary>
        public static DateTimeOffset? GetExpiry(string? url)
        {
            if (string.IsNullOrEmpty(url)) return null;
            int q = url!.IndexOf('?');
            if (q < 0) return null;
            foreach (var pair in url.Substring(q + 1).Split('&'))
            {
                if (!pair.StartsWith("exp=", StringComparison.Ordinal)) continue;
                if (long.TryParse(pair.Substring(4), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < 253402300800L)
                    return DateTimeOffset.FromUnixTimeSeconds(seconds);
                return null;
            }
            return null;
        }

        /// <summary>True when the link carries an expiry that is before <paramref name="now"/> (default: the current time).</summary>
        public static bool IsExpired(string? url, DateTimeOffset? now = null)
        {
            var exp = GetExpiry(url);
            return exp != null && exp.Value <= (now ?? DateTimeOffset.UtcNow);
        }
    }
}
