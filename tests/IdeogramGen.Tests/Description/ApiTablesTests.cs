using System;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.Tests.Description;

/// <summary>The text form of the description's tables (<see cref="ApiTables"/>): what a line reads as, and what it refuses.</summary>
public class ApiTablesTests
{
    private const string Endpoint =
        "D|Generate|/v1/x|V3|post_x|Make one|Line one\\nline two \\| with \\^ and \\\\|1|0|Flat|\\-|0|\\-|XResponse|2:400^422|openapi|POST|Sync|\\-|\\-|0|1|v1|2026-04-27\n";

    private const string Field =
        "f|image|Image|File|\\-|\\-|\\-|1|0|\\-|\\-|\\-|0|\\-|\\-|\\-|\\-|\\-|\\-|\\-|10485760|images|\\-|An image.|openapi\n";

    [Fact]
    public void A_record_reads_as_its_values_with_escapes_nulls_lists_and_shared_media_types()
    {
        var tables = ApiTables.Read("\r\n" + Endpoint.Replace("\n", "\r\n") + Field
            + "f|seed|Seed|Integer|\\-|\\-|\\-|0|0|0|2147483647|\\-|0|\\-|\\-|\\-|\\-|\\-|\\-|1:|\\-|\\-|\\-||openapi\n"
            + "r|MutuallyExclusive|2:a^b|\\-|0:|Not both.|openapi\n"
            + "E|E|EType||2:A^B|2:A^B|A|An enum.|2:A^B|0:|openapi\n");
        var e = Assert.Single(tables.Endpoints);
        Assert.Equal("Line one\nline two | with ^ and \\", e.Description);
        Assert.Null(e.Wrapper);
        Assert.Equal(new[] { 400, 422 }, e.ErrorStatuses);
        Assert.True(e.AsyncCapable);
        Assert.Equal(EndpointMode.Sync, e.Mode);
        Assert.Equal(2, e.Fields.Length);
        Assert.Same(ApiMediaTypes.Images, e.Fields[0].MediaTypes);
        Assert.Equal(10485760L, e.Fields[0].MaxBytes);
        Assert.Equal(new[] { "" }, e.Fields[1].AllowedValues);
        Assert.Equal("", e.Fields[1].Description);
        Assert.Equal(0L, e.Fields[1].Minimum);
        Assert.Equal(new[] { "a", "b" }, Assert.Single(e.Rules).Fields);
        Assert.Empty(e.Parameters);
        var vocabulary = Assert.Single(tables.Enums);
        Assert.Equal("B", vocabulary.ObsoleteReason("A"));
        Assert.Empty(vocabulary.Aliases);
    }

    [Theory]
    [InlineData("X|a\n", 1, "an unknown tag")]
    [InlineData("f|a\n", 1, "a field outside")]
    [InlineData("D|Generate|/v1/x\n", 1, "fewer values")]
    [InlineData(Endpoint + "r|MutuallyExclusive|2:a^b|\\-|0:|Not both.|openapi|extra\n", 2, "more values")]
    [InlineData(Endpoint + "r|MutuallyExclusive|3:a^b|\\-|0:|Not both.|openapi\n", 2, "fewer items")]
    [InlineData(Endpoint + "r|Sometimes|2:a^b|\\-|0:|Not both.|openapi\n", 2, "not a RuleKind")]
    [InlineData(Endpoint + "r|MutuallyExclusive|2:a^b|\\-|0:|\\-|openapi\n", 2, "a null where text belongs")]
    [InlineData(Endpoint + "r|MutuallyExclusive|2:a^b|\\-|0:|Not \\q.|openapi\n", 2, "an unknown escape")]
    [InlineData(Endpoint + "f|image|Image|File|\\-|\\-|\\-|yes|0|\\-|\\-|\\-|0|\\-|\\-|\\-|\\-|\\-|\\-|\\-|1|images|\\-|An image.|openapi\n", 2, "a boolean")]
    [InlineData(Endpoint + "f|image|Image|File|\\-|\\-|\\-|1|0|\\-|\\-|\\-|0|\\-|\\-|\\-|\\-|\\-|\\-|\\-|1|video|\\-|An image.|openapi\n", 2, "media types")]
    public void A_line_that_is_not_a_record_is_refused_with_its_number(string text, int line, string what)
    {
        var error = Assert.Throws<FormatException>(() => ApiTables.Read(text));
        Assert.StartsWith($"Line {line} of the API description's tables holds ", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_description_reads_back_every_endpoint_and_vocabulary()
    {
        // The tables compiled into this assembly: every family's endpoints and the vocabularies their fields name.
        Assert.True(IdeogramApi.Endpoints.Length >= 70);
        foreach (var e in IdeogramApi.Endpoints)
            foreach (var f in e.Fields)
                if (f.Enum != null) Assert.NotNull(IdeogramApi.FindEnum(f.Enum));
        Assert.Same(IdeogramApi.ColorPalette, IdeogramApi.Palettes[0]);
    }
}
