using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace IdeogramGen.Tests.Generator;

/// <summary>
/// The /v2 routes have their own lowercase vocabularies (RenderingSpeedV2 <c>turbo</c>, MagicPromptV2 <c>auto</c>) next
/// to the v1 ones (RenderingSpeed <c>TURBO</c>, MagicPromptOption <c>AUTO</c>). The structs convert only from string, so
/// a value of one family given to a request of the other is a compile error, not a request Ideogram answers with 422.
/// </summary>
public class VocabularyFamilyTypingTests
{
    private const string Gateway = """
        using IdeogramGen;

        /// <summary>A client with v1 and v2 routes.</summary>
        [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "gw", Families = EndpointFamilies.V2 | EndpointFamilies.V3)]
        public partial class Images { }
        """;

    /// <summary>User code with one statement in a method; <c>{|</c>…<c>|}</c> marks the expression the compiler must refuse.</summary>
    private static (string Source, string? Marked) Use(string statement)
    {
        var start = statement.IndexOf("{|", StringComparison.Ordinal);
        var end = statement.IndexOf("|}", StringComparison.Ordinal);
        var marked = start < 0 ? null : statement.Substring(start + 2, end - start - 2);
        var plain = statement.Replace("{|", "").Replace("|}", "");
        return ("using IdeogramGen;\nusing " + GeneratorHarness.ModelsNamespace + ";\n\n/// <summary>User code.</summary>\npublic static class Use\n{\n"
            + "    /// <summary>Builds a request.</summary>\n    public static object Make()\n    {\n        " + plain + "\n    }\n}\n", marked);
    }

    private static Diagnostic[] Errors(string userSource)
    {
        var compilation = GeneratorHarness.Compile(new[] { Gateway, userSource });
        var (output, _) = GeneratorHarness.Run(compilation, GeneratorHarness.Driver());
        return output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
    }

    [Theory]
    // v1 values into v2 requests
    [InlineData("return new GenerateV2Ideogram4Request { Prompt = \"a fox\", RenderingSpeed = {|RenderingSpeed.Turbo|} };", "CS0029", "IdeogramGen.RenderingSpeed", "IdeogramGen.RenderingSpeedV2?")]
    [InlineData("return new GenerateV2Ideogram4Request { Prompt = \"a fox\", MagicPrompt = {|MagicPromptOption.Auto|} };", "CS0029", "IdeogramGen.MagicPromptOption", "IdeogramGen.MagicPromptV2?")]
    [InlineData("var r = new GenerateV2Ideogram4Request(); r.RenderingSpeed = {|RenderingSpeed.Quality|}; return r;", "CS0029", "IdeogramGen.RenderingSpeed", "IdeogramGen.RenderingSpeedV2?")]
    [InlineData("RenderingSpeed? s = RenderingSpeed.Turbo; return new GenerateV2Ideogram4Request { RenderingSpeed = {|s|} };", "CS0029", "IdeogramGen.RenderingSpeed?", "IdeogramGen.RenderingSpeedV2?")]
    [InlineData("return new GenerateV2Ideogram4Request { RenderingSpeed = {|(RenderingSpeedV2)RenderingSpeed.Turbo|} };", "CS0030", "IdeogramGen.RenderingSpeed", "IdeogramGen.RenderingSpeedV2")]
    // v2 values into v1 requests
    [InlineData("return new GenerateV3Request { Prompt = \"a fox\", RenderingSpeed = {|RenderingSpeedV2.Turbo|} };", "CS0029", "IdeogramGen.RenderingSpeedV2", "IdeogramGen.RenderingSpeed?")]
    [InlineData("return new GenerateV3Request { Prompt = \"a fox\", MagicPrompt = {|MagicPromptV2.On|} };", "CS0029", "IdeogramGen.MagicPromptV2", "IdeogramGen.MagicPromptOption?")]
    [InlineData("var r = new GenerateV3Request(); r.RenderingSpeed = {|RenderingSpeedV2.Default|}; return r;", "CS0029", "IdeogramGen.RenderingSpeedV2", "IdeogramGen.RenderingSpeed?")]
    // palettes: v1 ColorPalette (uppercase presets) and v2 ColorPaletteV2 (lowercase presets) are different classes
    [InlineData("return new GenerateV2Ideogram3Request { Prompt = \"a fox\", ColorPalette = {|ColorPalette.FromPreset(ColorPalettePreset.Pastel)|} };", "CS0029", "IdeogramGen.ColorPalette", "IdeogramGen.ColorPaletteV2")]
    [InlineData("return new GenerateV3Request { Prompt = \"a fox\", ColorPalette = {|ColorPaletteV2.FromPreset(ColorPalettePresetV2.Pastel)|} };", "CS0029", "IdeogramGen.ColorPaletteV2", "IdeogramGen.ColorPalette")]
    [InlineData("return ColorPaletteV2.FromPreset({|ColorPalettePreset.Ember|});", "CS1503", "IdeogramGen.ColorPalettePreset", "IdeogramGen.ColorPalettePresetV2")]
    public void A_value_of_the_other_family_does_not_compile(string statement, string error, string from, string to)
    {
        var (source, marked) = Use(statement);
        var errors = Errors(source);
        var only = Assert.Single(errors);
        Assert.Equal(error, only.Id);
        Assert.Equal(source, only.Location.SourceTree!.ToString());
        Assert.Equal(marked, only.Location.SourceTree.GetText().ToString(only.Location.SourceSpan));
        var message = only.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'" + from + "'", message, StringComparison.Ordinal);
        Assert.Contains("'" + to + "'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("return new GenerateV2Ideogram4Request { Prompt = \"a fox\", RenderingSpeed = RenderingSpeedV2.Turbo, MagicPrompt = MagicPromptV2.Auto };")]
    [InlineData("var r = new GenerateV2Ideogram4Request(); r.RenderingSpeed = RenderingSpeedV2.Quality; r.MagicPrompt = \"off\"; return r;")]
    [InlineData("return new GenerateV3Request { Prompt = \"a fox\", RenderingSpeed = RenderingSpeed.Turbo, MagicPrompt = MagicPromptOption.Auto };")]
    [InlineData("return new GenerateV2Ideogram3Request { Prompt = \"a fox\", ColorPalette = ColorPaletteV2.FromMembers(new ColorPaletteMember(\"#1E3A5F\", 0.7)), StyleType = StyleTypeV2Ideogram3.Design };")]
    public void A_value_of_the_same_family_compiles(string statement)
    {
        var (source, _) = Use(statement);
        Assert.Empty(Errors(source));
    }
}
