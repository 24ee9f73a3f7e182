using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IdeogramGen.Tests.Generator;

/// <summary>
/// Where the generated types live: the request and response types once per compilation in the models namespace, each
/// class with only what depends on its attribute; no collision across assemblies or with user types.
/// </summary>
public class PlacementTests
{
    private const string Account = "3ebbcb006d4d46d7bb6a8c7f14676cb0";

    private static string Client(string ns, string name, string gateway, string families = "") => $$"""
        using IdeogramGen;
        namespace {{ns}}
        {
            /// <summary>A client.</summary>
            [IdeogramGateway("{{Account}}", "{{gateway}}"{{(families.Length > 0 ? ", Families = " + families : "")}})]
            public partial class {{name}} { }
        }
        """;

    [Fact]
    public void Two_classes_share_one_models_file_with_the_union_of_their_families()
    {
        var (output, run) = GeneratorHarness.Run(GeneratorHarness.Compile(new[]
        {
            Client("App", "Generator", "gw-a", "EndpointFamilies.V4"),
            Client("App", "Describer", "gw-b", "EndpointFamilies.Legacy"),
            """
            namespace App
            {
                /// <summary>Uses both clients with the same model types.</summary>
                public static class Use
                {
                    /// <summary>Calls both.</summary>
                    public static async System.Threading.Tasks.Task<int> Run(Generator g, Describer d)
                    {
                        var v4 = await g.GenerateV4Async(new IdeogramGen.Generated.Consumer.GenerateV4Request { TextPrompt = "p" });
                        var described = await d.DescribeLegacyAsync(new IdeogramGen.Generated.Consumer.DescribeLegacyRequest());
                        return v4.Data.Count + described.Descriptions.Count;
                    }
                }
            }
            """,
        }), GeneratorHarness.Driver());
        GeneratorHarness.AssertNoProblems(output);
        Assert.Equal(new[] { "App.Describer.Ideogram.g.cs", "App.Generator.Ideogram.g.cs", "IdeogramGen.Models.g.cs" },
            run.Results.Single().GeneratedSources.Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal));
        var models = GeneratorHarness.Generated(run, "IdeogramGen.Models.g.cs");
        Assert.Contains("namespace IdeogramGen.Generated.Consumer", models);
        Assert.Contains("public sealed partial class GenerateV4Request", models);
        Assert.Contains("public sealed partial class GenerateLegacyRequest", models);
        Assert.DoesNotContain("class GenerateV3Request", models);
        // The clients hold no type of their own but Endpoints.
        foreach (var client in new[] { "App.Describer.Ideogram.g.cs", "App.Generator.Ideogram.g.cs" })
            Assert.Equal(new[] { "Endpoints" }, TypeNames(GeneratorHarness.Generated(run, client)).Skip(1));
    }

    [Fact]
    public void What_depends_on_one_attribute_stays_small()
    {
        var (_, run) = GeneratorHarness.Run(Client("App", "Images", "gw"));
        var client = GeneratorHarness.Generated(run, "App.Images.Ideogram.g.cs");
        var lines = client.Split('\n').Length;
        Assert.True(lines <= 1500, $"{lines} lines for one client with every family");
        Assert.DoesNotContain("sealed partial class", client);
    }

    [Fact]
    public void A_user_type_named_like_a_model_does_not_collide()
    {
        var (output, run) = GeneratorHarness.Run(GeneratorHarness.Compile(new[]
        {
            Client("App", "Images", "gw", "EndpointFamilies.V3"),
            """
            namespace App
            {
                /// <summary>The user's own type of that name.</summary>
                public sealed class GenerateV3Request { /// <summary>Its own member.</summary>
                    public int Mine { get; set; } }

                /// <summary>The user's own response type.</summary>
                public sealed class ImageV3Response { }

                /// <summary>Uses both.</summary>
                public static class Use
                {
                    /// <summary>Calls the client.</summary>
                    public static System.Threading.Tasks.Task<IdeogramGen.Generated.Consumer.ImageV3Response> Run(Images images)
                    {
                        var mine = new GenerateV3Request { Mine = 1 };
                        return images.GenerateV3Async(new IdeogramGen.Generated.Consumer.GenerateV3Request { Prompt = "p" + mine.Mine });
                    }
                }
            }
            """,
        }), GeneratorHarness.Driver());
        GeneratorHarness.AssertNoProblems(output);
        Assert.Equal(2, run.GeneratedTrees.Length);
    }

    [Fact]
    public void Two_assemblies_with_clients_referenced_by_a_third_do_not_clash()
    {
        var alpha = Build("Alpha", Client("Shared", "Images", "gw-a"));
        var beta = Build("Beta", Client("Shared.Other", "Images", "gw-b"));
        var consumer = GeneratorHarness.Compile(new[]
        {
            Client("Gamma", "Images", "gw-c", "EndpointFamilies.V3"),
            """
            namespace Gamma
            {
                /// <summary>Uses the three clients.</summary>
                public static class Use
                {
                    /// <summary>Calls each.</summary>
                    public static async System.Threading.Tasks.Task<int> Run(Shared.Images a, Shared.Other.Images b, Images c)
                    {
                        var x = await a.GenerateV3Async(new IdeogramGen.Generated.Alpha.GenerateV3Request { Prompt = "a" });
                        var y = await b.GenerateV3Async(new IdeogramGen.Generated.Beta.GenerateV3Request { Prompt = "b" });
                        var z = await c.GenerateV3Async(new IdeogramGen.Generated.Gamma.GenerateV3Request { Prompt = "c" });
                        return x.Data.Count + y.Data.Count + z.Data.Count;
                    }
                }
            }
            """,
        }, assemblyName: "Gamma", extraReferences: new[] { alpha, beta });
        var (output, _) = GeneratorHarness.Run(consumer, GeneratorHarness.Driver());
        GeneratorHarness.AssertNoProblems(output);
    }

    [Fact]
    public void Internal_clients_get_internal_models()
    {
        var (output, run) = GeneratorHarness.Run("""
            using IdeogramGen;
            [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "gw", Families = EndpointFamilies.V4)]
            internal partial class Images { }
            """);
        GeneratorHarness.AssertNoProblems(output);
        var models = GeneratorHarness.Generated(run, "IdeogramGen.Models.g.cs");
        Assert.Contains("internal sealed partial class GenerateV4Request", models);
        Assert.DoesNotContain("public sealed partial class", models);
    }

    [Theory]
    [InlineData("Contoso.Imaging.Models", "Contoso.Imaging.Models")]
    [InlineData(" global::My.Models ", "My.Models")]
    [InlineData("My.class.2d", "My.@class._2d")]
    public void The_msbuild_property_names_the_models_namespace(string property, string expected)
    {
        var compilation = GeneratorHarness.Compile(new[]
        {
            Client("App", "Images", "gw", "EndpointFamilies.V4"),
            "namespace App { /// <summary>Uses the model.</summary>\npublic static class Use { /// <summary>Makes one.</summary>\npublic static object Make() => new global::" + expected + ".GenerateV4Request(); } }",
        });
        var (output, run) = GeneratorHarness.Run(compilation,
            GeneratorHarness.Driver(buildProperties: new Dictionary<string, string> { ["IdeogramGenModelsNamespace"] = property }));
        GeneratorHarness.AssertNoProblems(output);
        Assert.Contains("namespace " + expected + "\n", GeneratorHarness.Generated(run, "IdeogramGen.Models.g.cs"));
        Assert.Contains("global::" + expected + ".GenerateV4Request request", GeneratorHarness.Generated(run, "App.Images.Ideogram.g.cs"));
    }

    [Theory]
    [InlineData("My.App", "IdeogramGen.Generated.My_App")]
    [InlineData("my-app.v2", "IdeogramGen.Generated.my_app_v2")]
    [InlineData("2fast", "IdeogramGen.Generated._2fast")]
    [InlineData("class", "IdeogramGen.Generated.@class")]
    public void The_default_namespace_is_the_assembly_name_as_an_identifier(string assemblyName, string expected)
    {
        var compilation = GeneratorHarness.Compile(new[] { Client("App", "Images", "gw", "EndpointFamilies.V4") }, assemblyName: assemblyName);
        var (output, run) = GeneratorHarness.Run(compilation, GeneratorHarness.Driver());
        GeneratorHarness.AssertNoProblems(output);
        Assert.Contains("namespace " + expected + "\n", GeneratorHarness.Generated(run, "IdeogramGen.Models.g.cs"));
    }

    [Fact]
    public void No_family_selected_means_no_models_file()
    {
        var (output, run) = GeneratorHarness.Run(Client("App", "Images", "gw", "EndpointFamilies.None"));
        GeneratorHarness.AssertNoProblems(output);
        Assert.Equal("App.Images.Ideogram.g.cs", Assert.Single(run.Results.Single().GeneratedSources).HintName);
    }

    [Fact]
    public void Validate_allocates_no_constant_array_per_call()
    {
        var models = SnapshotCases.Generate("All").Single(g => g.HintName == "IdeogramGen.Models.g.cs").Text;
        Assert.DoesNotContain("new string[]", models);
        Assert.Contains("private static readonly string[] ImageMediaTypes = { \"image/jpeg\", \"image/png\", \"image/webp\" };", models);
    }

    private static MetadataReference Build(string assemblyName, string source)
    {
        var (output, _) = GeneratorHarness.Run(GeneratorHarness.Compile(new[] { source }, assemblyName: assemblyName), GeneratorHarness.Driver());
        GeneratorHarness.AssertNoProblems(output);
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private static IEnumerable<string> TypeNames(string source) =>
        CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes()
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>().Select(t => t.Identifier.ValueText);
}
