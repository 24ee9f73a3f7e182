using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace IdeogramGen.Runtime.Tests;

/// <summary>Text that cannot be sent faithfully is refused before sending, with the field named.</summary>
public class TextValidationTests
{
    private readonly StubHandler _handler = new((_, _) => StubHandler.Json(HttpStatusCode.OK, StubHandler.Success));
    private TestImages Client => new(new HttpClient(_handler), new IdeogramCredentials("ideogram-test-key"));

    private async Task<IdeogramValidationException> Rejected(Func<TestImages, Task> call)
    {
        var ex = await Assert.ThrowsAsync<IdeogramValidationException>(() => call(Client));
        Assert.Empty(_handler.Requests);
        return ex;
    }

    // Built in code: attribute arguments are stored as UTF-8, which would turn a lone surrogate into U+FFFD already.
    private static readonly string[] LoneSurrogates =
    {
        "A fox \uD83D",         // high surrogate at the end
        "\uDE00 a fox",         // low surrogate first
        "A \uDE00\uD83D fox",   // a pair in the wrong order
        "\uD83D\uD83D\uDE00",   // a high surrogate before a whole pair
    };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_lone_surrogate_in_the_prompt_is_refused(int index)
    {
        var prompt = LoneSurrogates[index];
        var ex = await Rejected(c => c.GenerateV3Async(new GenerateV3Request { Prompt = prompt }));
        Assert.Equal("prompt", ex.Field);
        Assert.Contains("lone UTF-16 surrogate", ex.Message);
        Assert.Contains("surrogates only in high-low pairs", ex.Allowed);
    }

    [Fact]
    public async Task Every_text_field_of_every_family_is_checked()
    {
        Assert.Equal("negative_prompt", (await Rejected(c => c.GenerateV3Async(new GenerateV3Request { Prompt = "p", NegativePrompt = "x\uD800" }))).Field);
        Assert.Equal("prompt", (await Rejected(c => c.GenerateLegacyAsync(new GenerateLegacyRequest { Prompt = "\uDBFF" }))).Field);
        Assert.Equal("text_prompt", (await Rejected(c => c.GenerateV4Async(new GenerateV4Request { TextPrompt = "\uDC00" }))).Field);
        Assert.Equal("prompt", (await Rejected(c => c.GenerateV2Ideogram4Async(new GenerateV2Ideogram4Request { Prompt = new string('a', 10001) }))).Field);
        Assert.Equal("font_name_h1", (await Rejected(c => c.GenerateDesignV3Async(new GenerateDesignV3Request { Prompt = "p", FontNameH1 = "Serif\uD801" }))).Field);
        Assert.Equal("image_urls[1]", (await Rejected(c => c.InstructionEditAsync(new InstructionEditRequest
        {
            Prompt = "p", ImageUrls = new[] { "https://example.com/a.png", "https://example.com/\uD83D.png" },
        }))).Field);
    }

    [Fact]
    public async Task Surrogate_pairs_are_sent_unchanged()
    {
        await Client.GenerateV3Async(new GenerateV3Request { Prompt = "A fox \U0001F98A in the snow" });
        var (_, body) = Assert.Single(_handler.Requests);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal("A fox \U0001F98A in the snow", json.RootElement.GetProperty("prompt").GetString());
    }

    [Fact]
    public void A_documented_length_limit_counts_unicode_characters()
    {
        var tenFoxes = string.Concat(System.Linq.Enumerable.Repeat("\U0001F98A", 10));   // 10 characters, 20 UTF-16 units
        RequestValidation.Text(tenFoxes, "prompt", 10);
        RequestValidation.Text(new string('a', 10), "prompt", 10);
        RequestValidation.Text(new string('a', 1000), "prompt");

        var ex = Assert.Throws<IdeogramValidationException>(() => RequestValidation.Text(tenFoxes + "a", "prompt", 10));
        Assert.Equal("prompt", ex.Field);
        Assert.Equal("at most 10 characters", ex.Allowed);
        Assert.Contains("11 characters long", ex.Message);

        var item = Assert.Throws<IdeogramValidationException>(() => RequestValidation.Text(new[] { "ok", new string('b', 11) }, "style_names", 10));
        Assert.Equal("style_names[1]", item.Field);
    }
}
