using System.Threading.Tasks;
using IdeogramGen.CodeFixes;
using Microsoft.CodeAnalysis.Testing;

namespace IdeogramGen.Analyzers.Tests
{
    /// <summary>IDG0107: a vocabulary field Ideogram requires, given the value that means "not set".</summary>
    public class RequiredValueTests
    {
        /// <summary>
        /// Request types beyond <see cref="Verify.Requests"/>, as the generator emits them: reframe (required resolution
        /// and model) and two requests whose nested objects have required vocabulary fields (asset_type of
        /// AssetIdentifier, type of V4PromptElement). <c>Elsewhere</c> holds look-alikes that are not requests.
        /// </summary>
        private const string MoreRequests = @"
namespace Sample.More
{
    using System.Collections.Generic;
    using IdeogramGen;

    [IdeogramEndpoint(""/reframe"")]
    public sealed class ReframeLegacyRequest
    {
        public ResolutionLegacy? Resolution { get; set; }
        public IdeogramModel? Model { get; set; }
        public int? NumImages { get; set; }
    }

    [IdeogramEndpoint(""/v1/ideogram-v3/reframe"")]
    public sealed class ReframeV3Request
    {
        public ResolutionV3? Resolution { get; set; }
        public RenderingSpeed? RenderingSpeed { get; set; }
    }

    [IdeogramEndpoint(""/v2/image/precise-edit/ideogram-4-5"")]
    public sealed class PreciseEditV2Ideogram45Request
    {
        public string? Prompt { get; set; }
        public AssetIdentifier? ImageAssetIdentifier { get; set; }
    }

    public sealed class AssetIdentifier
    {
        public string? AssetId { get; set; }
        public AssetType? AssetType { get; set; }
        public string? CollectionId { get; set; }
    }

    [IdeogramEndpoint(""/v1/ideogram-v4/generate"")]
    public sealed class GenerateV4Request
    {
        public JsonPromptV4? JsonPrompt { get; set; }
        public RenderingSpeed? RenderingSpeed { get; set; }
    }

    public sealed class JsonPromptV4
    {
        public CompositionalDeconstructionV4? CompositionalDeconstruction { get; set; }
        public string? HighLevelDescription { get; set; }
    }

    public sealed class CompositionalDeconstructionV4
    {
        public string? Background { get; set; }
        public IList<PromptElementV4>? Elements { get; set; }
    }

    public sealed class PromptElementV4
    {
        public string? Desc { get; set; }
        public PromptElementTypeV4? Type { get; set; }
        public string? Text { get; set; }
    }
}

namespace Elsewhere
{
    public sealed class AssetIdentifier { public IdeogramGen.AssetType? AssetType { get; set; } }
    public sealed class PromptElementV4 { public IdeogramGen.PromptElementTypeV4? Type { get; set; } }
    public sealed class Settings { public IdeogramGen.IdeogramModel? Model { get; set; } }
}
";

        private static string Wrap(string body) =>
            "using System.Collections.Generic;\nusing IdeogramGen;\nusing Sample;\nusing Sample.More;\n#nullable enable\npublic class C\n{\n    public void M()\n    {\n"
            + body + "\n    }\n}\n" + MoreRequests;

        private static Task Run(string body, params DiagnosticResult[] expected) =>
            Verify.AnalyzerAsync<RequestValueAnalyzer>(Wrap(body), expected);

        private static Task Fix(string body, string fixedBody) =>
            Verify.CodeFixAsync<RequestValueAnalyzer, ReplaceValueCodeFix>(Wrap(body), Wrap(fixedBody), 0);

        [Theory]
        [InlineData("default")]
        [InlineData("default(IdeogramModel)")]
        [InlineData("new IdeogramModel()")]
        [InlineData("null")]
        [InlineData("(string?)null")]
        public Task Unset_required_model_in_an_initializer_fires(string unset) =>
            Run($"var r = new EditLegacyRequest {{ Prompt = \"a fox\", Model = {{|IDG0107:{unset}|}} }};");

        [Theory]
        [InlineData("default")]
        [InlineData("default(IdeogramModel)")]
        [InlineData("new IdeogramModel()")]
        public Task Unset_required_model_in_an_assignment_fires(string unset) =>
            Run($"var r = new EditLegacyRequest {{ Prompt = \"a fox\" }};\nr.Model = {{|IDG0107:{unset}|}};");

