using System;
using System.IO;
using System.Linq;
using System.Text;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>The README's table of error answers is the facts table the runtime and the emulator read.</summary>
public class ErrorFactsReadmeTests
{
    private const string Begin = "<!-- error-facts:begin (rendered from description/Gateway/GatewayErrorFacts.cs; ErrorFactsReadmeTests checks it) -->";
    private const string End = "<!-- error-facts:end -->";

    [Fact]
    public void The_README_error_table_matches_the_facts_table()
    {
        var readme = File.ReadAllText(TestPaths.InRepo("README.md")).Replace("\r\n", "\n");
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md lacks the error-facts markers");
        var table = readme.Substring(start + Begin.Length, end - start - Begin.Length).Trim('\n');
        Assert.True(Render() == table, "README.md's error table differs from the facts table; replace it with:\n" + Render());
    }

    [Fact]
    public void Every_kind_in_the_facts_table_is_a_member_of_its_enum()
    {
        foreach (var f in ErrorFacts.All)
        {
            var ok = f.Source == ErrorSource.Gateway ? Enum.TryParse<GatewayErrorKind>(f.Kind, out _) : Enum.TryParse<IdeogramErrorKind>(f.Kind, out _);
            Assert.True(ok, $"{f.Source} {f.Kind}");
        }
        Assert.Equal(ErrorFacts.All.Length, ErrorFacts.All.Select(f => (f.Source, f.Kind)).Distinct().Count());
    }

    internal static string Render()
    {
        static string Yes(bool b) => b ? "yes" : "no";
        var sb = new StringBuilder();
        sb.Append("| from | code | HTTP | kind | retry-safe | transient | may have been billed | what it means | source |\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|\n");
        foreach (var f in ErrorFacts.All)
        {
            var http = f.Status?.ToString() ?? "not documented";
            if (f.RejectReason != null && f.Status == 429) http += " `" + f.RejectReason + "`";
            if (f.Source == ErrorSource.Ideogram && f.Status == 500) http = "5xx";
            sb.Append("| ").Append(f.Source == ErrorSource.Gateway ? "gateway" : "Ideogram")
              .Append(" | ").Append(f.Code?.ToString() ?? "–")
              .Append(" | ").Append(http)
              .Append(" | `").Append(f.Kind).Append('`')
              .Append(" | ").Append(Yes(f.RetrySafe))
              .Append(" | ").Append(Yes(f.Transient))
              .Append(" | ").Append(Yes(f.Billed))
              .Append(" | ").Append(f.Text)
              .Append(" | ").Append(f.Reference)
              .Append(" |\n");
        }
        return sb.ToString().TrimEnd('\n');
    }
}
