using System;
using System.Linq;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IdeogramGen.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
#if DEBUG
        // BenchmarkDotNet refuses a non-optimized assembly but still exits 0; fail loudly instead.
        Console.Error.WriteLine("Build the benchmarks in Release: dotnet run -c Release --project benchmarks/IdeogramGen.Benchmarks -- --filter '*'");
        return 1;
#else
        if (args.Length == 1 && args[0] == "lines") return PrintGeneratedLines();
        if (args.Length == 1 && args[0] == "analyzers") return PrintAnalyzerTelemetry();
        if (args.Length == 2 && args[0] == "write-project") return WriteProject(args[1]);
        if (args.Length == 1 && args[0] == "analyzer-bytes") return PrintAnalyzerBytes();
        if (args.Length == 1 && args[0] == "cold") return PrintColdStart();
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        foreach (var summary in summaries)
            if (summary.HasCriticalValidationErrors) return 1;
        return 0;
#endif
    }

    /// <summary>
    /// `-- write-project DIR`: AnalyzerBenchmarks' project (2,000 files, one client, 50 call sites, appsettings.json) as
    /// an app project on disk that references the IdeogramGen packages, so that a real build can be read with
    /// <c>-p:ReportAnalyzer=true</c>: the Csc task's time next to the generator's and each analyzer's.
    /// </summary>
    private static int WriteProject(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        void Write(string name, string text) => System.IO.File.WriteAllText(System.IO.Path.Combine(directory, name), text);
        // The files the benchmarks compile and pass to the analyzers, under the names they give them.
        var sources = CallSiteProject.ParseSources();
        foreach (var tree in sources) Write(tree.FilePath, tree.GetText().ToString());
        foreach (var file in CallSiteProject.AdditionalFiles) Write(file.Path, file.GetText()!.ToString());
        var version = typeof(GatewayPipeline).Assembly.GetName().Version!;
        Write("App.csproj", $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <RootNamespace>App</RootNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="IdeogramGen" Version="{{version.ToString(3)}}" />
                <PackageReference Include="IdeogramGen.Extensions" Version="{{version.ToString(3)}}" />
                <AdditionalFiles Include="{{string.Join(";", CallSiteProject.AdditionalFiles.Select(f => f.Path))}}" />
              </ItemGroup>
            </Project>
            """);
        Console.WriteLine($"wrote {sources.Length} source files, {CallSiteProject.AdditionalFiles.Length} additional files and App.csproj to {directory}");
        return 0;
    }

    /// <summary>
    /// `-- analyzers`: Roslyn's telemetry of AnalyzerBenchmarks' "with IdeogramGen" build, once cold and then the mean of
    /// five runs: the generator's time and each analyzer's execution time and registered actions.
    /// </summary>
    private static int PrintAnalyzerTelemetry()
    {
        var bench = new AnalyzerBenchmarks();
        bench.Setup();
        var cold = bench.Telemetry();
        var runs = Enumerable.Range(0, 5).Select(_ => bench.Telemetry()).ToList();
        Console.WriteLine($"generator: cold {cold.Generator.ElapsedTime.TotalMilliseconds:0.0} ms, warm mean {runs.Average(r => r.Generator.ElapsedTime.TotalMilliseconds):0.0} ms");
        Console.WriteLine("analyzer | cold ms | warm mean ms | actions (compilation start, symbol, operation, syntax node, semantic model, additional file)");
        foreach (var (name, info) in cold.Analyzers)
        {
            var warm = runs.Average(r => r.Analyzers.Single(a => a.Analyzer == name).Info.ExecutionTime.TotalMilliseconds);
            Console.WriteLine($"{name} | {info.ExecutionTime.TotalMilliseconds:0.0} | {warm:0.0} | {info.CompilationStartActionsCount}, {info.SymbolActionsCount}, {info.OperationActionsCount}, {info.SyntaxNodeActionsCount}, {info.SemanticModelActionsCount}, {info.AdditionalFileActionsCount}");
        }
        var analyzersMs = runs.Average(r => r.Analyzers.Sum(a => a.Info.ExecutionTime.TotalMilliseconds));
        var generatorMs = runs.Average(r => r.Generator.ElapsedTime.TotalMilliseconds);
        Console.WriteLine($"all analyzers, warm mean: {analyzersMs:0.0} ms");
        // The same process, one run after the other: what `/reportanalyzer` puts beside the csc task.
        bench.AttributeSearchOnly();
        var search = Enumerable.Range(0, 5).Average(_ => bench.AttributeSearchOnly().GetTimingInfo().ElapsedTime.TotalMilliseconds);
        bench.CscRun();
        var csc = Enumerable.Range(0, 5).Average(_ =>
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            bench.CscRun();
            return watch.Elapsed.TotalMilliseconds;
        });
        Console.WriteLine($"control: a generator that only finds the attribute, warm mean {search:0.0} ms");
        Console.WriteLine($"a csc run without IdeogramGen, warm mean {csc:0.0} ms");
        Console.WriteLine($"generator + analyzers as reported: {generatorMs + analyzersMs:0.0} ms = {(generatorMs + analyzersMs) / csc:P1} of the csc run; " +
            $"beyond the attribute search: {generatorMs + analyzersMs - search:0.0} ms = {(generatorMs + analyzersMs - search) / csc:P1}");
        foreach (var d in cold.Diagnostics.OrderBy(d => d.Id, StringComparer.Ordinal))
            Console.WriteLine($"  {d.Id} {d.Location.GetLineSpan().Path}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        return 0;
    }

    /// <summary>
    /// `-- analyzer-bytes`: the bytes each analyzer adds on its own to AnalyzerBenchmarks' diagnostics pass over the
    /// baseline's sources (no generator run, no emit), next to the two control analyzers: the managed bytes allocated by
    /// all threads during the pass, the third of three runs (the first two fill caches and JIT). Not a benchmark: a
    /// guide to where the "with" row's bytes go.
    /// </summary>
    private static int PrintAnalyzerBytes()
    {
        var bench = new AnalyzerBenchmarks();
        bench.Setup();
        static long Allocated(Action run)
        {
            long bytes = 0;
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                run();
                bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
            }
            return bytes;
        }
        long Measure(Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer? analyzer) => Allocated(() => bench.DiagnosticsOnly(analyzer));
        Console.WriteLine($"generator, cold driver, its output parsed: {Allocated(() => bench.GeneratorOnly()) / 1e6:0.0} MB");
        Console.WriteLine($"control: a generator that only finds the attribute, cold driver: {Allocated(() => bench.AttributeSearchOnly()) / 1e6:0.0} MB");
        var none = Measure(null);
        Console.WriteLine($"diagnostics pass without analyzers: {none / 1e6:0.0} MB");
        void Row(string name, Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer analyzer) =>
            Console.WriteLine($"{name}: +{(Measure(analyzer) - none) / 1e6:0.0} MB");
        Row("control: idle analyzer", new IdleAnalyzer());
        Row("control: counting operation action", new CountingOperationAnalyzer());
        Row("control: counting code block action", new CountingControlAnalyzer(ControlAction.CodeBlock));
        Row("control: counting semantic model action", new CountingControlAnalyzer(ControlAction.SemanticModel));
        foreach (var analyzer in AnalyzerBenchmarks.Analyzers()) Row(analyzer.GetType().Name, analyzer);
        Row("control: idle analyzer, again", new IdleAnalyzer());
        return 0;
    }

    /// <summary>
    /// `-- cold`: what the first use of the API description costs a compiler process that has not run IdeogramGen yet
    /// (each of the analyzers' and the generator's assemblies carries its own copy of the tables), and the analyzers'
    /// name tables built from it. Run it as a fresh process; a second call in the same process measures nothing.
    /// </summary>
    private static int PrintColdStart()
    {
        static double Initialize(System.Reflection.Assembly assembly, string type)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(assembly.GetType(type, throwOnError: true)!.TypeHandle);
            return watch.Elapsed.TotalMilliseconds;
        }
        var analyzers = typeof(IdeogramGen.Analyzers.RequestValueAnalyzer).Assembly;
        var generator = typeof(IdeogramGen.Generator.IdeogramGatewayGenerator).Assembly;
        var api = Initialize(analyzers, "IdeogramGen.ApiDescription.IdeogramApi");
        var names = Initialize(analyzers, "IdeogramGen.Analyzers.TreeConcerns") + Initialize(analyzers, "IdeogramGen.Analyzers.TextScreen");
        var generatorApi = Initialize(generator, "IdeogramGen.ApiDescription.IdeogramApi");
        Console.WriteLine($"first use in a fresh process: the analyzers' API description {api:0.0} ms, their name tables {names:0.0} ms, the generator's API description {generatorApi:0.0} ms");
        // Then the generator's first runs on the call-site project's freshly parsed files, after a control generator's
        // (which JIT-compiles the driver and the attribute search): what a cold compiler process spends before compiling.
        double Run(Func<GeneratorDriver> driver)
        {
            var compilation = CallSiteProject.Compilation(CallSiteProject.ParseSources());
            var watch = System.Diagnostics.Stopwatch.StartNew();
            driver().RunGenerators(compilation);
            return watch.Elapsed.TotalMilliseconds;
        }
        var control = Run(() => CSharpGeneratorDriver.Create(new AttributeOnlyGenerator()));
        var first = Run(LargeProject.IdeogramDriver);
        var second = Run(LargeProject.IdeogramDriver);
        var controlAgain = Run(() => CSharpGeneratorDriver.Create(new AttributeOnlyGenerator()));
        Console.WriteLine($"generator runs on fresh trees: control {control:0.0} ms then {controlAgain:0.0} ms; IdeogramGen {first:0.0} ms then {second:0.0} ms");
        return 0;
    }

    /// <summary>`-- lines`: the generated source of the 2,000-file project with 40 clients, in lines, for each generator.</summary>
    private static int PrintGeneratedLines()
    {
        var bench = new CompileBenchmarks();
        bench.Setup();
        var client = bench.IdeogramCompilation.SyntaxTrees.First(t => t.FilePath.EndsWith("Images0.Ideogram.g.cs", StringComparison.Ordinal));
        Console.WriteLine($"IdeogramGen, 40 clients: {CompileBenchmarks.GeneratedLines(bench.IdeogramCompilation)} lines (one client's file: {client.GetText().Lines.Count})");
        Console.WriteLine($"Refit, 40 clients: {CompileBenchmarks.GeneratedLines(bench.RefitCompilation)} lines");
        return 0;
    }
}
