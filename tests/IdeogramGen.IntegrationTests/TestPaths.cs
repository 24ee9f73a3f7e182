using System;
using System.IO;

namespace IdeogramGen.IntegrationTests;

internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "IdeogramGen.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("IdeogramGen.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepoRoot => Root.Value;

    public static string Docs(string ruleId) => Path.Combine(RepoRoot, "docs", "rules", ruleId + ".md");
}
