using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using IdeogramGen.ApiDescription;
using IdeogramGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace IdeogramGen.Benchmarks;

/// <summary>
/// A 2,000-file project with 40 clients, declared twice: as 40 <c>[IdeogramGateway]</c> classes and as 40 Refit
/// interfaces with one method per Ideogram endpoint (same paths, hand-written body and answer types). Both sides cover
/// the same endpoint families, named explicitly (<see cref="MeasuredFamilies"/>), so families added to the description
/// later do not change what is compared.
/// </summary>
public static class LargeProject
{
    public const int Files = 2000;
    public const int Clients = 40;

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>A library with nullable reference types on, as the benchmarks compile every project.</summary>
    public static readonly CSharpCompilationOptions CompilationOptions =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>
    /// The endpoint families both sides measure: the set of April 2026 (Ideogram's 2026-04-27 OpenAPI document and
    /// <c>/v1/remove-background</c>). Kept fixed so that results stay comparable across runs.
    /// </summary>
    public static readonly IReadOnlyList<string> MeasuredFamilies = new[]
    {
        ApiFamilies.V3, ApiFamilies.V4, ApiFamilies.InstructionEdit, ApiFamilies.Legacy, ApiFamilies.RemoveBackground,
    };

    /// <summary>The <c>Families</c> argument of each <c>[IdeogramGateway]</c> class: <see cref="MeasuredFamilies"/> as C#.</summary>
    public static string FamiliesArgument => string.Join(" | ", MeasuredFamilies.Select(f => "global::IdeogramGen.EndpointFamilies." + f));

    /// <summary>
    /// The synchronous endpoints of <see cref="MeasuredFamilies"/>, in the description's order: what the Refit interfaces
    /// declare (the asynchronous submits and polls have emitters of their own).
    /// </summary>
    internal static IReadOnlyList<ApiEndpoint> MeasuredEndpoints => IdeogramApi.Endpoints.Where(e => MeasuredFamilies.Contains(e.Family) && e.Mode == EndpointMode.Sync).ToList();

    private static readonly ImmutableArray<MetadataReference> References = ImmutableArray.CreateRange<MetadataReference>(
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(GatewayPipeline).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Refit.PostAttribute).Assembly.Location)));

    /// <summary>One ordinary file of the project.</summary>
    public static string OrdinaryFile(int i) => $$"""
        namespace App.Domain{{i % 50}}
        {
            public sealed class Entity{{i}}
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
                public decimal Price(int count) => count * {{i % 7 + 1}}m;
                public override string ToString() => Name + "#" + Id;
            }
        }
        """;

    /// <summary>The edited form of file 0 (an unrelated edit).</summary>
    public static string EditedFile() => OrdinaryFile(0).Replace("* 1m", "* 2m");

    public static string IdeogramClients() => string.Join("\n", Enumerable.Range(0, Clients).Select(i => $$"""
        namespace App.Clients
        {
            [IdeogramGen.IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "gateway-{{i}}", Families = {{FamiliesArgument}})]
            public partial class Images{{i}} { }
        }
        """));

    /// <summary>The Refit interfaces: one POST per Ideogram endpoint, JSON body or multipart as Ideogram takes it.</summary>
    public static string RefitClients()
    {
        var w = new System.Text.StringBuilder();
        w.AppendLine("namespace App.Refit {");
        var endpoints = MeasuredEndpoints;
        foreach (var e in endpoints)
            w.AppendLine($"public sealed class {e.Name}Body {{ public string? Prompt {{ get; set; }} public int? NumImages {{ get; set; }} }}");
        foreach (var s in IdeogramApi.Schemas)
            w.AppendLine($"public sealed class {s.TypeName}Poco {{ public string? Created {{ get; set; }} }}");
        for (int i = 0; i < Clients; i++)
        {
            w.AppendLine($"public interface IImages{i} {{");
            foreach (var e in endpoints)
            {
                var response = IdeogramApi.FindSchema(e.Response)!.TypeName + "Poco";
                if (e.AcceptsJson && e.Encoding != BodyEncoding.MultipartWithJsonPart)
                    w.AppendLine($"  [global::Refit.Post(\"{e.Path}\")] global::System.Threading.Tasks.Task<{response}> {e.Name}Async([global::Refit.Body] {e.Name}Body request, global::System.Threading.CancellationToken cancellationToken = default);");
                else
                    w.AppendLine($"  [global::Refit.Multipart] [global::Refit.Post(\"{e.Path}\")] global::System.Threading.Tasks.Task<{response}> {e.Name}Async(string prompt, global::Refit.StreamPart image, global::System.Threading.CancellationToken cancellationToken = default);");
            }
            w.AppendLine("}");
        }
        w.AppendLine("}");
        return w.ToString();
    }

    public static CSharpCompilation Compilation(string clients)
    {
        var trees = Enumerable.Range(0, Files).Select(i => CSharpSyntaxTree.ParseText(OrdinaryFile(i), ParseOptions, path: $"Entity{i}.cs"))
            .Append(CSharpSyntaxTree.ParseText(clients, ParseOptions, path: "Clients.cs"));
        return CSharpCompilation.Create("App", trees, References, CompilationOptions);
    }

    /// <summary>The compilation after an unrelated edit to file 0.</summary>
    public static CSharpCompilation Edited(CSharpCompilation compilation)
    {
        var tree = compilation.SyntaxTrees.First();
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(EditedFile())));
    }

    public static GeneratorDriver IdeogramDriver() =>
        CSharpGeneratorDriver.Create(ImmutableArray.Create(new IdeogramGatewayGenerator().AsSourceGenerator()), parseOptions: ParseOptions);

    public static GeneratorDriver RefitDriver() =>
        CSharpGeneratorDriver.Create(ImmutableArray.Create(RefitGenerator.Value), parseOptions: ParseOptions);

    /// <summary>Refit's own incremental generator, loaded from the Refit package (copied next to this assembly).</summary>
    private static readonly Lazy<ISourceGenerator> RefitGenerator = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "RefitGenerator", "InterfaceStubGeneratorV2.dll");
        var reference = new AnalyzerFileReference(path, new Loader());
        return reference.GetGeneratorsForAllLanguages().Single(g => g.GetGeneratorType().Name.Contains("InterfaceStubGenerator", StringComparison.Ordinal));
    });

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath) { }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
