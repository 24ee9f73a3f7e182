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
        [InlineData("AspectRatioLegacy", "10x16", "ASPECT_10_16")]
        [InlineData("ResolutionV4", "1024*1024", "1024x1024")]
        [InlineData("RenderingSpeedV2", "TURBO", "turbo")]
        [InlineData("MagicPromptV2", "Off", "off")]
        [InlineData("QualityV2PImage", "very-low", "very_low")]
        [InlineData("RenderingSpeedV2", "FLASH", null)]
        [InlineData("StylePresetV3", "art deco", "ART_DECO")]
        [InlineData("MagicPromptVersion", "V_0_9", null)]
        [InlineData("IdeogramModel", "dall-e-3", null)]
        [InlineData("StyleTypeV3", "RENDER_3D", null)]
        [InlineData("RenderingSpeed", "BALANCE", null)]
        [InlineData("IdeogramModel", "Ideogram 3.0", "V_3")]
        [InlineData("IdeogramModel", "ideogram-v2a-turbo", "V_2A_TURBO")]
        [InlineData("AspectRatioLegacy", "ASPECT_4_5", null)]
        [InlineData("AspectRatioV3", "4x6", "2x3")]
        [InlineData("AspectRatioV3", "1920x1080", "16x9")]
        [InlineData("AspectRatioV3", "4x7", "9x16")]
        [InlineData("AspectRatioV3", "7x4", "16x9")]
        [InlineData("AspectRatioV3", "6x7", null)]
        [InlineData("AspectRatioV3", "16x8", "2x1")]
        [InlineData("ResolutionV3", "1280x801", "1280x800")]
        [InlineData("ResolutionV3", "1024x1025", null)]
        [InlineData("ResolutionV3", "1024x2048", null)]
        public void Nearest(string type, string input, string? expected) =>
            Assert.Equal(expected, Vocabulary.Nearest(Enum(type), input));

        [Theory]
        [InlineData("4X5", "4X3", false)]
        [InlineData("4X5", "3X4", true)]
        [InlineData("1X1", "10X16", false)]
        [InlineData("1024X1000", "1024X960", true)]
        [InlineData("1024X1024", "1000X1000", true)]
        [InlineData("1024X1024", "512X512", false)]
        [InlineData("1280X800", "800X1280", false)]
        [InlineData("16X9", "AUTO", false)]
        [InlineData("AUTO", "16X9", true)]
        public void A_fix_keeps_orientation_and_pixel_count_class(string input, string candidate, bool compatible) =>
            Assert.Equal(compatible, Vocabulary.Compatible(input, candidate));

        [Fact]
        public void Every_alias_names_a_current_value_of_its_vocabulary()
        {
            var any = false;
            foreach (var e in IdeogramApi.Enums)
                foreach (var kv in e.Aliases)
                {
                    any = true;
                    Assert.Contains(kv.Value, e.Values);
                    Assert.Null(e.ObsoleteReason(kv.Value));
                    Assert.Equal(kv.Value, Vocabulary.Alias(e, kv.Key));
                }
            Assert.True(any);
        }

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
