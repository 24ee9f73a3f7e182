using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using IdeogramGen.Testing;

namespace IdeogramGen.IntegrationTests;

/// <summary>
/// The packed IdeogramGen package as a user gets it: a fresh console project restores it from a local folder feed
/// (with its own NuGet cache), builds warning-free, and generates a real image against the emulator; a second project
/// shows the analyzers' rules with their IDs, severities and help links.
/// </summary>
[Collection(nameof(PackageCollection))]
public class PackageTests : IClassFixture<PackedPackage>
{
    private readonly PackedPackage _package;

    public PackageTests(PackedPackage package) => _package = package;

    [Fact]
    public void Package_layout_is_runtime_in_lib_and_roslyn_parts_in_analyzers()
    {
        using var zip = ZipFile.OpenRead(_package.Path);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var tfm in new[] { "netstandard2.0", "net8.0", "net10.0" })
            Assert.Contains($"lib/{tfm}/IdeogramGen.dll", entries);
        foreach (var dll in new[] { "IdeogramGen.Generator.dll", "IdeogramGen.Analyzers.dll", "IdeogramGen.CodeFixes.dll" })
            Assert.Contains("analyzers/dotnet/cs/" + dll, entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("CodeAnalysis", StringComparison.Ordinal));
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var text = nuspec.ReadToEnd();
        Assert.DoesNotContain("Microsoft.CodeAnalysis", text);
    }

    [Fact]
    public async Task Fresh_consumer_builds_and_generates_a_png_against_the_emulator()
    {
        var dir = _package.NewConsumer("Consumer", """
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdeogramGen;
            using IdeogramGen.Generated.Consumer;

            [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "my-gateway")]
            public partial class Images { }

            public static class Program
            {
                public static async Task<int> Main(string[] args)
                {
                    using var http = new HttpClient();
                    var images = new Images(http, IdeogramCredentials.FromEnvironment(), new GatewayOptions { GatewayRoot = new Uri(args[0]) }, null);
                    var result = await images.GenerateV3Async(new GenerateV3Request { Prompt = "A serene landscape with mountains and a lake at sunset", Seed = 42 });
                    var path = Path.Combine(args[1], "image.png");
                    await new ImageDownloader(http).DownloadToFileAsync(result.Data[0].Url, path);
                    Console.WriteLine($"saved {path} {result.Data[0].Resolution} log {result.Gateway.LogId}");
                    return 0;
                }
            }
            """, treatWarningsAsErrors: true);

        var build = await _package.DotNetAsync(dir, "build", "-c", "Release");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain(": warning ", build.Output);

        await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { ApiKey = "ak-consumer-test-key" });
        var outDir = Directory.CreateDirectory(Path.Combine(dir, "out")).FullName;
        var run = await _package.DotNetAsync(dir, new Dictionary<string, string> { ["IDEOGRAM_API_KEY"] = "ak-consumer-test-key" },
            "run", "-c", "Release", "--no-build", "--", emulator.Root.AbsoluteUri, outDir);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("saved", run.Output);
        var png = File.ReadAllBytes(Path.Combine(outDir, "image.png"));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png.Take(8).ToArray());
        Assert.Equal(1, emulator.BilledRequestCount);
    }

    [Fact]
    public async Task Analyzer_rules_appear_in_build_output_with_ids_severities_and_help_links()
    {
        var dir = _package.NewConsumer("RulesConsumer", """
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
            """, treatWarningsAsErrors: false);
        var sarif = Path.Combine(dir, "build.sarif");
        var build = await _package.DotNetAsync(dir, "build", "-c", "Release", $"-p:ErrorLog={sarif}%2Cversion%3D2.1");
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
}

[CollectionDefinition(nameof(PackageCollection), DisableParallelization = true)]
public sealed class PackageCollection
{
}

/// <summary>Packs IdeogramGen once for the class into a folder feed with a unique version and its own NuGet cache.</summary>
public sealed class PackedPackage : IAsyncLifetime
{
    private readonly string _root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ideogramgen-package-" + Guid.NewGuid().ToString("N")[..8]);

    public string Feed => System.IO.Path.Combine(_root, "feed");
    public string Cache => System.IO.Path.Combine(_root, "nuget-packages");
    public string Version { get; } = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
    public string Path => System.IO.Path.Combine(Feed, $"IdeogramGen.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Cache);
        var pack = await DotNet.RunAsync(TestPaths.RepoRoot, new Dictionary<string, string>(), TimeSpan.FromMinutes(8),
            "pack", "runtime/IdeogramGen.csproj", "-c", TestPaths.Configuration, "-o", Feed, $"-p:Version={Version}", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.True(pack.ExitCode == 0, pack.Output);
        Assert.True(File.Exists(Path), pack.Output);
    }

    public string NewConsumer(string name, string program, bool treatWarningsAsErrors)
    {
        var dir = System.IO.Path.Combine(_root, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(System.IO.Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="ideogramgen-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(System.IO.Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <TreatWarningsAsErrors>{(treatWarningsAsErrors ? "true" : "false")}</TreatWarningsAsErrors>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="IdeogramGen" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(System.IO.Path.Combine(dir, "Program.cs"), program);
        // Keep the repository's Directory.*.props out of the consumer: it lives outside the repository tree.
        return dir;
    }

    public Task<(int ExitCode, string Output)> DotNetAsync(string dir, params string[] args) => DotNetAsync(dir, new Dictionary<string, string>(), args);

    public Task<(int ExitCode, string Output)> DotNetAsync(string dir, IDictionary<string, string> environment, params string[] args)
    {
        var env = new Dictionary<string, string>(environment) { ["NUGET_PACKAGES"] = Cache };
        // After "dotnet run ... --" every argument goes to the program, so build switches are added to other commands only.
        var extra = args[0] == "run" ? Array.Empty<string>() : new[] { "-nodeReuse:false", "-p:UseSharedCompilation=false" };
        return DotNet.RunAsync(dir, env, TimeSpan.FromMinutes(5), args.Concat(extra).ToArray());
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}
