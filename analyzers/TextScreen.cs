using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Text;

namespace IdeogramGen.Analyzers
{
    /// <summary>
    /// A scan of a file's text that rules the file out before <see cref="TreeConcerns"/> visits its tokens. It answers
    /// "no" only when no token of the file can concern a rule, so it never hides a finding: it reads the text as if
    /// every character stood in code, comments and disabled regions included, and it gives up (answers "maybe") on what
    /// it cannot read as plainly as the lexer would: Unicode and hexadecimal escapes (<c>\u0041</c>, <c>\x41</c>), an
    /// escape the language does not define (<c>\/</c>, <c>\q</c>: the lexer reports it and keeps the character, which
    /// may then complete a name or a token), non-ASCII letters, digits, marks and formatting characters (identifiers may hold them, and some fold to ASCII
    /// letters when compared without case), and surrogate pairs.
    /// <para>
    /// What it looks for, against what the token filter counts:
    /// <list type="bullet">
    /// <item>each run of identifier characters (and, for a run that starts with a digit, each of its tails that starts
    /// with a letter or an underscore, where a numeric literal can end and an identifier begin): a name of
    /// <see cref="TreeConcerns.Names"/>, a name of <see cref="TreeConcerns.AssignedNames"/> followed by an assignment
    /// operator (or by what may stand before one: a comment, a directive, a merge-conflict marker, a stray <c>::</c>),
    /// or a run that holds one of <see cref="TreeConcerns.CredentialWords"/>;</item>
    /// <item>anywhere in the text, without case: <see cref="TreeConcerns.V2PathMark"/>, <c>cf.</c> and the credential
    /// header names;</item>
    /// <item>a run of token-shaped characters that starts where a string's value or a scheme-stripped value can start
    /// (after <c>"</c>, <c>}</c>, <c>:</c>, white space or a line break, as C# defines them: raw strings may be indented
    /// with any of it), ends where a string's value can end (before <c>"</c>, <c>{</c>, <c>}</c>, an escape, a line break
    /// or the end), and passes <c>SecretHeuristics.LooksLikeToken</c> as a whole or, when an escape or a line feed
    /// follows, with a final line feed (the heuristics' pattern ends with <c>$</c>, which also matches before one).</item>
    /// </list>
    /// </para>
    /// </summary>
    internal static class TextScreen
    {
        /// <summary>Texts up to this many characters are copied into a buffer kept per thread; longer ones get their own.</summary>
        private const int KeptBufferChars = 1 << 18;

        [ThreadStatic] private static char[]? t_buffer;

        private const int AnyUse = 1, AssignedUse = 2;

        /// <summary>
        /// <c>MethodImplOptions.AggressiveOptimization</c> (.NET Core 3.0 and later; the value, since netstandard2.0 does
        /// not name it): the scan's methods are compiled optimized at once (each of them, since one that is not inlined
        /// would run at its own tier). Left to tiered compilation, they run as
        /// unoptimized or instrumented code for as long as a compiler process keeps compiling new methods, which in a
        /// build is all of it: 13–17 ms over 2,010 files instead of 3 ms.
        /// </summary>
        internal const MethodImplOptions Hot = (MethodImplOptions)512;

        /// <summary><see cref="TreeConcerns.Names"/> (<see cref="AnyUse"/>) and <see cref="TreeConcerns.AssignedNames"/> (<see cref="AssignedUse"/>).</summary>
        private static readonly NameTable Uses = NameTable.Of(TreeConcerns.Names.Keys, AnyUse, TreeConcerns.AssignedNames.Keys, AssignedUse);

        /// <summary>The strings a string constant is checked for by <see cref="TreeConcerns"/>, lower case.</summary>
        private static readonly string[] Needles = BuildNeedles();

        /// <summary>The first two characters of each needle and of each credential word (see <see cref="Pair"/>).</summary>
        private static readonly bool[] NeedlePairs = PairsOf(Needles), CredentialPairs = PairsOf(TreeConcerns.CredentialWords);

        private const byte Identifier = 1, TokenShaped = 2, NeedleStart = 4;

        /// <summary>What each ASCII character can be part of: an identifier, a token-shaped value, the start of a needle.</summary>
        private static readonly byte[] Classes = BuildClasses();

