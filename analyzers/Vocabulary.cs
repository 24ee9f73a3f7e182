using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.Analyzers
{
    /// <summary>Look-ups over the vocabularies of the API description: known values, their families, nearest matches.</summary>
    internal static class Vocabulary
    {
        /// <summary>The runtime type of Ideogram's model vocabulary; its values are checked by IDG0101/IDG0102.</summary>
        public const string ModelTypeName = "IdeogramModel";

        private static readonly Dictionary<string, ApiEnum> ByTypeName = BuildByTypeName();

        private static readonly Regex PairShape = new Regex(
            @"^(?:[A-Z]+[_\- ]?)?(\d+)\s*(?:[X:×*/_\-.]|\s)\s*(\d+)$", RegexOptions.CultureInvariant);

        private static Dictionary<string, ApiEnum> BuildByTypeName()
        {
            var map = new Dictionary<string, ApiEnum>(StringComparer.Ordinal);
            foreach (var e in IdeogramApi.Enums) map[e.TypeName] = e;
            return map;
        }

        public static IEnumerable<ApiEnum> All => IdeogramApi.Enums;

        public static ApiEnum? ByRuntimeType(string typeName) => ByTypeName.TryGetValue(typeName, out var e) ? e : null;

        public static bool Contains(ApiEnum e, string value) => Array.IndexOf(e.Values, value) >= 0;

        /// <summary>Other vocabularies that list the value exactly (a value from the wrong family).</summary>
        public static List<ApiEnum> FamiliesOf(string value, ApiEnum except)
        {
            var list = new List<ApiEnum>();
            foreach (var e in IdeogramApi.Enums)
                if (!ReferenceEquals(e, except) && Contains(e, value)) list.Add(e);
            return list;
        }

        /// <summary>
        /// A comparison key that ignores case, separators and the spelling of a pair: <c>16:9</c>, <c>16x9</c>,
        /// <c>ASPECT_16_9</c> all give <c>16X9</c>; <c>V2A-Turbo</c> and <c>V_2A_TURBO</c> both give <c>V2ATURBO</c>.
        /// </summary>
        public static string Key(string value)
        {
            var upper = value.Trim().ToUpperInvariant();
            var m = PairShape.Match(upper);
            if (m.Success) return m.Groups[1].Value + "X" + m.Groups[2].Value;
            var sb = new StringBuilder(upper.Length);
            foreach (var c in upper)
                if (char.IsLetterOrDigit(c)) sb.Append(c);
            return sb.ToString();
        }

        /// <summary>The value of <paramref name="e"/> nearest to <paramref name="input"/>, or null when none is close.</summary>
        public static string? Nearest(ApiEnum e, string input)
        {
            var key = Key(input);
            if (key.Length == 0) return null;
            string? exact = null;
            foreach (var v in e.Values)
            {
                if (e.ObsoleteReason(v) != null) continue;
                if (Key(v) == key)
                {
                    if (exact != null) return null;
                    exact = v;
                }
            }
            if (exact != null) return exact;

            string? best = null;
            int bestDistance = int.MaxValue;
            bool tie = false;
            foreach (var v in e.Values)
            {
                if (e.ObsoleteReason(v) != null) continue;
                var d = Distance(key, Key(v));
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = v;
                    tie = false;
                }
                else if (d == bestDistance)
                {
                    tie = true;
                }
            }
            var allowed = Math.Max(1, key.Length / 3);
            return best != null && !tie && bestDistance <= allowed ? best : null;
        }

        /// <summary>The replacement an obsolete value's reason names (<c>use DEFAULT</c>), if it is a current value.</summary>
        public static string? ReplacementForObsolete(ApiEnum e, string reason)
        {
            var m = Regex.Match(reason, @"\buse\s+([A-Za-z0-9_]+)", RegexOptions.CultureInvariant);
            if (m.Success && Contains(e, m.Groups[1].Value) && e.ObsoleteReason(m.Groups[1].Value) == null)
                return m.Groups[1].Value;
            return e.Default != null && e.ObsoleteReason(e.Default) == null ? e.Default : null;
        }

        /// <summary>
        /// The value a static member of a vocabulary struct stands for (<c>RenderingSpeed.Flash</c> is <c>FLASH</c>,
        /// <c>AspectRatioV3.Ratio16x9</c> is <c>16x9</c>), matched by name against the description's values.
        /// </summary>
        public static string? ValueOfMember(ApiEnum e, string memberName)
        {
            var key = Letters(memberName);
            foreach (var v in e.Values)
                if (Letters(v) == key || Letters(e.MemberPrefix + v) == key) return v;
            return null;
        }

        private static string Letters(string s)
        {
            var sb = new StringBuilder(s.Length);
            foreach (var c in s)
                if (char.IsLetterOrDigit(c)) sb.Append(char.ToUpperInvariant(c));
            return sb.ToString();
        }

        public static string Join(IEnumerable<string> values) => string.Join(", ", values);

        /// <summary>Levenshtein distance.</summary>
        public static int Distance(string a, string b)
        {
            var prev = new int[b.Length + 1];
            var cur = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) prev[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                cur[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                }
                var t = prev; prev = cur; cur = t;
            }
            return prev[b.Length];
        }

        public static string Number(double d) => d.ToString("R", CultureInfo.InvariantCulture);
    }
}
