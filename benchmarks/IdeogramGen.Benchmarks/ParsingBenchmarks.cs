using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace IdeogramGen.Benchmarks;

/// <summary>
/// Response parsing of a four-image generate answer: the generated reader (ImageV3Response.Read over a
/// <see cref="Utf8JsonReader"/>, as the transport calls it) against System.Text.Json reflection deserialization of an
/// equivalent POCO (baseline) and STJ's source-generated deserializer.
/// </summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private byte[] _body = null!;
    private JsonSerializerOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _body = Payloads.ResponseBody;
        _options = Payloads.ReflectionOptions();
        JsonSerializer.Deserialize<ImageResponsePoco>(_body, _options);
    }

    [Benchmark(Baseline = true, Description = "STJ reflection (POCO)")]
    public ImageResponsePoco? StjReflection() => JsonSerializer.Deserialize<ImageResponsePoco>(_body, _options);

    [Benchmark(Description = "STJ source-generated (POCO)")]
    public ImageResponsePoco? StjSourceGenerated() => JsonSerializer.Deserialize(_body, Payloads.SourceGenerated.ImageResponsePoco);

    [Benchmark(Description = "IdeogramGen generated reader")]
    public ImageV3Response Generated()
    {
        var reader = new Utf8JsonReader(_body);
        IdeogramJson.Start(ref reader);
        var response = ImageV3Response.Read(ref reader);
        IdeogramJson.End(ref reader);
        return response;
    }
}
