using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IdeogramGen.Tests.Generator;

/// <summary>The generated client compiles without any warning, under strict settings and under C# 7.3.</summary>
public class GeneratedCodeCompilesTests
{
    private const string Consumer = """
        using IdeogramGen;

        /// <summary>A client.</summary>
        [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "my-gateway")]
        public partial class Images { }

        namespace Outer
        {
            /// <summary>A container.</summary>
            public partial class Host
            {
                /// <summary>A nested client.</summary>
                [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "other_gw-2", Families = EndpointFamilies.V3 | EndpointFamilies.Legacy)]
                internal partial class NestedImages { }
            }
        }
        """;

    [Theory]
    [InlineData(LanguageVersion.Latest)]
    [InlineData(LanguageVersion.CSharp8)]
    [InlineData(LanguageVersion.CSharp7_3)]
    public void Compiles_without_warnings(LanguageVersion version)
    {
        var (output, run) = GeneratorHarness.Run(Consumer, version);
        Assert.Equal(3, run.GeneratedTrees.Length);
        var problems = GeneratorHarness.Problems(output);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Theory]
    [InlineData(NullableContextOptions.Disable)]
    [InlineData(NullableContextOptions.Warnings)]
    [InlineData(NullableContextOptions.Annotations)]
    public void Compiles_without_warnings_in_every_nullable_context(NullableContextOptions nullable)
    {
        var (output, _) = GeneratorHarness.Run(GeneratorHarness.Compile(new[] { Consumer }, nullable: nullable), GeneratorHarness.Driver());
        GeneratorHarness.AssertNoProblems(output);
    }

    [Fact]
    public void Keyword_names_records_and_file_scoped_namespaces_compile()
    {
        var (output, run) = GeneratorHarness.Run("""
            using IdeogramGen;
            namespace @event.@class;
            /// <summary>A container.</summary>
            public partial class @object
            {
                /// <summary>A keyword-named client.</summary>
                [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "gw", Families = EndpointFamilies.V4)]
                public partial class @static { }
            }
            /// <summary>A record client.</summary>
            [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "gw", Families = EndpointFamilies.V4)]
            public partial record Images { }
            """);
        Assert.Equal(3, run.GeneratedTrees.Length);
        Assert.Contains(run.GeneratedTrees, t => t.FilePath.EndsWith("event.class.object.static.Ideogram.g.cs", System.StringComparison.Ordinal));
        var problems = GeneratorHarness.Problems(output);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Theory]
    [InlineData("public partial class Endpoints { }")]
    [InlineData("public partial class Images { public int Pipeline => 0; }")]
    [InlineData("public partial class Images { public void GenerateV3Async() { } }")]
    public void Classes_whose_names_collide_with_generated_members_get_nothing(string declaration)
    {
        var (_, run) = GeneratorHarness.Run("using IdeogramGen;\n[IdeogramGateway(\"3ebbcb006d4d46d7bb6a8c7f14676cb0\", \"gw\")]\n" + declaration);
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public void The_attribute_on_two_declarations_generates_nothing_and_does_not_crash()
    {
        var compilation = GeneratorHarness.Compile(new[]
        {
            "using IdeogramGen;\n[IdeogramGateway(\"3ebbcb006d4d46d7bb6a8c7f14676cb0\", \"gw-a\")] public partial class Images { }",
            "using IdeogramGen;\n[IdeogramGateway(\"3ebbcb006d4d46d7bb6a8c7f14676cb0\", \"gw-b\")] public partial class Images { }\n" +
            "[IdeogramGateway(\"3ebbcb006d4d46d7bb6a8c7f14676cb0\", \"gw\")] public partial class Other { }",
        });
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        Assert.Empty(diagnostics);
        var run = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult();
        Assert.Null(run.Results.Single().Exception);
        Assert.Equal(new[] { "IdeogramGen.Models.g.cs", "Other.Ideogram.g.cs" },
            run.GeneratedTrees.Select(t => System.IO.Path.GetFileName(t.FilePath)).OrderBy(n => n, System.StringComparer.Ordinal));
    }

    [Fact]
    public void Older_language_gets_no_nullable_directive()
    {
        var (_, run) = GeneratorHarness.Run(Consumer, LanguageVersion.CSharp7_3);
        Assert.Equal(3, run.GeneratedTrees.Length);
        foreach (var tree in run.GeneratedTrees)
        {
            var text = tree.ToString();
            Assert.DoesNotContain("#nullable", text);
            Assert.DoesNotContain("string?", text);
        }
    }

    [Fact]
    public void Classes_the_generator_cannot_extend_get_nothing()
    {
        var (_, run) = GeneratorHarness.Run("""
            using IdeogramGen;
            [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "gw")]
            public class NotPartial { }
            public class Container
            {
                [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "gw")]
                public partial class InNonPartial { }
            }
            [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "gw")]
            public partial class Generic<T> { }
            """);
        Assert.Empty(run.GeneratedTrees);
    }
}
