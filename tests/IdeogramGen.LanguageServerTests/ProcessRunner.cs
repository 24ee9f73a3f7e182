using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace IdeogramGen.LanguageServerTests;

/// <summary>Runs a command in a child process with a time limit, capturing stdout and stderr together.</summary>
internal static class ProcessRunner
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string workingDirectory, IDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var kv in Environment(environment)) info.Environment[kv.Key] = kv.Value;

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + fileName);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(timeout)) != exited)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            lock (output) throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {timeout}.\n{output}");
        }
        await exited;
        lock (output) return (process.ExitCode, output.ToString());
    }

    public static Task<(int ExitCode, string Output)> DotNetAsync(string workingDirectory, IDictionary<string, string> environment, TimeSpan timeout, params string[] args) =>
        RunAsync("dotnet", workingDirectory, environment, timeout, args);

    /// <summary>The environment every child gets: no telemetry, no banner, no lingering MSBuild nodes, plus <paramref name="extra"/>.</summary>
    public static IDictionary<string, string> Environment(IDictionary<string, string> extra)
    {
        var env = new Dictionary<string, string>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
        };
        foreach (var kv in extra) env[kv.Key] = kv.Value;
        return env;
    }
}
