using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace IdeogramGen.Benchmarks;

/// <summary>
/// The share of a build that IdeogramGen's analyzers and generator take: the 2,000-file project with one client and
/// 50 call sites (<see cref="CallSiteProject"/>) compiled as the compiler does it, without and with IdeogramGen. Each
/// operation parses its syntax trees from text and compiles a fresh <see cref="Compilation"/> of them, as a csc process
/// does, so no tree, symbol, binding or analysis result carries over from one operation to the next (the analyzers
/// remember what a tree concerns for as long as the tree lives, which spares an IDE's later compilations but not a
/// build's one).
/// <list type="bullet">
/// <item><b>without IdeogramGen</b> (baseline): the user's sources plus the generator's output (generated once in
/// setup and parsed with them, as if written by hand): the compiler's diagnostics, then Emit to memory. No analyzer,
/// no generator.</item>
/// <item><b>with IdeogramGen</b>: a cold generator driver run on the user's sources (what every build does), then all
/// the compiler's and analyzers' diagnostics (<see cref="CompilationWithAnalyzers"/> with every
/// <see cref="DiagnosticAnalyzer"/> of the IdeogramGen.Analyzers assembly and the settings file as an additional
/// file), then Emit to memory.</item>
/// <item><b>one compile pass</b>: Emit alone on the baseline's sources, to read the share against one compile.</item>
/// <item><b>a csc run</b>: what the compiler does for the project without IdeogramGen: parse every file (the
/// generator's output parsed as if written by hand), compile, write the assembly and its portable PDB; the share of a
/// build's csc task is read against it.</item>
/// <item>Two controls that are not IdeogramGen: the baseline's sources compiled like the "with" row with one analyzer
/// that does nothing (<see cref="IdleAnalyzer"/>: what Roslyn's analyzer driver costs once any analyzer is present)
/// and with one that registers a single operation action that only counts (<see cref="CountingOperationAnalyzer"/>: what it costs
/// once any analyzer looks at operations, since the driver then builds the operation tree of every method, accessor
/// and initializer of the project).</item>
/// </list>
/// All rows but the one-pass row do the same compiler work: a diagnostics pass on one fresh compilation (the one the
/// analyzers ride on: <see cref="CompilationWithAnalyzers.GetAllDiagnosticsAsync()"/> runs the compiler's diagnostics
/// on its own copy of the compilation and feeds the analyzers its events) and Emit on another. What differs is what
/// the analyzers and the generator add.
/// <para>
/// How to read it, with R the Ratio column (all ratios from the same run): <b>R(with) − 1</b> is IdeogramGen's share
/// of this two-pass compile; the compiler itself runs the analyzers on the events of its one emit pass, so the share of
/// one compile is <b>(R(with) − 1) / R(one pass)</b> and of a csc run <b>(R(with) − 1) / R(csc)</b>. Of that,
/// <b>R(idle) − 1</b> is the analyzer driver itself, paid once any analyzer is present, and
/// <b>R(with) − R(idle)</b> IdeogramGen's own work: the generator, the parsing of its output and the analyzers'
/// callbacks. <b>R(operations) − R(idle)</b> is what the operation trees of every method would cost: what an analyzer
/// with an operation action pays (IdeogramGen's rules do not register one).
/// </para>
/// <para>
/// The job is fixed for operations of about a second on a busy two-core machine: one invocation per iteration, 3
/// warm-up and 25 measured iterations, workstation non-concurrent GC (no background GC thread competing with the
/// compiler's threads) and a full collection before each iteration. It is marked as the default job, so a job given on
/// the command line (<c>--job Dry</c>) replaces it. Telemetry (<see cref="Telemetry"/>) is a cross-check of where the
/// time goes, not the measurement: the rows run without execution-time logging, as a build without
/// <c>/reportanalyzer</c> does.
/// </para>
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SecondLongConfig))]
public class AnalyzerBenchmarks
{
    private ImmutableArray<(SourceText Text, string Path)> _sources;
    private ImmutableArray<(SourceText Text, string Path)> _sourcesAndGenerated;
    private ImmutableArray<(byte[] Bytes, string Path)> _texts;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private AnalyzerOptions _analyzerOptions = null!;

