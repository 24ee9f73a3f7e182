using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace IdeogramGen.Runtime.Tests;

/// <summary>
/// How the generated readers find a property by its name (<see cref="JsonPropertyNames"/>): raw names in any order,
/// escaped names, names split over buffer segments, names that only share a length or a prefix, and duplicates.
/// </summary>
public class PropertyNameTests
{
    private static readonly JsonPropertyNames Names = new("url", "prompt", "resolution", "upscaled_resolution", "is_image_safe", "seed", "style_type");

    [Theory]
    [InlineData("url", 0)]
    [InlineData("style_type", 6)]
    [InlineData("seed", 5)]
    [InlineData("see", -1)]
    [InlineData("seeds", -1)]
    [InlineData("Seed", -1)]
    [InlineData("", -1)]
    [InlineData("prompt_extra", -1)]
    [InlineData("\\u0073eed", 5)]
    [InlineData("st\\u0079le_type", 6)]
    [InlineData("\\u0055rl", -1)]
    public void A_name_is_matched_ordinally_after_unescaping(string written, int expected)
    {
        var json = Encoding.UTF8.GetBytes("{\"" + written + "\":1}");
        // Every hint, so that the first guess and the search both give the same index.
        for (int hint = -1; hint <= Names.Count + 1; hint++)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            reader.Read();
            int next = hint;
            Assert.Equal(expected, Names.Match(ref reader, ref next));
            Assert.Equal(expected < 0 ? hint : expected + 1, next);
        }
    }

    [Fact]
    public void A_name_split_over_buffer_segments_is_matched()
    {
        var json = Encoding.UTF8.GetBytes("{\"upscaled_resolution\":null,\"is_image_safe\":true,\"nope\":1}");
        // Cut inside each name, so that the reader holds them as value sequences.
        var sequence = Segments(json, 5, 30, 50);
        var reader = new Utf8JsonReader(sequence);
        reader.Read();
        int next = 0;
        reader.Read();
        Assert.True(reader.HasValueSequence);
        Assert.Equal(3, Names.Match(ref reader, ref next));
        reader.Read();
        reader.Read();
        Assert.True(reader.HasValueSequence);
        Assert.Equal(4, Names.Match(ref reader, ref next));
        reader.Read();
        reader.Read();
        Assert.Equal(-1, Names.Match(ref reader, ref next));
        Assert.Equal(5, next);
    }

    [Fact]
    public async Task A_generated_reader_takes_properties_in_any_order_escaped_and_repeated()
    {
        // Reversed order (no first guess hits), an escaped name, an unknown name of a known name's length, and a
        // repeated property whose last value wins, as with ValueTextEquals before.
        var body = """
            {"data":[{"style_type":"REALISTIC","seed":7,"is_image_safe":true,"upscaled_resolution":null,"resolution":"1312x736","pr\u006Fmpt":"a lake","urx":"no","url":"https://x/1.png"},
                     {"seed":1,"seed":2,"url":null,"is_image_safe":false}],
             "created":"2026-11-29T10:00:00Z"}
            """;
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, body));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ideogram-test-key"));
        var result = await client.GenerateV3Async(new GenerateV3Request { Prompt = "p" });

        Assert.Equal(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero), result.Created);
        Assert.Equal(2, result.Data.Count);
        var first = result.Data[0];
        Assert.Equal(StyleTypeV3.Realistic, first.StyleType);
        Assert.Equal(7, first.Seed);
        Assert.True(first.IsImageSafe);
        Assert.Null(first.UpscaledResolution);
        Assert.Equal(ResolutionV3.Size1312x736, first.Resolution);
        Assert.Equal("a lake", first.Prompt);
        Assert.Equal("https://x/1.png", first.Url);
        Assert.Equal(2, result.Data[1].Seed);
        Assert.True(result.Data[1].IsWithheld);
    }

    [Fact]
    public void Null_names_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new JsonPropertyNames(null!));
        Assert.Throws<ArgumentNullException>(() => new JsonPropertyNames("a", null!));
    }

    private static ReadOnlySequence<byte> Segments(byte[] bytes, params int[] cuts)
    {
        Segment? first = null, last = null;
        int start = 0;
        foreach (var end in new List<int>(cuts) { bytes.Length })
        {
            var piece = new ReadOnlyMemory<byte>(bytes, start, end - start);
            if (first == null) first = last = new Segment(piece, 0);
            else last = last!.Append(piece);
            start = end;
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
