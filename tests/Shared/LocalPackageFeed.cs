using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace IdeogramGen.TestSupport;

/// <summary>
/// Every package of the solution, packed into a folder feed under a unique version, and consumer projects that restore
/// them from it the way a user's project does: outside the repository (none of its Directory.*.props apply), with their
/// own NuGet cache (a re-packed version is otherwise served from the global cache), offline (the feed plus the machine's
/// global packages folder as the only sources).
/// </summary>
internal sealed class LocalPackageFeed : IAsyncDisposable
{
    private static readonly TimeSpan PackGuard = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan CommandGuard = TimeSpan.FromMinutes(6);
    private static readonly Regex Created = new(@"Successfully created package '(?<path>[^']+\.nupkg)'", RegexOptions.CultureInvariant);

    public LocalPackageFeed(string purpose)
    {
        Root = Path.Combine(Path.GetTempPath(), "ideogramgen-" + purpose + "-" + Guid.NewGuid().ToString("N")[..8]);
        Version = "0.1.0-" + purpose + "." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Cache);
    }

    /// <summary>The temporary folder holding the feed, the cache and the consumers; deleted on dispose.</summary>
    public string Root { get; }

    /// <summary>The folder feed the packages are written to.</summary>
    public string Feed => Path.Combine(Root, "feed");

    /// <summary>The consumers' own NuGet cache (NUGET_PACKAGES).</summary>
    public string Cache => Path.Combine(Root, "nuget-packages");

    /// <summary>The version every package of this feed carries.</summary>
    public string Version { get; }

    /// <summary>The packages written by <see cref="PackSolutionAsync"/>, by package id.</summary>
    public IReadOnlyDictionary<string, string> Packages { get; private set; } = new Dictionary<string, string>();

    /// <summary>The output of the last pack.</summary>
    public string PackOutput { get; private set; } = "";

    /// <summary>The path of the package <paramref name="id"/> in the feed.</summary>
    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>
    /// Packs every packable project of IdeogramGen.sln (<c>dotnet pack IdeogramGen.sln</c>, as a user or CI does) from the
    /// outputs already built in this test assembly's configuration. Running the solution's tests builds every project
    /// first; when an output is missing (one test project built alone), the solution is built once and packed again.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pack failed; the message carries the CLI output.</exception>
    public async Task<IReadOnlyDictionary<string, string>> PackSolutionAsync()
    {
        var pack = await PackAsync().ConfigureAwait(false);
        if (pack.ExitCode != 0)
        {
            var build = await DotNetCli.RunAsync(TestPaths.RepoRoot, null, PackGuard,
                "build", "IdeogramGen.sln", "-c", TestPaths.Configuration, "-nodeReuse:false").ConfigureAwait(false);
            if (build.ExitCode != 0)
                throw new InvalidOperationException($"dotnet pack IdeogramGen.sln --no-build failed, and building the solution to retry failed too.\n{pack.Output}\n{build.Output}");
            pack = await PackAsync().ConfigureAwait(false);
        }
        PackOutput = pack.Output;
        if (pack.ExitCode != 0) throw new InvalidOperationException("dotnet pack IdeogramGen.sln failed:\n" + pack.Output);
        var packages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in Created.Matches(pack.Output))
        {
            var name = Path.GetFileNameWithoutExtension(m.Groups["path"].Value);
            packages[name.Substring(0, name.Length - Version.Length - 1)] = m.Groups["path"].Value;
        }
        Packages = packages;
        return packages;
    }

    private Task<(int ExitCode, string Output)> PackAsync() =>
        DotNetCli.RunAsync(TestPaths.RepoRoot, null, PackGuard,
            "pack", "IdeogramGen.sln", "-c", TestPaths.Configuration, "--no-build", "-o", Feed, $"-p:Version={Version}", "-nodeReuse:false");

    /// <summary>
    /// Writes a consumer project <paramref name="name"/> (net10.0) that references <paramref name="packages"/> at this
    /// feed's version, with <paramref name="program"/> as Program.cs; returns its folder.
    /// </summary>
    /// <param name="name">Folder and project name.</param>
    /// <param name="program">The Program.cs text.</param>
    /// <param name="packages">Package ids from this feed.</param>
    /// <param name="treatWarningsAsErrors">Whether the consumer builds with warnings as errors.</param>
    /// <param name="outputType">Exe (default) or Library.</param>
    /// <param name="extraPackages">Further package references with their versions (from the machine's global packages folder).</param>
    public string NewConsumer(string name, string program, IEnumerable<string> packages, bool treatWarningsAsErrors,
        string outputType = "Exe", IEnumerable<(string Id, string Version)>? extraPackages = null)
    {
        var dir = Path.Combine(Root, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="ideogramgen-local" value="{Feed}" />
                <add key="machine-packages" value="{GlobalPackagesFolder()}" />
              </packageSources>
            </configuration>
            """);
        var references = string.Join("\n    ", packages.Select(id => $"<PackageReference Include=\"{id}\" Version=\"{Version}\" />")
            .Concat((extraPackages ?? Array.Empty<(string, string)>()).Select(p => $"<PackageReference Include=\"{p.Id}\" Version=\"{p.Version}\" />")));
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>{outputType}</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <TreatWarningsAsErrors>{(treatWarningsAsErrors ? "true" : "false")}</TreatWarningsAsErrors>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                {references}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), program);
        return dir;
    }

    /// <summary>
    /// Runs the dotnet CLI in a consumer with this feed's NuGet cache; build-type commands get switches that leave no
    /// compiler server or MSBuild node behind (after <c>run … --</c> every argument belongs to the program).
    /// </summary>
    public Task<(int ExitCode, string Output)> DotNetAsync(string dir, IDictionary<string, string>? environment, params string[] args)
    {
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["NUGET_PACKAGES"] = Cache };
        var extra = args[0] == "run" ? Array.Empty<string>() : new[] { "-nodeReuse:false", "-p:UseSharedCompilation=false" };
        return DotNetCli.RunAsync(dir, env, CommandGuard, args.Concat(extra).ToArray());
    }

    /// <summary>The environment a process needs to see this feed's cache (e.g. a language server loading the consumer).</summary>
    public Dictionary<string, string> ConsumerEnvironment() => DotNetCli.Environment(new Dictionary<string, string> { ["NUGET_PACKAGES"] = Cache });

    /// <summary>The machine's global packages folder (where the repository's own restore put every dependency).</summary>
    private static string GlobalPackagesFolder()
    {
        var configured = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrEmpty(configured)) return configured;
        return Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}
