using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Refit;

namespace IdeogramGen.Benchmarks;

/// <summary>The same generate call declared for Refit.</summary>
public interface IIdeogramRefitApi
{
    [Post("/v1/ideogram-v3/generate")]
    Task<ImageResponsePoco> GenerateV3Async([Body] GenerateRequestPoco request, [Header("Api-Key")] string apiKey, CancellationToken cancellationToken = default);
}

/// <summary>
/// A whole generate call in memory, three ways over the same handler (it reads the request body and returns a canned
/// answer): the floor (baseline) is what a careful hand-written client does with HttpClient and System.Text.Json's
/// source generator (the request serialized to bytes, the answer read with <c>ReadFromJsonAsync</c>); Refit 16.4 with
/// STJ and the same options; and the generated client's GenerateV3Async (validation, gateway headers, JSON body, gateway
/// metadata, typed answer).
/// </summary>
[MemoryDiagnoser]
public class ClientCallBenchmarks
{
    private const string ApiKey = "benchmark-api-key";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private Images _generated = null!;
    private IIdeogramRefitApi _refit = null!;
    private HttpClient _floor = null!;
    private Uri _floorUri = null!;
    private GenerateV3Request _request = null!;
    private GenerateRequestPoco _poco = null!;

    /// <summary>The handler behind the generated client.</summary>
    public CannedHandler GeneratedHandler { get; private set; } = null!;

    /// <summary>The handler behind the Refit client.</summary>
    public CannedHandler RefitHandler { get; private set; } = null!;

    /// <summary>The handler behind the hand-written floor.</summary>
    public CannedHandler FloorHandler { get; private set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        GeneratedHandler = new CannedHandler(Payloads.ResponseBody);
        RefitHandler = new CannedHandler(Payloads.ResponseBody);
        FloorHandler = new CannedHandler(Payloads.ResponseBody);
        _generated = new Images(new HttpClient(GeneratedHandler), new IdeogramCredentials(ApiKey));
        var settings = new RefitSettings(new SystemTextJsonContentSerializer(Payloads.ReflectionOptions()));
        _refit = RestService.For<IIdeogramRefitApi>(new HttpClient(RefitHandler) { BaseAddress = new Uri(Images.GatewayBaseUrl) }, settings);
        _floor = new HttpClient(FloorHandler);
        _floorUri = new Uri(Images.GatewayBaseUrl + "v1/ideogram-v3/generate");
        _request = Payloads.GeneratedRequest();
        _poco = Payloads.PocoRequest();
    }

    [Benchmark(Baseline = true, Description = "floor: HttpClient + STJ source-gen")]
    public async Task<ImageResponsePoco> Floor()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _floorUri);
        request.Headers.TryAddWithoutValidation("Api-Key", ApiKey);
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(_poco, Payloads.SourceGenerated.GenerateRequestPoco));
        content.Headers.ContentType = Json;
        request.Content = content;
        using var response = await _floor.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(Payloads.SourceGenerated.ImageResponsePoco).ConfigureAwait(false))!;
    }

    [Benchmark(Description = "Refit 16.4 (STJ reflection)")]
    public Task<ImageResponsePoco> Refit() => _refit.GenerateV3Async(_poco, ApiKey);

    [Benchmark(Description = "IdeogramGen generated client")]
    public Task<ImageV3Response> Generated() => _generated.GenerateV3Async(_request);
}
