using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace IdeogramGen.Benchmarks;

/// <summary>
/// Request serialization: the generated writer (the bytes GenerateV3Async sends) against System.Text.Json reflection
/// serialization of an equivalent POCO (baseline) and STJ's source-generated serializer. All three produce the same bytes.
/// </summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private GenerateV3Request _request = null!;
    private GenerateRequestPoco _poco = null!;
    private JsonSerializerOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _request = Payloads.GeneratedRequest();
        _poco = Payloads.PocoRequest();
        _options = Payloads.ReflectionOptions();
        // Warm STJ's reflection metadata cache, as a long-running process would have it.
        JsonSerializer.SerializeToUtf8Bytes(_poco, _options);
    }

    [Benchmark(Baseline = true, Description = "STJ reflection (POCO)")]
    public byte[] StjReflection() => JsonSerializer.SerializeToUtf8Bytes(_poco, _options);

    [Benchmark(Description = "STJ source-generated (POCO)")]
    public byte[] StjSourceGenerated() => JsonSerializer.SerializeToUtf8Bytes(_poco, Payloads.SourceGenerated.GenerateRequestPoco);

    [Benchmark(Description = "IdeogramGen generated writer")]
    public byte[] Generated() => RequestBody.ToJsonBytes(_request.WriteJson);
}
