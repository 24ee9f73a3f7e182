using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace IdeogramGen.Extensions.Redis.Tests;

/// <summary>
/// A redis-server process on 127.0.0.1 and a free port, without persistence, started for the tests and stopped after
/// them. redis-server must be on PATH (Debian: <c>apt-get install -y redis-server</c>; <c>.ci/run</c> installs it).
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; private set; }

    /// <summary>The StackExchange.Redis configuration string, e.g. <c>127.0.0.1:41234</c>.</summary>
    public string Configuration => "127.0.0.1:" + Port;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        for (int attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var start = new ProcessStartInfo("redis-server")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(), "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
                start.ArgumentList.Add(a);
            try
            {
                _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("redis-server was not found on PATH; install it (Debian: apt-get install -y redis-server).", e);
            }
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (!guard.IsCancellationRequested && !_process.HasExited)
            {
                try
                {
                    Connection = await ConnectionMultiplexer.ConnectAsync(Configuration + ",abortConnect=true,connectTimeout=2000");
                    return;
                }
                catch (RedisConnectionException)
                {
                    await Task.Delay(100);
                }
            }
            // The port was taken between probing and binding, or the server died: try another port, a few times.
            Stop();
            if (attempt == 3) throw new InvalidOperationException("redis-server did not accept connections on 127.0.0.1.");
        }
    }

    public Task DisposeAsync()
    {
        Connection?.Dispose();
        Stop();
        return Task.CompletedTask;
    }

    private void Stop()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _process = null;
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis-server";
}
