using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;

namespace IdeogramGen.TestSupport;

/// <summary>
/// Runs a command (the dotnet CLI by default) in a child process, capturing stdout and stderr together. The time limit
/// is a hang guard only: past it the process tree is killed and a <see cref="TimeoutException"/> carries the output.
/// </summary>
internal static class DotNetCli
{
    /// <summary>The variables every child gets: no telemetry, no banner, no first-run work, no lingering MSBuild nodes.</summary>
    public static IReadOnlyDictionary<string, string> QuietEnvironment { get; } = new Dictionary<string, string>
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
    };

    /// <summary><see cref="QuietEnvironment"/> plus <paramref name="extra"/> (which wins).</summary>
    public static Dictionary<string, string> Environment(IDictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>(QuietEnvironment);
        if (extra != null) foreach (var kv in extra) env[kv.Key] = kv.Value;
        return env;
    }

    /// <summary>Runs <c>dotnet <paramref name="args"/></c> in <paramref name="workingDirectory"/>.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, IDictionary<string, string>? environment, TimeSpan hangGuard, params string[] args) =>
        RunProcessAsync("dotnet", workingDirectory, environment, hangGuard, args);

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="args"/>, with <see cref="QuietEnvironment"/> and <paramref name="environment"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunProcessAsync(string fileName, string workingDirectory, IDictionary<string, string>? environment, TimeSpan hangGuard, params string[] args)
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
        if (await Task.WhenAny(exited, Task.Delay(hangGuard)).ConfigureAwait(false) != exited)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            lock (output) throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {hangGuard} (hang guard).\n{output}");
        }
        await exited.ConfigureAwait(false);
        lock (output) return (process.ExitCode, output.ToString());
    }
}
