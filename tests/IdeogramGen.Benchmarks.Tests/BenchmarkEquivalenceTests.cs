using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using IdeogramGen.Benchmarks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IdeogramGen.Benchmarks.Tests;

/// <summary>
/// Each benchmark method, called once after its GlobalSetup, gives the same result as the implementation it is
/// compared with: the benchmarks compare equal work. Timing is left to BenchmarkDotNet.
/// </summary>
public class BenchmarkEquivalenceTests
{
    [Fact]
    public void Every_benchmark_class_is_covered_here()
    {
        var types = typeof(SerializationBenchmarks).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() != null))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(new[] { nameof(AnalyzerBenchmarks), nameof(BuildShareBenchmarks), nameof(ClientCallBenchmarks), nameof(CompileBenchmarks), nameof(DownloadBenchmarks), nameof(GeneratorBenchmarks), nameof(ParsingBenchmarks), nameof(SerializationBenchmarks) }, types.Select(t => t.Name));
        foreach (var type in types)
        {
            Assert.NotNull(type.GetCustomAttribute<MemoryDiagnoserAttribute>());
            Assert.Single(type.GetMethods(), m => m.GetCustomAttribute<BenchmarkAttribute>()?.Baseline == true);
        }
    }

    [Fact]
    public void Serialization_benchmarks_write_the_same_bytes()
    {
        var bench = new SerializationBenchmarks();
        bench.Setup();
        var baseline = bench.StjReflection();
        Assert.Equal(Encoding.UTF8.GetString(baseline), Encoding.UTF8.GetString(bench.Generated()));
        Assert.Equal(Encoding.UTF8.GetString(baseline), Encoding.UTF8.GetString(bench.StjSourceGenerated()));
        Assert.StartsWith("{\"prompt\":\"A serene landscape", Encoding.UTF8.GetString(baseline));
        Assert.Contains("\"num_images\":4", Encoding.UTF8.GetString(baseline));
    }

    [Fact]
    public void Parsing_benchmarks_read_the_same_images()
    {
        var bench = new ParsingBenchmarks();
        bench.Setup();
        var baseline = Summary(bench.StjReflection()!);
        Assert.Equal(Payloads.ImageCount, baseline.Count);
        Assert.Equal(baseline, Summary(bench.StjSourceGenerated()!));
        Assert.Equal(baseline, Summary(bench.Generated()));
        Assert.Equal(bench.StjReflection()!.Created, bench.Generated().Created);
    }

    [Fact]
    public async Task Client_call_benchmarks_send_the_same_body_and_read_the_same_answer()
    {
        var bench = new ClientCallBenchmarks();
        bench.Setup();
        var floor = await bench.Floor();
        var refit = await bench.Refit();
        var generated = await bench.Generated();

        Assert.Equal(Summary(floor), Summary(generated));
        Assert.Equal(Summary(refit), Summary(generated));
        Assert.Equal(Encoding.UTF8.GetString(bench.FloorHandler.LastRequestBody!), Encoding.UTF8.GetString(bench.GeneratedHandler.LastRequestBody!));
        Assert.Equal(bench.FloorHandler.LastRequestUri, bench.GeneratedHandler.LastRequestUri);
        Assert.Equal("01JSKV6Q8T3R4WAXB5C7D9EFGH", generated.Gateway.LogId);
        Assert.Equal(1, generated.WithheldCount);
        Assert.Equal(Encoding.UTF8.GetString(bench.RefitHandler.LastRequestBody!), Encoding.UTF8.GetString(bench.GeneratedHandler.LastRequestBody!));
        Assert.Equal(bench.RefitHandler.LastRequestUri, bench.GeneratedHandler.LastRequestUri);
        Assert.Equal(new Uri(Images.GatewayBaseUrl + "v1/ideogram-v3/generate"), bench.GeneratedHandler.LastRequestUri);
    }

    [Fact]
    public void Generator_benchmarks_generate_40_clients_with_every_endpoint_each_and_the_re_runs_reuse_them()
    {
        var bench = new GeneratorBenchmarks();
        bench.Setup();
        var measured = IdeogramGen.ApiDescription.IdeogramApi.Endpoints.Where(e => LargeProject.MeasuredFamilies.Contains(e.Family) && e.Mode == IdeogramGen.ApiDescription.EndpointMode.Sync).ToList();
        var paths = measured.Select(e => e.Path.TrimStart('/')).ToList();
        Assert.NotEmpty(paths);
        // Families the description gains later are left out of both sides.
        var others = IdeogramGen.ApiDescription.IdeogramApi.Endpoints.Where(e => !LargeProject.MeasuredFamilies.Contains(e.Family))
            .Select(e => "\"" + e.Path.TrimStart('/') + "\"").Where(p => !paths.Contains(p.Trim('"'))).ToList();
        Assert.All(LargeProject.IdeogramClients().Split("[IdeogramGen.IdeogramGateway(").Skip(1),
            c => Assert.Contains("Families = " + LargeProject.FamiliesArgument + ")]", c, StringComparison.Ordinal));

        var ideogram = bench.FirstRun().GetRunResult();
        Assert.Empty(ideogram.Diagnostics);
        var ideogramSources = ideogram.Results.Single().GeneratedSources;
        Assert.Equal(LargeProject.Clients + 1, ideogramSources.Length);
        var clients = ideogramSources.Where(s => s.HintName != "IdeogramGen.Models.g.cs").Select(s => s.SourceText.ToString()).ToList();
        Assert.All(clients, text => Assert.All(paths, path => Assert.Contains("\"" + path + "\"", text, StringComparison.Ordinal)));
        Assert.All(clients, text => Assert.All(others, path => Assert.DoesNotContain(path, text, StringComparison.Ordinal)));

        var refit = bench.RefitFirstRun().GetRunResult();
        Assert.Empty(refit.Diagnostics);
        var refitText = string.Join("\n", refit.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));
        for (int i = 0; i < LargeProject.Clients; i++) Assert.Contains("IImages" + i, refitText, StringComparison.Ordinal);
        Assert.All(measured, e => Assert.Contains(e.Name + "Async(", refitText, StringComparison.Ordinal));

        // The re-runs after an unrelated edit hand back the cached outputs rather than emitting them again.
        Assert.All(bench.IncrementalRun().GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(ideogramSources.Select(s => s.SourceText.ToString()), bench.IncrementalRun().GetRunResult().Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Equal(refit.Results.Single().GeneratedSources.Length, bench.RefitIncrementalRun().GetRunResult().Results.Single().GeneratedSources.Length);
    }

    [Fact]
    public void Compile_benchmarks_compile_the_same_project_with_and_without_the_clients()
    {
        var bench = new CompileBenchmarks();
        bench.Setup();
        foreach (var result in new[] { bench.NoClient(), bench.Refit(), bench.IdeogramGen() })
            Assert.True(result.Success, string.Join("\n", result.Diagnostics.Take(10)));
        Assert.Equal(LargeProject.Files + 1, bench.RefitCompilation.SyntaxTrees.Count(t => !t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)));
        Assert.Equal(LargeProject.Files + 1, bench.IdeogramCompilation.SyntaxTrees.Count(t => !t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)));
        Assert.True(CompileBenchmarks.GeneratedLines(bench.RefitCompilation) > 0);
        Assert.True(CompileBenchmarks.GeneratedLines(bench.IdeogramCompilation) > 0);
    }

    [Fact]
    public void Analyzer_benchmarks_compile_the_same_project_and_the_analyzers_find_what_the_call_sites_are_written_to_produce()
    {
        var bench = new AnalyzerBenchmarks();
        bench.Setup();
        var without = bench.WithoutIdeogramGen();
        var with = bench.WithIdeogramGen();
        var idle = bench.IdleAnalyzerControl();
        var operations = bench.OperationAnalyzerControl();
        var csc = bench.CscRun();
        foreach (var emit in new[] { without.Emit, with.Emit, bench.OnePass(), csc, idle.Emit, operations.Emit })
            Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Take(10)));

        // The project: 2,000 ordinary files, one [IdeogramGateway] class, 10 feature classes with 5 call sites each
        // on the generated client, and the composition root.
        var sources = without.Compilation.SyntaxTrees.Where(t => !t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).ToList();
        Assert.Equal(LargeProject.Files + CallSiteProject.FeatureFiles + 2, sources.Count);
        Assert.Single(sources.SelectMany(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax>()),
            a => a.Name.ToString() == "IdeogramGen.IdeogramGateway");
        var callSites = sources.Where(t => t.FilePath.StartsWith("Feature", StringComparison.Ordinal))
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
            .Where(m => m.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax>().Any(a => a.Expression.ToString() is "_images" or "Images"))
            .ToList();
        Assert.Equal(CallSiteProject.CallSites, callSites.Count);

        // The same user sources in every row; the "with" row's generator output is what the baseline compiles in its place.
        // Each row parses its own trees (nothing a tree remembers carries over from one row or iteration to the next).
        static IEnumerable<(string, string)> Texts(IEnumerable<SyntaxTree> trees) => trees.Select(t => (t.FilePath, t.GetText().ToString()));
        static bool Generated(SyntaxTree t) => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal);
        Assert.Equal(Texts(sources), Texts(with.Compilation.SyntaxTrees.Where(t => !Generated(t))));
        Assert.Empty(sources.Intersect(with.Compilation.SyntaxTrees));
        Assert.Empty(sources.Intersect(bench.WithoutIdeogramGen().Compilation.SyntaxTrees));
        Assert.Equal(2, bench.GeneratedTrees.Length);
        Assert.Equal(Texts(bench.GeneratedTrees), Texts(with.Compilation.SyntaxTrees.Where(Generated)));
        Assert.Equal(Texts(bench.GeneratedTrees), Texts(without.Compilation.SyntaxTrees.Where(Generated)));

        // The compiler has nothing to say about the project in either row; only the analyzers do, and exactly what
        // the call sites are written to produce, where they are.
        Assert.Empty(without.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        Assert.Empty(with.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.Id.StartsWith("IDG", StringComparison.Ordinal)).Select(d => d.ToString()));
        var found = with.Diagnostics.Where(d => d.Id.StartsWith("IDG", StringComparison.Ordinal))
            .Select(d => (d.Id, System.IO.Path.GetFileName(d.Location.GetLineSpan().Path))).OrderBy(d => d).ToList();
        Assert.Equal(CallSiteProject.ExpectedDiagnostics.OrderBy(d => d), found);

        // Every analyzer of the assembly is in the row and registered its actions on the project (the runtime is
        // referenced, so none returns early), and the controls ran.
        var telemetry = bench.Telemetry();
        Assert.Equal(AnalyzerBenchmarks.Analyzers().Select(a => a.GetType().Name), telemetry.Analyzers.Select(a => a.Analyzer));
        Assert.Equal(7, telemetry.Analyzers.Count);
        Assert.All(telemetry.Analyzers, a => Assert.True(a.Info.CompilationStartActionsCount <= 1 && a.Info.SymbolActionsCount + a.Info.OperationActionsCount
            + a.Info.SyntaxNodeActionsCount + a.Info.SyntaxTreeActionsCount + a.Info.SemanticModelActionsCount + a.Info.AdditionalFileActionsCount > 0, a.Analyzer));
        Assert.Equal(found, telemetry.Diagnostics.Select(d => (d.Id, System.IO.Path.GetFileName(d.Location.GetLineSpan().Path))).OrderBy(d => d));
        Assert.Equal(1, ((IdleAnalyzer)idle.Control!).Started);
        var search = new AttributeOnlyGenerator();
        Assert.Empty(bench.AttributeSearchOnly(search).GetRunResult().GeneratedTrees);
        Assert.Equal(1, search.Found);
        Assert.True(((CountingOperationAnalyzer)operations.Control!).Invocations >= CallSiteProject.CallSites);
        Assert.Empty(idle.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(operations.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Build_share_benchmarks_run_every_analyzer_action_as_the_driver_does_and_the_generators_find_the_client()
    {
        var bench = new BuildShareBenchmarks();
        bench.Setup();
        Assert.True(bench.CscRun().Success);

        // The host hands the analyzers the project as Roslyn's driver does: the same findings, in the same places,
        // alone and on models whose operations an operation analyzer has built.
        static List<string> Findings(IEnumerable<Diagnostic> diagnostics) => diagnostics
            .Where(d => d.Id.StartsWith("IDG", StringComparison.Ordinal))
            .Select(d => $"{d.Id} {d.Location.GetLineSpan()}").OrderBy(d => d, StringComparer.Ordinal).ToList();
        var project = new AnalyzerBenchmarks();
        project.Setup();
        var driver = Findings(project.Telemetry().Diagnostics);
        Assert.Equal(CallSiteProject.ExpectedDiagnostics.Count, driver.Count);
        bench.BindProject();
        Assert.Equal(driver, Findings(bench.Analyzers()));
        bench.BindProjectAndBuildOperations();
        Assert.Equal(driver, Findings(bench.AnalyzersBesideOperations()));

        // A member's semantic model builds the member's operations once, whichever node is asked for first: the
        // operation of a call inside a method is the one in the method's tree. That is why an operation analyzer's
        // blocks and the rules' own requests share one tree.
        var compilation = CallSiteProject.Compilation(CallSiteProject.ParseSources());
        var models = BuildShareBenchmarks.BuildOperations(compilation);
        var feature = compilation.SyntaxTrees.Single(t => t.FilePath == "Feature0.cs");
        var method = feature.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().First();
        var call = method.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>().First();
        Assert.Same(models[feature].GetOperation(method)!.Descendants().OfType<IInvocationOperation>().First(o => o.Syntax == call), models[feature].GetOperation(call));
        Assert.True(AnalyzerHost.IsGenerated(project.GeneratedTrees[0]));
        Assert.False(AnalyzerHost.IsGenerated(feature));

        // A registration the host does not hand out is refused, not skipped.
        Assert.Throws<NotSupportedException>(() => AnalyzerHost.Run(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new CountingOperationAnalyzer()),
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty)));

        // Both generator rows find the one client; IdeogramGen's writes its code for it.
        bench.ParseProject();
        Assert.Contains(bench.Generator().GeneratedTrees, t => t.FilePath.EndsWith("Ideogram.g.cs", StringComparison.Ordinal));
        bench.ParseProject();
        Assert.Empty(bench.AttributeSearch().GeneratedTrees);
    }

    [Fact]
    public async Task Download_benchmarks_read_the_whole_image_once_each()
    {
        var bench = new DownloadBenchmarks();
        bench.Setup();
        try
        {
            Assert.Equal(20 * 1024 * 1024, bench.ImageBytes);
            Assert.Equal(bench.ImageBytes, await bench.RawCopy());
            Assert.Equal(bench.ImageBytes, await bench.Downloader());
            Assert.Equal(2, bench.Host.Served);
            // The downloader delivers the served bytes, in order.
            using var copy = new System.IO.MemoryStream();
            await new ImageDownloader(new System.Net.Http.HttpClient(bench.Host)).DownloadAsync(DownloadBenchmarks.Url, copy);
            Assert.True(bench.Host.Image.Span.SequenceEqual(copy.ToArray()));
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private static List<(int Seed, string? Url, bool Safe, string? Resolution, string? Style, string Prompt)> Summary(ImageResponsePoco response) =>
        response.Data.Select(i => (i.Seed, i.Url, i.IsImageSafe, i.Resolution, i.StyleType, i.Prompt)).ToList();

    private static List<(int Seed, string? Url, bool Safe, string? Resolution, string? Style, string Prompt)> Summary(ImageV3Response response) =>
        response.Data.Select(i => (i.Seed, i.Url, i.IsImageSafe, (string?)i.Resolution.Value, i.StyleType?.Value, i.Prompt)).ToList();
}
