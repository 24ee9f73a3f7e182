using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace IdeogramGen.Runtime.Tests;

/// <summary><c>default</c> of a vocabulary struct means "not set": no trap at run time, left out of the wire.</summary>
public class UnsetValueTests
{
    private readonly StubHandler _handler = new((_, _) => StubHandler.Json(HttpStatusCode.OK, StubHandler.Success));
    private TestImages Client => new(new HttpClient(_handler), new IdeogramCredentials("ideogram-test-key"));

    [Fact]
    public void Default_is_not_set_and_compares_sanely()
    {
        var unset = default(RenderingSpeed);
        Assert.False(unset.IsSet);
        Assert.True(RenderingSpeed.Turbo.IsSet);
        Assert.Equal("", unset.Value);
        Assert.Equal("", unset.ToString());
        Assert.False(unset.IsKnown);
        Assert.Equal(new RenderingSpeed(), unset);
        Assert.True(unset == default);
        Assert.NotEqual(RenderingSpeed.Turbo, unset);
        Assert.Equal(default(RenderingSpeed).GetHashCode(), unset.GetHashCode());
    }

    [Fact]
    public void A_null_string_converts_to_the_unset_value_and_empty_text_is_refused()
    {
        string? none = null;
        AspectRatioV3 converted = none;
        Assert.False(converted.IsSet);
        AspectRatioV3? conditional = none is null ? null : new AspectRatioV3(none);   // the conditional's null goes through the string conversion
        Assert.False(conditional!.Value.IsSet);
        Assert.Equal(AspectRatioV3.Ratio16x9, (AspectRatioV3)"16x9");

        var empty = Assert.Throws<ArgumentException>(() => { AspectRatioV3 _ = " "; });
        Assert.Contains("default(AspectRatioV3)", empty.Message);
        Assert.Throws<ArgumentException>(() => new AspectRatioV3(null!));
    }

    [Fact]
    public async Task Unset_values_are_left_out_of_a_json_body()
    {
        string? userRatio = null;
        await Client.GenerateV3Async(new GenerateV3Request
        {
            Prompt = "p",
            AspectRatio = userRatio is null ? null : new AspectRatioV3(userRatio),
            RenderingSpeed = new RenderingSpeed(),
            StyleType = default(StyleTypeV3),
            Resolution = ResolutionV3.Size1280x800,   // aspect_ratio is not set, so the exclusion rule does not apply
        });

        var (_, body) = Assert.Single(_handler.Requests);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(new[] { "prompt", "resolution" }, json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Unset_values_are_left_out_of_multipart_and_legacy_wrappers()
    {
        await Client.EditV3Async(new EditV3Request { Image = Samples.Png(), Mask = Samples.Png("mask.png"), Prompt = "p", RenderingSpeed = default(RenderingSpeed), MagicPrompt = default(MagicPromptOption) });
        await Client.GenerateLegacyAsync(new GenerateLegacyRequest { Prompt = "p", Model = default(IdeogramModel), AspectRatio = default(AspectRatioLegacy), MagicPrompt = MagicPromptOption.Off });

        var (request, multipart) = _handler.Requests[0];
        var parts = Multipart.Parse(multipart, request.Content!.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"'));
        Assert.Equal(new[] { "image", "mask", "prompt" }, parts.Select(p => p.Name));

        using var legacy = JsonDocument.Parse(_handler.Requests[1].Body);
        Assert.Equal("""{"prompt":"p","magic_prompt_option":"OFF"}""", legacy.RootElement.GetProperty("image_request").GetRawText());
    }
}
