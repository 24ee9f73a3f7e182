using System.Collections.Generic;
using System.Linq;
using IdeogramGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IdeogramGen.Tests.Generator;

/// <summary>Edits that do not touch an annotated class leave every tracked step cached.</summary>
public class IncrementalityTests
{
    private const string Annotated = """
        using IdeogramGen;
        namespace App
        {
            [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "my-gateway")]
            public partial class Images { }
        }
        """;

    private const string Other = """
        namespace App
        {
            public class Unrelated { public int Value => 1; }
        }
        """;

    private static readonly string[] Tracked =
    {
        TrackingNames.Specs, TrackingNames.ValidSpecs, TrackingNames.Language, TrackingNames.AssemblyName, TrackingNames.ConfiguredNamespace,
        TrackingNames.Output, TrackingNames.Inputs, TrackingNames.Selections, TrackingNames.Models, TrackingNames.ModelsInputs,
    };

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) First()
    {
        var compilation = GeneratorHarness.Compile(new[] { Annotated, Other });
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        return (driver, compilation);
    }

    private static GeneratorRunResult Second(GeneratorDriver driver, Compilation changed) =>
        driver.RunGenerators(changed).GetRunResult().Results.Single();

    private static void AssertAllCached(GeneratorRunResult result)
    {
        foreach (var name in Tracked)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), "step " + name + " not tracked");
            foreach (var step in result.TrackedSteps[name])
                foreach (var (_, reason) in step.Outputs)
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {reason}");
        }
        foreach (var output in result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs))
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason);
    }

    [Fact]
    public void Unrelated_edit_keeps_every_step_cached()
    {
        var (driver, compilation) = First();
        var otherTree = compilation.SyntaxTrees.ElementAt(1);
        var edited = compilation.ReplaceSyntaxTree(otherTree,
            otherTree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Other.Replace("=> 1", "=> 2"))));
        AssertAllCached(Second(driver, edited));
    }

    [Fact]
    public void Added_file_keeps_every_step_cached()
    {
        var (driver, compilation) = First();
        var added = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Another { }", GeneratorHarness.Parse()));
        AssertAllCached(Second(driver, added));
    }

    [Fact]
    public void Identical_replacement_keeps_every_step_cached()
    {
        var (driver, compilation) = First();
        var tree = compilation.SyntaxTrees.First();
        var replaced = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Annotated, GeneratorHarness.Parse()));
        AssertAllCached(Second(driver, replaced));
    }

    [Fact]
    public void Edit_inside_the_annotated_file_that_keeps_the_spec_is_cached_after_the_spec_step()
    {
        var (driver, compilation) = First();
        var tree = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(tree,
            CSharpSyntaxTree.ParseText(Annotated.Replace("public partial class Images { }", "public partial class Images { private int _x; }"), GeneratorHarness.Parse()));
        var result = Second(driver, edited);
        Assert.All(result.TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Attribute_change_regenerates()
    {
        var (driver, compilation) = First();
        var tree = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(tree,
            CSharpSyntaxTree.ParseText(Annotated.Replace("my-gateway", "other-gateway"), GeneratorHarness.Parse()));
        var result = Second(driver, edited);
        Assert.Contains(result.TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("other-gateway", result.GeneratedSources.Single(s => s.HintName == "App.Images.Ideogram.g.cs").SourceText.ToString());
        // The models do not depend on the gateway: their file is not generated again.
        Assert.All(ModelsOutputs(result), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void A_second_class_with_the_same_families_adds_its_file_and_leaves_the_models_file_alone()
    {
        var (driver, compilation) = First();
        var added = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("""
            using IdeogramGen;
            namespace App
            {
                [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "second-gateway")]
                public partial class MoreImages { }
            }
            """, GeneratorHarness.Parse()));
        var result = Second(driver, added);
        Assert.Contains(result.TrackedSteps[TrackingNames.Selections].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.New);
        Assert.All(result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(ModelsOutputs(result), reason => Assert.NotEqual(IncrementalStepRunReason.Modified, reason));
        Assert.All(ModelsOutputs(result), reason => Assert.NotEqual(IncrementalStepRunReason.New, reason));
        Assert.Equal(new[] { "App.Images.Ideogram.g.cs", "App.MoreImages.Ideogram.g.cs", "IdeogramGen.Models.g.cs" },
            result.GeneratedSources.Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal));
    }

    [Fact]
    public void Selecting_another_family_regenerates_the_models_file()
    {
        var (driver, compilation) = First();
        var tree = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(tree,
            CSharpSyntaxTree.ParseText(Annotated.Replace("\"my-gateway\")", "\"my-gateway\", Families = EndpointFamilies.V4)"), GeneratorHarness.Parse()));
        var result = Second(driver, edited);
        Assert.Contains(ModelsOutputs(result), reason => reason == IncrementalStepRunReason.Modified);
        var models = result.GeneratedSources.Single(s => s.HintName == "IdeogramGen.Models.g.cs").SourceText.ToString();
        Assert.Contains("class GenerateV4Request", models);
        Assert.DoesNotContain("class GenerateV3Request", models);
    }

    /// <summary>The run reasons of the source output fed by the models step.</summary>
    private static IEnumerable<IncrementalStepRunReason> ModelsOutputs(GeneratorRunResult result)
    {
        var steps = result.TrackedOutputSteps.SelectMany(kv => kv.Value)
            .Where(step => step.Inputs.Any(i => i.Source.Name == TrackingNames.ModelsInputs))
            .ToList();
        Assert.NotEmpty(steps);
        return steps.SelectMany(s => s.Outputs).Select(o => o.Reason);
    }

    [Fact]
    public void Pipeline_models_hold_no_symbols_or_syntax()
    {
        var (driver, _) = First();
        var result = driver.GetRunResult().Results.Single();
        foreach (var name in Tracked)
            foreach (var step in result.TrackedSteps[name])
                foreach (var (value, _) in step.Outputs)
                    AssertPlain(value, name);
    }

    private static void AssertPlain(object? value, string step)
    {
        switch (value)
        {
            case null: return;
            case ISymbol or SyntaxNode or Compilation or SemanticModel or Location:
                Assert.Fail($"{step} holds a {value.GetType().Name}");
                return;
            case System.Runtime.CompilerServices.ITuple tuple:
                for (int i = 0; i < tuple.Length; i++) AssertPlain(tuple[i], step);
                return;
        }
        foreach (var p in value.GetType().GetProperties())
        {
            if (p.GetIndexParameters().Length > 0) continue;
            var t = p.PropertyType;
            Assert.False(typeof(ISymbol).IsAssignableFrom(t) || typeof(SyntaxNode).IsAssignableFrom(t) || typeof(Compilation).IsAssignableFrom(t) || typeof(Location).IsAssignableFrom(t),
                $"{step}: {value.GetType().Name}.{p.Name} is a {t.Name}");
        }
    }
}
