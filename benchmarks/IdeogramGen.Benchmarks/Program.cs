using System;
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
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        foreach (var summary in summaries)
            if (summary.HasCriticalValidationErrors) return 1;
        return 0;
#endif
    }
}
