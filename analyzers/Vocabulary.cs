using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.Analyzers
{
    /// <summary>What the analyzers suggest for an unknown value: a replacement, or where the value exists instead.</summary>
    internal readonly struct Suggestion
    {
        public Suggestion(string? replacement, string? elsewhere)
        {
            Replacement = replacement;
            Elsewhere = elsewhere;
        }

        /// <summary>The value to use instead (offered as a code fix), or null.</summary>
        public string? Replacement { get; }

        /// <summary>"4x5 exists only on v3 endpoints (AspectRatioV3)" when the value belongs to another family, or null.</summary>
        public string? Elsewhere { get; }
    }

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
        public static string? Nearest(ApiEnum e, string input) => Suggest(e, input).Replacement;

        /// <summary>
        /// What to tell about an unknown value: the value to use instead, or, when the value exists only in another
        /// family's vocabulary of the same concept (<c>ASPECT_4_5</c> on the legacy endpoints is <c>4x5</c> of v3),
        /// where it exists and no replacement. The search goes: the description's aliases (product names such as
        /// <c>Ideogram 3.0</c>), the same value spelled differently (<c>16:9</c> → <c>16x9</c>; a ratio also reduced,
        /// <c>1920x1080</c> → <c>16x9</c>), another family, then the nearest value among the compatible ones only (see
        /// <see cref="Compatible"/>): the closest ratio within 5 % for an aspect ratio, else the nearest by edit distance.
        /// </summary>
        public static Suggestion Suggest(ApiEnum e, string input)
        {
            var alias = Alias(e, input);
            if (alias != null) return new Suggestion(alias, null);

            var key = Key(input);
            if (key.Length == 0) return default;
            string? exact = null;
            var reduced = Reduced(key);
            foreach (var v in e.Values)
            {
                if (e.ObsoleteReason(v) != null) continue;
                var candidate = Key(v);
                if (candidate == key || (reduced != null && IsRatio(candidate) && Reduced(candidate) == reduced))
                {
                    if (exact != null) return default;
                    exact = v;
                }
            }
            if (exact != null) return new Suggestion(exact, null);

            var elsewhere = OtherFamilies(e, key);
            if (elsewhere != null) return new Suggestion(null, elsewhere);

            if (PairKey.IsMatch(key) && Array.Exists(e.Values, v => IsRatio(Key(v))))
                return new Suggestion(NearestRatio(e, key), null);

            string? best = null;
            int bestDistance = int.MaxValue;
            bool tie = false;
            foreach (var v in e.Values)
            {
                if (e.ObsoleteReason(v) != null) continue;
                var candidate = Key(v);
                if (!Compatible(key, candidate)) continue;
                var d = Distance(key, candidate);
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
            return best != null && !tie && bestDistance <= allowed ? new Suggestion(best, null) : default;
        }

        /// <summary>The value an alias of the description names (case, spaces and punctuation ignored), or null.</summary>
        public static string? Alias(ApiEnum e, string input)
        {
            var key = Letters(input);
            if (key.Length == 0) return null;
            foreach (var kv in e.Aliases)
                if (Letters(kv.Key) == key && e.ObsoleteReason(kv.Value) == null) return kv.Value;
            return null;
        }

        private static readonly Regex PairKey = new Regex(@"^(\d+)X(\d+)$", RegexOptions.CultureInvariant);

        /// <summary>
        /// Whether a value may replace another: a fix never changes a pair's orientation (portrait, landscape,
        /// square), and for pixel sizes (both sides at least 64) never its pixel count class (the counts differ by
        /// less than a factor of √2). A pair is never replaced by a value that is not one. Other values are always
        /// compatible.
        /// </summary>
        public static bool Compatible(string inputKey, string candidateKey)
        {
            var a = PairKey.Match(inputKey);
            var b = PairKey.Match(candidateKey);
            if (!a.Success) return true;
            if (!b.Success) return false;
            if (!TryPair(a, out var w1, out var h1) || !TryPair(b, out var w2, out var h2)) return false;
            if (Math.Sign(w1 - h1) != Math.Sign(w2 - h2)) return false;
            if (w1 >= 64 && h1 >= 64 && w2 >= 64 && h2 >= 64)
            {
                var ratio = (w1 * h1) / (w2 * h2);
                if (ratio < 1 / Math.Sqrt(2) || ratio > Math.Sqrt(2)) return false;
            }
            return true;
        }

        /// <summary>
        /// The ratio of an aspect-ratio vocabulary within 5 % of the input's and of the same orientation (4x7 → 9x16),
        /// or null: an edit distance between ratios says nothing about their shapes.
        /// </summary>
        private static string? NearestRatio(ApiEnum e, string key)
        {
            if (!TryPair(PairKey.Match(key), out var w, out var h) || w == 0 || h == 0) return null;
            string? best = null;
            double bestOff = Math.Log(1.05);
            foreach (var v in e.Values)
            {
                var candidate = Key(v);
                var m = PairKey.Match(candidate);
                if (e.ObsoleteReason(v) != null || !m.Success || !Compatible(key, candidate) || !TryPair(m, out var cw, out var ch) || ch == 0) continue;
                var off = Math.Abs(Math.Log((w / h) / (cw / ch)));
                if (off <= bestOff)
                {
                    bestOff = off;
                    best = v;
                }
            }
            return best;
        }

        /// <summary>A pair key reduced by its greatest common divisor (<c>1920X1080</c> → <c>16X9</c>), or null.</summary>
        private static string? Reduced(string key)
        {
            var m = PairKey.Match(key);
            if (!m.Success || !TryPair(m, out var w, out var h) || w == 0 || h == 0 || w > 100000 || h > 100000) return null;
            long a = (long)w, b = (long)h;
            while (b != 0) { var t = a % b; a = b; b = t; }
            return ((long)w / a).ToString(CultureInfo.InvariantCulture) + "X" + ((long)h / a).ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>An aspect ratio rather than a pixel size: both sides below 64.</summary>
        private static bool IsRatio(string key)
        {
            var m = PairKey.Match(key);
            return m.Success && TryPair(m, out var w, out var h) && w < 64 && h < 64;
        }

        private static bool TryPair(Match m, out double w, out double h)
        {
            var okW = double.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out w);
            var okH = double.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out h);
            return okW && okH;
        }

        /// <summary>
        /// Where a value exists when it is not in <paramref name="e"/> but in another family's vocabulary of the same
        /// concept: "4x5 exists only on v3 endpoints (AspectRatioV3)"; null otherwise. Values are matched without case
        /// or separators, so a type that spells the value differently from the first one found is named with its own
        /// spelling: "(StyleTypeLegacy, StyleTypeV2Ideogram2 as render_3d)".
        /// </summary>
        private static string? OtherFamilies(ApiEnum e, string key)
        {
            var concept = Concept(e.TypeName);
            string? shown = null;
            var types = new List<string>();
            var families = new List<string>();
            foreach (var other in IdeogramApi.Enums)
            {
                if (ReferenceEquals(other, e) || Concept(other.TypeName) != concept) continue;
                foreach (var v in other.Values)
                {
                    if (other.ObsoleteReason(v) != null || Key(v) != key) continue;
                    shown ??= v;
                    types.Add(v == shown ? other.TypeName : other.TypeName + " as " + v);
                    foreach (var f in FamiliesUsing(other))
                        if (!families.Contains(f)) families.Add(f);
                    break;
                }
            }
            if (shown == null) return null;
            if (families.Count == 0) return $"{shown} is a {string.Join(", ", types)} value";
            return $"{shown} exists only on {string.Join(" and ", families)} ({string.Join(", ", types)})";
        }

        /// <summary>The concept a vocabulary stands for, without its family: <c>AspectRatioLegacy</c> and <c>AspectRatioV3</c> are <c>AspectRatio</c>.</summary>
        private static string Concept(string typeName)
        {
            // The family tag is the last word of a vocabulary's name (description/README.md, "C# names").
            // v2 tags carry the route's model (RenderingSpeedV2, AspectRatioV2Ideogram3, QualityV2PImage, UpscaleFactorV2Auto).
            return Regex.Replace(typeName, @"(Legacy|PImage|V\d+(_\d+)?(Ideogram\d+|PImage|Auto)?)$", "", RegexOptions.CultureInvariant);
        }

        /// <summary>The endpoint families (in words: v3, v4, legacy, ...) whose fields take a vocabulary.</summary>
        private static IEnumerable<string> FamiliesUsing(ApiEnum e)
        {
            var seen = new List<string>();
            foreach (var endpoint in IdeogramApi.Endpoints)
                foreach (var f in endpoint.Fields)
                    if (f.Enum == e.Name && !seen.Contains(endpoint.Family))
                    {
                        seen.Add(endpoint.Family);
                        break;
                    }
            foreach (var family in seen)
                yield return family switch
                {
                    ApiFamilies.V3 => "v3 endpoints",
                    ApiFamilies.V4 => "v4 endpoints",
                    ApiFamilies.Legacy => "legacy endpoints",
                    ApiFamilies.InstructionEdit => "/v1/edit",
                    ApiFamilies.V2 => "/v2 endpoints",
                    ApiFamilies.V45 => "Ideogram 4.5 endpoints",
                    ApiFamilies.PImage => "P-Image endpoints",
                    _ => family + " endpoints",
                };
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
        /// <c>AspectRatioV3.Ratio16x9</c> is <c>16x9</c>), from the description's member table.
        /// </summary>
        public static string? ValueOfMember(ApiEnum e, string memberName)
        {
            var exact = e.ValueOfMember(memberName);
            if (exact != null) return exact;
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
