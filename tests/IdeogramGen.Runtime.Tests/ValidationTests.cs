using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace IdeogramGen.Runtime.Tests;

/// <summary>Values Ideogram rejects are refused before anything is sent, with the field and what is allowed.</summary>
public class ValidationTests
{
    private readonly StubHandler _handler = new((_, _) => StubHandler.Json(HttpStatusCode.OK, StubHandler.Success));
    private TestImages Client => new(new HttpClient(_handler), new IdeogramCredentials("ideogram-test-key"));

    private async Task<IdeogramValidationException> Rejected(Func<TestImages, Task> call)
    {
        var ex = await Assert.ThrowsAsync<IdeogramValidationException>(() => call(Client));
        Assert.Empty(_handler.Requests);
        return ex;
    }

    [Fact]
    public async Task Missing_prompt()
    {
        var ex = await Rejected(c => c.GenerateV3Async(new GenerateV3Request()));
        Assert.Equal("prompt", ex.Field);
        Assert.Contains("required", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public async Task Num_images_out_of_range(int n)
    {
        var ex = await Rejected(c => c.GenerateV3Async(new GenerateV3Request { Prompt = "p", NumImages = n }));
        Assert.Equal("num_images", ex.Field);
        Assert.Equal("1 to 8", ex.Allowed);
    }

    [Fact]
    public async Task Seed_out_of_range()
    {
        var ex = await Rejected(c => c.GenerateV3Async(new GenerateV3Request { Prompt = "p", Seed = -1 }));
        Assert.Equal("seed", ex.Field);
        Assert.Equal("0 to 2147483647", ex.Allowed);
    }

    [Fact]
    public async Task Aspect_ratio_excludes_resolution()
    {
        var ex = await Rejected(c => c.GenerateV3Async(new GenerateV3Request { Prompt = "p", AspectRatio = AspectRatioV3.Ratio1x1, Resolution = ResolutionV3.Size1024x1024 }));
        Assert.Equal("aspect_ratio+resolution", ex.Field);
    }

    [Fact]
    public async Task Style_codes_exclude_style_type_and_must_be_8_hex()
    {
        var both = await Rejected(c => c.GenerateV3Async(new GenerateV3Request { Prompt = "p", StyleCodes = new[] { "AAFF5733" }, StyleType = StyleTypeV3.Realistic }));
        Assert.Contains("style_codes", both.Field);
        var pattern = await Rejected(c => c.GenerateV3Async(new GenerateV3Request { Prompt = "p", StyleCodes = new[] { "XYZ" } }));
        Assert.Equal("style_codes[0]", pattern.Field);
    }

    [Fact]
    public async Task Flash_is_refused_on_generate_transparent_only()
    {
        var ex = await Rejected(c => c.GenerateTransparentV3Async(new GenerateTransparentV3Request { Prompt = "p", RenderingSpeed = RenderingSpeed.Flash }));
        Assert.Equal("rendering_speed", ex.Field);
        Assert.DoesNotContain("FLASH", ex.Allowed);
        await Client.GenerateV3Async(new GenerateV3Request { Prompt = "p", RenderingSpeed = RenderingSpeed.Flash });
    }

    [Fact]
    public async Task Legacy_edit_takes_only_v2_models()
    {
        var ex = await Rejected(c => c.EditLegacyAsync(new EditLegacyRequest
        {
            Prompt = "p", Model = IdeogramModel.V3, Image = IdeogramFile.FromBytes(WireTests.Png(), "i.png"), Mask = IdeogramFile.FromBytes(WireTests.Png(), "m.png"),
        }));
        Assert.Equal("model", ex.Field);
        Assert.Equal("V_2, V_2_TURBO", ex.Allowed);
    }

    [Fact]
    public async Task Legacy_negative_prompt_not_with_v3()
    {
        var ex = await Rejected(c => c.GenerateLegacyAsync(new GenerateLegacyRequest { Prompt = "p", Model = IdeogramModel.V3, NegativePrompt = "blur" }));
        Assert.Equal("negative_prompt", ex.Field);
    }

    [Fact]
    public async Task One_character_reference_and_matching_masks()
    {
        var png = IdeogramFile.FromBytes(WireTests.Png(), "c.png");
        var two = await Rejected(c => c.GenerateV3Async(new GenerateV3Request { Prompt = "p", CharacterReferenceImages = new[] { png, png } }));
        Assert.Equal("character_reference_images", two.Field);
        var masks = await Rejected(c => c.GenerateV3Async(new GenerateV3Request { Prompt = "p", CharacterReferenceImages = new[] { png }, CharacterReferenceImagesMask = new[] { png, png } }));
        Assert.Equal("character_reference_images_mask", masks.Field);
    }

    [Fact]
    public async Task Files_must_be_images_within_10_MB()
    {
        var gif = await Rejected(c => c.EditV3Async(new EditV3Request
        {
            Prompt = "p", Image = IdeogramFile.FromBytes("GIF89a................"u8.ToArray(), "x.gif"), Mask = IdeogramFile.FromBytes(WireTests.Png(), "m.png"),
        }));
        Assert.Equal("image", gif.Field);
        var big = new byte[10 * 1024 * 1024 + 1];
        WireTests.Png().CopyTo(big, 0);
        var large = await Rejected(c => c.RemixV3Async(new RemixV3Request { Prompt = "p", Image = IdeogramFile.FromBytes(big, "big.png") }));
        Assert.Equal("image", large.Field);
        Assert.Contains("10 MB", large.Allowed);
    }

    [Fact]
    public async Task Empty_optional_strings_are_refused_rather_than_sent()
    {
        var ex = await Rejected(c => c.GenerateV3Async(new GenerateV3Request { Prompt = "p", NegativePrompt = "" }));
        Assert.Equal("negative_prompt", ex.Field);
    }

    [Fact]
    public void Palette_rules_hold_at_construction()
    {
        Assert.Throws<IdeogramValidationException>(() => ColorPalette.FromMembers());
        Assert.Throws<IdeogramValidationException>(() => ColorPalette.FromMembers(new ColorPaletteMember("red")));
        Assert.Throws<IdeogramValidationException>(() => ColorPalette.FromMembers(new ColorPaletteMember("#FFF", 1.5)));
        var nine = new ColorPaletteMember[9];
        for (int i = 0; i < 9; i++) nine[i] = new ColorPaletteMember("#000");
        var ex = Assert.Throws<IdeogramValidationException>(() => ColorPalette.FromMembers(nine));
        Assert.Equal("1 to 8 members", ex.Allowed);
    }

    [Fact]
    public async Task Unknown_vocabulary_values_are_sent_for_forward_compatibility()
    {
        await Client.GenerateV3Async(new GenerateV3Request { Prompt = "p", RenderingSpeed = new RenderingSpeed("HYPER") });
        Assert.Contains("\"rendering_speed\":\"HYPER\"", System.Text.Encoding.UTF8.GetString(Assert.Single(_handler.Requests).Body));
        Assert.False(new RenderingSpeed("HYPER").IsKnown);
        Assert.True(RenderingSpeed.Default.IsKnown);
        Assert.Throws<ArgumentException>(() => new RenderingSpeed(""));
    }
}
