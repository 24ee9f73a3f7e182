using System.IO;
using System.Text.Json.Nodes;
using IdeogramGen.ApiDescription.Builder;
using IdeogramGen.TestSupport;

namespace IdeogramGen.Tests.Description;

/// <summary>
/// Text limits come from the document (<c>maxLength</c>), never from a list of our own. Ideogram's 2026-04-27 document
/// states none for the covered fields (description/README.md, "Facts not in the document"); a document that states one
/// puts it into the description, and the generated Validate() passes it to RequestValidation.Text.
/// </summary>
public class TextLimitTests
{
    private static string Document() => File.ReadAllText(TestPaths.InRepo("description", "ideogram-openapi.json"));

    [Fact]
    public void The_covered_fields_have_no_documented_text_limit()
    {
        var result = DescriptionBuilder.Build(Document());
        Assert.DoesNotContain("MaxLength = ", result.DescriptionSource);
    }

    [Fact]
    public void A_documented_maxLength_reaches_the_description()
    {
        var document = JsonNode.Parse(Document())!;
        document["components"]!["schemas"]!["GenerateImageRequestV3"]!["properties"]!["prompt"]!["maxLength"] = 10000;
        var result = DescriptionBuilder.Build(document.ToJsonString());
        Assert.Contains("new ApiField { Name = \"prompt\", Member = \"Prompt\", Kind = ValueKind.String, Required = true, MaxLength = 10000,", result.DescriptionSource);
    }
}
