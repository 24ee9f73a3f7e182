using System;
using System.Collections.Generic;
using System.Text.Json;

namespace IdeogramGen
{
    /// <summary>
    /// The <c>cf-aig-dlp</c> response header: which Data Loss Prevention policies matched and what the gateway did
    /// (Cloudflare AI Gateway docs, DLP &gt; Set up DLP). Shape:
    /// <c>{"findings":[{"profile":{"profile_id":…,"entry_ids":[…]},"policy_ids":[…],"check":"REQUEST"|"RESPONSE"}],"action":"BLOCK"|"FLAG"}</c>.
    /// </summary>
    public sealed class GatewayDlpResult
    {
        private GatewayDlpResult(string? action, IReadOnlyList<GatewayDlpFinding> findings, string raw)
        {
            Action = action;
            Findings = findings;
            RawJson = raw;
        }

        /// <summary><c>BLOCK</c> or <c>FLAG</c>, or null when absent.</summary>
        public string? Action { get; }

        /// <summary>The matched findings.</summary>
        public IReadOnlyList<GatewayDlpFinding> Findings { get; }

        /// <summary>The header as received (for fields added later).</summary>
        public string RawJson { get; }

        /// <summary>Parses the header; a value that is not the documented JSON gives an empty result keeping <see cref="RawJson"/>.</summary>
        public static GatewayDlpResult Parse(string json)
        {
            var findings = new List<GatewayDlpFinding>();
            string? action = null;
            try
            {
                using var doc = JsonDocument.Parse(json);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    if (root.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String) action = a.GetString();
                    if (root.TryGetProperty("findings", out var f) && f.ValueKind == JsonValueKind.Array)
                        foreach (var item in f.EnumerateArray())
                            if (item.ValueKind == JsonValueKind.Object) findings.Add(GatewayDlpFinding.From(item));
                }
            }
            catch (JsonException)
            {
                // Keep the raw text; a malformed diagnostic header must not fail a paid call.
            }
            return new GatewayDlpResult(action, findings, json);
        }
    }
}
