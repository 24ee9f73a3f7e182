using System;
using System.Linq;
using BenchmarkDotNet.Running;

namespace IdeogramGen.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
#if DEBUG
        // BenchmarkDotNet refuses a non-optimized assembly but still exits 0; fail loudly instead.
        Console.Error.WriteLine("Build the benchmarks in Release: dotnet run -c Release --project benchmarks/IdeogramGen.Benchmarks -- --filter '*'");
        return 1;
#else
        if (args.Length == 1 && args[0] == "lines") return PrintGeneratedLines();
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        foreach (var summary in summaries)
            if (summary.HasCriticalValidationErrors) return 1;
        return 0;
#endif
    }

    /// <summary>`-- lines`: the generated source of the 2,000-file project with 40 clients, in lines, for each generator.</summary>
    private static int PrintGeneratedLines()
    {
        var bench = new CompileBenchmarks();
        bench.Setup();
        var client = bench.IdeogramCompilation.SyntaxTrees.First(t => t.FilePath.EndsWith("Images0.Ideogram.g.cs", StringComparison.Ordinal));
        Console.WriteLine($"IdeogramGen, 40 clients: {CompileBenchmarks.GeneratedLines(bench.IdeogramCompilation)} lines (one client's file: {client.GetText().Lines.Count})");
        Console.WriteLine($"Refit, 40 clients: {CompileBenchmarks.GeneratedLines(bench.RefitCompilation)} lines");
        return 0;
    }
}
