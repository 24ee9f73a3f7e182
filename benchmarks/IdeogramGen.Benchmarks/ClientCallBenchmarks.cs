using System;
using System.Net.Http;
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
/// A whole generate call in memory: the generated client's GenerateV3Async (validation, headers, JSON body, gateway
/// metadata, typed answer) against a Refit interface doing the same POST (baseline), both over a handler that reads the
/// request body and returns a canned answer. Refit uses System.Text.Json with the same options as the POCO baselines.
/// </summary>
[MemoryDiagnoser]
public class ClientCallBenchmarks
{
    private const string ApiKey = "benchmark-api-key";

    private Images _generated = null!;
    private IIdeogramRefitApi _refit = null!;
    private GenerateV3Request _request = null!;
    private GenerateRequestPoco _poco = null!;

    /// <summary>The handler behind the generated client.</summary>
    public CannedHandler GeneratedHandler { get; private set; } = null!;

    /// <summary>The handler behind the Refit client.</summary>
    public CannedHandler RefitHandler { get; private set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        GeneratedHandler = new CannedHandler(Payloads.ResponseBody);
        RefitHandler = new CannedHandler(Payloads.ResponseBody);
        _generated = new Images(new HttpClient(GeneratedHandler), new IdeogramCredentials(ApiKey));
        var settings = new RefitSettings(new SystemTextJsonContentSerializer(Payloads.ReflectionOptions()));
        _refit = RestService.For<IIdeogramRefitApi>(new HttpClient(RefitHandler) { BaseAddress = new Uri(Images.GatewayBaseUrl) }, settings);
        _request = Payloads.GeneratedRequest();
        _poco = Payloads.PocoRequest();
    }

    [Benchmark(Baseline = true, Description = "Refit (STJ reflection)")]
    public Task<ImageResponsePoco> Refit() => _refit.GenerateV3Async(_poco, ApiKey);

    [Benchmark(Description = "IdeogramGen generated client")]
    public Task<ImageV3Response> Generated() => _generated.GenerateV3Async(_request);
}
