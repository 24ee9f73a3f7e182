using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using IdeogramGen.Testing;

namespace IdeogramGen.IntegrationTests.Endpoints;

/// <summary>
/// The file name of an uploaded part must reach the server as the caller gave it. RFC 6266 §4.3 / RFC 7578 §4.2:
/// when both <c>filename</c> and <c>filename*</c> are present, <c>filename*</c> wins, so it must not carry the quotes
/// that belong to the quoted-string syntax of <c>filename</c>.
/// </summary>
public sealed class MultipartFileNameTests : IClassFixture<LoopbackEmulatorFixture>
{
    private const string Bug = "Runtime bug (runtime/RequestBody.cs, MultipartBuilder.File): it passes the already-quoted file name to "
        + "MultipartFormDataContent.Add(content, name, fileName), which also sets filename* from it, so the part says "
        + "filename*=utf-8''%22a%20b.png%22 (the name with literal quotes) and servers that prefer filename* see \"a b.png\" in quotes. "
        + "Expected: a ContentDispositionHeaderValue with Name and FileName quoted and no FileNameStar (or FileNameStar = the unquoted name).";

    private readonly IdeogramEmulator _emulator;

    public MultipartFileNameTests(LoopbackEmulatorFixture fixture) => _emulator = fixture.Emulator;

    [Fact]
    public async Task File_part_has_no_filename_star_with_literal_quotes()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, StubHandler.Success));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials("ideogram-test-key"));
        await client.RemixV3Async(new RemixV3Request { Image = IdeogramFile.FromBytes(Samples.PngBytes(), "a b.png"), Prompt = "p" });

        var body = Encoding.UTF8.GetString(handler.Requests.Single().Body);
        var disposition = body.Split("\r\n").Single(l => l.StartsWith("Content-Disposition:", StringComparison.OrdinalIgnoreCase) && l.Contains("name=\"image\"", StringComparison.Ordinal));
        Assert.Contains("filename=\"a b.png\"", disposition, StringComparison.Ordinal);
        Assert.True(!disposition.Contains("%22", StringComparison.Ordinal), Bug + "\nSent: " + disposition);
    }

    /// <summary>The emulator reads <c>filename</c>, so it is unaffected by the <c>filename*</c> defect above.</summary>
    [Fact]
    public async Task Emulator_reads_the_file_name_as_given()
    {
        using var http = new HttpClient(_emulator.CreateHandler());
        var client = new TestImages(http, new IdeogramCredentials("ideogram-e2e-key"), new GatewayOptions { GatewayRoot = _emulator.Root });
        await client.LayerizeTextV3Async(new LayerizeTextV3Request { Image = IdeogramFile.FromBytes(Samples.PngBytes(), "street sign.png") });

        var recorded = _emulator.Requests.Last(r => r.IdeogramPath == "/v1/ideogram-v3/layerize-text");
        Assert.Equal("street sign.png", recorded.Files.Single().FileName);
    }
}
