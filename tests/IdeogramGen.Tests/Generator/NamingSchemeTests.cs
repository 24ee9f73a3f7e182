using System.Linq;
using System.Text.RegularExpressions;
using IdeogramGen.ApiDescription;
using Microsoft.CodeAnalysis;

namespace IdeogramGen.Tests.Generator;

/// <summary>
/// One shape across endpoint families (description/README.md, "C# names"): the same name for the same concept, one
/// member scheme for vocabulary values, one tag scheme for family types, and the common image interfaces.
/// </summary>
public class NamingSchemeTests
{
    private const string Client = """
        using IdeogramGen;
        using IdeogramGen.Generated.Consumer;
        /// <summary>A client.</summary>
        [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "my-gateway")]
        public partial class Images { }
        """;

    private static System.Collections.Generic.List<Diagnostic> Errors(string use)
    {
        var (output, _) = GeneratorHarness.Run(Client + "\n" + use);
        return output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    [Fact]
    public void The_scheme_is_the_generated_api()
    {
        var errors = Errors("""
            static class Use
            {
                static void Compile(Images client, IdeogramFile png)
                {
                    var v3 = new GenerateV3Request { Prompt = "p", MagicPrompt = MagicPromptOption.On, AspectRatio = AspectRatioV3.Ratio16x9 };
                    var v4 = new GenerateV4Request { TextPrompt = "p", RenderingSpeed = RenderingSpeed.Turbo, Seed = 1 };
                    var v2 = new GenerateV2Ideogram4Request { Prompt = "p", MagicPrompt = MagicPromptV2.On, RenderingSpeed = RenderingSpeedV2.Turbo };
                    var legacy = new GenerateLegacyRequest
                    {
                        Prompt = "p", MagicPrompt = MagicPromptOption.On, AspectRatio = AspectRatioLegacy.Ratio16x9,
                        Resolution = ResolutionLegacy.Size1024x640, StyleType = StyleTypeLegacy.Auto, Model = IdeogramModel.V2,
                    };
                    var images = new object[]
                    {
                        new RemixV3Request { Image = png }, new RemixLegacyRequest { Image = png },
                        new EditV3Request { Image = png }, new EditLegacyRequest { Image = png },
                        new ReframeV3Request { Image = png }, new ReframeLegacyRequest { Image = png },
                        new UpscaleLegacyRequest { Image = png }, new DescribeLegacyRequest { Image = png },
                        new RemoveBackgroundRequest { Image = png }, new LayerizeTextV3Request { Image = png },
                    };
                    var urls = new System.Uri[] { Images.Endpoints.GenerateV3, Images.Endpoints.GenerateV4, Images.Endpoints.GenerateLegacy, Images.Endpoints.UpscaleLegacy, Images.Endpoints.DescribeLegacy, Images.Endpoints.InstructionEdit };
                    System.Threading.Tasks.Task<ImageV3Response> a = client.GenerateV3Async(v3);
                    System.Threading.Tasks.Task<ImageV4Response> b = client.GenerateV4Async(v4);
                    System.Threading.Tasks.Task<ImageLegacyResponse> c = client.GenerateLegacyAsync(legacy);
                    System.Threading.Tasks.Task<LayeredImageV3Response> d = client.GenerateDesignV3Async(new GenerateDesignV3Request());
                    System.Threading.Tasks.Task<LayerizeTextV3Response> e = client.LayerizeTextV3Async(new LayerizeTextV3Request());
                    System.Threading.Tasks.Task<DescribeLegacyResponse> f = client.DescribeLegacyAsync(new DescribeLegacyRequest());
                    IIdeogramImage[] generated = { new GeneratedImageV3(), new GeneratedImageV4(), new GeneratedImageLegacy(), new LayeredImageV3(), new InstructionEditImage(), new BackgroundRemovedImage() };
                    IIdeogramImageResponse[] answers = { new ImageV3Response(), new ImageV4Response(), new ImageLegacyResponse(), new LayeredImageV3Response(), new InstructionEditResponse(), new RemoveBackgroundResponse() };
                    System.Collections.Generic.IReadOnlyList<IIdeogramImage> data = answers[0].Images;
                }
            }
            """);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
    }

    [Theory]
    [InlineData("new GenerateRequest()", "CS0246")]
    [InlineData("new LegacyGenerateRequest()", "CS0246")]
    [InlineData("new UpscaleRequest()", "CS0246")]
    [InlineData("new GenerateV4Request { MagicPromptOption = MagicPromptOption.On }", "CS0117")]
    [InlineData("new GenerateV4Request { Prompt = \"p\" }", "CS0117")]
    [InlineData("new GenerateV2Ideogram4Request { RenderingSpeed = RenderingSpeed.Turbo }", "CS0029")]
    [InlineData("new GenerateV2Ideogram4Request { Async = true }", "CS0117")]
    [InlineData("new RemixLegacyRequest { ImageFile = null }", "CS0117")]
    [InlineData("Images.Endpoints.Generate", "CS0117")]
    [InlineData("Images.Endpoints.LegacyGenerate", "CS0117")]
    [InlineData("new ImageResponse()", "CS0246")]
    [InlineData("new LegacyImage()", "CS0246")]
    [InlineData("LegacyAspectRatio.Aspect16_9", "CS0103")]
    [InlineData("AspectRatioLegacy.Aspect16_9", "CS0117")]
    [InlineData("ResolutionLegacy.Resolution1024_640", "CS0117")]
    public void Old_names_are_gone(string expression, string error)
    {
        var errors = Errors("static class Use { static object M() => " + expression + "; }");
        Assert.Contains(errors, d => d.Id == error);
    }

    [Fact]
    public void Family_types_carry_their_family_tag()
    {
        foreach (var e in IdeogramApi.Endpoints)
        {
            var tag = e.Family switch { ApiFamilies.V3 => "V3", ApiFamilies.V4 => "V4", ApiFamilies.Legacy => "Legacy", _ => "" };
            Assert.True(tag.Length == 0 ? !Regex.IsMatch(e.Name, "(V3|V4|Legacy)$") : e.Name.EndsWith(tag, System.StringComparison.Ordinal), e.Path + " → " + e.Name);
        }
    }

    [Fact]
    public void One_property_name_per_concept()
    {
        var fields = IdeogramApi.Endpoints.SelectMany(e => e.Fields).ToList();
        Assert.Equal(new[] { "MagicPrompt" }, fields.Where(f => f.Name is "magic_prompt" or "magic_prompt_option").Select(f => f.Member).Distinct());
        Assert.Equal(new[] { "Image" }, fields.Where(f => f.Name is "image" or "image_file").Select(f => f.Member).Distinct());
        // Everything else is the PascalCase of its wire name, so no other pair can drift apart.
        foreach (var f in fields.Where(f => f.Name is not ("magic_prompt_option" or "image_file")))
            Assert.Equal(IdeogramGen.ApiDescription.Builder.DescriptionBuilder.Pascal(f.Name), f.Member);
    }

    [Fact]
    public void Vocabulary_members_follow_one_scheme()
    {
        foreach (var e in IdeogramApi.Enums)
        {
            Assert.Equal(e.Values.Length, e.Members.Length);
            if (e.MemberPrefix is "Ratio" or "Size")
                Assert.All(e.Members, m => Assert.Matches("^((Ratio|Size)[0-9]+x[0-9]+|Auto)$", m));
            if (e.MemberPrefix is "Tier")
                Assert.All(e.Members, m => Assert.Matches("^Tier[0-9]+K$", m));
        }
        var legacy = IdeogramApi.Enums.Single(e => e.TypeName == "AspectRatioLegacy");
        var v3 = IdeogramApi.Enums.Single(e => e.TypeName == "AspectRatioV3");
        Assert.Equal("ASPECT_16_9", legacy.ValueOfMember("Ratio16x9"));
        Assert.Equal("16x9", v3.ValueOfMember("Ratio16x9"));
        Assert.Equal("RESOLUTION_1024_640", IdeogramApi.Enums.Single(e => e.TypeName == "ResolutionLegacy").ValueOfMember("Size1024x640"));
        // Lowercase spellings (Ideogram's /v2 vocabularies) give the same members as uppercase ones.
        Assert.Equal("Render3D", IdeogramGen.ApiDescription.Builder.DescriptionBuilder.MemberName("render_3d", ""));
        Assert.Equal("Render3D", IdeogramGen.ApiDescription.Builder.DescriptionBuilder.MemberName("RENDER_3D", ""));
        Assert.Equal("Ratio16x9", IdeogramGen.ApiDescription.Builder.DescriptionBuilder.MemberName("aspect_16_9", "Ratio", "ASPECT"));
    }
}
