using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Testing;

namespace IdeogramGen.Extensions.Redis.Tests;

/// <summary>
/// Separate client processes (Client/, one app instance each) share one Redis limit against one emulator, which
/// counts the images it has in flight.
/// </summary>
[Collection(RedisCollection.Name)]
public class SharedLimitProcessTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(120);
    private readonly RedisServer _redis;

    public SharedLimitProcessTests(RedisServer redis) => _redis = redis;

    [Fact(Timeout = 300_000)]
    public async Task Two_processes_sharing_a_limit_of_4_images_never_have_more_in_flight()
    {
        await using var emulator = await IdeogramEmulator.StartAsync();
        // Six calls of 2 images in all; the answers are held in waves of two calls (4 images), released by the test.
        var waves = new[] { new EmulatorGate(), new EmulatorGate(), new EmulatorGate() };
        foreach (var gate in waves)
            for (int i = 0; i < 2; i++) emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));

        var name = "ideogram-test:" + Guid.NewGuid().ToString("N");
        using var first = ClientProcess.Start("generate", _redis.Configuration, name, "4", emulator.Root.ToString(), "3", "2");
        using var second = ClientProcess.Start("generate", _redis.Configuration, name, "4", emulator.Root.ToString(), "3", "2");
        using var guard = new CancellationTokenSource(HangGuard);

        foreach (var gate in waves)
        {
            await gate.WaitReachedAsync(2, guard.Token);
            // Two calls of 2 images are held at "Ideogram": the whole shared limit. Any other call waits in its process.
            Assert.Equal(4, emulator.ImagesInFlight);
            gate.Release();
        }

        Assert.Equal(0, await first.ExitCodeAsync(guard.Token));
        Assert.Equal(0, await second.ExitCodeAsync(guard.Token));
        Assert.Contains("done 3", first.Output);
        Assert.Contains("done 3", second.Output);
        Assert.Equal(4, emulator.PeakImagesInFlight);
        Assert.Equal(12, emulator.BilledImageCount);
    }

    [Fact(Timeout = 300_000)]
    public async Task The_permits_of_a_killed_holder_expire_and_return_to_the_pool()
    {
        var name = "ideogram-test:" + Guid.NewGuid().ToString("N");
        using var guard = new CancellationTokenSource(HangGuard);
        using var holder = ClientProcess.Start("hold", _redis.Configuration, name, "4", "4", "8");
        await holder.WaitForLineAsync("held", guard.Token);

        using var limiter = new RedisImageLimiter(_redis.Connection, new RedisImageLimiterOptions { Name = name, PermitLimit = 4, LeaseTime = TimeSpan.FromSeconds(8) });
        using (var refused = limiter.AttemptAcquire(1))
            Assert.False(refused.IsAcquired);   // the holder (alive, renewing) has all 4

        holder.Kill();   // no release, no more renewals: the lease runs out after its 8 seconds
        using var lease = await limiter.AcquireAsync(4, guard.Token);
        Assert.True(lease.IsAcquired);
    }

    /// <summary>A client process of Client/ (built beside the tests), with its output collected.</summary>
    private sealed class ClientProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly SemaphoreSlim _lineArrived = new(0);

        private ClientProcess(Process process) => _process = process;

        public string Output => string.Join("\n", _lines);

        public static ClientProcess Start(params string[] args)
        {
            // The tests run from <project>/bin/<configuration>/<tfm>/; the client builds into <project>/Client/bin/<configuration>/<tfm>/.
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var project = output.Parent!.Parent!.Parent!.FullName;
            var dll = Path.Combine(project, "Client", "bin", output.Parent.Name, output.Name, "IdeogramGen.Extensions.Redis.TestClient.dll");
            Assert.True(File.Exists(dll), dll + " was not built (the test project builds it first).");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(dll);
            foreach (var a in args) start.ArgumentList.Add(a);
            var client = new ClientProcess(Process.Start(start)!);
            client._process.OutputDataReceived += (_, e) => client.Add(e.Data);
            client._process.ErrorDataReceived += (_, e) => client.Add(e.Data);
            client._process.BeginOutputReadLine();
            client._process.BeginErrorReadLine();
            return client;
        }

        private void Add(string? line)
        {
            if (line is null) return;
            _lines.Enqueue(line);
            _lineArrived.Release();
        }

        public async Task WaitForLineAsync(string line, CancellationToken cancellationToken)
        {
            while (!_lines.Contains(line))
            {
                if (_process.HasExited && !_lines.Contains(line)) throw new InvalidOperationException("The client exited without printing '" + line + "':\n" + Output);
                await _lineArrived.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }

        public async Task<int> ExitCodeAsync(CancellationToken cancellationToken)
        {
            await _process.WaitForExitAsync(cancellationToken);
            return _process.ExitCode;
        }

        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(30_000);
        }

        public void Dispose()
        {
            if (!_process.HasExited) Kill();
            _process.Dispose();
        }
    }
}
