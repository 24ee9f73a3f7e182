using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using IdeogramGen.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IdeogramGen.Analyzers.Tests
{
    public class GatewayAttributeTests
    {
        private const string Account = "3ebbcb006d4d46d7bb6a8c7f14676cb0";

        private static Task Run(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
            Verify.AnalyzerAsync<GatewayAttributeAnalyzer>("using IdeogramGen;\n" + source, withRequests: false, configure: null, expected);

        [Fact]
        public Task Valid_partial_class_is_silent() =>
            Run($"[IdeogramGateway(\"{Account}\", \"my-gateway_1\")] public partial class Images {{ }}");

        [Fact]
        public Task Non_partial_class_fires() =>
            Run($"[IdeogramGateway(\"{Account}\", \"gw\")] public class {{|IDG0001:Images|}} {{ }}");

        [Fact]
        public Task Static_class_fires() =>
            Run($"[IdeogramGateway(\"{Account}\", \"gw\")] public static partial class {{|IDG0001:Images|}} {{ }}");

        [Fact]
        public Task Generic_class_fires() =>
            Run($"[IdeogramGateway(\"{Account}\", \"gw\")] public partial class {{|IDG0001:Images|}}<T> {{ }}");

        [Fact]
        public Task Nested_in_non_partial_type_fires() =>
            Run($"public class Outer {{ [IdeogramGateway(\"{Account}\", \"gw\")] public partial class {{|IDG0001:Images|}} {{ }} }}");

        [Fact]
        public Task Nested_in_partial_type_is_silent() =>
            Run($"public partial class Outer {{ [IdeogramGateway(\"{Account}\", \"gw\")] public partial class Images {{ }} }}");

        [Theory]
        [InlineData("3ebbcb006d4d46d7bb6a8c7f14676cb")]
        [InlineData("3ebbcb006d4d46d7bb6a8c7f14676cb0a")]
        [InlineData("3ebbcb006d4d46d7bb6a8c7f14676cbz")]
        [InlineData("")]
        public Task Bad_account_id_fires(string account) =>
            Run($"[IdeogramGateway({{|IDG0002:\"{account}\"|}}, \"gw\")] public partial class Images {{ }}");

        [Fact]
        public Task Uppercase_hex_account_id_is_silent() =>
            Run("[IdeogramGateway(\"3EBBCB006D4D46D7BB6A8C7F14676CB0\", \"gw\")] public partial class Images { }");

        [Theory]
        [InlineData("")]
        [InlineData("My-Gateway")]
        [InlineData("my gateway")]
        [InlineData("gw.prod")]
        public Task Bad_gateway_id_fires(string gateway) =>
            Run($"[IdeogramGateway(\"{Account}\", {{|IDG0003:\"{gateway}\"|}})] public partial class Images {{ }}");

        [Fact]
        public Task Gateway_id_of_64_characters_is_silent() =>
            Run($"[IdeogramGateway(\"{Account}\", \"{new string('a', 64)}\")] public partial class Images {{ }}");

        [Fact]
        public Task Gateway_id_of_65_characters_fires() =>
            Run($"[IdeogramGateway(\"{Account}\", {{|IDG0003:\"{new string('a', 65)}\"|}})] public partial class Images {{ }}");

        [Fact]
        public Task Constant_fields_are_accepted() =>
            Run($"public static class Ids {{ public const string Account = \"{Account}\"; public const string Gateway = \"gw\"; }}\n" +
                "[IdeogramGateway(Ids.Account, Ids.Gateway)] public partial class Images { }");

        [Fact]
        public Task Null_argument_fires() =>
            Run("[IdeogramGateway({|IDG0004:null|}, \"gw\")] public partial class Images { }");

        [Fact]
        public Task Non_constant_argument_fires() =>
            Run("public static class Ids { public static string Account() => \"x\"; }\n" +
                "[IdeogramGateway({|IDG0004:{|CS0182:Ids.Account()|}|}, {|IDG0004:\"gw\"|})] public partial class Images { }");

        [Fact]
        public Task Attribute_on_two_partial_declarations_fires() =>
            Run($"[IdeogramGateway(\"{Account}\", \"gw\")] public partial class Images {{ }}\n" +
                $"[{{|IDG0005:{{|CS0579:IdeogramGateway|}}(\"{Account}\", \"gw\")|}}] public partial class Images {{ }}");

        // A class declared in several files: each finding is reported once, in the file of the attribute it is about,
        // whichever file declares the class first; an alias of the attribute is the attribute.
        private static Task RunInTwoFiles(string first, string second, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
            Verify.AnalyzerAsync<GatewayAttributeAnalyzer>("using IdeogramGen;\n" + first, withRequests: false,
                state => state.Sources.Add(("Second.cs", "using IdeogramGen;\n" + second)), expected);

        [Fact]
        public Task Attribute_through_an_alias_in_another_file_of_a_partial_class_fires_there() =>
            RunInTwoFiles("public partial class Images { }",
                $"using Gw = IdeogramGen.IdeogramGatewayAttribute;\n[Gw(\"{Account}\", {{|IDG0003:\"My Gateway\"|}})] public partial class Images {{ }}");

        [Fact]
        public Task Attribute_in_each_of_two_files_fires_once() =>
            RunInTwoFiles($"[IdeogramGateway(\"{Account}\", \"gw\")] public partial class Images {{ }}",
                $"[{{|IDG0005:{{|CS0579:IdeogramGateway|}}(\"{Account}\", {{|IDG0003:\"GW\"|}})|}}] public partial class Images {{ }}");

        [Fact]
        public Task Part_without_partial_in_another_file_fires_on_the_attributed_declaration() =>
            RunInTwoFiles($"[IdeogramGateway(\"{Account}\", \"gw\")] public partial class {{|IDG0001:Images|}} {{ }}",
                "[System.Obsolete] public class {|CS0260:Images|} { }");

        // Only declarations that apply an attribute by a name that can be [IdeogramGateway] are bound; every way C#
        // gives the attribute a name is one of them.
        [Theory]
        [InlineData("IdeogramGateway")]
        [InlineData("IdeogramGatewayAttribute")]
        [InlineData("IdeogramGen.IdeogramGateway")]
        [InlineData("global::IdeogramGen.IdeogramGatewayAttribute")]
        [InlineData("@IdeogramGatewayAttribute")]
        [InlineData("Ideogram\\u0047ateway")]
        [InlineData("Ideogram\u200BGateway")]
        public Task Every_spelling_of_the_attribute_name_is_checked(string name) =>
            Run($"[System.Serializable, {name}(\"{Account}\", {{|IDG0003:\"GW\"|}})] public partial class Images {{ }}");

        [Theory]
        [InlineData("using Gw = IdeogramGen.IdeogramGatewayAttribute;", "Gw")]
        [InlineData("using GwAttribute = IdeogramGen.IdeogramGatewayAttribute;", "Gw")]
        [InlineData("using GwAttribute = IdeogramGen.IdeogramGatewayAttribute;", "GwAttribute")]
        [InlineData("using Ns = IdeogramGen;", "Ns::IdeogramGateway")]
        [InlineData("using Gw = global::IdeogramGen.IdeogramGatewayAttribute;", "@Gw")]
        public Task An_alias_in_the_file_is_the_attribute(string alias, string name) =>
            Run($"{alias}\n[{name}(\"{Account}\", {{|IDG0003:\"GW\"|}})] public partial class Images {{ }}");

        [Fact]
        public Task An_alias_of_an_alias_in_a_namespace_is_the_attribute() =>
            Run("using Gw = IdeogramGen.IdeogramGatewayAttribute;\n" +
                $"namespace App {{ using Inner = Gw; namespace Deeper {{ using Innermost = Inner; [Innermost(\"{Account}\", {{|IDG0003:\"GW\"|}})] public partial class Images {{ }} }} }}");

        private static Task RunWithGlobalUsings(string source, string globalUsings, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
            Verify.AnalyzerAsync<GatewayAttributeAnalyzer>("using IdeogramGen;\n" + source, withRequests: false,
                state => state.Sources.Add(("GlobalUsings.cs", globalUsings)), expected);

        [Fact]
        public Task A_global_alias_in_another_file_is_the_attribute() =>
            RunWithGlobalUsings($"[Obsolete, Gw(\"{Account}\", {{|IDG0003:\"GW\"|}})] public partial class Images {{ }}",
                "global using Gw = IdeogramGen.IdeogramGatewayAttribute;\nglobal using Obsolete = System.ObsoleteAttribute;");

        [Fact]
        public Task A_local_alias_of_a_global_alias_in_another_file_is_the_attribute() =>
            RunWithGlobalUsings($"namespace App {{ using Local = Gw; [Local(\"{Account}\", {{|IDG0003:\"GW\"|}})] public partial class Images {{ }} }}",
                "global using Gw = IdeogramGen.IdeogramGatewayAttribute;");

        // A script submission sees the usings and aliases of the submissions before it.
        [Theory]
        [InlineData("using Gw = IdeogramGen.IdeogramGatewayAttribute;", "[Gw(\"" + Account + "\", \"GW\")] public partial class Images { }", "IDG0003")]
        [InlineData("using GwAttribute = IdeogramGen.IdeogramGatewayAttribute;", "[Gw(\"" + Account + "\", \"GW\")] class Images { }", "IDG0001,IDG0003")]
        [InlineData("using Gw = IdeogramGen.IdeogramGatewayAttribute;", "// IdeogramGateway\n[Gw(\"" + Account + "\", \"GW\")] public partial class Images { }", "IDG0003")]
        [InlineData("using IdeogramGen;", "[IdeogramGateway(\"" + Account + "\", \"GW\")] public partial class Images { }", "IDG0003")]
        public async Task An_alias_of_an_earlier_script_submission_is_the_attribute(string first, string second, string expected)
        {
            var references = (await Microsoft.CodeAnalysis.Testing.ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, System.Threading.CancellationToken.None))
                .Add(MetadataReference.CreateFromFile(typeof(IdeogramCredentials).Assembly.Location));
            var script = new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script);
            CSharpCompilation? submission = null;
            foreach (var (text, i) in new[] { (first, 0), ("var x = 1;", 1), (second, 2) })
                submission = CSharpCompilation.CreateScriptCompilation("s" + i, CSharpSyntaxTree.ParseText(text, script, path: $"s{i}.csx"), references,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary), submission);
            Assert.Empty(submission!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var found = await submission.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new GatewayAttributeAnalyzer())).GetAnalyzerDiagnosticsAsync();
            Assert.Equal(expected, string.Join(",", found.Select(d => d.Id).OrderBy(id => id, System.StringComparer.Ordinal)));
        }

        [Fact]
        public Task An_attribute_of_another_name_on_a_class_named_like_the_gateway_is_silent() =>
            Run("using Gw = System.ObsoleteAttribute;\nnamespace App { [Gw, System.Serializable] public class Images { } [IdeogramGatewayNot] public class Other { } " +
                "public sealed class IdeogramGatewayNotAttribute : System.Attribute { } }");

        [Fact]
        public Task Fix_adds_partial_to_class_and_containing_type() =>
            Verify.CodeFixAsync<GatewayAttributeAnalyzer, MakePartialCodeFix>(
                $"using IdeogramGen;\npublic class Outer\n{{\n    [IdeogramGateway(\"{Account}\", \"gw\")]\n    public sealed class {{|IDG0001:Images|}} {{ }}\n}}\n",
                $"using IdeogramGen;\npublic partial class Outer\n{{\n    [IdeogramGateway(\"{Account}\", \"gw\")]\n    public sealed partial class Images {{ }}\n}}\n",
                0);

        [Fact]
        public Task Fix_adds_partial_without_modifiers() =>
            Verify.CodeFixAsync<GatewayAttributeAnalyzer, MakePartialCodeFix>(
                $"using IdeogramGen;\n[IdeogramGateway(\"{Account}\", \"gw\")]\nclass {{|IDG0001:Images|}} {{ }}\n",
                $"using IdeogramGen;\n[IdeogramGateway(\"{Account}\", \"gw\")]\npartial class Images {{ }}\n",
                0);

        [Fact]
        public Task Fix_lowercases_gateway_id() =>
            Verify.CodeFixAsync<GatewayAttributeAnalyzer, ReplaceValueCodeFix>(
                $"using IdeogramGen;\n[IdeogramGateway(\"{Account}\", {{|IDG0003:\"My-Gateway\"|}})]\npublic partial class Images {{ }}\n",
                $"using IdeogramGen;\n[IdeogramGateway(\"{Account}\", \"my-gateway\")]\npublic partial class Images {{ }}\n",
                0);
    }
}
