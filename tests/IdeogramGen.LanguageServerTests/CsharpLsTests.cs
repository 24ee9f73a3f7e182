using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace IdeogramGen.LanguageServerTests;

/// <summary>
/// The packed IdeogramGen package in an IDE: csharp-ls 0.28.0, driven over LSP in a fresh consumer project, reports
/// the analyzers' rules with their ranges and severities, resolves the generated client's members on hover, and is
/// asked for code fixes on a rule's range (what it offers is recorded, not required: csharp-ls does not load code-fix
/// providers from NuGet packages).
/// </summary>
public sealed class CsharpLsTests : IAsyncLifetime
{
    private const string ServerVersion = "0.28.0";
    private const string Key = "ak-7Hq2vX9mLp4Rt8Wz1Nc6Bd3Fg5Jk0Ys2Ue4Io7Pa9Sd";
    // Hang guards only: on a busy machine the server may take minutes to load the workspace and the analyzers, and the
    // test waits for it; these limits only stop a server that will never answer.
    private static readonly TimeSpan DiagnosticsHangGuard = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan RequestHangGuard = TimeSpan.FromMinutes(5);

    private const string Program = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using IdeogramGen;
        using IdeogramGen.Generated.Consumer;

        [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "my-gateway")]
        public partial class Images { }

        public static class Program
        {
            public static async Task Main()
            {
                IdeogramModel model = "V3";
                var credentials = new IdeogramCredentials("ak-7Hq2vX9mLp4Rt8Wz1Nc6Bd3Fg5Jk0Ys2Ue4Io7Pa9Sd");
                using var http = new HttpClient();
                var images = new Images(http, credentials);
                var result = await images.GenerateV3Async(new GenerateV3Request { Prompt = "A lighthouse at dawn", NumImages = 12 });
                Console.WriteLine($"{model} {Images.Endpoints.GenerateV3} {result.Data.Count}");
            }
        }
        """;

    private readonly ITestOutputHelper _output;
    private readonly LocalPackageFeed _feed = new("ls");
    private string _consumer = "";

    public CsharpLsTests(ITestOutputHelper output) => _output = output;

    private string Tools => Path.Combine(_feed.Root, "tools");

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Csharp_ls_shows_the_rules_resolves_generated_members_and_lists_code_fixes()
    {
        var total = Stopwatch.StartNew();
        await PackAsync();
        Log($"packed in {total.Elapsed.TotalSeconds:0.0} s");
        var step = Stopwatch.StartNew();
        await CreateAndBuildConsumerAsync();
        Log($"consumer restored and built in {step.Elapsed.TotalSeconds:0.0} s");
        step.Restart();
        var server = await InstallServerAsync();
        Log($"csharp-ls {ServerVersion} installed in {step.Elapsed.TotalSeconds:0.0} s");

        var programPath = Path.Combine(_consumer, "Program.cs");
        var uri = new Uri(programPath).AbsoluteUri;
        await using var ls = LspClient.Start(server, _consumer, _feed.ConsumerEnvironment());
        var configurationRequests = new List<string>();
        ls.ServerRequestHandler = (method, parameters) =>
        {
            if (method != "workspace/configuration") return null;
            var answer = new JsonArray();
            foreach (var item in parameters?["items"]?.AsArray() ?? new JsonArray())
            {
                var section = (string?)item?["section"];
                lock (configurationRequests) configurationRequests.Add(section ?? "(none)");
                answer.Add(section == "csharp" ? new JsonObject { ["analyzersEnabled"] = true } : new JsonObject());
            }
            return answer;
        };

        var lsClock = Stopwatch.StartNew();
        var init = await ls.RequestAsync("initialize", InitializeParams(_consumer), RequestHangGuard);
        Assert.True(init?["capabilities"]?["diagnosticProvider"] != null, "the server does not offer pull diagnostics\n" + ls.Transcript);
        await ls.NotifyAsync("initialized", new JsonObject());
        await ls.NotifyAsync("workspace/didChangeConfiguration", new JsonObject
        {
            ["settings"] = new JsonObject { ["csharp"] = new JsonObject { ["analyzersEnabled"] = true } },
        });
        await ls.NotifyAsync("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "csharp", ["version"] = 1, ["text"] = Program },
        });

        // Pull until the analyzers' rules show up (the first pulls can come before the workspace or the analyzers are loaded).
        var wanted = new[] { "IDG0101", "IDG0201", "IDG0301" };
        JsonArray items = new();
        using var hang = new System.Threading.CancellationTokenSource(DiagnosticsHangGuard);
        while (true)
        {
            var report = await ls.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } }, RequestHangGuard);
            items = report?["items"]?.AsArray() ?? new JsonArray();
            if (wanted.All(id => items.Any(d => Code(d) == id))) break;
            if (hang.IsCancellationRequested)
                Assert.Fail($"IDG diagnostics did not appear within the {DiagnosticsHangGuard.TotalMinutes} min hang guard. Last pull: {items.ToJsonString()}\n" +
                    $"configuration sections asked: {string.Join(", ", configurationRequests)}\n{ls.Transcript}");
            await Task.Delay(500);
        }
        Log($"diagnostics after {lsClock.Elapsed.TotalSeconds:0.0} s; configuration sections asked: {string.Join(", ", configurationRequests)}");
        foreach (var d in items) Log($"  {Code(d)} severity {(int?)d!["severity"]} {Range(d)}: {(string?)d["message"]}");

        var model = AssertDiagnostic(items, "IDG0101", "\"V3\"", ls);
        AssertDiagnostic(items, "IDG0201", "12", ls);
        var secret = AssertDiagnostic(items, "IDG0301", "\"" + Key + "\"", ls);
        Assert.DoesNotContain(Key, (string?)secret["message"] ?? "");
        Assert.DoesNotContain(Key[3..15], (string?)secret["message"] ?? "");
        Assert.DoesNotContain(items, d => (int?)d!["severity"] == 1);

        // Hover on generated members: the client method and the endpoint URL builder.
        var hoverMethod = await HoverAsync(ls, uri, "images.GenerateV3Async", "images.".Length);
        Log("hover GenerateV3Async: " + hoverMethod);
        Assert.Contains("GenerateV3Async", hoverMethod);
        Assert.Contains("ImageV3Response", hoverMethod);
        Assert.Contains("GenerateV3Request", hoverMethod);
        var hoverEndpoint = await HoverAsync(ls, uri, "Images.Endpoints.GenerateV3", "Images.Endpoints.".Length);
        Log("hover Endpoints.GenerateV3: " + hoverEndpoint);
        Assert.Contains("Uri", hoverEndpoint);
        Assert.Contains("Generate", hoverEndpoint);

        // Code actions on the IDG0101 range: recorded, since csharp-ls offers only the fixes it loads itself.
        var actions = await ls.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = model["range"]!.DeepClone(),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(model.DeepClone()), ["triggerKind"] = 1 },
        }, RequestHangGuard);
        var titles = (actions?.AsArray() ?? new JsonArray()).Select(a => (string?)a?["title"] ?? "").ToList();
        Log($"code actions on IDG0101 ({titles.Count}): {string.Join(" | ", titles)}");
        // IdeogramGen's own fix for IDG0101 is titled "Use 'V_3'" (ReplaceValueCodeFix).
        Log("IdeogramGen code fix offered: " + (titles.Contains("Use 'V_3'") ? "yes" : "no"));
        Assert.NotNull(actions);

        await ls.RequestAsync("shutdown", null, RequestHangGuard);
        await ls.NotifyAsync("exit", null);
        var exited = await ls.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Log($"language server session {lsClock.Elapsed.TotalSeconds:0.0} s, exited by itself: {exited}; whole test {total.Elapsed.TotalSeconds:0.0} s");
    }

    private static JsonObject InitializeParams(string folder)
    {
        var rootUri = new Uri(folder + Path.DirectorySeparatorChar).AbsoluteUri;
        return new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["clientInfo"] = new JsonObject { ["name"] = "IdeogramGen.LanguageServerTests" },
            ["rootUri"] = rootUri,
            ["rootPath"] = folder,
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = rootUri, ["name"] = "Consumer" }),
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject
                {
                    ["configuration"] = true,
                    ["workspaceFolders"] = true,
                    ["didChangeConfiguration"] = new JsonObject { ["dynamicRegistration"] = true },
                },
                ["textDocument"] = new JsonObject
                {
                    ["synchronization"] = new JsonObject { ["didSave"] = true },
                    ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false, ["relatedDocumentSupport"] = false },
                    ["publishDiagnostics"] = new JsonObject(),
                    ["hover"] = new JsonObject { ["contentFormat"] = new JsonArray("markdown", "plaintext") },
                    ["codeAction"] = new JsonObject
                    {
                        ["codeActionLiteralSupport"] = new JsonObject
                        {
                            ["codeActionKind"] = new JsonObject
                            {
                                ["valueSet"] = new JsonArray("", "quickfix", "refactor", "refactor.extract", "refactor.inline", "refactor.rewrite", "source"),
                            },
                        },
                        ["resolveSupport"] = new JsonObject { ["properties"] = new JsonArray("edit") },
                    },
                },
                ["window"] = new JsonObject { ["workDoneProgress"] = true },
            },
        };
    }

    /// <summary>Checks one diagnostic: a warning (LSP severity 2) exactly on <paramref name="text"/> in Program.cs.</summary>
    private static JsonObject AssertDiagnostic(JsonArray items, string id, string text, LspClient ls)
    {
        var found = items.Where(d => Code(d) == id).Select(d => d!.AsObject()).ToList();
        Assert.True(found.Count == 1, $"expected one {id}, got {found.Count}: {items.ToJsonString()}\n{ls.Transcript}");
        var d = found[0];
        var (line, character) = Position(text, 0);
        var expected = $"{line}:{character}-{line}:{character + text.Length}";
        Assert.True(Range(d) == expected, $"{id} at {Range(d)}, expected {expected} (the span of {text})");
        Assert.Equal(2, (int?)d["severity"]);
        return d;
    }

    private async Task<string> HoverAsync(LspClient ls, string uri, string context, int offsetInContext)
    {
        var (line, character) = Position(context, offsetInContext);
        var hover = await ls.RequestAsync("textDocument/hover", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["position"] = new JsonObject { ["line"] = line, ["character"] = character + 1 },
        }, RequestHangGuard);
        Assert.True(hover != null, $"no hover at {context}\n{ls.Transcript}");
        return Flatten(hover!["contents"]);
    }

    /// <summary>The hover text, whatever its shape (MarkupContent, MarkedString or an array of them).</summary>
    private static string Flatten(JsonNode? node) => node switch
    {
        null => "",
        JsonArray array => string.Join("\n", array.Select(Flatten)),
        JsonObject obj => (string?)obj["value"] ?? "",
        JsonValue value => value.ToString(),
        _ => "",
    };

    /// <summary>Zero-based line and character of <paramref name="text"/> (plus an offset) in Program.cs.</summary>
    private static (int Line, int Character) Position(string text, int offset)
    {
        var lines = Program.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var at = lines[i].IndexOf(text, StringComparison.Ordinal);
            if (at >= 0) return (i, at + offset);
        }
        throw new InvalidOperationException(text + " is not in Program.cs");
    }

    private static string? Code(JsonNode? d) => d?["code"] is JsonValue v ? v.ToString() : null;

    private static string Range(JsonNode? d)
    {
        var r = d?["range"];
        return $"{r?["start"]?["line"]}:{r?["start"]?["character"]}-{r?["end"]?["line"]}:{r?["end"]?["character"]}";
    }

    private async Task PackAsync()
    {
        await _feed.PackSolutionAsync();
        Assert.True(File.Exists(_feed.PackagePath("IdeogramGen")), _feed.PackOutput);
    }

    private async Task CreateAndBuildConsumerAsync()
    {
        _consumer = _feed.NewConsumer("Consumer", Program, new[] { "IdeogramGen" }, treatWarningsAsErrors: false);
        // IDG0201 (NumImages = 12) is an error by default; lowered here so the consumer builds and all three rules show as warnings.
        File.WriteAllText(Path.Combine(_consumer, ".editorconfig"), "root = true\n[*.cs]\ndotnet_diagnostic.IDG0201.severity = warning\n");
        var build = await _feed.DotNetAsync(_consumer, null, "build");
        Assert.True(build.ExitCode == 0, "the consumer did not build\n" + build.Output);
        Assert.Contains("warning IDG0101", build.Output);
    }

    private async Task<string> InstallServerAsync()
    {
        // From the machine's configured NuGet sources (the consumer's nuget.config does not apply in the feed's root).
        var install = await DotNetCli.RunAsync(_feed.Root, null, TimeSpan.FromMinutes(5),
            "tool", "install", "csharp-ls", "--version", ServerVersion, "--tool-path", Tools);
        var executable = Path.Combine(Tools, OperatingSystem.IsWindows() ? "csharp-ls.exe" : "csharp-ls");
        if (install.ExitCode != 0 || !File.Exists(executable))
            Assert.Fail($"csharp-ls {ServerVersion} could not be installed as a dotnet tool from the configured NuGet sources " +
                $"(dotnet tool install csharp-ls --version {ServerVersion} --tool-path <dir>, exit code {install.ExitCode}). " +
                "This test needs that exact version from the registry.\n" + install.Output);
        return executable;
    }

    private void Log(string line) => _output.WriteLine(line);

    public async Task DisposeAsync() => await _feed.DisposeAsync();
}
