using System.Collections.Generic;

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
    }
}