    /// <summary>The generator's output, generated in setup: what the baseline compiles in place of the generator.</summary>
    public ImmutableArray<SyntaxTree> GeneratedTrees { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var sources = CallSiteProject.ParseSources();
        _sources = sources.Select(t => (t.GetText(), t.FilePath)).ToImmutableArray();
        _analyzers = Analyzers();
        _analyzerOptions = new AnalyzerOptions(CallSiteProject.AdditionalFiles);
        var run = LargeProject.IdeogramDriver().RunGenerators(CallSiteProject.Compilation(sources)).GetRunResult();
        GeneratedTrees = run.GeneratedTrees;
        _sourcesAndGenerated = _sources.AddRange(GeneratedTrees.Select(t => (t.GetText(), t.FilePath)));
        _texts = _sourcesAndGenerated.Select(t => (System.Text.Encoding.UTF8.GetBytes(t.Text.ToString()), t.Path)).ToImmutableArray();
    }

    /// <summary>A compilation of freshly parsed trees of the user's sources: what a build has when its generators run.</summary>
    public CSharpCompilation FreshSources() => CallSiteProject.Compilation(Parse(_sources));

    /// <summary>A compilation of freshly parsed trees of the user's sources and the generator's output, as if hand-written.</summary>
    public CSharpCompilation FreshProject() => CallSiteProject.Compilation(Parse(_sourcesAndGenerated));

    /// <summary>New syntax trees of <paramref name="texts"/>, parsed as the project's files are.</summary>
    private static SyntaxTree[] Parse(ImmutableArray<(SourceText Text, string Path)> texts)
    {
        var trees = new SyntaxTree[texts.Length];
        for (int i = 0; i < trees.Length; i++) trees[i] = CSharpSyntaxTree.ParseText(texts[i].Text, LargeProject.ParseOptions, texts[i].Path);
        return trees;
    }

