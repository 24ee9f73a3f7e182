using System;
using System.IO;

namespace IdeogramGen.TestSupport;

/// <summary>Where the repository is, seen from a test assembly; linked into every test project that needs it.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "IdeogramGen.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("IdeogramGen.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root (the folder holding IdeogramGen.sln).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>A path inside the repository.</summary>
    public static string InRepo(params string[] parts) => Path.Combine(RepoRoot, Path.Combine(parts));

    /// <summary>The doc page of a rule.</summary>
    public static string Docs(string ruleId) => Path.Combine(RepoRoot, "docs", "rules", ruleId + ".md");

    /// <summary>The configuration this test assembly was built in (Debug or Release).</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Replace('\\', '/').Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
}
