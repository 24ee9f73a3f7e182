using System.Collections.Generic;
using System.Threading.Tasks;
using IdeogramGen.CodeFixes;

namespace IdeogramGen.Analyzers.Tests
{
    /// <summary>IDG0106: the model slug of a v2 path, its search (product names before edit distance) and its fix.</summary>
    public class V2RouteTests
    {
        // The model slugs of v2/image/generate in Ideogram's OpenAPI document of 2026-10-07 (the covered routes).
        private static readonly List<string> GenerateSlugs = new List<string>
        {
            "ideogram-3-transparent", "ideogram-4", "ideogram-4-5", "ideogram-4-transparent", "p-image-ideogram",
        };

        [Theory]
        [InlineData("ideogram-v4.5", "ideogram-4-5")]
        [InlineData("Ideogram 4.5", "ideogram-4-5")]
        [InlineData("4.5", "ideogram-4-5")]
        [InlineData("v4.5", "ideogram-4-5")]
        [InlineData("V_4_5", "ideogram-4-5")]
        [InlineData("ideogram-45", "ideogram-4-5")]
        [InlineData("Ideogram 4.0", "ideogram-4")]
        [InlineData("ideogram-v4", "ideogram-4")]
        [InlineData("v4", "ideogram-4")]
        [InlineData("Ideogram 3.0 Transparent", "ideogram-3-transparent")]
        [InlineData("ideogram-v4-transparent", "ideogram-4-transparent")]
        [InlineData("p-image", "p-image-ideogram")]
        [InlineData("P-Image Ideogram", "p-image-ideogram")]
        [InlineData("ideogram-4-tranparent", "ideogram-4-transparent")]
        [InlineData("ideogram-3", null)]
        [InlineData("dall-e-3", null)]
        [InlineData("ideogram-5", null)]
        public void Product_names_map_to_the_slug_before_edit_distance(string typed, string? slug) =>
            Assert.Equal(slug, V2Routes.Suggest(GenerateSlugs, typed));

        [Theory]
        [InlineData("ideogram-4-5", "45")]
        [InlineData("Ideogram 4.5", "45")]
        [InlineData("ideogram-4", "4")]
        [InlineData("Ideogram 4.0", "4")]
        [InlineData("ideogram-3-transparent", "3transparent")]
        [InlineData("p-image-ideogram", "pimage")]
        public void Keys_ignore_case_punctuation_the_word_ideogram_and_a_version_v(string name, string key) =>
            Assert.Equal(key, V2Routes.Key(name));

        // Through the analyzer and the code fix: the routes come from the API description's v2 endpoints.
        private const string Client = @"
namespace Sample
{
    [IdeogramGen.IdeogramGateway(""3ebbcb006d4d46d7bb6a8c7f14676cb0"", ""my-gateway"")]
    public partial class Images
    {
        public static partial class Endpoints
        {
            public static System.Uri For(string ideogramPath, System.Uri? gatewayRoot = null) => GatewayAddress.Endpoint(ideogramPath, gatewayRoot);
        }
        public static IdeogramGen.GatewayAddress GatewayAddress => new IdeogramGen.GatewayAddress(""3ebbcb006d4d46d7bb6a8c7f14676cb0"", ""my-gateway"");
    }
}
";

        private static string Wrap(string body) =>
            "#nullable enable\nusing IdeogramGen;\nusing Sample;\npublic class C\n{\n    public async System.Threading.Tasks.Task M(GatewayPipeline pipeline, RequestBody body)\n    {\n" + body + "\n    }\n}\n" + Client;

        [Fact]
        public Task A_product_name_in_a_v2_path_fires_where_the_library_takes_a_path() =>
            Verify.AnalyzerAsync<V2RouteAnalyzer>(Wrap(
                "var a = Images.Endpoints.For({|#0:\"v2/image/generate/ideogram-v4.5\"|});\n" +
                "var b = Images.GatewayAddress.Endpoint({|#1:\"/v2/image/generate/Ideogram 4.0\"|});\n" +
                "var q = await pipeline.QuoteAsync({|#2:\"v2/image/generate/4.5\"|}, body, null, default);"),
                Verify.Diagnostic(Rules.UnknownV2Model).WithLocation(0).WithArguments("ideogram-v4.5", "v2/image/generate/{model}",
                    string.Join(", ", V2Routes.All["v2/image/generate"]), "; did you mean 'v2/image/generate/ideogram-4-5'?"),
                Verify.Diagnostic(Rules.UnknownV2Model).WithLocation(1).WithArguments("Ideogram 4.0", "v2/image/generate/{model}",
                    string.Join(", ", V2Routes.All["v2/image/generate"]), "; did you mean '/v2/image/generate/ideogram-4'?"),
                Verify.Diagnostic(Rules.UnknownV2Model).WithLocation(2).WithArguments("4.5", "v2/image/generate/{model}",
                    string.Join(", ", V2Routes.All["v2/image/generate"]), "; did you mean 'v2/image/generate/ideogram-4-5'?"));

        [Fact]
        public Task Known_routes_v1_paths_polls_unknown_routes_and_non_constants_are_silent() =>
            Verify.AnalyzerAsync<V2RouteAnalyzer>(Wrap(
                "var id = System.Guid.NewGuid().ToString();\n" +
                "var a = Images.Endpoints.For(\"v2/image/generate/ideogram-4-5\");\n" +
                "var b = Images.Endpoints.For(\"/v2/image/precise-edit/ideogram-4-5?dry_run=true\");\n" +
                "var c = Images.Endpoints.For(\"v1/ideogram-v3/generate\");\n" +
                "var d = Images.Endpoints.For(\"v2/generations/abc\");\n" +
                "var e = Images.Endpoints.For(\"v2/video/generate/some-model\");\n" +
                "var f = Images.Endpoints.For(\"v2/image/generate/\" + id);\n" +
                "var g = System.IO.Path.Combine(\"v2/image/generate/ideogram-v4.5\");"));

        [Fact]
        public Task The_fix_writes_the_slug_and_keeps_the_rest_of_the_path() =>
            Verify.CodeFixAsync<V2RouteAnalyzer, ReplaceValueCodeFix>(
                Wrap("var a = Images.Endpoints.For({|IDG0106:\"/v2/image/generate/ideogram-v4.5?dry_run=true\"|});"),
                Wrap("var a = Images.Endpoints.For(\"/v2/image/generate/ideogram-4-5?dry_run=true\");"), 0);

        [Fact]
        public Task Remove_background_has_its_own_slug() =>
            Verify.CodeFixAsync<V2RouteAnalyzer, ReplaceValueCodeFix>(
                Wrap("var a = Images.Endpoints.For({|IDG0106:\"v2/image/remove-background/ideogram-v1\"|});"),
                Wrap("var a = Images.Endpoints.For(\"v2/image/remove-background/ideogram-1\");"), 0);
    }
}
