using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace IdeogramGen
{
    /// <summary>Reads <c>Retry-After</c> (RFC 9110 §10.2.3: delay seconds or an HTTP date) as a wait from now.</summary>
    internal static class RetryAfterHeader
    {
        public static TimeSpan? Read(HttpResponseMessage response, TimeProvider time)
        {
            var ra = response.Headers.RetryAfter;
            if (ra == null)
            {
                // HttpClient drops a delta it cannot hold in 32 bits; such a server still means "not soon".
                if (response.Headers.TryGetValues("Retry-After", out var raw))
                {
                    var text = string.Join(",", raw).Trim();
                    if (text.Length > 0 && text.All(char.IsDigit))
                        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var secs) && secs <= 315_360_000
                            ? TimeSpan.FromSeconds(secs)
                            : TimeSpan.FromDays(3650);
                }
                return null;
            }
            if (ra.Delta is TimeSpan delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            if (ra.Date is DateTimeOffset date)
            {
                var wait = date - time.GetUtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }
    }
}