        private static string[] BuildNeedles()
        {
            var needles = new List<string> { TreeConcerns.V2PathMark, GatewayOptionsAnalyzer.Limits.ReservedMetadataPrefix.ToLowerInvariant() };
            foreach (var (header, _) in HardCodedSecretAnalyzer.CredentialHeaders) needles.Add(header.ToLowerInvariant());
            return needles.ToArray();
        }

        private static byte[] BuildClasses()
        {
            var classes = new byte[128];
            for (int c = 0; c < 128; c++)
            {
                bool identifier = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
                if (identifier) classes[c] |= Identifier;
                if (identifier || ".+/=~$:-".IndexOf((char)c) >= 0) classes[c] |= TokenShaped;
                foreach (var needle in Needles)
                    if ((c | 0x20) == needle[0]) classes[c] |= NeedleStart;
            }
            return classes;
        }

        /// <summary>False when no token of <paramref name="text"/> can concern a rule; true when one may.</summary>
        public static bool MayConcern(SourceText text) => MayConcern(text, out _, out _);

        /// <summary>
        /// False when no token of <paramref name="text"/> can concern a rule; true when one may. <paramref name="brackets"/>
        /// says whether the text holds a <c>[</c> anywhere (an attribute list needs one), and
        /// <paramref name="gatewayName"/>, when it does, whether it may spell <c>IdeogramGateway</c> in a name: it holds
        /// the name as it is, <c>\u</c> or <c>\U</c> (a Unicode escape) or a character outside ASCII (a formatting
        /// character inside a name is not part of it).
        /// </summary>
        [MethodImpl(Hot)]
        public static bool MayConcern(SourceText text, out bool brackets, out bool gatewayName)
        {
            brackets = false;
            gatewayName = false;
            int length = text.Length;
            if (length == 0) return false;
            var buffer = t_buffer;
            if (buffer == null || buffer.Length < length)
            {
                buffer = new char[Math.Max(length, 4096)];
                if (length <= KeptBufferChars) t_buffer = buffer;
            }
            text.CopyTo(0, buffer, 0, length);
            brackets = Array.IndexOf(buffer, '[', 0, length) >= 0;
            if (brackets) gatewayName = MaySpellGatewayName(buffer, length);
            return MayConcern(buffer, length);
        }

        [MethodImpl(Hot)]
        private static bool MaySpellGatewayName(char[] s, int length)
        {
            var text = new ReadOnlySpan<char>(s, 0, length);
            if (text.IndexOf(GatewayAttributeNames.ShortName.AsSpan(), StringComparison.Ordinal) >= 0
                || text.IndexOf("\\u".AsSpan(), StringComparison.Ordinal) >= 0 || text.IndexOf("\\U".AsSpan(), StringComparison.Ordinal) >= 0) return true;
            foreach (var c in text)
                if (c >= 0x80) return true;
            return false;
        }

        /// <summary>The scan of the first <paramref name="length"/> characters of <paramref name="s"/>.</summary>
        [MethodImpl(Hot)]
        internal static bool MayConcern(char[] s, int length)
        {
            int n = length;
            int i = 0;
            while (i < n)
            {
                char c = s[i];
                if (c >= 0x80)
                {
                    if (MayStandInIdentifier(c)) return true;
                    i++;
                }
                else if (IsIdentifierChar(c))
                {
                    int start = i;
                    while (i < n && IsIdentifierChar(s[i])) i++;
                    if (RunMayConcern(s, start, i, n)) return true;
                }
                else
                {
                    if (c == '\\' && i + 1 < n)
                    {
                        // In a string, an escaped backslash is a backslash and what follows it is read on its own; in code,
                        // the first backslash is a stray character and the second may start \u0045ndpoints.
                        if (s[i + 1] == '\\')
                        {
                            if (i + 2 < n && (s[i + 2] == 'u' || s[i + 2] == 'U')) return true;
                            i += 2;
                            continue;
                        }
                        if (!IsPlainEscape(s[i + 1])) return true;
                    }
                    i++;
                }
            }
            return HoldsNeedle(s, n) || HoldsTokenShapedValue(s, n);
        }

