using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IdeogramGen.Extensions.Tests;

/// <summary>
/// Every ```csharp block of the README compiles, with the generator running, against the built assemblies (the
/// runtime, the extensions package and everything this test process loads: ASP.NET Core, Polly, health checks) and
/// the implicit usings of a web project. A block right after <c>&lt;!-- snippet: fragment --&gt;</c> is left out.
/// </summary>
public class ReadmeSnippetTests
{
    private const string FragmentMarker = "<!-- snippet: fragment -->";

    private static readonly string[] ImplicitUsings =
    {
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json", "System.Threading",
        "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    };

    public static IEnumerable<object[]> Snippets()
    {
        var text = File.ReadAllText(TestPaths.InRepo("README.md"));
        var blocks = Regex.Matches(text, @"(?<before>[^\n]*\n)?```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline);
        int index = 0;
        foreach (Match block in blocks)
        {
            index++;
            if (block.Groups["before"].Value.Trim() == FragmentMarker) continue;
            var line = text.Take(block.Index).Count(c => c == '\n') + 2;
            yield return new object[] { $"README.md line {line}", block.Groups["code"].Value };
        }
    }

    [Fact]
    public void The_README_has_compiled_snippets_for_the_app_model()
    {
        var all = Snippets().Select(s => (string)s[1]).ToList();
        Assert.True(all.Count >= 4, $"{all.Count} snippets");
        Assert.Contains(all, s => s.Contains("AddIdeogramGateway<Images>()", StringComparison.Ordinal) && s.Contains("AddIdeogramResilienceHandler()", StringComparison.Ordinal));
        Assert.Contains(all, s => s.Contains("IdeogramRequestMark.CanResend", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_compiles(string where, string code)
    {
        var globalUsings = string.Join("\n", ImplicitUsings.Select(u => $"global using global::{u};"));
        var trees = new List<SyntaxTree>
        {
            CSharpSyntaxTree.ParseText(code, Options, path: "Snippet.cs"),
            CSharpSyntaxTree.ParseText(globalUsings, Options, path: "GlobalUsings.cs"),
        };
        // A snippet that uses the client without declaring it gets the README's declaration.
        if (!Regex.IsMatch(code, @"partial\s+class\s+Images\b"))
            trees.Add(CSharpSyntaxTree.ParseText("[global::IdeogramGen.IdeogramGateway(\"3ebbcb006d4d46d7bb6a8c7f14676cb0\", \"my-gateway\")] public partial class Images { }", Options, path: "Images.cs"));

        var compilation = CSharpCompilation.Create("MyApp", trees, References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(Generators.Value.Select(GeneratorExtensions.AsSourceGenerator), parseOptions: Options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var errors = generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, where + ":\n" + string.Join("\n", errors.Select(e => e.ToString())));
    }

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Latest);

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    {
        // Everything this process can load: the framework (ASP.NET Core included), the runtime, the extensions, Polly.
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(p => !Path.GetFileName(p).StartsWith("IdeogramGen.Extensions.Tests", StringComparison.Ordinal))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First());
        var list = new List<MetadataReference>();
        foreach (var path in paths)
        {
            try
            {
                AssemblyName.GetAssemblyName(path);
                list.Add(MetadataReference.CreateFromFile(path));
            }
            catch (BadImageFormatException)
            {
                // a native library
            }
        }
        return list;
    });

    private static readonly Lazy<ImmutableArray<IIncrementalGenerator>> Generators = new(() =>
    {
        var path = TestPaths.InRepo("generator", "bin", TestPaths.Configuration, "netstandard2.0", "IdeogramGen.Generator.dll");
        var assembly = Assembly.LoadFrom(path);
        return assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t))
            .Select(t => (IIncrementalGenerator)Activator.CreateInstance(t)!)
            .ToImmutableArray();
    });
}
