using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.LanguageServerTests;

/// <summary>
/// A minimal Language Server Protocol client over a child process's stdio (JSON-RPC 2.0 with <c>Content-Length</c>
/// framing). Requests from the server are answered by <see cref="ServerRequestHandler"/> (null result when it returns
/// null); everything the server writes to stderr is kept for failure messages. Disposing kills the process tree.
/// </summary>
internal sealed class LspClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly StringBuilder _stderr = new();
    private readonly List<string> _log = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _readLoop;
    private long _nextId;

    private LspClient(Process process)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        _output = process.StandardOutput.BaseStream;
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_stderr) _stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>Answers a request the server sends (method, params); the returned node is the result.</summary>
    public Func<string, JsonNode?, JsonNode?>? ServerRequestHandler { get; set; }

    /// <summary>What the server wrote to stderr so far.</summary>
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Methods of the requests and notifications the server sent, in order, with <c>window/logMessage</c> texts.</summary>
    public IReadOnlyList<string> ServerMessages { get { lock (_log) return _log.ToList(); } }

    /// <summary>Everything useful for a failure message.</summary>
    public string Transcript => "--- server messages ---\n" + string.Join("\n", ServerMessages) + "\n--- server stderr ---\n" + Stderr;

    public static LspClient Start(string executable, string workingDirectory, IDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var kv in environment) info.Environment[kv.Key] = kv.Value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + executable);
        return new LspClient(process);
    }

    /// <summary>Sends a request and waits for its result; throws on an error answer or after <paramref name="timeout"/>.</summary>
    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;
        await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }).ConfigureAwait(false);
        var done = await Task.WhenAny(tcs.Task, Task.Delay(timeout)).ConfigureAwait(false);
        if (done != tcs.Task)
        {
            _pending.TryRemove(id, out _);
            throw new TimeoutException($"No answer to {method} within {timeout}.\n{Transcript}");
        }
        return await tcs.Task.ConfigureAwait(false);
    }

    /// <summary>Sends a notification.</summary>
    public Task NotifyAsync(string method, JsonNode? parameters) =>
        WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    /// <summary>Waits for the process to exit by itself.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        return await Task.WhenAny(exited, Task.Delay(timeout)).ConfigureAwait(false) == exited;
    }

    private async Task WriteAsync(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _input.WriteAsync(header).ConfigureAwait(false);
            await _input.WriteAsync(body).ConfigureAwait(false);
            await _input.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var length = await ReadHeadersAsync().ConfigureAwait(false);
                if (length < 0) break;
                var body = new byte[length];
                await _output.ReadExactlyAsync(body, _stop.Token).ConfigureAwait(false);
                await DispatchAsync(JsonNode.Parse(body)!.AsObject()).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException || ex is OperationCanceledException || ex is ObjectDisposedException || ex is EndOfStreamException)
        {
        }
        catch (Exception ex)
        {
            lock (_log) _log.Add("client read loop failed: " + ex);
        }
        foreach (var pending in _pending.Values)
            pending.TrySetException(new IOException("The language server closed its output.\n" + Transcript));
    }

    /// <summary>Reads header lines up to the blank line; returns Content-Length, or -1 at the end of the stream.</summary>
    private async Task<int> ReadHeadersAsync()
    {
        int length = -1;
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            int n = await _output.ReadAsync(one, _stop.Token).ConfigureAwait(false);
            if (n == 0) return -1;
            if (one[0] == '\n')
            {
                var text = line.ToString().TrimEnd('\r');
                line.Clear();
                if (text.Length == 0)
                {
                    if (length >= 0) return length;
                    continue;
                }
                var colon = text.IndexOf(':');
                if (colon > 0 && text[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    length = int.Parse(text[(colon + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                line.Append((char)one[0]);
            }
        }
    }

    private async Task DispatchAsync(JsonObject message)
    {
        var method = (string?)message["method"];
        var id = message["id"];
        if (method == null && id != null)
        {
            // An answer to one of our requests.
            if (_pending.TryRemove(id.GetValue<long>(), out var tcs))
            {
                if (message["error"] is JsonNode error) tcs.TrySetException(new InvalidOperationException($"LSP error {error.ToJsonString()}\n{Transcript}"));
                else tcs.TrySetResult(message["result"]?.DeepClone());
            }
            return;
        }
        var entry = method == "window/logMessage" || method == "window/showMessage"
            ? method + ": " + (string?)message["params"]?["message"]
            : method + (id != null ? " (request)" : "");
        lock (_log) _log.Add(entry!);
        if (id != null)
        {
            JsonNode? result = null;
            try
            {
                result = ServerRequestHandler?.Invoke(method!, message["params"]);
            }
            catch (Exception ex)
            {
                lock (_log) _log.Add("handler for " + method + " failed: " + ex.Message);
            }
            await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result }).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false); } catch (TimeoutException) { }
        try { await _readLoop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); } catch (TimeoutException) { }
        _process.Dispose();
        _writeLock.Dispose();
        _stop.Dispose();
    }
}