        /// <summary>
        /// The escapes that stand for a character that can be neither part of a name nor token-shaped: quotes, the
        /// backslash, NUL and the control characters <c>\a \b \e \f \n \r \t \v</c> (the lexer reads <c>\e</c> as ESC in
        /// every language version and reports it before C# 13).
        /// </summary>
        private static bool IsPlainEscape(char c) =>
            c == '\'' || c == '"' || c == '\\' || c == '0' || c == 'a' || c == 'b' || c == 'e' || c == 'f' || c == 'n' || c == 'r' || c == 't' || c == 'v';

        /// <summary>C#'s white space (space separators, tab, vertical tab, form feed, U+001A) and line breaks.</summary>
        private static bool IsSpaceOrLineBreak(char c) => char.IsWhiteSpace(c) || c == '\u001A' || c == '\uFEFF';

        private static bool IsIdentifierChar(char c) => c < 0x80 && (Classes[c] & Identifier) != 0;

        private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

        /// <summary>A non-ASCII character that an identifier may hold, or one this scan does not read (a surrogate).</summary>
        [MethodImpl(Hot)]
        private static bool MayStandInIdentifier(char c)
        {
            if (char.IsSurrogate(c)) return true;
            switch (char.GetUnicodeCategory(c))
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.LetterNumber:
                case UnicodeCategory.DecimalDigitNumber:
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.ConnectorPunctuation:
                case UnicodeCategory.Format:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The identifier characters in [start, end): a name a rule looks for, or a name that may say "secret".</summary>
        [MethodImpl(Hot)]
        private static bool RunMayConcern(char[] s, int start, int end, int n)
        {
            if (MaySayCredential(s, start, end)) return true;
            // "x"u8Endpoints: a UTF-8 string's suffix ends the string, and a name may follow it at once.
            if ((s[start] == 'u' || s[start] == 'U') && end - start > 2 && s[start + 1] == '8' && NameOrTailsMayConcern(s, start + 2, end, n)) return true;
            return NameOrTailsMayConcern(s, start, end, n);
        }

        [MethodImpl(Hot)]
        private static bool NameOrTailsMayConcern(char[] s, int start, int end, int n)
        {
            if (!IsDigit(s[start])) return NameMayConcern(s, start, end, n);
            // 2Endpoints: a numeric literal may end anywhere in the run and an identifier begin.
            for (int p = start + 1; p < end; p++)
                if (!IsDigit(s[p]) && NameMayConcern(s, p, end, n)) return true;
            return false;
        }

        [MethodImpl(Hot)]
        private static bool NameMayConcern(char[] s, int start, int end, int n)
        {
            int uses = Uses.Find(s, start, end - start);
            return (uses & AnyUse) != 0 || ((uses & AssignedUse) != 0 && MayBeAssigned(s, end, n));
        }

        /// <summary>
        /// Whether what follows the name at <paramref name="end"/> can make it an assignment's target: after white space,
        /// an assignment operator (<c>=</c>, <c>+=</c>, <c>??=</c>, <c>&gt;&gt;&gt;=</c>, and <c>==</c> or <c>=&gt;</c>,
        /// which are let through), or what the lexer or the parser can put between a target and its operator: a comment,
        /// a directive, a merge-conflict marker, a stray <c>::</c>.
        /// </summary>
        [MethodImpl(Hot)]
        private static bool MayBeAssigned(char[] s, int end, int n)
        {
            int j = end;
            while (j < n && IsSpaceOrLineBreak(s[j])) j++;
            if (j >= n) return false;
            char c = s[j];
            // A comment, a directive or a merge-conflict marker line (<<<<<<<, |||||||) is trivia, and the parser skips a
            // stray '::' before the operator.
            if (c >= 0x80 || c == '=' || c == '/' || c == '#' || c == '<' || c == '|' || c == ':') return true;
            while (j < n && "+-*%&|^<>?!".IndexOf(s[j]) >= 0) j++;
            return j < n && s[j] == '=';
        }

        /// <summary>One of <see cref="TreeConcerns.CredentialWords"/> in [start, end), without case.</summary>
        [MethodImpl(Hot)]
        private static bool MaySayCredential(char[] s, int start, int end)
        {
            // Every word has two letters or more: a position whose two characters start none is passed at once.
            for (int j = start; j + 1 < end; j++)
            {
                if (!CredentialPairs[Pair(s[j], s[j + 1])]) continue;
                foreach (var word in TreeConcerns.CredentialWords)
                    if (Follows(s, j, end, word)) return true;
            }
            return false;
        }

        /// <summary>The index of two characters, without case, in a table of 128 × 128 (a non-ASCII character folds onto an ASCII one, which only lets more through).</summary>
        private static int Pair(char first, char second) => (((first | 0x20) & 0x7F) << 7) | ((second | 0x20) & 0x7F);

        /// <summary>The first two characters, lower case, of each word of <paramref name="words"/>.</summary>
        private static bool[] PairsOf(IEnumerable<string> words)
        {
            var pairs = new bool[128 * 128];
            foreach (var word in words)
            {
                if (word.Length < 2 || word[0] >= 0x80 || word[1] >= 0x80 || word[0] != (word[0] | 0x20) || word[1] != (word[1] | 0x20))
                    throw new InvalidOperationException($"'{word}' is not two lower-case ASCII characters or more.");
                pairs[Pair(word[0], word[1])] = true;
            }
            return pairs;
        }

        /// <summary>True when [at, at + lower.Length) is <paramref name="lower"/> (ASCII, without case) and ends by <paramref name="end"/>.</summary>
        [MethodImpl(Hot)]
        private static bool Follows(char[] s, int at, int end, string lower)
        {
            if (end - at < lower.Length) return false;
            for (int k = 0; k < lower.Length; k++)
                if ((s[at + k] | 0x20) != lower[k]) return false;
            return true;
        }

        /// <summary>Anywhere in the text, without case: <c>v2/</c>, <c>cf.</c> or a credential header name.</summary>
        [MethodImpl(Hot)]
        private static bool HoldsNeedle(char[] s, int n)
        {
            for (int i = 0; i + 1 < n; i++)
            {
                char c = s[i];
                if (c >= 0x80 || (Classes[c] & NeedleStart) == 0 || !NeedlePairs[Pair(c, s[i + 1])]) continue;
                foreach (var needle in Needles)
                    if (Follows(s, i, n, needle)) return true;
            }
            return false;
        }

        private static bool IsTokenChar(char c) => c < 0x80 && (Classes[c] & TokenShaped) != 0;

        private static bool CanPrecedeValue(char c) => c == '"' || c == '}' || c == ':' || IsSpaceOrLineBreak(c);

        private static bool CanFollowValue(char c) => c == '"' || c == '{' || c == '}' || c == '\\' || IsSpaceOrLineBreak(c);

        /// <summary>
        /// A run of token-shaped characters (<see cref="SecretHeuristics.LooksLikeToken"/>: a letter and a digit among
        /// <see cref="SecretHeuristics.MinTokenLength"/> or more) where a string's value can stand. A value the lexer
        /// reads without an escape is written in the text as it is, so a token-shaped value is such a run; the escapes
        /// the scan lets stand (<see cref="IsPlainEscape"/>) are characters that are not token-shaped, and a final
        /// <c>\n</c> is tried as the heuristics' pattern allows it.
        /// <para>
        /// Only runs of <c>MinTokenLength - 1</c> characters or more matter, so the scan looks at the last character of a
        /// window that long first: when it is not token-shaped, no such run holds any character before it, and the scan
        /// goes on after it without reading the others. Most windows of code end in a space or a punctuation mark.
        /// </para>
        /// </summary>
        [MethodImpl(Hot)]
        private static bool HoldsTokenShapedValue(char[] s, int n)
        {
            // A final line feed counts in the value's length, so the run may be one shorter than a token.
            const int shortest = SecretHeuristics.MinTokenLength - 1;
            // i is 0 or follows a character that is not token-shaped, or it is the end of the last run read.
            int i = 0;
            while (i + shortest <= n)
            {
                int j = i + shortest - 1;
                while (j >= i && IsTokenChar(s[j])) j--;
                if (j >= i)
                {
                    // s[j] is not token-shaped: a long enough run starts after it.
                    i = j + 1;
                    continue;
                }
                // [i, i + shortest) is token-shaped and s[i - 1] is not (or i is 0): a run starts at i.
                int start = i;
                i += shortest;
                while (i < n && IsTokenChar(s[i])) i++;
                // [start, i) is a maximal run; every value inside it ends where it ends.
                if (i < n && !CanFollowValue(s[i])) continue;
                bool lineFeed = i < n && (s[i] == '\\' || s[i] == '\n');
                if ((start == 0 || CanPrecedeValue(s[start - 1])) && MayBeToken(s, start, i, lineFeed)) return true;
                for (int p = start + 1; p + shortest <= i; p++)
                    if (s[p - 1] == ':' && MayBeToken(s, p, i, lineFeed)) return true;
            }
            return false;
        }

        /// <summary>
        /// [start, end) as a whole value: the heuristics' own test (a GUID, a URL or an environment variable's name is
        /// not a token), asked only of runs with a letter and a digit, which are few.
        /// </summary>
        [MethodImpl(Hot)]
        private static bool MayBeToken(char[] s, int start, int end, bool lineFeed)
        {
            if (!LetterAndDigit(s, start, end)) return false;
            var value = new string(s, start, end - start);
            return SecretHeuristics.LooksLikeToken(value) || (lineFeed && SecretHeuristics.LooksLikeToken(value + "\n"));
        }

        [MethodImpl(Hot)]
        private static bool LetterAndDigit(char[] s, int start, int end)
        {
            bool letter = false, digit = false;
            for (int j = start; j < end && !(letter && digit); j++)
            {
                if (IsDigit(s[j])) digit = true;
                else if ((uint)((s[j] | 0x20) - 'a') <= 'z' - 'a') letter = true;
            }
            return letter && digit;
        }

        /// <summary>ASCII names with flags, looked up by a range of characters without allocating.</summary>
        private sealed class NameTable
        {
            private readonly string?[] _slots;
            private readonly int[] _flags;
            private readonly int _mask;

            private NameTable(int capacity)
            {
                int size = 16;
                while (size < capacity * 2) size <<= 1;
                _slots = new string?[size];
                _flags = new int[size];
                _mask = size - 1;
            }

            public static NameTable Of(ICollection<string> first, int firstFlag, ICollection<string> second, int secondFlag)
            {
                var table = new NameTable(first.Count + second.Count);
                foreach (var name in first) table.Add(name, firstFlag);
                foreach (var name in second) table.Add(name, secondFlag);
                return table;
            }

            [MethodImpl(Hot)]
            private static int Hash(char[] s, int start, int length)
            {
                unchecked
                {
                    int h = (int)2166136261;
                    for (int k = 0; k < length; k++) h = (h ^ s[start + k]) * 16777619;
                    return h;
                }
            }

            private void Add(string name, int flag)
            {
                int slot = Hash(name.ToCharArray(), 0, name.Length) & _mask;
                while (_slots[slot] != null && _slots[slot] != name) slot = (slot + 1) & _mask;
                _slots[slot] = name;
                _flags[slot] |= flag;
                if (name.Length < ShortNames && name.Length > 0 && name[0] < 0x80) _firstByLength[name.Length * 128 + name[0]] = true;
            }

            /// <summary>Which first characters the names of each length up to <see cref="ShortNames"/> start with: a quick no before the hash.</summary>
            private readonly bool[] _firstByLength = new bool[ShortNames * 128];

            private const int ShortNames = 64;

            /// <summary>The flags of the name [start, start + length) of <paramref name="s"/>, 0 for a name not in the table.</summary>
            [MethodImpl(Hot)]
            public int Find(char[] s, int start, int length)
            {
                if (length < ShortNames && s[start] < 0x80 && !_firstByLength[length * 128 + s[start]]) return 0;
                int slot = Hash(s, start, length) & _mask;
                for (var name = _slots[slot]; name != null; name = _slots[slot = (slot + 1) & _mask])
                {
                    if (name.Length != length) continue;
                    int k = 0;
                    while (k < length && name[k] == s[start + k]) k++;
                    if (k == length) return _flags[slot];
                }
                return 0;
            }
        }
    }
}