    /// <summary>A new instance of every analyzer of the IdeogramGen.Analyzers assembly.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers() =>
        typeof(IdeogramGen.Analyzers.RequestValueAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    [Benchmark(Baseline = true, Description = "without IdeogramGen: diagnostics + emit")]
    public CompileRun WithoutIdeogramGen()
    {
        var compilation = CallSiteProject.Compilation(Parse(_sourcesAndGenerated));
        var diagnostics = compilation.Clone().GetDiagnostics();
        return new CompileRun(compilation, diagnostics, Emit(compilation));
    }

    [Benchmark(Description = "with IdeogramGen: generator + analyzers + diagnostics + emit")]
    public CompileRun WithIdeogramGen()
    {
        LargeProject.IdeogramDriver().RunGeneratorsAndUpdateCompilation(CallSiteProject.Compilation(Parse(_sources)), out var compilation, out var generatorDiagnostics);
        var diagnostics = compilation.WithAnalyzers(_analyzers, AnalysisOptions).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        return new CompileRun(compilation, generatorDiagnostics.AddRange(diagnostics), Emit(compilation));
    }

    [Benchmark(Description = "one compile pass: emit only")]
    public EmitResult OnePass() => Emit(CallSiteProject.Compilation(Parse(_sourcesAndGenerated)));

    /// <summary>
    /// What csc does for the project without IdeogramGen: decode and parse every file (the user's and, in its place,
    /// the generator's output as if written by hand, as UTF-8 bytes), compile, and write the assembly and its
    /// portable PDB.
    /// </summary>
    [Benchmark(Description = "a csc run without IdeogramGen: parse + emit with PDB")]
    public EmitResult CscRun()
    {
        var trees = new SyntaxTree[_texts.Length];
        for (int i = 0; i < trees.Length; i++)
            trees[i] = CSharpSyntaxTree.ParseText(Microsoft.CodeAnalysis.Text.SourceText.From(_texts[i].Bytes, _texts[i].Bytes.Length, System.Text.Encoding.UTF8,
                canBeEmbedded: true), LargeProject.ParseOptions, _texts[i].Path);
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        return CallSiteProject.Compilation(trees).Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
    }

    [Benchmark(Description = "control: an idle analyzer + diagnostics + emit")]
    public CompileRun IdleAnalyzerControl() => WithAnalyzer(new IdleAnalyzer());

    [Benchmark(Description = "control: a counting operation action + diagnostics + emit")]
    public CompileRun OperationAnalyzerControl() => WithAnalyzer(new CountingOperationAnalyzer());

    private CompileRun WithAnalyzer(DiagnosticAnalyzer analyzer)
    {
        var compilation = CallSiteProject.Compilation(Parse(_sourcesAndGenerated));
        var diagnostics = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), AnalysisOptions).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        return new CompileRun(compilation, diagnostics, Emit(compilation), analyzer);
    }

    /// <summary>A cold generator run on the user's sources, as the "with" row starts (for `-- analyzer-bytes`).</summary>
    public Compilation GeneratorOnly()
    {
        LargeProject.IdeogramDriver().RunGeneratorsAndUpdateCompilation(CallSiteProject.Compilation(Parse(_sources)), out var compilation, out _);
        foreach (var tree in compilation.SyntaxTrees) tree.GetRoot();
        return compilation;
    }

    /// <summary>The control generator's cold run on the user's sources (for `-- analyzers` and `-- analyzer-bytes`).</summary>
    public GeneratorDriver AttributeSearchOnly(AttributeOnlyGenerator? generator = null) =>
        CSharpGeneratorDriver.Create(generator ?? new AttributeOnlyGenerator()).RunGenerators(CallSiteProject.Compilation(Parse(_sources)));

    /// <summary>The diagnostics pass alone over the baseline's sources, with one analyzer or none (for `-- analyzer-bytes`).</summary>
    public ImmutableArray<Diagnostic> DiagnosticsOnly(DiagnosticAnalyzer? analyzer)
    {
        var compilation = CallSiteProject.Compilation(Parse(_sourcesAndGenerated));
        if (analyzer == null) return compilation.GetDiagnostics();
        return compilation.WithAnalyzers(ImmutableArray.Create(analyzer), AnalysisOptions).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
    }

    /// <summary>How the rows run analyzers: concurrently, as the compiler does, without execution-time logging.</summary>
    private CompilationWithAnalyzersOptions AnalysisOptions => new(_analyzerOptions, onAnalyzerException: null, concurrentAnalysis: true,
        logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);

    private static EmitResult Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        return compilation.Emit(stream);
    }

    /// <summary>
    /// Roslyn's own account of the "with" row (not timed by BenchmarkDotNet): each analyzer's execution time and
    /// registered actions (<see cref="CompilationWithAnalyzersOptions.LogAnalyzerExecutionTime"/>,
    /// <see cref="AnalysisResult.AnalyzerTelemetryInfo"/>) and the generator's time (<see cref="GeneratorDriver.GetTimingInfo"/>).
    /// </summary>
    public TelemetryRun Telemetry()
    {
        var driver = LargeProject.IdeogramDriver().RunGeneratorsAndUpdateCompilation(CallSiteProject.Compilation(Parse(_sources)), out var compilation, out _);
        var options = new CompilationWithAnalyzersOptions(_analyzerOptions, onAnalyzerException: null, concurrentAnalysis: true,
            logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
        var result = compilation.WithAnalyzers(_analyzers, options).GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
        var analyzers = result.AnalyzerTelemetryInfo.OrderBy(kv => kv.Key.GetType().Name, StringComparer.Ordinal)
            .Select(kv => (kv.Key.GetType().Name, kv.Value)).ToList();
        return new TelemetryRun(analyzers, driver.GetTimingInfo(), result.GetAllDiagnostics());
    }
}

// The controls are analyzers of the benchmarks, not of a shipped analyzer assembly: the rules for those do not apply.
#pragma warning disable RS1012, RS1036, RS1041, RS2008

/// <summary>A control analyzer that registers nothing beyond its compilation start: the analyzer driver alone.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IdleAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new("BENCH0001", "Control", "Control", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    /// <summary>How many compilations it started on (to show it ran).</summary>
    public int Started;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(_ => Interlocked.Increment(ref Started));
    }
}

/// <summary>A control analyzer with one operation action that only counts invocations: the driver builds every operation tree.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CountingOperationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>How many invocations it was called for (to show it ran).</summary>
    public int Invocations;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(IdleAnalyzer.Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start => start.RegisterOperationAction(_ => Interlocked.Increment(ref Invocations), OperationKind.Invocation));
    }
}

