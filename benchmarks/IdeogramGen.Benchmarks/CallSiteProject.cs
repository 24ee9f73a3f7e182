using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace IdeogramGen.Benchmarks;

/// <summary>
/// <see cref="LargeProject"/>'s 2,000 ordinary files with ONE <c>[IdeogramGateway]</c> class (<c>App.Clients.Images</c>,
/// the same measured families) and the code that uses it the way an application does: 10 feature classes with 5 call
/// sites each (<see cref="CallSites"/> = 50), a composition root that creates and registers the client, and an
/// <c>appsettings.json</c> passed as an additional file. The call sites build requests with vocabulary values (static
/// members and string literals), per-call gateway options (retries, timeouts, log metadata, event ids), uploads, headers
/// and Ideogram paths: what the analyzers look at. Almost all of it is correct; <see cref="ExpectedDiagnostics"/> lists the
/// few deliberate findings, one or more for each analyzer that reports on code or settings.
/// </summary>
public static class CallSiteProject
{
    public const int FeatureFiles = 10;
    public const int CallSitesPerFile = 5;
    public const int CallSites = FeatureFiles * CallSitesPerFile;

    /// <summary>The findings the project is written to produce (rule id, file), in no particular order.</summary>
    public static readonly IReadOnlyList<(string Id, string File)> ExpectedDiagnostics = new[]
    {
        ("IDG0103", "Feature2.cs"), // AspectRatioV3 "16:9" (the v3 spelling is 16x9)
        ("IDG0101", "Feature3.cs"), // IdeogramModel "V2_TURBO" (V_2_TURBO)
        ("IDG0204", "Feature4.cs"), // MaxAttempts = 8 (the gateway takes 1 to 5)
        ("IDG0401", "Feature5.cs"), // CacheTtl on a generate call, whose answer holds expiring links
        ("IDG0106", "Feature6.cs"), // v2 path with the model "ideogram-v4.5" (the slug is ideogram-4-5)
        ("IDG0301", "Startup.cs"), // a hard-coded Ideogram API key
        ("IDG0303", "Startup.cs"), // an environment variable's name passed as the key
        ("IDG0402", "Startup.cs"), // AddStandardResilienceHandler on the client's builder
        ("IDG0302", "appsettings.json"), // an API key in the settings file
    };

    /// <summary>The project's own sources (no generated code), parsed.</summary>
    public static ImmutableArray<SyntaxTree> ParseSources()
    {
        var trees = ImmutableArray.CreateBuilder<SyntaxTree>(LargeProject.Files + FeatureFiles + 2);
        for (int i = 0; i < LargeProject.Files; i++)
            trees.Add(CSharpSyntaxTree.ParseText(LargeProject.OrdinaryFile(i), LargeProject.ParseOptions, path: $"Entity{i}.cs"));
        trees.Add(CSharpSyntaxTree.ParseText(Client, LargeProject.ParseOptions, path: "Clients.cs"));
        trees.Add(CSharpSyntaxTree.ParseText(Startup, LargeProject.ParseOptions, path: "Startup.cs"));
        for (int k = 0; k < FeatureFiles; k++)
            trees.Add(CSharpSyntaxTree.ParseText(Feature(k), LargeProject.ParseOptions, path: $"Feature{k}.cs"));
        return trees.MoveToImmutable();
    }

