using System.Text;
using System.Text.Json;

namespace IdeogramGen
{
    /// <summary>
    /// <c>cf-aig-custom-cost</c> (Cloudflare AI Gateway docs, Custom costs): per-token prices. The gateway applies them
    /// only to responses that report tokens, which Ideogram's do not; <see cref="TotalCost"/> sends the flat
    /// <c>total_cost</c> form that the Workers type definitions accept but the docs do not describe.
    /// </summary>
    public sealed class GatewayCustomCost
    {
        /// <summary><c>per_token_in</c>.</summary>
        public double? PerTokenIn { get; set; }
        /// <summary><c>per_token_out</c>.</summary>
        public double? PerTokenOut { get; set; }
        /// <summary><c>per_cache_read_token</c>.</summary>
        public double? PerCacheReadToken { get; set; }
        /// <summary><c>per_cache_write_token</c>.</summary>
        public double? PerCacheWriteToken { get; set; }
        /// <summary><c>total_cost</c> (undocumented flat form).</summary>
        public double? TotalCost { get; set; }

        /// <summary>The header value.</summary>
        /// <exception cref="IdeogramValidationException">No value set, or a negative or non-finite value.</exception>
        public string ToJson()
        {
            using var buffer = new System.IO.MemoryStream();
            int count = 0;
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                void Write(string name, double? v)
                {
                    if (v == null) return;
                    if (double.IsNaN(v.Value) || double.IsInfinity(v.Value) || v.Value < 0)
                        throw new IdeogramValidationException(GatewayHeaders.CustomCost, $"{name} is negative or not finite", "finite numbers of 0 or more");
                    w.WriteNumber(name, v.Value);
                    count++;
                }
                Write("per_token_in", PerTokenIn);
                Write("per_token_out", PerTokenOut);
                Write("per_cache_read_token", PerCacheReadToken);
                Write("per_cache_write_token", PerCacheWriteToken);
                Write("total_cost", TotalCost);
                w.WriteEndObject();
            }
            if (count == 0) throw new IdeogramValidationException(GatewayHeaders.CustomCost, "no cost is set", "at least one of per_token_in, per_token_out, per_cache_read_token, per_cache_write_token, total_cost");
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
