using System;
using System.IO;

namespace IdeogramGen.ApiDescription.Builder;

/// <summary>
/// Regenerates the API description and the runtime vocabulary from the vendored OpenAPI document.
/// Usage: <c>dotnet run --project description/Builder [-- --check]</c>. With <c>--check</c> nothing is written and the exit
/// code says whether the checked-in files are current.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = RepoRoot.Find();
        var result = DescriptionBuilder.Build(
            File.ReadAllText(Path.Combine(root, DescriptionBuilder.DocumentPath)),
            File.ReadAllText(Path.Combine(root, DescriptionBuilder.NewerDocumentPath)));
        var targets = new[]
        {
            (Path.Combine(root, DescriptionBuilder.DescriptionOutputPath), result.DescriptionSource),
            (Path.Combine(root, DescriptionBuilder.VocabularyOutputPath), result.VocabularySource),
        };
        bool check = Array.IndexOf(args, "--check") >= 0;
        int stale = 0;
        foreach (var (path, text) in targets)
        {
            var current = File.Exists(path) ? File.ReadAllText(path) : null;
            if (current == text) { Console.WriteLine($"up to date: {Path.GetRelativePath(root, path)}"); continue; }
            stale++;
            if (check) { Console.Error.WriteLine($"stale: {Path.GetRelativePath(root, path)}"); continue; }
            File.WriteAllText(path, text);
            Console.WriteLine($"written: {Path.GetRelativePath(root, path)}");
        }
        Console.WriteLine($"{result.EndpointCount} endpoints, {result.EnumCount} vocabularies, {result.SchemaCount} response shapes");
        return check && stale > 0 ? 1 : 0;
    }
}

internal static class RepoRoot
{
    public static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "IdeogramGen.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("IdeogramGen.sln not found above " + AppContext.BaseDirectory);
    }
}