    public static CSharpCompilation Compilation(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create("App", trees, References.Value, LargeProject.CompilationOptions);

    /// <summary>The additional files a build passes to analyzers: the app's settings.</summary>
    public static ImmutableArray<AdditionalText> AdditionalFiles { get; } = ImmutableArray.Create<AdditionalText>(new InMemoryText("appsettings.json", Settings));

    /// <summary>
    /// What the project references: .NET 10's reference assemblies and the app's packages, IdeogramGen and
    /// IdeogramGen.Extensions with everything they reference outside the framework (dependency injection,
    /// configuration, HttpClientFactory, resilience), as a build of such an app passes them to the compiler.
    /// </summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var packages = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<Assembly>(new[]
        {
            typeof(GatewayPipeline).Assembly,
            typeof(IdeogramGen.Extensions.IdeogramClientOptions).Assembly,
        });
        while (pending.Count > 0)
        {
            var assembly = pending.Dequeue();
            if (packages.ContainsKey(assembly.GetName().Name!)) continue;
            packages[assembly.GetName().Name!] = assembly.Location;
            foreach (var name in assembly.GetReferencedAssemblies())
            {
                // Only the packages next to this assembly; the framework comes from the reference assemblies.
                if (!File.Exists(Path.Combine(AppContext.BaseDirectory, name.Name + ".dll"))) continue;
                pending.Enqueue(Assembly.Load(name));
            }
        }
        return ImmutableArray.CreateRange<MetadataReference>(
            Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
                .Concat(packages.Values.Select(p => MetadataReference.CreateFromFile(p))));
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Client { get; } = $$"""
        namespace App.Clients
        {
            /// <summary>The app's one Ideogram client.</summary>
            [IdeogramGen.IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "images-prod", Families = {{LargeProject.FamiliesArgument}})]
            public partial class Images { }
        }
        """;

    public const string Startup = """
        using System;
        using System.Net.Http;
        using App.Clients;
        using IdeogramGen;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        namespace App
        {
            /// <summary>Where the app creates and registers its client.</summary>
            public static class Startup
            {
                public static void AddImages(IServiceCollection services, IConfiguration configuration)
                {
                    services.AddIdeogramGateway<Images>(configuration.GetSection("Ideogram")).AddIdeogramResilienceHandler();
                    services.AddIdeogramGateway<Images>("batch", options =>
                    {
                        options.ApiKey = configuration["Ideogram:ApiKey"];
                        options.GatewayToken = configuration["Ideogram:GatewayToken"];
                        options.Timeout = TimeSpan.FromMinutes(3);
                        options.MaxImagesInFlight = 4;
                    }).AddStandardResilienceHandler();
                }

                public static Images ForTools(HttpClient http) =>
                    new Images(http, IdeogramCredentials.FromEnvironment("IDEOGRAM_API_KEY", "CF_AIG_TOKEN"));

                public static Images ForScripts(HttpClient http) =>
                    new Images(http, new IdeogramCredentials("IDEOGRAM_API_KEY"));

                public static Images ForDemo(HttpClient http)
                {
                    http.DefaultRequestHeaders.Add("X-Client", "demo-kiosk");
                    var options = new GatewayOptions { Timeout = TimeSpan.FromSeconds(45), UserAgent = "app-demo/1.0" };
                    return new Images(http, new IdeogramCredentials("idg_live_7Qm2Xv9LkR4tZp8WcN3sJb6Hd1Fy5Ge0"), options);
                }
            }
        }
        """;

    public const string Settings = """
        {
          "Logging": { "LogLevel": { "Default": "Information", "IdeogramGen": "Warning" } },
          "Ideogram": {
            "AccountId": "3ebbcb006d4d46d7bb6a8c7f14676cb0",
            "GatewayId": "images-prod",
            "GatewayToken": "",
            "ApiKey": "idg_5cT8pQ1vX7mK3zR9wB2nL6yF4hJ0sD8a",
            "Timeout": "00:02:00"
          }
        }
        """;

    private static readonly string[] AspectRatios = { "16x9", "1x1", "4x5", "3x2", "9x16", "2x3", "16x10", "4x3", "1x2", "5x4" };
    private static readonly string[] Speeds = { "Turbo", "Default", "Quality", "Turbo", "Default", "Flash", "Quality", "Turbo", "Quality", "Default" };
    private static readonly string[] MagicPrompts = { "AUTO", "ON", "OFF", "AUTO", "ON", "OFF", "AUTO", "ON", "OFF", "AUTO" };
    private static readonly string[] Resolutions = { "1024x1024", "1152x864", "864x1152", "1280x768", "768x1280", "1024x1024", "1344x768", "768x1344", "1216x832", "832x1216" };
    private static readonly string[] Palettes = { "Ember", "Fresh", "Jungle", "Magic", "Melon", "Mosaic", "Pastel", "Ultramarine", "Ember", "Fresh" };
    private static readonly string[] Presets = { "ArtDeco", "Bauhaus", "ArtPoster", "Blueprint", "Aura", "AvantGarde", "AbstractOrganic", "AnalogNostalgia", "ArtBrut", "BlurryMotion" };
    private static readonly string[] Models = { "IdeogramModel.V2Turbo", "\"V_2A\"", "IdeogramModel.V2", "\"V2_TURBO\"", "\"V_2_TURBO\"", "IdeogramModel.V2A", "\"V_2A_TURBO\"", "IdeogramModel.V2ATurbo", "\"V_2\"", "IdeogramModel.V2Turbo" };
    private static readonly string[] V4Resolutions = { "2048x2048", "1440x2560", "2560x1440", "1664x2496", "2496x1664", "1792x2240", "2240x1792", "1600x2560", "2560x1600", "1024x1024" };

