using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;

namespace IdeogramGen.Benchmarks;

/// <summary>
/// IdeogramGen's share of a csc run, read from rows short enough to measure: the work its analyzers and its generator
/// do in a build of <see cref="CallSiteProject"/> (2,000 files, one client, 50 call sites), each row against the csc
/// run of the same project without IdeogramGen. <see cref="AnalyzerBenchmarks"/> compiles the whole project in every
/// row and reads the share as a difference of two compiles, which this host's spread (10–25 % from one compile to the
/// next) hides; here the compile is done in each iteration's setup, outside the measured time, and only IdeogramGen's
/// work is timed.
/// <list type="bullet">
/// <item><b>a csc run without IdeogramGen</b> (baseline): parse every file (the generator's output as if written by
/// hand), compile, write the assembly and its portable PDB, as <see cref="AnalyzerBenchmarks.CscRun"/>.</item>
/// <item><b>the analyzers</b>: every action of the seven analyzers on the project (<see cref="AnalyzerHost"/>), after
/// the compiler has bound it: in each iteration's setup the files are parsed afresh (so nothing the analyzers remember
/// per file carries over) and the compiler's diagnostics are computed (the binding a build does before its analyzers
/// see a file). The actions bind what they look at on a semantic model of their own, as in a build. Not in the row:
/// Roslyn's analyzer driver, which a build runs once for all its analyzers, and the .NET SDK's own analyzers are in
/// every build.</item>
/// <item><b>the analyzers beside an operation analyzer</b>: the same, on semantic models that an analyzer with an
/// operation action has used first. Roslyn's driver then builds the operation tree of every executable block of the
/// project's files on the semantic model it gives every analyzer of the file, and a member's semantic model builds it
/// once for the whole member, so the analyzers' own <c>GetOperation</c> calls find it built. That is a default build:
/// the .NET SDK turns on code-analysis rules that read calls, such as CA2013 and CA2017 ("Code analysis in .NET",
/// Enabled rules, .NET 10), for every project that targets .NET 5 or later. In each iteration's setup, after the
/// binding, every executable block of every file that is not generated gets its operation tree.</item>
/// <item><b>the generator</b>: a cold driver run of IdeogramGen's generator on freshly parsed files, as a build
/// starts. Its output is parsed by the compile that follows, as the baseline parses the same code written by
/// hand.</item>
/// <item><b>control: the attribute search</b>: the same run of a generator that only finds the <c>[IdeogramGateway]</c>
/// classes (<see cref="AttributeOnlyGenerator"/>). Roslyn walks every file once for the syntax inputs of all of a
/// build's generators, and the SDK's generators (System.Text.Json, regular expressions, interop, logging) are in every
/// build, so this walk is not IdeogramGen's own.</item>
/// </list>
/// IdeogramGen's share of the csc run is <b>R(analyzers) + R(generator) − R(control)</b>, with R the Ratio column:
/// alone, or beside an operation analyzer.
/// Every row is read at its steady state (<see cref="SteadyStateConfig"/>: enough warm-up iterations for the runtime
/// to have recompiled optimized what runs once per iteration, the compiler's code as much as IdeogramGen's), as in the
/// compiler server that builds use by default after a few builds; <c>-- cold</c> measures the first use in a fresh
/// process.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SteadyStateConfig))]
public class BuildShareBenchmarks
{
    private readonly AnalyzerBenchmarks _project = new();
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private AnalyzerOptions _options = null!;
    private Compilation _compilation = null!;
    private Dictionary<SyntaxTree, SemanticModel> _models = new();

    [GlobalSetup]
    public void Setup()
    {
        _project.Setup();
        _analyzers = AnalyzerBenchmarks.Analyzers();
        _options = new AnalyzerOptions(CallSiteProject.AdditionalFiles);
    }

    /// <summary>Fresh trees of the whole project, compiled and bound: what a build has done when its analyzers run.</summary>
    [IterationSetup(Target = nameof(Analyzers))]
    public void BindProject()
    {
        Bind();
        Collect();
    }

    /// <summary>Fresh trees of the user's files in a new compilation: what a build has when its generators run.</summary>
    [IterationSetup(Targets = new[] { nameof(Generator), nameof(AttributeSearch) })]
    public void ParseProject()
    {
        _compilation = _project.FreshSources();
        Collect();
    }

    /// <summary>The same, and then every executable block's operations built on the models the analyzers will get.</summary>
    [IterationSetup(Target = nameof(AnalyzersBesideOperations))]
    public void BindProjectAndBuildOperations()
    {
        Bind();
        _models = BuildOperations(_compilation);
        Collect();
    }

    private void Bind()
    {
        _compilation = _project.FreshProject();
        _compilation.GetDiagnostics();
    }

    /// <summary>
    /// One semantic model per file, with the operation tree of each executable block of the files that are not
    /// generated built on it: what Roslyn's driver leaves on the models it shares once an analyzer has an operation action.
    /// </summary>
    public static Dictionary<SyntaxTree, SemanticModel> BuildOperations(Compilation compilation)
    {
        var models = new Dictionary<SyntaxTree, SemanticModel>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            models.Add(tree, model);
            if (AnalyzerHost.IsGenerated(tree)) continue;
            foreach (var node in tree.GetRoot().DescendantNodes())
                if (node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or GlobalStatementSyntax
                    or ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax }
                    or EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax or PropertyDeclarationSyntax })
                    model.GetOperation(node);
        }
        return models;
    }

    [Benchmark(Baseline = true, Description = "a csc run without IdeogramGen: parse + emit with PDB")]
    public EmitResult CscRun() => _project.CscRun();

    [Benchmark(Description = "IdeogramGen's analyzers: every action on the bound project")]
    public ImmutableArray<Diagnostic> Analyzers() => AnalyzerHost.Run(_compilation, _analyzers, _options);

    [Benchmark(Description = "IdeogramGen's analyzers beside an operation analyzer")]
    public ImmutableArray<Diagnostic> AnalyzersBesideOperations() => AnalyzerHost.Run(_compilation, _analyzers, _options, tree => _models[tree]);

    [Benchmark(Description = "IdeogramGen's generator: cold driver")]
    public GeneratorDriverRunResult Generator() => LargeProject.IdeogramDriver().RunGenerators(_compilation).GetRunResult();

    [Benchmark(Description = "control: the attribute search alone, cold driver")]
    public GeneratorDriverRunResult AttributeSearch() =>
        CSharpGeneratorDriver.Create(new AttributeOnlyGenerator()).RunGenerators(_compilation).GetRunResult();

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
