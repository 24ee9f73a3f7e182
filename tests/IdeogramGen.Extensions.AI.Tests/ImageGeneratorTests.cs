using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Drawing;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading.Tasks;
using IdeogramGen.Extensions.AI;
using IdeogramGen.Generated.IdeogramGen_Extensions_AI_Tests;
using IdeogramGen.Testing;
using IdeogramGen.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace IdeogramGen.Extensions.AI.Tests;

[IdeogramGateway("0123456789abcdef0123456789abcdef", "emulator")]
public partial class AiImages { }

/// <summary>The adapter against the loopback emulator, alone and inside Microsoft.Extensions.AI's builder pipeline.</summary>
public sealed class ImageGeneratorTests : IAsyncLifetime
{
    private IdeogramEmulator _emulator = null!;
    private HttpClient _http = null!;
    private AiImages _images = null!;

    public async Task InitializeAsync()
    {
        _emulator = await IdeogramEmulator.StartAsync();
        // Hang guards only (tests/README.md): a call that never answers fails after Eventually.HangGuard.
        _http = new HttpClient(_emulator.CreateHandler()) { Timeout = Eventually.HangGuard };
        _images = new AiImages(_http, new IdeogramCredentials("meai-test-key"), new GatewayOptions { GatewayRoot = _emulator.Root, Timeout = Eventually.HangGuard }, null);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    private RecordedRequest Last() => _emulator.Requests.Last(r => r.IdeogramPath != null);

    [Fact]
    public async Task A_round_trip_through_the_builder_pipeline_with_logging_and_OpenTelemetry()
    {
        var spans = new List<Activity>();
        var logs = new LogSink();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource("meai-round-trip").AddSource(IdeogramTelemetry.SourceName).AddInMemoryExporter(spans).Build();
        using var generator = _images.AsIImageGenerator().AsBuilder()
            .UseLogging(logs)
            .UseOpenTelemetry(sourceName: "meai-round-trip")
            .Build();

        var response = await generator.GenerateImagesAsync("A red fox in the snow", new ImageGenerationOptions { Count = 2, ImageSize = new Size(1280, 800) });

        Assert.Equal(2, response.Contents.Count);
        foreach (var image in response.Contents.Cast<UriContent>())
        {
            Assert.StartsWith(_emulator.Root.ToString(), image.Uri.ToString());
            Assert.Equal("image/png", image.MediaType);
            Assert.IsType<DateTimeOffset>(image.AdditionalProperties![IdeogramImageGeneratorExtensions.ExpiresAtProperty]);
            Assert.Equal("1280x800", image.AdditionalProperties[IdeogramImageGeneratorExtensions.ResolutionProperty]);
        }
        var sent = Last();
        Assert.Equal("/v1/ideogram-v3/generate", sent.IdeogramPath);
        Assert.Equal("2", Assert.Single(sent.Field("num_images")));
        Assert.Equal("1280x800", Assert.Single(sent.Field("resolution")));
        Assert.Equal(2, response.Usage!.AdditionalCounts![IdeogramImageGeneratorExtensions.ImagesCount]);
        var raw = Assert.IsAssignableFrom<IdeogramResponse>(response.RawRepresentation);
        Assert.NotNull(raw.Gateway.LogId);

        // M.E.AI's span (provider and model from the adapter's metadata) with the library's own span inside it.
        var outer = Assert.Single(spans, s => s.Source.Name == "meai-round-trip");
        Assert.Equal("ideogram", outer.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("V_3", outer.GetTagItem("gen_ai.request.model"));
        var inner = Assert.Single(spans, s => s.Source.Name == IdeogramTelemetry.SourceName && Equals(s.GetTagItem("server.port"), _emulator.Root.Port));
        Assert.Equal(outer.SpanId, inner.ParentSpanId);
        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines, l => Assert.DoesNotContain("meai-test-key", l));
    }

    [Fact]
    public async Task An_image_size_without_an_exact_resolution_becomes_the_nearest_aspect_ratio()
    {
        using var generator = _images.AsIImageGenerator();
        await generator.GenerateImagesAsync("A wide valley", new ImageGenerationOptions { ImageSize = new Size(1920, 1080) });
        var sent = Last();
        Assert.Equal("16x9", Assert.Single(sent.Field("aspect_ratio")));
        Assert.Empty(sent.Field("resolution"));
    }

    [Fact]
    public async Task Data_format_downloads_the_images()
    {
        using var generator = _images.AsIImageGenerator(downloader: new ImageDownloader(_http));
        var response = await generator.GenerateImagesAsync("A lighthouse", new ImageGenerationOptions { ResponseFormat = ImageGenerationResponseFormat.Data });
        var image = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, image.Data.Slice(0, 4).ToArray());
        Assert.Equal(1, _emulator.ImageDownloadCount);
    }