    /// <summary>Feature file <paramref name="k"/>: a class with <see cref="CallSitesPerFile"/> call sites.</summary>
    public static string Feature(int k)
    {
        var aspectRatio = k == 2 ? "16:9" : AspectRatios[k];
        var attempts = k == 4 ? 8 : 1 + k % 5;
        var cache = k == 5 ? "\n                    CacheTtl = TimeSpan.FromMinutes(10)," : "";
        return $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using App.Clients;
            using IdeogramGen;
            using IdeogramGen.Generated.App;

            namespace App.Features{{k}}
            {
                /// <summary>The image features of area {{k}}.</summary>
                public sealed class ImageFeature{{k}}
                {
                    private readonly Images _images;

                    public ImageFeature{{k}}(Images images)
                    {
                        _images = images ?? throw new ArgumentNullException(nameof(images));
                    }

                    public async Task<string?> PosterAsync(string subject, CancellationToken cancellationToken = default)
                    {
                        var request = new GenerateV3Request
                        {
                            Prompt = "A poster of " + subject + ", bold typography, area {{k}}",
                            AspectRatio = "{{aspectRatio}}",
                            RenderingSpeed = RenderingSpeed.{{Speeds[k]}},
                            MagicPrompt = "{{MagicPrompts[k]}}",
                            StyleType = StyleTypeV3.Design,
                            NegativePrompt = "blurry, low contrast",
                            NumImages = {{1 + k % 4}},
                            Seed = {{1000 + k}},
                        };
                        var options = new IdeogramRequestOptions
                        {
                            Gateway = new GatewayRequestOptions
                            {
                                SkipCache = true,
                                MaxAttempts = {{attempts}},
                                RetryDelay = TimeSpan.FromMilliseconds({{100 * (k + 1)}}),
                                RequestTimeout = TimeSpan.FromSeconds(60),{{cache}}
                                Metadata = new GatewayLogMetadata().Add("feature", "poster").Add("area", {{k}}),
                            },
                            Timeout = TimeSpan.FromSeconds(90),
                        };
                        var response = await _images.GenerateV3Async(request, options, cancellationToken).ConfigureAwait(false);
                        return response.Data.Count > 0 ? response.Data[0].Url : null;
                    }

                    public async Task<int> RemixAsync(byte[] photo, string prompt, CancellationToken cancellationToken = default)
                    {
                        var response = await _images.RemixV3Async(new RemixV3Request
                        {
                            Image = IdeogramFile.FromBytes(photo, "photo{{k}}.png", "image/png"),
                            Prompt = prompt,
                            ImageWeight = {{40 + k * 5}},
                            Resolution = "{{Resolutions[k]}}",
                            ColorPalette = ColorPalette.FromPreset(ColorPalettePreset.{{Palettes[k]}}),
                            StylePreset = StylePresetV3.{{Presets[k]}},
                        }, new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { EventId = "remix-{{k}}", CollectLog = true } }, cancellationToken).ConfigureAwait(false);
                        return response.Data.Count;
                    }

                    public async Task<IReadOnlyList<string>> ThumbnailsAsync(string prompt, CancellationToken cancellationToken = default)
                    {
                        var request = new GenerateLegacyRequest
                        {
                            Prompt = prompt,
                            Model = {{Models[k]}},
                            AspectRatio = AspectRatioLegacy.Ratio16x9,
                            StyleType = "REALISTIC",
                            NumImages = 2,
                        };
                        var response = await _images.GenerateLegacyAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
                        var urls = new List<string>();
                        foreach (var image in response.Data)
                            if (image.Url != null) urls.Add(image.Url);
                        return urls;
                    }

                    public async Task<string?> HeroAsync(string prompt, CancellationToken cancellationToken = default)
                    {
                        var metadata = new GatewayLogMetadata { { "feature", "hero" }, { "area", {{k}} } };
                        var response = await _images.GenerateV4Async(new GenerateV4Request
                        {
                            TextPrompt = prompt,
                            Resolution = "{{V4Resolutions[k]}}",
                            RenderingSpeed = RenderingSpeed.Default,
                            Seed = {{k}},
                        }, new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { Metadata = metadata, CollectLogPayload = false } }, cancellationToken).ConfigureAwait(false);
                        return response.Data.Count > 0 ? response.Data[0].Url : null;
                    }

            {{FifthSite(k)}}
                }
            }
            """;
    }

    /// <summary>The fifth call site of a feature file: one of five utilities, by <paramref name="k"/>.</summary>
    private static string FifthSite(int k) => (k % 5) switch
    {
        0 => $$"""
                    public async Task<string?> CaptionAsync(string path, CancellationToken cancellationToken = default)
                    {
                        var response = await _images.DescribeLegacyAsync(new DescribeLegacyRequest
                        {
                            Image = IdeogramFile.FromPath(path),
                            DescribeModelVersion = DescribeModelVersion.V3,
                        }, new IdeogramRequestOptions { Timeout = TimeSpan.FromSeconds(20) }, cancellationToken).ConfigureAwait(false);
                        return response.Descriptions.Count > 0 ? response.Descriptions[0].Text : null;
                    }
            """,
        1 => $$"""
                    public Uri LogsLink(HttpClient http, string generationId)
                    {
                        http.DefaultRequestHeaders.TryAddWithoutValidation("X-Trace-Id", generationId);
                        var uri = Images.Endpoints.For("{{(k == 6 ? "v2/image/generate/ideogram-v4.5" : "v2/image/generate/ideogram-4-5")}}");
                        return new Uri(uri, "?area={{k}}");
                    }
            """,
        2 => $$"""
                    public async Task<string?> UpscaleAsync(Stream photo, CancellationToken cancellationToken = default)
                    {
                        var response = await _images.UpscaleLegacyAsync(new UpscaleLegacyRequest
                        {
                            Image = IdeogramFile.FromStream(photo, "upscale{{k}}.jpg"),
                            Prompt = "sharper, same colours",
                            Resemblance = {{50 + k}},
                            Detail = {{40 + k}},
                            MagicPrompt = MagicPromptOption.Off,
                        }, cancellationToken: cancellationToken).ConfigureAwait(false);
                        return response.Data.Count > 0 ? response.Data[0].Url : null;
                    }
            """,
        3 => $$"""
                    public async Task<string?> CutOutAsync(byte[] photo, CancellationToken cancellationToken = default)
                    {
                        var options = new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { SkipCache = true, EventId = "cutout-{{k}}" } };
                        var response = await _images.RemoveBackgroundAsync(new RemoveBackgroundRequest { Image = IdeogramFile.FromBytes(photo, "cutout{{k}}.png") }, options, cancellationToken).ConfigureAwait(false);
                        return response.Data.Count > 0 ? response.Data[0].Url : null;
                    }
            """,
        _ => $$"""
                    public async Task<string?> RetouchAsync(string instruction, IList<string> sources, CancellationToken cancellationToken = default)
                    {
                        var response = await _images.InstructionEditAsync(new InstructionEditRequest
                        {
                            Prompt = instruction,
                            ImageUrls = sources,
                            AspectRatio = AspectRatioV3.Ratio1x1,
                            MagicPrompt = "AUTO",
                            NumImages = 1,
                        }, new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { MaxAttempts = 2, RetryDelay = TimeSpan.FromSeconds(1) } }, cancellationToken).ConfigureAwait(false);
                        return response.Data.Count > 0 ? response.Data[0].Url : null;
                    }
            """,
    };

    /// <summary>An additional file held in memory.</summary>
    private sealed class InMemoryText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