        [Fact]
        public Task Message_names_the_field_its_wire_name_the_endpoint_and_accepted_values() =>
            Run("var r = new EditLegacyRequest { Model = {|#0:default(IdeogramModel)|} };\n" +
                "var v3 = new ReframeV3Request(); v3.Resolution = {|#1:default|};\n" +
                "var legacy = new ReframeLegacyRequest { Resolution = ResolutionLegacy.Size1024x1024, Model = {|#2:new IdeogramModel()|} };",
                Verify.Diagnostic(Rules.RequiredValueUnset).WithLocation(0)
                    .WithArguments("EditLegacyRequest.Model", "model", "on /edit", "default(IdeogramModel)", "V_2, V_2_TURBO"),
                Verify.Diagnostic(Rules.RequiredValueUnset).WithLocation(1)
                    .WithArguments("ReframeV3Request.Resolution", "resolution", "on /v1/ideogram-v3/reframe", "default", "512x1536, 576x1408, 576x1472, 576x1536, 640x1344, ..."),
                Verify.Diagnostic(Rules.RequiredValueUnset).WithLocation(2)
                    .WithArguments("ReframeLegacyRequest.Model", "model", "on /reframe", "new IdeogramModel()", "V_2, V_1, V_1_TURBO, V_2_TURBO, V_2A, ..."));

        [Fact]
        public Task Unset_required_fields_of_nested_request_objects_fire() =>
            Run("var asset = new AssetIdentifier { AssetId = \"a1\", AssetType = {|#0:new AssetType()|} };\n" +
                "var edit = new PreciseEditV2Ideogram45Request { Prompt = \"sky\", ImageAssetIdentifier = new AssetIdentifier { AssetId = \"a2\", AssetType = {|IDG0107:default|} } };\n" +
                "var element = new PromptElementV4 { Desc = \"a fox\", Type = {|#1:default|} };\n" +
                "element.Type = {|IDG0107:default(PromptElementTypeV4)|};",
                Verify.Diagnostic(Rules.RequiredValueUnset).WithLocation(0)
                    .WithArguments("AssetIdentifier.AssetType", "asset_type", "in AssetIdentifier", "new AssetType()", "ASSET, CANVAS_ASSET, LAYERED_ASSET, RESPONSE, UPLOAD"),
                Verify.Diagnostic(Rules.RequiredValueUnset).WithLocation(1)
                    .WithArguments("PromptElementV4.Type", "type", "in V4PromptElement", "default", "obj, text"));

        [Fact]
        public Task Optional_vocabulary_fields_set_to_not_set_are_silent() =>
            Run("var a = new GenerateV3Request { Model = default, RenderingSpeed = default(RenderingSpeed), AspectRatio = new AspectRatioV3(), Resolution = null };\n" +
                "a.MagicPrompt = default; a.StyleType = new StyleTypeV3();\n" +
                "var b = new GenerateLegacyRequest { Model = default(IdeogramModel) };\n" +
                "var c = new ReframeV3Request { Resolution = \"1024x1024\", RenderingSpeed = default };\n" +
                "var d = new GenerateV4Request { RenderingSpeed = default, JsonPrompt = null };");

        [Fact]
        public Task Required_fields_with_a_value_are_silent() =>
            Run("var a = new EditLegacyRequest { Model = IdeogramModel.V2 };\n" +
                "var b = new EditLegacyRequest { Model = \"V_2_TURBO\" }; b.Model = new IdeogramModel(\"V_2\");\n" +
                "var c = new ReframeLegacyRequest { Resolution = ResolutionLegacy.Size1024x1024, Model = IdeogramModel.V2 };\n" +
                "var d = new AssetIdentifier { AssetId = \"a1\", AssetType = AssetType.Upload };\n" +
                "var e = new PromptElementV4 { Desc = \"a fox\", Type = PromptElementTypeV4.Obj };\n" +
                "IdeogramModel chosen = System.Environment.GetEnvironmentVariable(\"MODEL\") ?? \"V_2\"; var f = new EditLegacyRequest { Model = chosen };");

        [Fact]
        public Task Types_that_are_not_requests_are_silent() =>
            Run("var a = new Elsewhere.AssetIdentifier { AssetType = default };\n" +
                "var b = new Elsewhere.PromptElementV4 { Type = new PromptElementTypeV4() };\n" +
                "var c = new Elsewhere.Settings { Model = default(IdeogramModel) }; c.Model = null;\n" +
                "IdeogramModel m = default; AssetType t = new AssetType();");

        [Fact]
        public Task Fix_uses_the_documented_default() =>
            Fix("var r = new EditLegacyRequest { Prompt = \"a fox\", Model = {|IDG0107:default|} };\nr.Model = {|IDG0107:new IdeogramModel()|};",
                "var r = new EditLegacyRequest { Prompt = \"a fox\", Model = IdeogramModel.V2 };\nr.Model = IdeogramModel.V2;");

        [Fact]
        public Task Fix_uses_the_first_accepted_value_without_a_default() =>
            Fix("var r = new ReframeV3Request { Resolution = {|IDG0107:default(ResolutionV3)|} };\n" +
                "var a = new AssetIdentifier { AssetId = \"a1\", AssetType = {|IDG0107:null|} };",
                "var r = new ReframeV3Request { Resolution = ResolutionV3.Size512x1536 };\n" +
                "var a = new AssetIdentifier { AssetId = \"a1\", AssetType = AssetType.Asset };");
    }
}
