using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using IdeogramGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IdeogramGen.Tests.Generator;

/// <summary>Runs the generator over C# sources with the real runtime and .NET 10 reference assemblies.</summary>
internal static class GeneratorHarness
{
    public static readonly ImmutableArray<MetadataReference> References = ImmutableArray.CreateRange<MetadataReference>(
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(GatewayPipeline).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location)));

    public static CSharpParseOptions Parse(LanguageVersion version = LanguageVersion.Latest) =>
        new CSharpParseOptions(version, DocumentationMode.Diagnose);

    public static CSharpCompilation Compile(IEnumerable<string> sources, LanguageVersion version = LanguageVersion.Latest, NullableContextOptions nullable = NullableContextOptions.Enable) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, Parse(version), path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: version >= LanguageVersion.CSharp8 ? nullable : NullableContextOptions.Disable,
                generalDiagnosticOption: ReportDiagnostic.Error));

    public static GeneratorDriver Driver(LanguageVersion version = LanguageVersion.Latest) =>
        CSharpGeneratorDriver.Create(
            new[] { new IdeogramGatewayGenerator().AsSourceGenerator() },
            parseOptions: Parse(version),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator and returns the compilation with its output, and the generated sources.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Run(string source, LanguageVersion version = LanguageVersion.Latest)
    {
        var compilation = Compile(new[] { source }, version);
        var driver = Driver(version).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        return (output, driver.GetRunResult());
    }

    /// <summary>Diagnostics of warning severity or worse, minus those about the documentation of the test's own source.</summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError)
            .Where(d => !(d.Id == "CS1591" && !IsGenerated(d)))
            .ToList();

    private static bool IsGenerated(Diagnostic d) => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true;
}
