using System.Threading.Tasks;
using IdeogramGen.CodeFixes;

namespace IdeogramGen.Analyzers.Tests
{
    public class RequestValueTests
    {
        private static Task Run(string body, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
            Verify.AnalyzerAsync<RequestValueAnalyzer>(Wrap(body), expected);

        private static string Wrap(string body) =>
            "using System.Collections.Generic;\nusing IdeogramGen;\nusing Sample;\n#nullable enable\npublic class C\n{\n    public void M()\n    {\n" + body + "\n    }\n}\n";

        private static Task Fix(string body, string fixedBody) =>
            Verify.CodeFixAsync<RequestValueAnalyzer, ReplaceValueCodeFix>(Wrap(body), Wrap(fixedBody), 0);

        [Fact]
        public Task Generated_code_is_skipped_and_pragmas_suppress() =>
            Verify.AnalyzerAsync<RequestValueAnalyzer>(Wrap("IdeogramModel m = {|IDG0101:\"V3\"|}; var r = new GenerateV3Request { NumImages = {|IDG0201:20|} };"),
                withRequests: true, configure: null, fullChecks: true);

        // IDG0101
        [Theory]
        [InlineData("V3")]
        [InlineData("v_3")]
        [InlineData("V4")]
        [InlineData("ideogram-3")]
        public Task Unknown_model_in_implicit_conversion_fires(string model) =>
            Run($"IdeogramModel m = {{|IDG0101:\"{model}\"|}};");

        [Fact]
        public Task Known_models_are_silent() =>
            Run("IdeogramModel a = \"V_3\"; IdeogramModel b = \"V_2A_TURBO\"; var c = IdeogramModel.V2; var d = new IdeogramModel(\"AUTO\");");

        [Fact]
        public Task Unknown_model_in_constructor_property_and_argument_fires() =>
            Run("const string Name = \"V3_TURBO\";\n" +
                "var m = new IdeogramModel({|IDG0101:\"V3\"|});\n" +
                "var r = new GenerateV3Request { Model = {|IDG0101:Name|} };\n" +
                "r.Model = {|IDG0101:\"v2\"|};\n" +
                "Use({|IDG0101:\"V-2A\"|});\n" +
                "}\nstatic void Use(IdeogramModel model) {");

        [Fact]
        public Task Non_constant_model_is_silent() =>
            Run("string name = System.Environment.GetEnvironmentVariable(\"MODEL\") ?? \"V_3\"; IdeogramModel m = name;");

        [Theory]
        [InlineData("V3", "V_3")]
        [InlineData("v_3", "V_3")]
        [InlineData("V2A-Turbo", "V_2A_TURBO")]
        [InlineData("V_2_TURBOO", "V_2_TURBO")]
        public Task Fix_uses_nearest_model(string wrong, string right) =>
            Fix($"IdeogramModel m = {{|IDG0101:\"{wrong}\"|}};", $"IdeogramModel m = \"{right}\";");

        // IDG0103
        [Theory]
        [InlineData("AspectRatioV3", "16:9")]
        [InlineData("AspectRatioV3", "ASPECT_16_9")]
        [InlineData("AspectRatioV3", "7x3")]
        [InlineData("AspectRatioLegacy", "16x9")]
        [InlineData("ResolutionV3", "RESOLUTION_1024_1024")]
        [InlineData("ResolutionV3", "1000x1000")]
        [InlineData("ResolutionLegacy", "1024x1024")]
        [InlineData("StyleTypeV3", "RENDER_3D")]
        [InlineData("StyleTypeV3", "ANIME")]
        [InlineData("RenderingSpeed", "FAST")]
        [InlineData("MagicPromptOption", "YES")]
        [InlineData("StylePresetV3", "ART_NOUVEAU")]
        [InlineData("ColorPalettePreset", "OCEAN")]
        [InlineData("ColorPalettePreset", "pastel")]
        [InlineData("ColorPalettePresetV2", "PASTEL")]
        [InlineData("UpscaleFactor", "X3")]
        [InlineData("DescribeModelVersion", "V_1")]
        [InlineData("RenderingSpeedV2", "TURBO")]
        [InlineData("MagicPromptV2", "AUTO")]
        [InlineData("QualityV2PImage", "VERY_HIGH")]
        [InlineData("ResolutionV4", "512x512")]
        public Task Unknown_or_wrong_family_value_fires(string type, string value) =>
            Run($"{type} v = {{|IDG0103:\"{value}\"|}};");

        [Theory]
        [InlineData("AspectRatioV3", "16x9")]
        [InlineData("AspectRatioLegacy", "ASPECT_16_9")]
        [InlineData("ResolutionV3", "1024x1024")]
        [InlineData("ResolutionV4", "2048x2048")]
        [InlineData("RenderingSpeedV2", "turbo")]
        [InlineData("QualityV2PImage", "very_low")]
        [InlineData("AspectRatioV2Ideogram4", "auto")]
        [InlineData("ResolutionLegacy", "RESOLUTION_1024_1024")]
        [InlineData("StyleTypeLegacy", "RENDER_3D")]
        [InlineData("StyleTypeV3", "REALISTIC")]
        [InlineData("StylePresetV3", "80S_ILLUSTRATION")]
        [InlineData("UpscaleFactor", "X4")]
        public Task Known_value_in_its_family_is_silent(string type, string value) =>
            Run($"{type} v = \"{value}\";");

        [Fact]
        public Task Wrong_family_value_names_its_family() =>
            Run("StyleTypeV3 v = {|#0:\"RENDER_3D\"|};",
                Verify.Diagnostic(Rules.UnknownValue).WithLocation(0).WithArguments("RENDER_3D", "StyleTypeV3", " (RENDER_3D exists only on legacy endpoints and /v2 endpoints (StyleTypeLegacy, StyleTypeV2Ideogram2 as render_3d))"));

        [Fact]
        public Task Value_only_in_another_family_gets_no_different_ratio() =>
            // The message says where the value exists; no Replacement property, so no code fix (VocabularyTests.Nearest).
            Run("AspectRatioLegacy a = {|#0:\"ASPECT_4_5\"|}; ResolutionV3 r = {|#1:\"2048x2048\"|};",
                Verify.Diagnostic(Rules.UnknownValue).WithLocation(0).WithArguments("ASPECT_4_5", "AspectRatioLegacy", " (4x5 exists only on v3 endpoints and /v1/edit and P-Image endpoints and /v2 endpoints and v4 endpoints (AspectRatioV3, AspectRatioV4, AspectRatioV2Ideogram3, AspectRatioV2Ideogram4))"),
                Verify.Diagnostic(Rules.UnknownValue).WithLocation(1).WithArguments("2048x2048", "ResolutionV3", " (2048x2048 exists only on v4 endpoints and Ideogram 4.5 endpoints and P-Image endpoints and /v2 endpoints (ResolutionV4))"));

        [Fact]
        public Task A_v1_spelling_in_a_v2_vocabulary_is_fixed_to_the_v2_spelling() =>
            // Ideogram's /v2 vocabularies are lowercase types of their own (RenderingSpeedV2): TURBO is a v1 RenderingSpeed value.
            Fix("RenderingSpeedV2 v = {|IDG0103:\"TURBO\"|};", "RenderingSpeedV2 v = \"turbo\";");

        [Theory]
        [InlineData("AspectRatioV3", "16:9", "16x9")]
        [InlineData("AspectRatioV3", "ASPECT_16_9", "16x9")]
        [InlineData("AspectRatioLegacy", "16x9", "ASPECT_16_9")]
        [InlineData("ResolutionV3", "RESOLUTION_1024_1024", "1024x1024")]
        [InlineData("ResolutionLegacy", "1024x1024", "RESOLUTION_1024_1024")]
        [InlineData("StyleTypeV3", "realistic", "REALISTIC")]
        [InlineData("MagicPromptOption", "on", "ON")]
        public Task Fix_uses_nearest_value_in_the_right_family(string type, string wrong, string right) =>
            Fix($"{type} v = {{|IDG0103:\"{wrong}\"|}};", $"{type} v = \"{right}\";");

        [Theory]
        [InlineData("ideogram-v3", "V_3")]
        [InlineData("Ideogram 3.0", "V_3")]
        [InlineData("v3", "V_3")]
        [InlineData("IDEOGRAM_V3", "V_3")]
        [InlineData("Ideogram 2a Turbo", "V_2A_TURBO")]
        [InlineData("ideogram-v2", "V_2")]
        public Task Product_names_map_to_the_model(string wrong, string right) =>
            Fix($"IdeogramModel m = {{|IDG0101:\"{wrong}\"|}};", $"IdeogramModel m = \"{right}\";");

        [Fact]
        public Task Values_that_cannot_succeed_are_errors_by_default() =>
            Run("var r = new GenerateV3Request { NumImages = {|#0:9|}, Seed = {|#1:-1|} };",
                Verify.Diagnostic(Rules.OutOfRange).WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithArguments("num_images", "9", "1 to 8"),
                Verify.Diagnostic(Rules.OutOfRange).WithLocation(1).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithArguments("seed", "-1", "0 to 2147483647"));

        [Fact]
        public Task Error_severity_is_configurable() =>
            Verify.AnalyzerAsync<RequestValueAnalyzer>(Wrap("var r = new GenerateV3Request { NumImages = {|#0:9|} };"), withRequests: true,
                configure: s => s.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.IDG0201.severity = warning\n")),
                Verify.Diagnostic(Rules.OutOfRange).WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithArguments("num_images", "9", "1 to 8"));

        // IDG0104
        [Fact]
        public Task Obsolete_value_fires_with_the_reason() =>
            Run("RenderingSpeed s = {|#0:\"BALANCED\"|};",
                Verify.Diagnostic(Rules.ObsoleteValue).WithLocation(0).WithArguments("BALANCED",
                    "BALANCED is no longer documented by Ideogram's API reference (which lists FLASH, TURBO, DEFAULT, QUALITY); use DEFAULT."));

        [Fact]
        public Task Fix_replaces_obsolete_value() =>
            Fix("var r = new GenerateV3Request { RenderingSpeed = {|IDG0104:\"BALANCED\"|} };", "var r = new GenerateV3Request { RenderingSpeed = \"DEFAULT\" };");

        // IDG0105
        [Fact]
        public Task Flash_on_generate_transparent_fires() =>
            Run("var a = new GenerateTransparentV3Request { RenderingSpeed = {|IDG0105:\"FLASH\"|} };\n" +
                "var b = new GenerateTransparentV3Request { RenderingSpeed = {|IDG0105:RenderingSpeed.Flash|} };\n" +
                "b.RenderingSpeed = {|IDG0105:new RenderingSpeed(\"FLASH\")|};");

        [Fact]
        public Task Flash_on_generate_and_turbo_on_transparent_are_silent() =>
            Run("var a = new GenerateV3Request { RenderingSpeed = \"FLASH\" };\n" +
                "var b = new GenerateTransparentV3Request { RenderingSpeed = RenderingSpeed.Turbo };");

        // IDG0102
        [Fact]
        public Task Legacy_edit_only_takes_v2_models() =>
            Run("var a = new EditLegacyRequest { Model = {|IDG0102:\"V_3\"|} };\n" +
                "var b = new EditLegacyRequest { Model = {|IDG0102:IdeogramModel.V1|} };\n" +
                "var c = new EditLegacyRequest { Model = IdeogramModel.V2Turbo };\n" +
                "var d = new EditLegacyRequest { Model = \"V_2\" };");

        [Fact]
        public Task Legacy_generate_field_and_model_restrictions_fire() =>
            Run("var a = new GenerateLegacyRequest { Model = \"V_1\", {|IDG0102:StyleType = \"GENERAL\"|} };\n" +
                "var b = new GenerateLegacyRequest { Model = IdeogramModel.V3, {|IDG0102:NegativePrompt = \"blur\"|} };\n" +
                "var c = new GenerateLegacyRequest { {|IDG0102:ColorPalette = ColorPalette.FromPreset(\"PASTEL\")|}, Model = \"V_2A_TURBO\" };");

        [Fact]
        public Task Legacy_generate_near_misses_are_silent() =>
            Run("var a = new GenerateLegacyRequest { Model = \"V_2\", StyleType = \"GENERAL\", NegativePrompt = \"blur\", ColorPalette = ColorPalette.FromPreset(\"PASTEL\") };\n" +
                "var b = new GenerateLegacyRequest { Model = \"V_1\", StyleType = null };\n" +
                "var c = new GenerateLegacyRequest { StyleType = \"GENERAL\" };");

        // IDG0201
        [Fact]
        public Task Out_of_range_numbers_fire() =>
            Run("var a = new GenerateV3Request { NumImages = {|IDG0201:9|}, Seed = {|IDG0201:-1|} };\n" +
                "a.NumImages = {|IDG0201:0|};\n" +
                "var b = new RemixV3Request { ImageWeight = {|IDG0201:101|} };\n" +
                "var c = new UpscaleLegacyRequest { Resemblance = {|IDG0201:0|}, Detail = {|IDG0201:150|} };");

        [Fact]
        public Task In_range_numbers_are_silent() =>
            Run("var a = new GenerateV3Request { NumImages = 8, Seed = 0 };\n" +
                "a.NumImages = 1; a.Seed = int.MaxValue;\n" +
                "var b = new RemixV3Request { ImageWeight = 100 };\n" +
                "var c = new UpscaleLegacyRequest { Resemblance = 1, Detail = 100 };");

        [Fact]
        public Task Out_of_range_message_states_the_range() =>
            Run("var a = new GenerateV3Request { NumImages = {|#0:12|} };",
                Verify.Diagnostic(Rules.OutOfRange).WithLocation(0).WithArguments("num_images", "12", "1 to 8"));

        [Fact]
        public Task Too_many_character_references_fire() =>
            Run("IdeogramFile f = IdeogramFile.FromBytes(new byte[1], \"a.png\");\n" +
                "var a = new GenerateV3Request { CharacterReferenceImages = {|IDG0201:new[] { f, f }|} };\n" +
                "var b = new GenerateV3Request { CharacterReferenceImages = new[] { f } };");

        [Fact]
        public Task Palette_member_weight_and_count_fire() =>
            Run("var a = new ColorPaletteMember(\"#FF0000\", {|IDG0201:1.5|});\n" +
                "var b = new ColorPaletteMember(\"#FF0000\", {|IDG0201:0.01|});\n" +
                "var c = new ColorPaletteMember(\"#FF0000\", 0.05);\n" +
                "var d = new ColorPaletteMember(\"#FF0000\");\n" +
                "var m = new ColorPaletteMember(\"#fff\", 1);\n" +
                "var e = {|IDG0201:ColorPalette.FromMembers(m, m, m, m, m, m, m, m, m)|};\n" +
                "var f = ColorPalette.FromMembers(m, m, m, m, m, m, m, m);\n" +
                "var g = {|IDG0201:ColorPaletteV2.FromMembers()|};\n" +
                "var h = {|IDG0201:ColorPaletteV2.FromMembers(m, m, m, m, m, m, m, m, m)|};\n" +
                "var i = ColorPaletteV2.FromMembers(m);");

        // IDG0202
        [Fact]
        public Task Bad_hex_colours_fire() =>
            Run("var a = new ColorPaletteMember({|IDG0202:\"FF0000\"|});\n" +
                "var b = new ColorPaletteMember({|IDG0202:\"#GG0000\"|});\n" +
                "var c = new ColorPaletteMember({|IDG0202:\"#FF00\"|}, 0.5);\n" +
                "var d = new ColorPaletteMember(\"#ff0000\"); var e = new ColorPaletteMember(\"#F00\");");

        [Fact]
        public Task Bad_style_codes_fire() =>
            Run("var a = new GenerateV3Request { StyleCodes = new[] { \"0a1B2c3D\", {|IDG0202:\"0a1B2c3\"|}, {|IDG0202:\"zzzzzzzz\"|} } };\n" +
                "var b = new GenerateV3Request { StyleCodes = new List<string> { {|IDG0202:\"#0a1b2c3d\"|} } };\n" +
                "var c = new GenerateV3Request { StyleCodes = [\"DEADBEEF\", {|IDG0202:\"DEADBEEF0\"|}] };");

        // IDG0203
        [Fact]
        public Task Mutually_exclusive_options_fire() =>
            Run("var a = new GenerateV3Request { AspectRatio = \"16x9\", {|IDG0203:Resolution = \"1024x1024\"|} };\n" +
                "var b = new GenerateV3Request { StyleCodes = new[] { \"DEADBEEF\" }, {|IDG0203:StyleType = StyleTypeV3.Realistic|} };\n" +
                "var c = new GenerateV3Request { StyleReferenceImages = new List<IdeogramFile>(), {|IDG0203:StyleCodes = new[] { \"DEADBEEF\" }|} };");

        [Fact]
        public Task Exclusive_options_apart_or_null_are_silent() =>
            Run("var a = new GenerateV3Request { AspectRatio = \"16x9\", Resolution = null };\n" +
                "var b = new GenerateV3Request { AspectRatio = \"16x9\" }; b.Resolution = null;\n" +
                "var c = new GenerateV3Request { StyleType = \"REALISTIC\", StylePreset = \"ART_DECO\" };\n" +
                "var d = new GenerateLegacyRequest { Model = \"V_2\", AspectRatio = \"ASPECT_1_1\" };");

        [Fact]
        public Task Values_outside_request_types_are_not_checked_against_endpoints() =>
            Run("var x = new Other { NumImages = 100, RenderingSpeed = \"FLASH\" };\n}\nclass Other { public int NumImages { get; set; } public RenderingSpeed? RenderingSpeed { get; set; } }\nvoid N() {");
    }
}
