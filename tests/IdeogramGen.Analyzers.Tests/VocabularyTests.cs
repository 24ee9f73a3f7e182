using IdeogramGen.ApiDescription;

namespace IdeogramGen.Analyzers.Tests
{
    /// <summary>The nearest-value search over the API description's vocabularies.</summary>
    public class VocabularyTests
    {
        private static ApiEnum Enum(string typeName) => Vocabulary.ByRuntimeType(typeName)!;

        [Theory]
        [InlineData("IdeogramModel", "V3", "V_3")]
        [InlineData("IdeogramModel", "V2A-Turbo", "V_2A_TURBO")]
        [InlineData("IdeogramModel", "auto", "AUTO")]
        [InlineData("AspectRatioV3", "16:9", "16x9")]
        [InlineData("AspectRatioV3", "16 x 9", "16x9")]
        [InlineData("LegacyAspectRatio", "10x16", "ASPECT_10_16")]
        [InlineData("ResolutionV4", "512*512", "512x512")]
        [InlineData("StylePresetV3", "art deco", "ART_DECO")]
        [InlineData("MagicPromptVersion", "V_0_9", null)]
        [InlineData("IdeogramModel", "dall-e-3", null)]
        [InlineData("StyleTypeV3", "RENDER_3D", null)]
        [InlineData("RenderingSpeed", "BALANCE", null)]
        public void Nearest(string type, string input, string? expected) =>
            Assert.Equal(expected, Vocabulary.Nearest(Enum(type), input));

        [Fact]
        public void Every_static_member_name_maps_back_to_its_value()
        {
            foreach (var e in IdeogramApi.Enums)
            {
                var type = typeof(IdeogramCredentials).Assembly.GetType("IdeogramGen." + e.TypeName);
                Assert.NotNull(type);
                foreach (var value in e.Values)
                {
                    var member = System.Linq.Enumerable.Single(type!.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static),
                        p => p.PropertyType == type && ((dynamic)p.GetValue(null)!).Value == value);
                    Assert.Equal(value, Vocabulary.ValueOfMember(e, member.Name));
                }
            }
        }

        [Fact]
        public void Obsolete_value_replacement_comes_from_the_reason()
        {
            var speed = Enum("RenderingSpeed");
            Assert.Equal("DEFAULT", Vocabulary.ReplacementForObsolete(speed, speed.ObsoleteReason("BALANCED")!));
        }
    }
}
