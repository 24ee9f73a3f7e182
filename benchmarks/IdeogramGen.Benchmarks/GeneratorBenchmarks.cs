using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IdeogramGen.Benchmarks;

/// <summary>
/// The generators on a 2,000-file project with 40 clients (<see cref="LargeProject"/>): Refit 16.4's generator on 40
/// interfaces (baseline) and IdeogramGen's on 40 <c>[IdeogramGateway]</c> classes, each as a first run and as a re-run
/// of the warm driver after an edit to an unrelated file (what an IDE does on each keystroke). Each invocation gets a
/// fresh compilation (<see cref="Compilation.Clone"/>), so no semantic cache carries over between invocations.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _ideogram = null!;
    private CSharpCompilation _ideogramEdited = null!;
    private GeneratorDriver _ideogramWarm = null!;
    private CSharpCompilation _refit = null!;
    private CSharpCompilation _refitEdited = null!;
    private GeneratorDriver _refitWarm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ideogram = LargeProject.Compilation(LargeProject.IdeogramClients());
        _ideogramEdited = LargeProject.Edited(_ideogram);
        _ideogramWarm = LargeProject.IdeogramDriver().RunGenerators(_ideogram);
        _refit = LargeProject.Compilation(LargeProject.RefitClients());
        _refitEdited = LargeProject.Edited(_refit);
        _refitWarm = LargeProject.RefitDriver().RunGenerators(_refit);
    }

    [Benchmark(Baseline = true, Description = "Refit, first run")]
    public GeneratorDriver RefitFirstRun() => LargeProject.RefitDriver().RunGenerators(_refit.Clone());

    [Benchmark(Description = "IdeogramGen, first run")]
    public GeneratorDriver FirstRun() => LargeProject.IdeogramDriver().RunGenerators(_ideogram.Clone());

    [Benchmark(Description = "Refit, re-run after unrelated edit")]
    public GeneratorDriver RefitIncrementalRun() => _refitWarm.RunGenerators(_refitEdited.Clone());

    [Benchmark(Description = "IdeogramGen, re-run after unrelated edit")]
    public GeneratorDriver IncrementalRun() => _ideogramWarm.RunGenerators(_ideogramEdited.Clone());
}