/// <summary>Where <see cref="CountingControlAnalyzer"/> registers its one action.</summary>
public enum ControlAction
{
    /// <summary>A code block action: the driver gathers and hands over every declaration's code blocks, and builds no operation.</summary>
    CodeBlock,
    /// <summary>A semantic model action: the driver hands over each file's semantic model.</summary>
    SemanticModel,
}

/// <summary>A control analyzer with one action of the given kind that only counts its calls (for `-- analyzer-bytes`).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CountingControlAnalyzer(ControlAction action) : DiagnosticAnalyzer
{
    /// <summary>How many times its action was called (to show it ran).</summary>
    public int Calls;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(IdleAnalyzer.Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (action == ControlAction.CodeBlock) start.RegisterCodeBlockAction(_ => Interlocked.Increment(ref Calls));
            else start.RegisterSemanticModelAction(_ => Interlocked.Increment(ref Calls));
        });
    }
}

/// <summary>
/// A control generator that only finds the <c>[IdeogramGateway]</c> classes (<c>ForAttributeWithMetadataName</c>, as
/// IdeogramGen's generator starts) and writes nothing: what Roslyn's search for an attribute costs a cold driver on the
/// project, the floor of any attribute-driven incremental generator.
/// </summary>
[Generator]
public sealed class AttributeOnlyGenerator : IIncrementalGenerator
{
    /// <summary>How many annotated classes it found (to show it ran).</summary>
    public int Found;

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var classes = context.SyntaxProvider.ForAttributeWithMetadataName("IdeogramGen.IdeogramGatewayAttribute",
            static (_, _) => true, static (c, _) => c.TargetSymbol.Name);
        context.RegisterSourceOutput(classes, (_, _) => Interlocked.Increment(ref Found));
    }
}

#pragma warning restore RS1012, RS1036, RS1041, RS2008

/// <summary>What a compile row produced: the compilation it emitted, every diagnostic reported, the emit result, and the control analyzer it ran, if any.</summary>
public sealed record CompileRun(Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics, EmitResult Emit, DiagnosticAnalyzer? Control = null);

/// <summary>Roslyn's telemetry of one analyzed build: per analyzer, the generator's timing, the analyzers' diagnostics.</summary>
public sealed record TelemetryRun(IReadOnlyList<(string Analyzer, AnalyzerTelemetryInfo Info)> Analyzers, GeneratorDriverTimingInfo Generator, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// The job of the benchmarks whose operations take about a second or whose iterations each need a setup of that
/// length (<see cref="AnalyzerBenchmarks"/>, <see cref="BuildShareBenchmarks"/>), on a busy two-core machine: one
/// invocation per iteration, 3 warm-up and 25 measured iterations, workstation non-concurrent GC (no background GC
/// thread competing with the compiler's threads) and a full collection before each iteration. It is marked as the
/// default job, so a job given on the command line (<c>--job Dry</c>) replaces it.
/// </summary>
public class SecondLongConfig : ManualConfig
{
    public SecondLongConfig() : this(3) { }

    protected SecondLongConfig(int warmupCount) =>
        AddJob(Job.Default
            .WithWarmupCount(warmupCount)
            .WithIterationCount(25)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithGcServer(false)
            .WithGcConcurrent(false)
            .WithGcForce(true)
            .AsDefault());
}

/// <summary>
/// <see cref="SecondLongConfig"/> with <see cref="WarmupIterations"/> warm-up iterations, for rows whose work runs
/// once per iteration and is read at the steady state of a compiler server (<see cref="BuildShareBenchmarks"/>). The
/// runtime first runs a method as unoptimized or precompiled code and recompiles it optimized once it has been called
/// 30 times, counting from 100 ms after the last method compiled at the first tier (tiered compilation: the runtime's
/// <c>TieredCompilation_Tier1CallCountThreshold</c> and <c>TieredCompilation_Tier1CallCountingDelayMs</c> defaults).
/// A method that runs once per iteration therefore reaches its optimized code after about 30 iterations: with 3
/// warm-ups, every row of the class still got 40–65 % faster over its 25 measured iterations (2026-12-07), so its
/// mean was a mix of the two tiers and its spread mostly the trend.
/// </summary>
public sealed class SteadyStateConfig : SecondLongConfig
{
    /// <summary>More than the 30 calls after which the runtime recompiles a method optimized.</summary>
    public const int WarmupIterations = 40;

    public SteadyStateConfig() : base(WarmupIterations) { }
}
