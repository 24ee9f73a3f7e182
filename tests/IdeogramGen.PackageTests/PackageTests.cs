using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using System.Threading.Tasks;

namespace IdeogramGen.PackageTests;

/// <summary>
/// The solution's packages as users get them: <c>dotnet pack IdeogramGen.sln</c> packs every packable project into a
/// folder feed; each package carries its readme, license and description; fresh console projects restore IdeogramGen
/// and IdeogramGen.Testing from that feed (their own NuGet cache, offline), build warning-free, and generate a real
/// image against the packaged emulator; a second project shows the analyzers' rules with IDs, severities, help links.
/// </summary>
[Collection(nameof(PackageCollection))]
public class PackageTests : IClassFixture<PackedSolution>
{
    private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
    private readonly LocalPackageFeed _feed;

    public PackageTests(PackedSolution packed) => _feed = packed.Feed;

    /// <summary>Every package the solution ships; a new packable project is added here on purpose.</summary>
    private static readonly string[] ExpectedPackages =
    {
        "IdeogramGen", "IdeogramGen.Testing", "IdeogramGen.Extensions", "IdeogramGen.Extensions.AI", "IdeogramGen.Extensions.Redis",
        "IdeogramGen.Webhooks", "IdeogramGen.Webhooks.AspNetCore",
    };

