using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace IdeogramGen.Benchmarks;

/// <summary>
/// What the generated code adds to a build: compiling (emit to memory) the 2,000-file project without clients
/// (baseline), with 40 Refit clients (interfaces plus Refit's generated code), and with 40 IdeogramGen clients (the
/// classes plus IdeogramGen's generated code). The generators ran in setup; only the compiler is timed. The added time
/// of each is its mean minus the baseline's.
/// </summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private CSharpCompilation _plain = null!;
    private Compilation _refit = null!;
    private Compilation _ideogram = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plain = LargeProject.Compilation("namespace App.Clients { }");
        LargeProject.RefitDriver().RunGeneratorsAndUpdateCompilation(LargeProject.Compilation(LargeProject.RefitClients()), out _refit, out _);
        LargeProject.IdeogramDriver().RunGeneratorsAndUpdateCompilation(LargeProject.Compilation(LargeProject.IdeogramClients()), out _ideogram, out _);
    }

    [Benchmark(Baseline = true, Description = "no client")]
    public EmitResult NoClient() => Emit(_plain);

    [Benchmark(Description = "40 Refit clients")]
    public EmitResult Refit() => Emit(_refit);

    [Benchmark(Description = "40 IdeogramGen clients")]
    public EmitResult IdeogramGen() => Emit(_ideogram);

    /// <summary>Lines of generated source in a compilation (for the README table).</summary>
    public static int GeneratedLines(Compilation compilation) =>
        compilation.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal)).Sum(t => t.GetText().Lines.Count);

    public Compilation RefitCompilation => _refit;
    public Compilation IdeogramCompilation => _ideogram;

    private static EmitResult Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        return compilation.Clone().Emit(stream);
    }
}
