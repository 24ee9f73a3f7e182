using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen;
using IdeogramGen.Generated.QuickStart;
using IdeogramGen.Testing;
using Microsoft.Extensions.Configuration;

namespace QuickStart;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var prompt = new Argument<string>("prompt")
        {
            Description = "What to draw.",
            DefaultValueFactory = _ => "A serene landscape with mountains and a lake at sunset",
        };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the images.", DefaultValueFactory = _ => new DirectoryInfo("out") };
        var count = new Option<int>("--num-images") { Description = "How many images (1 to 8).", DefaultValueFactory = _ => 1 };
        var aspect = new Option<string?>("--aspect-ratio") { Description = "Ideogram 3.0 aspect ratio, e.g. 16x9." };
        var seed = new Option<int?>("--seed") { Description = "Seed for reproducible images (0 to 2147483647)." };
        var real = new Option<bool>("--real") { Description = "Call the real Cloudflare AI Gateway (needs IDEOGRAM_API_KEY; see README)." };

        var root = new RootCommand("Generates images with Ideogram 3.0 through Cloudflare AI Gateway and saves them as files.")
        {
            prompt, output, count, aspect, seed, real,
        };
        root.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(prompt)!, result.GetValue(output)!, result.GetValue(count), result.GetValue(aspect), result.GetValue(seed), result.GetValue(real), cancellationToken));
        return await root.Parse(args).InvokeAsync();
    }

    private static async Task<int> RunAsync(string prompt, DirectoryInfo output, int count, string? aspectRatio, int? seed, bool real, CancellationToken cancellationToken)
    {
        IdeogramEmulator? emulator = null;
        try
        {
            // Check the arguments first: a bad value is reported before anything starts (or is sent, or billed).
            var request = new GenerateV3Request
            {
                Prompt = prompt,
                NumImages = count,
                Seed = seed,
                AspectRatio = aspectRatio is null ? (AspectRatioV3?)null : new AspectRatioV3(aspectRatio),
            };
            request.Validate();

            IdeogramCredentials credentials;
            var options = new GatewayOptions();
            if (real)
            {
                // Secrets come from the environment or user secrets, never from source:
                //   IDEOGRAM_API_KEY (or Ideogram:ApiKey), and CF_AIG_TOKEN (or Ideogram:GatewayToken) for an authenticated gateway.
                var config = new ConfigurationBuilder().AddUserSecrets(typeof(Program).Assembly, optional: true).AddEnvironmentVariables().Build();
                var key = config["IDEOGRAM_API_KEY"] ?? config["Ideogram:ApiKey"];
                if (string.IsNullOrWhiteSpace(key))
                {
                    Console.Error.WriteLine("Set IDEOGRAM_API_KEY (or the user secret Ideogram:ApiKey) to call the real gateway.");
                    return 2;
                }
                var token = config["CF_AIG_TOKEN"] ?? config["Ideogram:GatewayToken"];
                credentials = new IdeogramCredentials(key, string.IsNullOrWhiteSpace(token) ? null : token);
                Console.WriteLine($"Calling Cloudflare AI Gateway {Images.GatewayBaseUri}");
            }
            else
            {
                emulator = await IdeogramEmulator.StartAsync(cancellationToken: cancellationToken);
                credentials = new IdeogramCredentials("fake-key-the-emulator-accepts");
                options.GatewayRoot = emulator.Root;
                Console.WriteLine($"Calling the local gateway emulator at {emulator.Root} (no keys needed; add --real for Cloudflare).");
            }

            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var images = new Images(http, credentials, options, logger: null);
            var result = await WithProgress("Generating", () => images.GenerateV3Async(request, cancellationToken: cancellationToken), cancellationToken);
            Console.WriteLine($"Gateway log id {result.Gateway.LogId ?? "-"}, cache {result.Gateway.CacheStatus}, {result.Data.Count} image(s).");
            if (result.WithheldCount > 0)
                Console.WriteLine($"{result.WithheldCount} image(s) were withheld by Ideogram's safety check (billed, no link).");

            output.Create();
            var downloader = new ImageDownloader(http);
            for (int i = 0; i < result.Data.Count; i++)
            {
                var image = result.Data[i];
                if (image.IsWithheld) continue;
                var path = Path.Combine(output.FullName, $"{image.Seed}-{i + 1}.png");
                IProgress<ImageDownloadProgress>? progress = Console.IsOutputRedirected ? null : new InlineProgress<ImageDownloadProgress>(p =>
                    Console.Write($"\r  downloading {p.BytesReceived / 1024} KiB{(p.TotalBytes is long t ? $" of {t / 1024} KiB" : "")}   "));
                var bytes = await downloader.DownloadToFileAsync(image.Url, path, progress, cancellationToken);
                ClearLine();
                Console.WriteLine($"{path}  seed {image.Seed}  {image.Resolution}  {bytes / 1024} KiB{(image.ExpiresAt is DateTimeOffset e ? $"  (link expires {e:u})" : "")}");
            }
            return 0;
        }
        catch (IdeogramValidationException ex)
        {
            Console.Error.WriteLine("Invalid request: " + ex.Message);
            return 2;
        }
        catch (IdeogramGenException ex)
        {
            Console.Error.WriteLine($"{ex.GetType().Name}: {ex.Message}");
            if (ex.Gateway.LogId != null) Console.Error.WriteLine("Gateway log id: " + ex.Gateway.LogId);
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Cancelled.");
            return 130;
        }
        finally
        {
            if (emulator != null) await emulator.DisposeAsync();
        }
    }

    /// <summary>Shows the elapsed time while a call runs (image generation takes seconds to tens of seconds).</summary>
    private static async Task<T> WithProgress<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var task = call();
        if (Console.IsOutputRedirected) Console.WriteLine($"{what}...");
        long lastLine = 0;
        while (await Task.WhenAny(task, Task.Delay(500, cancellationToken)) != task)
        {
            var seconds = (long)watch.Elapsed.TotalSeconds;
            if (!Console.IsOutputRedirected) Console.Write($"\r{what}... {seconds} s");
            else if (seconds >= lastLine + 5)
            {
                lastLine = seconds;
                Console.WriteLine($"{what}... {seconds} s");
            }
        }
        ClearLine();
        return await task;
    }

    /// <summary>
    /// Reports progress on the caller's thread, in order. <c>Progress&lt;T&gt;</c> posts each report to the thread pool
    /// (a console app has no synchronization context), so its lines can arrive out of order and after the download ended.
    /// </summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly object _lock = new();

        public void Report(T value)
        {
            lock (_lock) report(value);
        }
    }

    private static void ClearLine()
    {
        if (!Console.IsOutputRedirected) Console.Write("\r" + new string(' ', Math.Max(0, Console.WindowWidth - 1)) + "\r");
    }
}