    [Fact]
    public void Packing_the_solution_produces_every_package()
    {
        Assert.Equal(ExpectedPackages.OrderBy(p => p, StringComparer.Ordinal), _feed.Packages.Keys.OrderBy(p => p, StringComparer.Ordinal));
        Assert.All(_feed.Packages.Values, p => Assert.True(File.Exists(p), p));
        Assert.Equal(_feed.Packages.Count, Directory.GetFiles(_feed.Feed, "*.nupkg").Length);
        Assert.DoesNotContain(_feed.PackOutput.Split('\n'), l => l.Contains(": warning NU", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_package_carries_its_readme_license_description_and_repository()
    {
        foreach (var (id, path) in _feed.Packages)
        {
            using var zip = ZipFile.OpenRead(path);
            var nuspec = Nuspec(zip);
            string Meta(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
            var readme = Meta("readme");
            Assert.False(string.IsNullOrEmpty(readme), id + " has no readme");
            var entry = zip.GetEntry(readme);
            Assert.True(entry is { Length: > 200 }, $"{id}: readme {readme} is missing or empty in the package");
            Assert.Equal("MIT", Meta("license"));
            Assert.True(Meta("description").Length > 40, id + " has no real description");
            Assert.Equal(_feed.Version, Meta("version"));
            Assert.NotNull(nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == "repository"));
            Assert.Contains(zip.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) && e.FullName.EndsWith(id + ".dll", StringComparison.Ordinal));
            Assert.Contains(zip.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) && e.FullName.EndsWith(id + ".xml", StringComparison.Ordinal));
            // Nothing a test or a sample needs leaks into what users install.
            var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string?)e.Attribute("id") ?? "").ToList();
            Assert.DoesNotContain(dependencies, d => d.StartsWith("xunit", StringComparison.OrdinalIgnoreCase) || d.StartsWith("Microsoft.NET.Test", StringComparison.Ordinal)
                || d.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || d == "BenchmarkDotNet" || d == "PolySharp");
        }
    }

    [Fact]
    public void No_test_sample_benchmark_or_build_tool_project_is_packed()
    {
        var solution = File.ReadAllText(TestPaths.InRepo("IdeogramGen.sln"));
        var notShipped = System.Text.RegularExpressions.Regex.Matches(solution, "\"(?<path>[^\"]+\\.csproj)\"")
            .Select(m => m.Groups["path"].Value.Replace('\\', '/'))
            .Where(p => p.StartsWith("tests/", StringComparison.Ordinal) || p.StartsWith("samples/", StringComparison.Ordinal)
                || p.StartsWith("benchmarks/", StringComparison.Ordinal) || p.StartsWith("description/", StringComparison.Ordinal))
            .Select(p => System.IO.Path.GetFileNameWithoutExtension(p))
            .ToList();
        Assert.NotEmpty(notShipped);
        Assert.Empty(_feed.Packages.Keys.Intersect(notShipped, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void Package_layout_is_runtime_in_lib_and_roslyn_parts_in_analyzers()
    {
        using var zip = ZipFile.OpenRead(_feed.PackagePath("IdeogramGen"));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var tfm in new[] { "netstandard2.0", "net8.0", "net10.0" })
            Assert.Contains($"lib/{tfm}/IdeogramGen.dll", entries);
        foreach (var dll in new[] { "IdeogramGen.Generator.dll", "IdeogramGen.Analyzers.dll", "IdeogramGen.CodeFixes.dll" })
            Assert.Contains("analyzers/dotnet/cs/" + dll, entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain("Microsoft.CodeAnalysis", Nuspec(zip).ToString());
    }

    [Fact]
    public void Emulator_package_targets_net8_and_net10_with_the_aspnetcore_framework()
    {
        using var zip = ZipFile.OpenRead(_feed.PackagePath("IdeogramGen.Testing"));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("lib/net8.0/IdeogramGen.Testing.dll", entries);
        Assert.Contains("lib/net10.0/IdeogramGen.Testing.dll", entries);
        Assert.Contains("testing.md", entries);
        var nuspec = Nuspec(zip);
        Assert.Contains(nuspec.Descendants(), e => e.Name.LocalName == "frameworkReference" && (string?)e.Attribute("name") == "Microsoft.AspNetCore.App");
    }

    [Fact]
    public async Task Fresh_consumer_of_both_packages_generates_and_downloads_a_png_from_the_packaged_emulator()
    {
        // Everything runs inside the consumer: the emulator from IdeogramGen.Testing, the generated client and the
        // downloader from IdeogramGen, and a gate from the emulator's testing API.
        var dir = _feed.NewConsumer("Consumer", """
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdeogramGen;
            using IdeogramGen.Generated.Consumer;
            using IdeogramGen.Testing;

            [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "my-gateway")]
            public partial class Images { }

            public static class Program
            {
                public static async Task<int> Main(string[] args)
                {
                    var credentials = IdeogramCredentials.FromEnvironment();
                    await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { ApiKey = Environment.GetEnvironmentVariable("IDEOGRAM_API_KEY") });
                    using var http = new HttpClient();
                    var images = new Images(http, credentials, new GatewayOptions { GatewayRoot = emulator.Root }, null);
                    var gate = new EmulatorGate();
                    emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));
                    var call = images.GenerateV3Async(new GenerateV3Request { Prompt = "A serene landscape with mountains and a lake at sunset", Seed = 42 });
                    await gate.WaitReachedAsync().WaitAsync(TimeSpan.FromSeconds(60));
                    if (call.IsCompleted) return 2;
                    gate.Release();
                    var result = await call;
                    var path = Path.Combine(args[0], "image.png");
                    long bytes = await new ImageDownloader(http).DownloadToFileAsync(result.Data[0].Url, path);
                    Console.WriteLine($"saved {path} {bytes} bytes {result.Data[0].Resolution} log {result.Gateway.LogId} billed {emulator.BilledRequestCount} path {emulator.Requests[0].IdeogramPath}");
                    return 0;
                }
            }
            """, new[] { "IdeogramGen", "IdeogramGen.Testing" }, treatWarningsAsErrors: true);

        var build = await _feed.DotNetAsync(dir, null, "build", "-c", "Release");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain(": warning ", build.Output);

        var outDir = Directory.CreateDirectory(System.IO.Path.Combine(dir, "out")).FullName;
        var run = await _feed.DotNetAsync(dir, new Dictionary<string, string> { ["IDEOGRAM_API_KEY"] = "ak-consumer-test-key" },
            "run", "-c", "Release", "--no-build", "--", outDir);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("billed 1 path /v1/ideogram-v3/generate", run.Output);
        var png = File.ReadAllBytes(System.IO.Path.Combine(outDir, "image.png"));
        Assert.Equal(PngSignature, png.Take(8).ToArray());
        Assert.Contains($"saved {System.IO.Path.Combine(outDir, "image.png")} {png.Length} bytes", run.Output);
    }

    [Fact]
    public async Task Analyzer_rules_appear_in_build_output_with_ids_severities_and_help_links()
    {
        var dir = _feed.NewConsumer("RulesConsumer", """
            using IdeogramGen;
            using IdeogramGen.Generated.RulesConsumer;

            [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "my-gateway")]
            public partial class Images { }

            public static class Program
            {
                public static void Main()
                {
                    IdeogramModel model = "V3";
                    var credentials = new IdeogramCredentials("ak-7Hq2vX9mLp4Rt8Wz1Nc6Bd3Fg5Jk0Ys2Ue4Io7Pa9Sd");
                    var request = new GenerateV3Request { Prompt = "p", NumImages = 12, AspectRatio = "16:9" };
                    System.Console.WriteLine(model.ToString() + credentials + request);
                }
            }
            """, new[] { "IdeogramGen" }, treatWarningsAsErrors: false);
        var sarif = Path.Combine(dir, "build.sarif");
        var build = await _feed.DotNetAsync(dir, null, "build", "-c", "Release", $"-p:ErrorLog={sarif}%2Cversion%3D2.1");
        // NumImages = 12 cannot succeed: IDG0201 is an error by default and fails the build; the others are warnings.
        Assert.True(build.ExitCode != 0, build.Output);
        Assert.Contains("warning IDG0101", build.Output);
        Assert.Contains("warning IDG0301", build.Output);
        Assert.Contains("error IDG0201", build.Output);
        Assert.Contains("warning IDG0103", build.Output);
        Assert.DoesNotContain("ak-7Hq2vX9mLp4Rt8Wz1Nc6Bd3Fg5Jk0Ys2Ue4Io7Pa9Sd", build.Output.Split('\n').Where(l => l.Contains("IDG0301", StringComparison.Ordinal)).FirstOrDefault() ?? "");

        using var doc = JsonDocument.Parse(File.ReadAllText(sarif));
        var run = doc.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r);
        var results = run.GetProperty("results").EnumerateArray().Select(r => (Id: r.GetProperty("ruleId").GetString()!, Level: r.GetProperty("level").GetString()!)).ToList();
        foreach (var id in new[] { "IDG0101", "IDG0103", "IDG0201", "IDG0301" })
        {
            Assert.Contains(results, r => r.Id == id && r.Level == (id == "IDG0201" ? "error" : "warning"));
            Assert.Equal($"https://github.com/ideogramgen/ideogramgen/blob/main/docs/rules/{id}.md", rules[id].GetProperty("helpUri").GetString());
            Assert.True(File.Exists(TestPaths.Docs(id)), "missing doc page for " + id);
        }
    }

    private static XElement Nuspec(ZipArchive zip)
    {
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XElement.Load(stream);
    }
}

[CollectionDefinition(nameof(PackageCollection), DisableParallelization = true)]
public sealed class PackageCollection
{
}

/// <summary>Packs the whole solution once for the class into a folder feed with a unique version and its own NuGet cache.</summary>
public sealed class PackedSolution : IAsyncLifetime
{
    internal LocalPackageFeed Feed { get; } = new("package");

    public async Task InitializeAsync() => await Feed.PackSolutionAsync();

    public async Task DisposeAsync() => await Feed.DisposeAsync();
}
