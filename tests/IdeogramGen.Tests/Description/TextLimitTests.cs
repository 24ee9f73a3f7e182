using System.IO;
using System.Linq;
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

    private static string Newer() => File.ReadAllText(TestPaths.InRepo(DescriptionBuilder.NewerDocumentPath));

    [Fact]
    public void Only_the_fields_the_documents_limit_have_a_text_limit()
    {
        foreach (var e in IdeogramGen.ApiDescription.IdeogramApi.Endpoints)
            foreach (var f in e.Fields.Where(f => f.MaxLength != null))
                Assert.True(e.ApiVersion == "v2" || f.Name == "webhook_url", $"{e.Path} {f.Name} has a text limit; the v1 documents state none");
        var v2 = IdeogramGen.ApiDescription.IdeogramApi.FindEndpoint("/v2/image/generate/ideogram-4-5")!;
        Assert.Equal(10000, v2.Field("prompt")!.MaxLength);
        Assert.Equal(10000, IdeogramGen.ApiDescription.IdeogramApi.FindEndpoint("/v2/image/generate/ideogram-3-transparent")!.Field("negative_prompt")!.MaxLength);
        Assert.Equal(4000, IdeogramGen.ApiDescription.IdeogramApi.FindEndpoint("/v2/image/replace-background/ideogram-3")!.Field("prompt")!.MaxLength);
        Assert.Null(IdeogramGen.ApiDescription.IdeogramApi.FindEndpoint("/v1/ideogram-v4/generate")!.Field("text_prompt")!.MaxLength);
    }

    [Fact]
    public void A_documented_maxLength_reaches_the_description()
    {
        var document = JsonNode.Parse(Document())!;
        document["components"]!["schemas"]!["GenerateImageRequestV3"]!["properties"]!["prompt"]!["maxLength"] = 10000;
        var result = DescriptionBuilder.Build(document.ToJsonString(), Newer());
        var endpoint = TablesOf(result.DescriptionSource).Endpoints.Single(e => e.Path == "/v1/ideogram-v3/generate");
        Assert.Equal(10000, endpoint.Field("prompt")!.MaxLength);
        Assert.Null(IdeogramGen.ApiDescription.IdeogramApi.FindEndpoint("/v1/ideogram-v3/generate")!.Field("prompt")!.MaxLength);
    }

    /// <summary>The tables of a derived IdeogramApi.g.cs, read as the compiled description reads them.</summary>
    private static IdeogramGen.ApiDescription.ApiTables TablesOf(string source)
    {
        const string opening = "private const string Text = @\"";
        int start = source.IndexOf(opening, System.StringComparison.Ordinal) + opening.Length;
        int end = source.LastIndexOf("\";", System.StringComparison.Ordinal);
        Assert.True(start > opening.Length && end > start);
        return IdeogramGen.ApiDescription.ApiTables.Read(source.Substring(start, end - start).Replace("\"\"", "\"", System.StringComparison.Ordinal));
    }
}
