using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.ConformanceTests;

/// <summary>
/// Runs Prism (<c>prism mock -h 127.0.0.1 -p &lt;free port&gt; description/ideogram-openapi.json</c>) from
/// <c>tests/conformance/node_modules</c> for one test class, reads its log continuously and attributes log lines to
/// exchanges. Prism is installed by <c>npm ci</c> in <c>tests/conformance</c> (CI's <c>.ci/run</c> does it); without it
/// every test of the class fails with that instruction.
/// </summary>
/// <remarks>
/// Request violations are logged as <c>[VALIDATOR] ✖ error Violation: request.body.&lt;field&gt; …</c> and answered
/// with a documented 4xx example. <c>--errors</c> is deliberately not used: it would replace an answer whose example
/// body breaks its own response schema (the document's layered-design example does) with a 500, hiding the body the
/// client must read; such mismatches are still logged as <c>Violation: response.…</c> and reported by the tests.
/// </remarks>
public sealed class PrismFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LogTimeout = TimeSpan.FromSeconds(10);
    private const string MarkerPath = "__conformance-marker";

    private readonly object _gate = new();
    private readonly List<string> _lines = new();
    private readonly SemaphoreSlim _exchange = new(1, 1);
    private Process? _process;
    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Where Prism listens, ending in <c>/</c>.</summary>
    public Uri Root { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A client for requests that bypass the generated client (markers, negative controls).</summary>
    public HttpClient Raw { get; } = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public static string ConformanceDirectory => Path.Combine(TestPaths.RepoRoot, "tests", "conformance");

    public static string PrismExecutable => Path.Combine(ConformanceDirectory, "node_modules", ".bin", OperatingSystem.IsWindows() ? "prism.cmd" : "prism");

    public static string Document => Path.Combine(TestPaths.RepoRoot, "description", "ideogram-openapi.json");

    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>
    /// Installs Prism from tests/conformance's lockfile (`npm ci`) when it is missing, so that `dotnet test` works on a
    /// fresh clone; .ci/run installs it up front. Fails, never skips, when npm cannot install it.
    /// </summary>
    private static async Task InstallAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (File.Exists(PrismExecutable)) return;
            var info = new System.Diagnostics.ProcessStartInfo("npm")
            {
                WorkingDirectory = ConformanceDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" }) info.ArgumentList.Add(a);
            System.Diagnostics.Process process;
            try
            {
                process = System.Diagnostics.Process.Start(info)!;
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException("Prism is not installed and npm is not available: install Node.js 20.19+ and run `npm ci` in tests/conformance. The conformance tests are never skipped.", ex);
            }
            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                try
                {
                    await process.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw new InvalidOperationException("`npm ci` in tests/conformance did not finish within 5 minutes.");
                }
                if (process.ExitCode != 0 || !File.Exists(PrismExecutable))
                    throw new InvalidOperationException($"`npm ci` in tests/conformance failed (exit {process.ExitCode}); Prism is needed by the conformance tests, which are never skipped.\n{await stdout}\n{await stderr}");
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>The whole Prism log so far.</summary>
    public string Log
    {
        get { lock (_gate) return string.Join("\n", _lines); }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(PrismExecutable)) await InstallAsync();

        Exception? last = null;
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                await StartAsync(FreePort());
                return;
            }
            catch (PortInUseException ex)
            {
                last = ex;
                await StopAsync();
            }
        }
        throw new InvalidOperationException("Prism could not bind a free loopback port.", last);
    }

    private async Task StartAsync(int port)
    {
        lock (_gate) _lines.Clear();
        _listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var info = new ProcessStartInfo(PrismExecutable)
        {
            WorkingDirectory = ConformanceDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { "mock", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), Document })
            info.ArgumentList.Add(arg);
        info.Environment["NO_COLOR"] = "1";
        info.Environment["FORCE_COLOR"] = "0";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException("Prism exited before it listened."));
        if (!process.Start()) throw new InvalidOperationException("Prism did not start.");
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var started = _listening.Task;
        if (await Task.WhenAny(started, Task.Delay(StartTimeout)) != started)
            throw new TimeoutException($"Prism did not listen within {StartTimeout.TotalSeconds} s. Log:\n{Log}");
        try
        {
            await started;
        }
        catch (InvalidOperationException)
        {
            process.WaitForExit(2000);
            var log = Log;
            if (log.Contains("EADDRINUSE", StringComparison.Ordinal)) throw new PortInUseException(log);
            throw new InvalidOperationException($"Prism exited before it listened (exit code {process.ExitCode}). Log:\n{log}");
        }
        Root = new Uri($"http://127.0.0.1:{port}/");
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_gate) _lines.Add(line);
        if (line.Contains("Prism is listening on", StringComparison.Ordinal)) _listening.TrySetResult();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        Raw.Dispose();
        _exchange.Dispose();
    }

    private async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is null) return;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(cts.Token);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>
    /// Runs <paramref name="send"/> (which sends one request to Prism) between two marker requests and returns the Prism
    /// log lines written for it. Exchanges run one at a time so every line belongs to exactly one of them.
    /// </summary>
    public async Task<PrismExchange> ExchangeAsync(Func<Task> send)
    {
        await _exchange.WaitAsync();
        try
        {
            var id = Guid.NewGuid().ToString("N");
            int begin = await MarkAsync(id, "begin", 0);
            Exception? error = null;
            try
            {
                await send();
            }
            catch (Exception ex)
            {
                error = ex;
            }
            int end = await MarkAsync(id, "end", begin);
            List<string> lines;
            lock (_gate) lines = _lines.Skip(begin + 1).Take(end - begin - 1).Where(l => !l.Contains(MarkerPath, StringComparison.Ordinal)).ToList();
            return new PrismExchange(lines, error);
        }
        finally
        {
            _exchange.Release();
        }
    }

    /// <summary>Sends a marker request Prism logs (it answers 404) and returns the index of its log line.</summary>
    private async Task<int> MarkAsync(string id, string phase, int from)
    {
        ThrowIfExited();
        var path = $"/{MarkerPath}/{id}/{phase}";
        using (var response = await Raw.GetAsync(new Uri(Root, path.TrimStart('/'))))
        {
            // Prism answers 404 NO_PATH_MATCHED_ERROR; only its log line matters.
        }
        var deadline = DateTime.UtcNow + LogTimeout;
        while (true)
        {
            lock (_gate)
            {
                for (int i = from; i < _lines.Count; i++)
                    if (_lines[i].Contains(path, StringComparison.Ordinal)) return i;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Prism did not log the marker {path} within {LogTimeout.TotalSeconds} s. Log:\n{Log}");
            await Task.Delay(5);
        }
    }

    /// <summary>Prism 5.16.0 exits on some request bodies it cannot parse; say so instead of "connection refused".</summary>
    private void ThrowIfExited()
    {
        var process = _process;
        if (process is null || !process.HasExited) return;
        process.WaitForExit();
        throw new InvalidOperationException($"Prism exited (code {process.ExitCode}) while handling a request. Log:\n{Log}");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class PortInUseException(string log) : Exception("Prism's port was taken: " + log);
}

/// <summary>The Prism log lines of one exchange, and the violations among them.</summary>
public sealed class PrismExchange
{
    private static readonly Regex ViolationLine = new(@"Violation: (?<location>\S+) (?<message>.*)$", RegexOptions.CultureInvariant);

    public PrismExchange(IReadOnlyList<string> lines, Exception? error)
    {
        Lines = lines;
        Error = error;
        Violations = lines.Select(l => ViolationLine.Match(l)).Where(m => m.Success)
            .Select(m => new PrismViolation(m.Groups["location"].Value, m.Groups["message"].Value.Trim())).ToList();
        Errors = lines.Where(l => l.Contains("✖", StringComparison.Ordinal) && !ViolationLine.IsMatch(l) && !l.Contains("[VALIDATOR]", StringComparison.Ordinal)).ToList();
    }

    /// <summary>Everything Prism logged for the exchange.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The <c>Violation: &lt;location&gt; &lt;message&gt;</c> lines (request and response).</summary>
    public IReadOnlyList<PrismViolation> Violations { get; }

    /// <summary>Other error lines (e.g. <c>Request terminated with error</c>).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>What the exchange's sender threw, if anything.</summary>
    public Exception? Error { get; }

    public string Describe() => "Prism log for this request:\n  " + (Lines.Count == 0 ? "(nothing)" : string.Join("\n  ", Lines));
}

/// <summary>One <c>Violation:</c> line: <c>request.body.color_palette</c> and its message.</summary>
public sealed record PrismViolation(string Location, string Message)
{
    /// <summary>The body field a <c>request.body.&lt;field&gt;[.…]</c> location names, or null.</summary>
    public string? BodyField
    {
        get
        {
            const string prefix = "request.body.";
            if (!Location.StartsWith(prefix, StringComparison.Ordinal)) return null;
            var rest = Location.Substring(prefix.Length);
            int dot = rest.IndexOfAny(new[] { '.', '[' });
            return dot < 0 ? rest : rest.Substring(0, dot);
        }
    }

    public override string ToString() => Location + " " + Message;
}
