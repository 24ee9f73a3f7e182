using System;
using System.IO;
using IdeogramGen.TestSupport;

// Regenerates every snapshot the snapshot tests compare with, and removes none: review `git diff` afterwards.
var folder = TestPaths.InRepo("tests", "IdeogramGen.Tests", "Snapshots");
int written = 0;
foreach (var family in SnapshotCases.Families)
{
    foreach (var (hintName, text) in SnapshotCases.Generate(family))
    {
        var file = SnapshotCases.SnapshotFile(folder, family, hintName);
        var old = File.Exists(file) ? File.ReadAllText(file) : null;
        if (old == text) continue;
        File.WriteAllText(file, text);
        Console.WriteLine((old == null ? "added   " : "updated ") + Path.GetRelativePath(TestPaths.RepoRoot, file));
        written++;
    }
}
Console.WriteLine(written == 0 ? "Snapshots are up to date." : written + " snapshot file(s) written; review the diff.");
