using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using IdeogramGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IdeogramGen.TestSupport;

/// <summary>
/// The generated-source snapshots in tests/IdeogramGen.Tests/Snapshots: one consumer per endpoint family and what the
/// generator makes of it. Shared by the snapshot tests (which only compare) and tests/IdeogramGen.SnapshotUpdater
/// (which writes the files after an intended change).
/// </summary>
internal static class SnapshotCases
{
    /// <summary>The families with a snapshot; None has no models file.</summary>
    public static readonly string[] Families = { "V3", "V4", "InstructionEdit", "Legacy", "RemoveBackground", "V45", "PImage", "RemoveObject", "V2", "None" };

    /// <summary>The assembly name of every snapshot consumer (its models namespace is IdeogramGen.Generated.Contoso_Media).</summary>
    public const string AssemblyName = "Contoso.Media";

    /// <summary>The client file's hint name.</summary>
    public const string ClientHintName = "Contoso.Media.Images.Ideogram.g.cs";

    /// <summary>The consumer source for a family.</summary>
    public static string Source(string family) => $$"""
        using IdeogramGen;

        namespace Contoso.Media
        {
            [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "my-gateway", Families = EndpointFamilies.{{family}})]
            public partial class Images { }
        }
        """;

    /// <summary>The snapshot file of a generated file: Family.g.cs for the client, Family.Models.g.cs for the models.</summary>
    public static string SnapshotFile(string snapshotsFolder, string family, string hintName) =>
        Path.Combine(snapshotsFolder, family + (hintName == ClientHintName ? "" : ".Models") + ".g.cs");

    /// <summary>References of every consumer: .NET 10 reference assemblies, the runtime and the logging abstractions.</summary>
    public static readonly ImmutableArray<MetadataReference> References = ImmutableArray.CreateRange<MetadataReference>(
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(GatewayPipeline).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location)));

    /// <summary>Runs the generator on a family's consumer: hint name and text of each generated file.</summary>
    public static IReadOnlyList<(string HintName, string Text)> Generate(string family)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var compilation = CSharpCompilation.Create(AssemblyName,
            new[] { CSharpSyntaxTree.ParseText(Source(family), parse, path: "Images.cs") },
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(new[] { new IdeogramGatewayGenerator().AsSourceGenerator() }, parseOptions: parse);
        return driver.RunGenerators(compilation).GetRunResult().Results.Single().GeneratedSources
            .Select(s => (s.HintName, s.SourceText.ToString()))
            .ToList();
    }
}
