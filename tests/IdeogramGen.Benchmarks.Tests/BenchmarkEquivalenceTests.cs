using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using IdeogramGen.Benchmarks;
using Microsoft.CodeAnalysis;

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
        Assert.Equal(new[] { nameof(ClientCallBenchmarks), nameof(GeneratorBenchmarks), nameof(ParsingBenchmarks), nameof(SerializationBenchmarks) }, types.Select(t => t.Name));
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
        var refit = await bench.Refit();
        var generated = await bench.Generated();

        Assert.Equal(Summary(refit), Summary(generated));
        Assert.Equal("01JSKV6Q8T3R4WAXB5C7D9EFGH", generated.Gateway.LogId);
        Assert.Equal(1, generated.WithheldCount);
        Assert.Equal(Encoding.UTF8.GetString(bench.RefitHandler.LastRequestBody!), Encoding.UTF8.GetString(bench.GeneratedHandler.LastRequestBody!));
        Assert.Equal(bench.RefitHandler.LastRequestUri, bench.GeneratedHandler.LastRequestUri);
        Assert.Equal(new Uri(Images.GatewayBaseUrl + "v1/ideogram-v3/generate"), bench.GeneratedHandler.LastRequestUri);
    }

    [Fact]
    public void Generator_benchmarks_emit_the_same_source_and_the_re_run_reuses_it()
    {
        var bench = new GeneratorBenchmarks();
        bench.Setup();
        var first = bench.FirstRun().GetRunResult();
        var again = bench.IncrementalRun().GetRunResult();

        Assert.Empty(first.Diagnostics);
        var firstSources = first.Results.Single().GeneratedSources;
        var againSources = again.Results.Single().GeneratedSources;
        Assert.Equal(new[] { "App.Images.Ideogram.g.cs", "IdeogramGen.Models.g.cs" }, firstSources.Select(s => s.HintName));
        Assert.Equal(firstSources.Select(s => (s.HintName, Text: s.SourceText.ToString())), againSources.Select(s => (s.HintName, Text: s.SourceText.ToString())));
        Assert.Contains("GenerateV3Async", firstSources[0].SourceText.ToString(), StringComparison.Ordinal);
        // The re-run after an unrelated edit hands back the cached output rather than emitting it again.
        Assert.Same(bench.IncrementalRun().GetRunResult().Results.Single().GeneratedSources[0].SourceText, bench.IncrementalRun().GetRunResult().Results.Single().GeneratedSources[0].SourceText);
    }

    private static List<(int Seed, string? Url, bool Safe, string? Resolution, string? Style, string Prompt)> Summary(ImageResponsePoco response) =>
        response.Data.Select(i => (i.Seed, i.Url, i.IsImageSafe, i.Resolution, i.StyleType, i.Prompt)).ToList();

    private static List<(int Seed, string? Url, bool Safe, string? Resolution, string? Style, string Prompt)> Summary(ImageV3Response response) =>
        response.Data.Select(i => (i.Seed, i.Url, i.IsImageSafe, (string?)i.Resolution.Value, i.StyleType?.Value, i.Prompt)).ToList();
}
