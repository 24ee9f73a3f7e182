using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdeogramGen.Tests.Layout;

/// <summary>
/// Every source file under runtime/ (the packages IdeogramGen, IdeogramGen.Webhooks and their helpers) declares at most
/// one public top-level type, named like the file, so a public type is found by its name. The generated vocabulary
/// (<c>Vocabulary.g.cs</c>, written by the description builder) is the one exception.
/// </summary>
public class OneTypePerFileTests
{
    private static readonly string[] Generated = { "Vocabulary.g.cs" };

    /// <summary>The public top-level types a C# source declares (types nested in other types are not counted).</summary>
    internal static IReadOnlyList<string> PublicTopLevelTypes(string source) =>
        CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot()
            .DescendantNodes(n => n is CompilationUnitSyntax || n is BaseNamespaceDeclarationSyntax)
            .OfType<MemberDeclarationSyntax>()
            .Where(m => (m is BaseTypeDeclarationSyntax || m is DelegateDeclarationSyntax) && m.Modifiers.Any(SyntaxKind.PublicKeyword))
            .Select(m => m switch
            {
                BaseTypeDeclarationSyntax t => t.Identifier.ValueText,
                DelegateDeclarationSyntax d => d.Identifier.ValueText,
                _ => throw new InvalidOperationException(),
            })
            .ToList();

    private static IEnumerable<string> RuntimeSources()
    {
        var root = TestPaths.InRepo("runtime");
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f =>
            {
                var relative = Path.GetRelativePath(root, f).Replace('\\', '/');
                return !relative.Split('/').Any(part => part is "bin" or "obj") && !Generated.Contains(Path.GetFileName(f));
            });
    }

    [Fact]
    public void Every_runtime_file_declares_at_most_one_public_top_level_type_named_like_the_file()
    {
        var sources = RuntimeSources().ToList();
        Assert.True(sources.Count > 40, "runtime/ sources not found under " + TestPaths.InRepo("runtime"));
        var offenders = new List<string>();
        foreach (var file in sources)
        {
            var types = PublicTopLevelTypes(File.ReadAllText(file));
            var name = Path.GetFileNameWithoutExtension(file);
            var relative = Path.GetRelativePath(TestPaths.RepoRoot, file).Replace('\\', '/');
            if (types.Count > 1) offenders.Add($"{relative} declares {types.Count} public types ({string.Join(", ", types)}); move each into its own file");
            // A generic type's file may carry "OfT" (IdeogramGenerationOfT.cs holds IdeogramGeneration<T>).
            else if (types.Count == 1 && types[0] != name && types[0] + "OfT" != name)
                offenders.Add($"{relative} declares {types[0]}; name the file {types[0]}.cs");
        }
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void The_check_counts_public_top_level_types_and_nothing_else()
    {
        const string blockNamespace = """
            using System;
            namespace IdeogramGen
            {
                public sealed class First { public sealed class Nested { } }
                internal sealed class Hidden { }
                public enum Second { A }
                public delegate void Third();
            }
            """;
        Assert.Equal(new[] { "First", "Second", "Third" }, PublicTopLevelTypes(blockNamespace));
        Assert.Equal(new[] { "Fourth", "Fifth" }, PublicTopLevelTypes("namespace IdeogramGen.Other;\npublic readonly struct Fourth { }\npublic interface Fifth { }\n"));
        Assert.Empty(PublicTopLevelTypes("namespace N { internal interface I { } }"));
    }
}