    [Theory]
    [InlineData(null, "/v1/ideogram-v3/generate")]
    [InlineData("V_3", "/v1/ideogram-v3/generate")]
    [InlineData("V4", "/v1/ideogram-v4/generate")]
    [InlineData("V_2_TURBO", "/generate")]
    public async Task The_model_id_selects_the_endpoint(string? model, string path)
    {
        using var generator = _images.AsIImageGenerator();
        var response = await generator.GenerateImagesAsync("A city at night", new ImageGenerationOptions { ModelId = model });
        Assert.Single(response.Contents);
        var sent = Last();
        Assert.Equal(path, sent.IdeogramPath);
        if (path == "/generate") Assert.Contains("V_2_TURBO", string.Join(",", sent.Fields.SelectMany(f => f.Value)));
    }

    [Fact]
    public async Task Edits_go_to_remix_or_with_a_mask_to_edit()
    {
        var png = await PngAsync();
        using var generator = _images.AsIImageGenerator();

        var remixed = await generator.EditImageAsync(new DataContent(png, "image/png") { Name = "photo.png" }, "In autumn");
        Assert.Single(remixed.Contents);
        Assert.Equal("/v1/ideogram-v3/remix", Last().IdeogramPath);
        Assert.Equal("photo.png", Assert.Single(Last().Files).FileName);

        var mask = new DataContent(png, "image/png") { Name = "mask.png", AdditionalProperties = new() { [IdeogramImageGeneratorExtensions.MaskProperty] = true } };
        await generator.EditImagesAsync(new AIContent[] { new DataContent(png, "image/png") { Name = "photo.png" }, mask }, "Northern lights");
        Assert.Equal("/v1/ideogram-v3/edit", Last().IdeogramPath);
        Assert.Equal(new[] { "image", "mask" }, Last().Files.Select(f => f.Name).OrderBy(n => n));

        await Assert.ThrowsAsync<NotSupportedException>(() => generator.EditImagesAsync(new AIContent[] { new UriContent("https://example.com/a.png", "image/png") }, "x"));
    }

    [Fact]
    public async Task The_raw_representation_factory_sets_any_Ideogram_field_and_the_options_fill_the_rest()
    {
        using var generator = _images.AsIImageGenerator();
        await generator.GenerateImagesAsync("A teapot", new ImageGenerationOptions
        {
            Count = 3,
            RawRepresentationFactory = _ => new GenerateV3Request { RenderingSpeed = RenderingSpeed.Turbo, NumImages = 2 },
        });
        var sent = Last();
        Assert.Equal("TURBO", Assert.Single(sent.Field("rendering_speed")));
        Assert.Equal("2", Assert.Single(sent.Field("num_images")));   // the raw request's own value wins
        Assert.Equal("A teapot", Assert.Single(sent.Field("prompt")));
    }

    [Fact]
    public async Task Withheld_images_are_counted_not_returned()
    {
        using var generator = _images.AsIImageGenerator();
        var response = await generator.GenerateImagesAsync("A parade [withhold]", new ImageGenerationOptions { Count = 3 });
        Assert.Equal(2, response.Contents.Count);
        Assert.Equal(1, response.Usage!.AdditionalCounts![IdeogramImageGeneratorExtensions.WithheldImagesCount]);
    }

    [Fact]
    public void GetService_returns_the_metadata_the_client_and_its_pipeline()
    {
        using var generator = _images.AsIImageGenerator();
        var metadata = generator.GetService<ImageGeneratorMetadata>()!;
        Assert.Equal("ideogram", metadata.ProviderName);
        Assert.Equal("V_3", metadata.DefaultModelId);
        Assert.Equal(_images.Pipeline.BaseUri, metadata.ProviderUri);
        Assert.Same(_images, generator.GetService<AiImages>());
        Assert.Same(_images.Pipeline, generator.GetService<GatewayPipeline>());
        Assert.Null(generator.GetService(typeof(AiImages), serviceKey: "other"));
    }

    [Fact]
    public void AsIImageGenerator_keeps_MEAI001_visible_to_its_callers()
    {
        var method = typeof(IdeogramImageGeneratorExtensions).GetMethod(nameof(IdeogramImageGeneratorExtensions.AsIImageGenerator))!;
        var experimental = method.GetCustomAttribute<ExperimentalAttribute>();
        Assert.NotNull(experimental);
        Assert.Equal("MEAI001", experimental!.DiagnosticId);
    }

    private async Task<byte[]> PngAsync()
    {
        var response = await _images.GenerateV3Async(new GenerateV3Request { Prompt = "A source photo" });
        return await _http.GetByteArrayAsync(response.Data[0].Url);
    }

    /// <summary>Collects every log line M.E.AI's logging middleware writes.</summary>
    private sealed class LogSink : ILoggerFactory, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public void AddProvider(ILoggerProvider provider) { }
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));
    }
}
