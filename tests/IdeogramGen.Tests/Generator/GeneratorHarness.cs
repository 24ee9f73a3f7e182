using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using IdeogramGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IdeogramGen.Tests.Generator;

/// <summary>Runs the generator over C# sources with the real runtime and .NET 10 reference assemblies.</summary>
internal static class GeneratorHarness
{
    /// <summary>The assembly name of test compilations; its default models namespace is <see cref="ModelsNamespace"/>.</summary>
    public const string AssemblyName = "Consumer";

    public const string ModelsNamespace = "IdeogramGen.Generated.Consumer";

    public static readonly ImmutableArray<MetadataReference> References = SnapshotCases.References;

    public static CSharpParseOptions Parse(LanguageVersion version = LanguageVersion.Latest) =>
        new CSharpParseOptions(version, DocumentationMode.Diagnose);

    public static CSharpCompilation Compile(IEnumerable<string> sources, LanguageVersion version = LanguageVersion.Latest,
        NullableContextOptions nullable = NullableContextOptions.Enable, string assemblyName = AssemblyName, IEnumerable<MetadataReference>? extraReferences = null) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, Parse(version), path: $"Source{i}.cs")),
            References.Concat(extraReferences ?? Array.Empty<MetadataReference>()),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: version >= LanguageVersion.CSharp8 ? nullable : NullableContextOptions.Disable,
                generalDiagnosticOption: ReportDiagnostic.Error));

    public static GeneratorDriver Driver(LanguageVersion version = LanguageVersion.Latest, IReadOnlyDictionary<string, string>? buildProperties = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new IdeogramGatewayGenerator().AsSourceGenerator() },
            parseOptions: Parse(version),
            optionsProvider: buildProperties == null ? null : new BuildProperties(buildProperties),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator and returns the compilation with its output, and the generated sources.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Run(string source, LanguageVersion version = LanguageVersion.Latest) =>
        Run(Compile(new[] { source }, version), Driver(version));

    public static (Compilation Output, GeneratorDriverRunResult Run) Run(Compilation compilation, GeneratorDriver driver)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        return (output, driver.GetRunResult());
    }

    /// <summary>The text of the generated file with this hint name.</summary>
    public static string Generated(GeneratorDriverRunResult run, string hintName) =>
        run.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>Diagnostics of warning severity or worse, minus those about the documentation of the test's own source.</summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError)
            .Where(d => !(d.Id == "CS1591" && !IsGenerated(d)))
            .ToList();

    public static void AssertNoProblems(Compilation compilation)
    {
        var problems = Problems(compilation);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    private static bool IsGenerated(Diagnostic d) => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true;

    /// <summary>MSBuild properties as the compiler passes them (build_property.X in the global analyzer config).</summary>
    private sealed class BuildProperties : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global;

        public BuildProperties(IReadOnlyDictionary<string, string> properties) =>
            _global = new Options(properties.ToDictionary(kv => "build_property." + kv.Key, kv => kv.Value));

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());
            private readonly Dictionary<string, string> _values;

            public Options(Dictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
        }
    }
}
