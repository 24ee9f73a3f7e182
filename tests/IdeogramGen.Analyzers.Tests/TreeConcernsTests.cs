using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace IdeogramGen.Analyzers.Tests
{
    /// <summary>
    /// The syntactic pre-filter of the operation rules (<see cref="TreeConcerns"/>): which files a rule reads operations
    /// in, that findings reached from other files are still made, and that no IdeogramGen analyzer asks the driver for
    /// the operation tree of every method.
    /// </summary>
    public class TreeConcernsTests
    {
        private static Concerns Of(string source) => TreeConcerns.Of(CSharpSyntaxTree.ParseText(source));

        [Fact]
        public void The_rules_share_one_walk_of_a_models_operations_in_the_order_of_each_blocks_tree()
        {
            const string source = "class C { int f = 1 + 2; int P { get => f * 3; } C() : this(4) { } C(int x) { f = x; } void M() { var s = \"a\" + f; } "
                + "int E => f; static int Q() { int L(int y) => y + 1; return L(5); } }";
            var tree = CSharpSyntaxTree.ParseText(source);
            var compilation = CSharpCompilation.Create("T", new[] { tree }, new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var model = compilation.GetSemanticModel(tree);
            var expected = OperationRules.CodeBlocks(tree.GetRoot()).Select(b => model.GetOperation(b)).Where(o => o != null)
                .SelectMany(o => Microsoft.CodeAnalysis.Operations.OperationExtensions.DescendantsAndSelf(o!)).ToList();
            var operations = OperationRules.OperationsOf(model, CancellationToken.None);
            Assert.Equal(expected, operations);
            Assert.Contains(operations, o => o.Kind == OperationKind.LocalFunction);
            Assert.Contains(operations, o => o.Kind == OperationKind.FieldInitializer);
            Assert.Contains(operations, o => o.Kind == OperationKind.Invocation && o.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorInitializerSyntax);
            // Walked once for the model: every rule reads the same list. Another model of the same file walks again.
            Assert.Same(operations, OperationRules.OperationsOf(model, CancellationToken.None));
            Assert.NotSame(operations, OperationRules.OperationsOf(compilation.GetSemanticModel(tree), CancellationToken.None));
        }

        [Fact]
        public void An_ordinary_file_concerns_no_rule()
        {
            // The shape of the benchmark project's files: names that are also request fields (Id), only declared and read.
            const string source = "namespace App { public sealed class Entity { public int Id { get; set; } public string Name { get; set; } = \"\";"
                + " public decimal Price(int count) => count * 2m; public override string ToString() => Name + \"#\" + Id; } }";
            Assert.Equal(Concerns.None, Of(source));
        }

        [Theory]
        [InlineData("class C { void M(Sample.GenerateV3Request r) { } }", nameof(Concerns.RequestValues))]
        [InlineData("class C { void M(object r) { StyleTypeV3 s = \"AUTO\"; } }", nameof(Concerns.RequestValues))]
        [InlineData("class C { void M(dynamic r) { r.Seed = 5; } }", nameof(Concerns.RequestValues))]
        [InlineData("class C { object M() => new X { Seed = 5 }; }", nameof(Concerns.RequestValues))]
        [InlineData("class C { void M(dynamic r) { r?.Seed = 5; } }", nameof(Concerns.RequestValues))]
        [InlineData("class C { object M() => new IdeogramCredentials(k); }", nameof(Concerns.Secrets))]
        [InlineData("class C { void M(dynamic h) { h.Add(\"Api-Key\", v); } }", nameof(Concerns.Secrets))]
        [InlineData("class C { void M(string clientSecret) { } }", nameof(Concerns.Secrets))]
        [InlineData("class C { const string K = \"ak-7Hq2vX9mLp4Rt8Wz1Nc6Bd3Fg5Jk0Ys2Ue4Io7Pa9Sd\"; }", nameof(Concerns.Secrets))]
        [InlineData("class C { void M(dynamic o) { o.CacheTtl = null; } }", nameof(Concerns.GatewayOptions))]
        [InlineData("class C { void M(dynamic m) { m.Add(\"cf.team\", \"x\"); } }", nameof(Concerns.GatewayOptions))]
        [InlineData("class C { void M(dynamic b) { b.AddStandardResilienceHandler(); } }", nameof(Concerns.ResilienceHandler))]
        [InlineData("class C { const string P = \"v2/image/generate/ideogram-v4.5\"; }", nameof(Concerns.V2Routes))]
        [InlineData("class C { void M(dynamic c) { c.Endpoints.For(p); } }", nameof(Concerns.V2Routes))]
        public void A_file_concerns_the_rules_whose_names_or_values_it_holds(string source, string rule)
        {
            var expected = (Concerns)Enum.Parse(typeof(Concerns), rule);
            Assert.Equal(expected, Of(source) & expected);
        }

        [Theory]
        [InlineData("class C { int M(dynamic r) => r.Seed; }")]
        [InlineData("class C { int Seed { get; set; } }")]
        [InlineData("class C { void M(dynamic o) { var t = o.CacheTtl; var m = o.Metadata; } }")]
        public void A_request_or_option_member_that_is_only_read_or_declared_concerns_no_rule(string source) =>
            Assert.Equal(Concerns.None, Of(source) & (Concerns.RequestValues | Concerns.GatewayOptions));

        [Theory]
        [InlineData("namespace App { public sealed class Entity { public int Id { get; set; } } }", false)]
        [InlineData("namespace App { [IdeogramGen.IdeogramGateway(\"a\", \"b\")] public partial class Images { } }", true)]
        [InlineData("namespace App { class C { int[] M() => new int[2]; } }", true)]
        [InlineData("namespace App { // [Obsolete]\n class C { } }", true)]
        public void Only_a_file_whose_text_holds_a_bracket_may_declare_attributes(string source, bool attributes) =>
            Assert.Equal(attributes, (Of(source) & Concerns.AttributeLists) != 0);

        [Fact]
        public void A_file_is_read_once_and_remembered()
        {
            var tree = CSharpSyntaxTree.ParseText("class C { void M(dynamic o) { o.CacheTtl = null; } }");
            Assert.Equal(TreeConcerns.Of(tree), TreeConcerns.Of(tree));
            Assert.Equal(Concerns.GatewayOptions, TreeConcerns.Of(tree.WithChangedText(tree.GetText().WithChanges(
                new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(0, 0), "// edited\n")))) & Concerns.GatewayOptions);
        }

        // Findings whose value comes from another file: the file of the call names the sink or the type.

        [Fact]
        public Task A_key_declared_in_another_file_reaching_the_credentials_is_found() =>
            Verify.AnalyzerAsync<HardCodedSecretAnalyzer>(
                "using IdeogramGen;\nclass C { object M() => new IdeogramCredentials({|IDG0301:Keys.Production|}); }\n",
                withRequests: false,
                configure: s => s.Sources.Add(("Keys.cs", $"static class Keys {{ public const string Production = \"{SecretCorpusTests.Key}\"; }}")));

        [Fact]
        public Task A_vocabulary_value_declared_in_another_file_is_checked_where_it_is_converted() =>
            Verify.AnalyzerAsync<RequestValueAnalyzer>(
                "using IdeogramGen;\nclass C { StyleTypeV3 M() { StyleTypeV3 s = {|IDG0103:Styles.Chosen|}; return s; } }\n",
                withRequests: true,
                configure: s => s.Sources.Add(("Styles.cs", "static class Styles { public const string Chosen = \"AUTOMATIC\"; }")));

        [Fact]
        public Task A_request_property_set_through_a_variable_typed_in_another_file_is_checked() =>
            Verify.AnalyzerAsync<RequestValueAnalyzer>(
                "class C { void M(Holder h) { h.Request.Seed = {|IDG0201:-1|}; } }\n",
                withRequests: true,
                configure: s => s.Sources.Add(("Holder.cs", "class Holder { public Sample.GenerateV3Request Request { get; } = new Sample.GenerateV3Request(); }")));

        [Fact]
        public Task Top_level_statements_property_initializers_and_accessors_are_read() =>
            Verify.AnalyzerAsync<HardCodedSecretAnalyzer>(
                "using IdeogramGen;\n" +
                $"var c = new IdeogramCredentials({{|IDG0301:\"{SecretCorpusTests.Key}\"|}});\n" +
                "partial class Holder\n{\n" +
                $"    IdeogramCredentials Field = new IdeogramCredentials({{|IDG0301:\"{SecretCorpusTests.Key}\"|}});\n" +
                $"    IdeogramCredentials Property {{ get; }} = new IdeogramCredentials({{|IDG0301:\"{SecretCorpusTests.Key}\"|}});\n" +
                $"    IdeogramCredentials Arrow => new IdeogramCredentials({{|IDG0301:\"{SecretCorpusTests.Key}\"|}});\n" +
                $"    IdeogramCredentials Getter {{ get {{ return new IdeogramCredentials({{|IDG0301:\"{SecretCorpusTests.Key}\"|}}); }} }}\n" +
                $"    Holder() : this(new IdeogramCredentials({{|IDG0301:\"{SecretCorpusTests.Key}\"|}})) {{ }}\n" +
                "    Holder(IdeogramCredentials c) { }\n" +
                "}\n",
                withRequests: false,
                configure: s => s.OutputKind = OutputKind.ConsoleApplication);

        [Fact]
        public async Task No_analyzer_registers_an_operation_or_per_declaration_action()
        {
            // With any operation action registered, the driver builds the operation tree of every method of the
            // project, and with any code block or syntax node action it gathers every declaration's code; the rules
            // read one semantic model per file and build operations only in the files they concern.
            var analyzers = typeof(RequestValueAnalyzer).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
            Assert.True(analyzers.Length >= 7);
            var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var compilation = CSharpCompilation.Create("Probe",
                new[] { CSharpSyntaxTree.ParseText("class C { void M() { var s = \"x\"; } }") },
                references.Add(MetadataReference.CreateFromFile(typeof(IdeogramCredentials).Assembly.Location)),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
            var result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
            foreach (var (analyzer, info) in result.AnalyzerTelemetryInfo)
            {
                // Each one registers where it reads: one compilation start action, or its per-file action directly.
                Assert.True(info.CompilationStartActionsCount + info.SemanticModelActionsCount + info.AdditionalFileActionsCount > 0,
                    analyzer.GetType().Name + " registered nothing");
                Assert.True(info.OperationActionsCount == 0 && info.OperationBlockActionsCount == 0 && info.OperationBlockStartActionsCount == 0,
                    analyzer.GetType().Name + " registers an operation action");
                Assert.True(info.CodeBlockActionsCount == 0 && info.CodeBlockStartActionsCount == 0 && info.SyntaxNodeActionsCount == 0,
                    analyzer.GetType().Name + " registers a per-declaration action");
            }
        }
    }
}
