using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace IdeogramGen.Analyzers.Tests
{
    /// <summary>
    /// The text scan in front of the token filter (<see cref="TextScreen"/>): it may rule a file out only when the token
    /// filter (<see cref="TreeConcerns.FromTokens"/>) finds nothing in it, for any text, and it does rule ordinary
    /// files out.
    /// </summary>
    public class TextScreenTests
    {
        private const string Token = "ak-7Hq2vX9mLp4Rt8Wz1Nc6Bd3Fg5Jk0Ys2Ue4Io7Pa9Sd";

        private static SyntaxTree Parse(string source) =>
            CSharpSyntaxTree.ParseText(SourceText.From(source), new CSharpParseOptions(LanguageVersion.Preview));

        private static bool Screen(string source) => TextScreen.MayConcern(SourceText.From(source));

        /// <summary>Texts the lexer reads in ways a plain scan could misread: escapes, Unicode, string forms, layouts.</summary>
        public static IEnumerable<object[]> Awkward() => new[]
        {
            "class C { string k = \"\\u0041pi-Key\"; }",
            "class C { string k = \"\\x0041pi-Key\"; }",
            "class C { object M() => new \\u0049deogramCredentials(k); }",
            "class C { object M() => new \\U00000049deogramCredentials(k); }",
            "class C { void M(string cléSecret) { } }",
            "class C { object M() => new Ideogram\u200BCredentials(k); }",
            "class C { string k = @\"" + Token + "\"; }",
            "class C { string k = \"\"\"\n    " + Token + "\n    \"\"\"; }",
            "class C { string k = \"\"\"" + Token + "\"\"\"; }",
            "class C { string M(int x) => $\"{x}" + Token + "\"; }",
            "class C { string M(int x) => $\"" + Token + "{x}\"; }",
            "class C { string M(int x) => $\"{x:ak7Hq2vX9mLp4Rt8Wz1Nc6Bd3Fg5}\"; }",
            "class C { string M(int x) => $$\"\"\"{{x}}" + Token + "\"\"\"; }",
            "class C { string h = \"Bearer " + Token + "\"; }",
            "class C { string h = \"Token " + Token + "\"; }",
            "class C { string s = \"" + Token,
            "class C { string s = \"" + Token + "\n; }",
            "class C { void M(dynamic r) { r.Seed /* seed */ = 5; } }",
            "class C { void M(dynamic r) { r.Seed // seed\n = 5; } }",
            "class C { void M(dynamic r) { r.Seed\n#if DEBUG\n = 5\n#else\n = 6\n#endif\n; } }",
            "class C { void M(dynamic r) { r.Seed\u00A0= 5; } }",
            "class C { void M(dynamic r) { r.@Seed = 5; } }",
            "class C { void M(dynamic r) { r.Seed\t\r\n  >>>= 1; } }",
            "class C { void M(dynamic o) { o.CacheTtl ??= null; } }",
            "class C { string p = \"V2/image/generate\"; }",
            "class C { void M(dynamic m) { m.Add(\"CF.team\", \"x\"); } }",
            "class C { void M(dynamic h) { h.Add(\"CF-AIG-AUTHORIZATION\", v); } }",
            "class C { const string K = \"" + Token + "\"u8; const string L = \"" + Token + "\"; }",
            "class C { char q = '\"'; string k = \"" + Token + "\"; }",
            // Escapes the language does not define: the lexer reports them and keeps the character.
            "class C { string p = \"v2\\/image\"; }",
            "class C { string p = \"C\\F.team\"; }",
            "class C { string h = \"Authori\\zation\"; }",
            "class C { string k = \"ak7Hq2vX9mLp4Rt8\\Wz1Nc6Bd3Fg5\"; }",
            "class C { string k = \"\\q" + Short + "\"; }",
            "class C { string k = \"" + Short + "\\\n\"; }",
            // A final line feed: the heuristics' pattern ends with $, which matches before one, so 15 characters do.
            "class C { string k = \"" + Short + "\\n\"; }",
            "class C { string M(int x) => $\"{x}" + Short + "\\n\"; }",
            "class C { string k = @\"ak7Hq2vX9mLp4Rt\n\"; }",
            "class C { string k = \"\"\"\nak7Hq2vX9mLp4Rt\n\n\"\"\"; }",
            // Raw strings indented with any of C#'s white space; Unicode line breaks.
            "class C { string k = \"\"\"\n\v" + Short + "\n\v\"\"\"; }",
            "class C { string k = \"\"\"\n\f" + Short + "\n\f\"\"\"; }",
            "class C { string k = \"\"\"\n\u001A" + Short + "\n\u001A\"\"\"; }",
            "class C { string k = \"\"\"\n\u00A0" + Short + "\n\u00A0\"\"\"; }",
            "class C { string k = \"\"\"\n\u3000" + Short + "\n\u3000\"\"\"; }",
            "class C { string k = \"\"\"\u2028" + Short + "\u2028\"\"\"; }",
            "class C { string k = \"\"\"\u0085" + Short + "\u0085\"\"\"; }",
            "class C { string s = \"" + Short + "\u2028; }",
            "class C { string s = \"" + Short + "\u0085; }",
            "class C { string s = \"" + Short + "\u2029; }",
            "class C { void M(dynamic r) { r.Seed\u001A= 5; } }",
            "class C { void M(dynamic r) { Seed\u001A+= 5; } }",
            // In code, a backslash before an escaped name is a stray character of its own.
            "class C { object o = \\\\u0045ndpoints; }",
            "class C { object o = \\\\U00000045ndpoints; }",
            "class C { void M() { \\\\\\\\u0045ndpoints.X(); } }",
            "[\\\\u0045ndpoints] class C { }",
            "class C { void M(dynamic r) { r.\\\\u0053eed = 5; } }",
            "class C { void M(string \\\\u0073ecret) { } }",
            // A UTF-8 string's suffix ends the string; a name may follow at once.
            "class C { object o = \"x\"u8Endpoints; }",
            "class C { object o = \"x\"U8Endpoints; }",
            "class C { object o = @\"x\"u8Endpoints; }",
            "class C { object o = \"\"\"x\"\"\"u8Endpoints; }",
            "class C { void M() { \"x\"u8Seed = 5; } }",
            // Merge-conflict markers are trivia; the parser skips a stray '::' before an assignment operator.
            "class C { void M(dynamic r) { r.Seed\n<<<<<<< HEAD\n = 5; } }",
            "class C { object o = new R { Seed\n<<<<<<< a\n = 5 }; }",
            "class C { void M(dynamic r) { r.Seed\n|||||||\n=======\n>>>>>>> x\n = 5; } }",
            "class C { void M(dynamic r) { r.Seed :: = 5; } }",
            "class C { void M(dynamic r) { r?.Seed::= 5; } }",
            "class C { void M(dynamic o) { o.Metadata :: += x; } }",
            "class C { void M(dynamic o) { o.CacheTtl ::??= null; } }",
            "class C { void M(dynamic r) { r.Seed :: <<= = 5; } }",
        }.Select(s => new object[] { s });

        /// <summary>
        /// Every pair of C# token texts between an assigned name and '=', in the places an assignment stands: where the
        /// parser still counts an assignment, the screen lets the text through.
        /// </summary>
        [Fact]
        public void Tokens_between_an_assigned_name_and_its_operator_are_let_through()
        {
            var tokens = Enum.GetValues(typeof(SyntaxKind)).Cast<SyntaxKind>().Select(SyntaxFacts.GetText).Where(t => t.Length > 0).Distinct().ToList();
            var contexts = new[]
            {
                "class C { void M(dynamic r) { r.Seed{0}= 5; } }", "class C { void M(dynamic r) { r?.Seed{0}= 5; } }",
                "class C { object o = new R { Seed{0}= 5 }; }", "class C { void M() { Seed{0}= 5; } }",
            };
            var missed = new List<string>();
            void Check(string text)
            {
                if (Screen(text)) return;
                var exact = TreeConcerns.FromTokens(Parse(text));
                if (exact != Concerns.None && missed.Count < 10) missed.Add(exact + ": " + text);
            }
            foreach (var context in contexts)
                foreach (var a in tokens)
                {
                    Check(context.Replace("{0}", " " + a + " "));
                    Check(context.Replace("{0}", a + " "));
                    foreach (var b in tokens) Check(context.Replace("{0}", " " + a + " " + b + " "));
                }
            Assert.True(missed.Count == 0, "the screen ruled out:\n" + string.Join("\n", missed));
        }

        /// <summary>A token of 28 characters.</summary>
        private const string Short = "ak7Hq2vX9mLp4Rt8Wz1Nc6Bd3Fg5";

        /// <summary>Texts each rule counts, in the forms a value or a name takes.</summary>
        private static readonly string[] Bases =
        {
            "class C { string k = \"" + Short + "\"; }",
            "class C { string k = @\"" + Short + "\"; }",
            "class C { string k = \"\"\"\n    " + Short + "\n    \"\"\"; }",
            "class C { string k = \"\"\"" + Short + "\"\"\"; }",
            "class C { string M(int x) => $\"{x}" + Short + "\"; }",
            "class C { string M(int x) => $\"{x:" + Short + "}\"; }",
            "class C { string M(int x) => $\"{x,5:" + Short + "}\"; }",
            "class C { string M(int x) => $$\"\"\"{{x}}" + Short + "\"\"\"; }",
            "class C { string h = \"Bearer " + Short + "\"; }",
            "class C { void M(dynamic r) { r.Seed = 5; } }",
            "class C { void M(dynamic r) { r?.Seed = 5; } }",
            "class C { object o = new R { Seed = 5 }; }",
            "class C { void M(dynamic o) { o.CacheTtl ??= null; } }",
            "class C { string p = \"v2/image\"; }",
            "class C { string p = \"cf.team\"; }",
            "class C { string h = \"Authorization\"; }",
            "class C { string h = \"cf-aig-authorization\"; }",
            "class C { void M(string apiKey) { } }",
            "class C { object M() => new IdeogramCredentials(k); }",
        };

        /// <summary>
        /// Each base text with one character inserted or replaced at every position (every ASCII character and the
        /// Unicode spaces, line breaks and formatting characters C# knows), an escape inserted, a comment or a line break
        /// inserted: wherever the token filter still counts something, the screen lets the text through.
        /// </summary>
        [Fact]
        public void A_text_changed_by_one_character_anywhere_is_let_through_when_the_token_filter_counts_it()
        {
            var inserts = Enumerable.Range(0, 128).Select(i => (char)i)
                .Concat(new[] { '\u0085', '\u00A0', '\u1680', '\u2000', '\u2028', '\u2029', '\u3000', '\u00AD', '\uFEFF', '\u200B' }).ToArray();
            int texts = 0, counted = 0;
            var missed = new List<string>();
            void Check(string text)
            {
                texts++;
                if (Screen(text)) return;
                var exact = TreeConcerns.FromTokens(Parse(text));
                if (exact == Concerns.None) return;
                counted++;
                if (missed.Count < 10) missed.Add(exact + ": " + string.Concat(text.Select(c => c < 0x20 || c >= 0x7F ? $"\\u{(int)c:X4}" : c.ToString())));
            }
            foreach (var b in Bases.Concat(Awkward().Select(o => (string)o[0])))
            {
                for (int at = 0; at <= b.Length; at++)
                {
                    foreach (var c in inserts)
                    {
                        Check(b.Insert(at, c.ToString()));
                        if (at < b.Length) Check(b.Substring(0, at) + c + b.Substring(at + 1));
                        Check(b.Insert(at, "\\" + c));
                    }
                    Check(b.Insert(at, "/**/"));
                    Check(b.Insert(at, "\r\n"));
                }
            }
            Assert.True(missed.Count == 0, $"the screen ruled out {counted} of {texts} texts the token filter counts, for example:\n" + string.Join("\n", missed));
            Assert.True(texts > 500000, texts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        [Theory]
        [MemberData(nameof(Awkward))]
        public void A_text_the_token_filter_finds_something_in_is_let_through(string source)
        {
            var tree = Parse(source);
            // Each case is one the token filter counts, so that the screen's answer matters.
            Assert.NotEqual(Concerns.None, TreeConcerns.FromTokens(tree));
            Assert.True(Screen(source));
        }

        [Theory]
        [InlineData("namespace App.Domain7 { public sealed class Entity7 { public int Id { get; set; } public string Name { get; set; } = \"\";"
            + " public decimal Price(int count) => count * 2m; public override string ToString() => Name + \"#\" + Id; } }")]
        [InlineData("using System;\nusing System.Collections.Generic;\nusing System.Text;\n\nnamespace App.Orders\n{\n"
            + "    /// <summary>An order line — its quantity and price, formatted for the invoice.</summary>\n"
            + "    internal sealed class OrderLine\n    {\n        public int Quantity { get; init; }\n        public decimal UnitPrice { get; init; }\n"
            + "        public Guid Product { get; } = Guid.Parse(\"0f8fad5b-d9cb-469f-a165-70867728950e\");\n"
            + "        public override string ToString() => $\"{Quantity} x {UnitPrice:0.00}\\n\";\n"
            + "        public static string Join(IEnumerable<OrderLine> lines) => string.Join(\"\\t\", lines);\n"
            + "        public int Total(int tax) { var total = Quantity; total += tax; return total == 0 ? 1 : total; }\n    }\n}\n")]
        public void An_ordinary_file_is_ruled_out_by_its_text(string source)
        {
            Assert.Equal(Concerns.None, TreeConcerns.FromTokens(Parse(source)));
            Assert.False(Screen(source));
        }

        [Theory]
        [InlineData("class C { void M(dynamic r) { r.Seed = 5; } }")]
        [InlineData("class C { void M(string apiKey) { } }")]
        [InlineData("class C { string p = \"v2/image/generate/ideogram-4\"; }")]
        [InlineData("class C { string k = \"" + Token + "\"; }")]
        [InlineData("class C { void M(dynamic b) { b.AddStandardResilienceHandler(); } }")]
        public void A_file_that_names_what_a_rule_looks_at_is_let_through(string source) => Assert.True(Screen(source));

        [Theory]
        [InlineData("class C { int M(dynamic r) => r.Seed; }")]
        [InlineData("class C { int Seed { get; set; } }")]
        [InlineData("class C { string M(dynamic r) => r.Seed.ToString(\"D\"); }")]
        [InlineData("using System.Runtime.CompilerServices.Unsafe2;")]
        [InlineData("class C { int x = System.BitConverter.ToInt32(b, 0); }")]
        public void Names_that_are_only_read_and_code_shaped_runs_are_ruled_out(string source) => Assert.False(Screen(source));

        /// <summary>
        /// The scan for token-shaped values reads the last character of each window of <c>MinTokenLength - 1</c>
        /// characters first and skips the window when it is not token-shaped: values of every length around the window's,
        /// at every offset from the start of the text and after runs of every length, in the forms a value takes, are let
        /// through wherever the token filter counts them.
        /// </summary>
        [Fact]
        public void A_token_shaped_value_is_let_through_at_every_offset_and_length()
        {
            var forms = new Func<string, string>[]
            {
                v => "string k = \"" + v + "\";",
                v => "string k = \"" + v + "\\n\";",
                v => "string k = \"Bearer " + v + "\";",
                v => "string k = \"id:" + v + "\";",
                v => "string k = $\"{x}" + v + "{y}\";",
                v => "string k = \"\"\"\n" + v + "\n\"\"\";",
            };
            int texts = 0, counted = 0;
            var missed = new List<string>();
            for (int length = SecretHeuristics.MinTokenLength - 2; length <= Short.Length; length++)
                for (int pad = 0; pad <= 2 * SecretHeuristics.MinTokenLength; pad++)
                    foreach (var form in forms)
                        foreach (var filler in new[] { ' ', 'q', '.', ':' })
                        {
                            var text = new string(filler, pad) + " class C { " + form(Short.Substring(Short.Length - length)) + " }";
                            texts++;
                            if (TreeConcerns.FromTokens(Parse(text)) == Concerns.None) continue;
                            counted++;
                            if (!Screen(text) && missed.Count < 10) missed.Add(text);
                        }
            Assert.True(missed.Count == 0, "the screen ruled out texts the token filter counts:\n" + string.Join("\n", missed));
            Assert.True(counted > texts / 2, $"{counted} of {texts} texts counted by the token filter");
        }

        /// <summary>
        /// Every C# file of this repository, whole and line by line (lines alone are texts the lexer reads differently:
        /// strings cut open, comments cut off): where the token filter finds something, the screen lets the text through.
        /// </summary>
        [Fact]
        public void On_every_source_file_of_the_repository_the_screen_keeps_what_the_token_filter_finds()
        {
            var files = RepositorySources();
            Assert.True(files.Count > 200, $"found {files.Count} C# files");
            int texts = 0, found = 0, ruledOut = 0;
            var missed = new List<string>();
            void Check(string text, string name)
            {
                texts++;
                var exact = TreeConcerns.FromTokens(Parse(text));
                bool screen = Screen(text);
                if (exact != Concerns.None)
                {
                    found++;
                    if (!screen && missed.Count < 10) missed.Add($"{name}: {exact}: {text.Substring(0, Math.Min(text.Length, 200))}");
                }
                if (!screen) ruledOut++;
            }
            foreach (var path in files)
            {
                var text = File.ReadAllText(path);
                var name = Path.GetFileName(path);
                Check(text, name);
                var lines = text.Split('\n');
                for (int i = 0; i < lines.Length; i++)
                    if (lines[i].Trim().Length > 0) Check(lines[i], name + ":" + (i + 1));
            }
            Assert.True(missed.Count == 0, "the screen ruled out texts the token filter counts:\n" + string.Join("\n", missed));
            // The corpus exercises both answers.
            Assert.True(found > 1000 && ruledOut > 10000, $"{texts} texts, {found} counted by the token filter, {ruledOut} ruled out by the screen");
        }

        private static List<string> RepositorySources()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "IdeogramGen.sln"))) directory = directory.Parent;
            Assert.NotNull(directory);
            return Directory.EnumerateFiles(directory!.FullName, "*.cs", SearchOption.AllDirectories)
                .Where(p => !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    && !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    && !p.Contains(Path.DirectorySeparatorChar + ".git" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToList();
        }
    }
}
