using System.Collections.Immutable;
using System.Linq;
using BenchmarkDotNet.Attributes;
using IdeogramGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace IdeogramGen.Benchmarks;

/// <summary>
/// The generator itself: a first run of <see cref="CSharpGeneratorDriver"/> over a compilation with one
/// [IdeogramGateway] class (baseline), and a re-run of the warm driver after an edit to an unrelated file, as an IDE
/// does on every keystroke. Each invocation gets a fresh compilation (<see cref="Compilation.Clone"/>), so no semantic
/// cache carries over between invocations.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const string Annotated = """
        using IdeogramGen;
        namespace App
        {
            [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "my-gateway")]
            public partial class Images { }
        }
        """;

    private const string Unrelated = """
        namespace App
        {
            public static class Pricing
            {
                public static decimal PerImage(int count) => count * 0.03m;
            }
        }
        """;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(GatewayPipeline).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location));
        _compilation = CSharpCompilation.Create(
            "Consumer",
            new[]
            {
                CSharpSyntaxTree.ParseText(Annotated, ParseOptions, path: "Images.cs"),
                CSharpSyntaxTree.ParseText(Unrelated, ParseOptions, path: "Pricing.cs"),
            },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var unrelatedTree = _compilation.SyntaxTrees.Last();
        _edited = _compilation.ReplaceSyntaxTree(unrelatedTree,
            unrelatedTree.WithChangedText(SourceText.From(Unrelated.Replace("0.03m", "0.04m"))));
        _warm = NewDriver().RunGenerators(_compilation);
    }

    private static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create(
            ImmutableArray.Create(new IdeogramGatewayGenerator().AsSourceGenerator()),
            parseOptions: ParseOptions);

    [Benchmark(Baseline = true, Description = "first run")]
    public GeneratorDriver FirstRun() => NewDriver().RunGenerators(_compilation.Clone());

    [Benchmark(Description = "re-run after unrelated edit")]
    public GeneratorDriver IncrementalRun() => _warm.RunGenerators(_edited.Clone());
}
