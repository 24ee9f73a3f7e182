using System.Collections.Generic;
using System.Text.Json;

namespace IdeogramGen
{
    /// <summary>One DLP finding.</summary>
    public sealed class GatewayDlpFinding
    {
        private GatewayDlpFinding(string? check, string? profileId, IReadOnlyList<string> entryIds, IReadOnlyList<string> policyIds)
        {
            Check = check;
            ProfileId = profileId;
            EntryIds = entryIds;
            PolicyIds = policyIds;
        }

        /// <summary><c>REQUEST</c> or <c>RESPONSE</c>.</summary>
        public string? Check { get; }

        /// <summary>The DLP profile that matched.</summary>
        public string? ProfileId { get; }

        /// <summary>The profile entries that matched.</summary>
        public IReadOnlyList<string> EntryIds { get; }

        /// <summary>The gateway policies involved.</summary>
        public IReadOnlyList<string> PolicyIds { get; }

        internal static GatewayDlpFinding From(JsonElement e)
        {
            string? check = e.TryGetProperty("check", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            string? profileId = null;
            var entries = new List<string>();
            if (e.TryGetProperty("profile", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                if (p.TryGetProperty("profile_id", out var id) && id.ValueKind == JsonValueKind.String) profileId = id.GetString();
                Strings(p, "entry_ids", entries);
            }
            var policies = new List<string>();
            Strings(e, "policy_ids", policies);
            return new GatewayDlpFinding(check, profileId, entries, policies);
        }

        private static void Strings(JsonElement e, string name, List<string> into)
        {
            if (e.TryGetProperty(name, out var arr) && arr.ValueKind == JsonValueKind.Array)
                foreach (var v in arr.EnumerateArray())
                    if (v.ValueKind == JsonValueKind.String) into.Add(v.GetString()!);
        }
    }
}
