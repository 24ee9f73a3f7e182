using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IdeogramGen.Analyzers.Tests
{
    /// <summary>Every rule: ID format, catalog membership, documentation page, help link and release tracking.</summary>
    public class CatalogTests
    {
        private static readonly DiagnosticAnalyzer[] Analyzers =
        {
            new GatewayAttributeAnalyzer(), new RequestValueAnalyzer(), new GatewayOptionsAnalyzer(),
            new HardCodedSecretAnalyzer(), new SettingsSecretAnalyzer(), new ResilienceHandlerAnalyzer(), new V2RouteAnalyzer(),
        };

        public static IEnumerable<object[]> Ids() => Rules.All.Select(d => new object[] { d.Id });

        private static DiagnosticDescriptor Descriptor(string id) => Rules.All.Single(d => d.Id == id);

        private static string Output(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

        [Fact]
        public void Catalog_ids_are_unique_and_every_analyzer_reports_only_catalog_rules()
        {
            Assert.Equal(Rules.All.Length, Rules.All.Select(d => d.Id).Distinct().Count());
            var supported = Analyzers.SelectMany(a => a.SupportedDiagnostics).ToList();
            foreach (var d in supported) Assert.Contains(d, Rules.All);
            foreach (var d in Rules.All) Assert.Contains(d, supported);
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void Descriptor_is_well_formed(string id)
        {
            var d = Descriptor(id);
            Assert.Matches(new Regex("^IDG[0-9]{4}$"), d.Id);
            Assert.StartsWith("IdeogramGen.", d.Category, StringComparison.Ordinal);
            Assert.Equal($"https://github.com/ideogramgen/ideogramgen/blob/main/docs/rules/{id}.md", d.HelpLinkUri);
            Assert.True(d.IsEnabledByDefault);
            Assert.False(string.IsNullOrWhiteSpace(d.Title.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(d.Description.ToString()));
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void Rule_has_a_documentation_page_with_every_section(string id)
        {
            var path = Output(Path.Combine("rules", id + ".md"));
            Assert.True(File.Exists(path), $"docs/rules/{id}.md is missing");
            var text = File.ReadAllText(path);
            Assert.StartsWith($"# {id}: {Descriptor(id).Title}", text, StringComparison.Ordinal);
            foreach (var section in new[] { "## What it reports", "## Why it matters", "## How to fix", "## Example that fires", "## Example that does not fire", "## How to suppress" })
                Assert.Contains(section, text, StringComparison.Ordinal);
            Assert.Contains($"| Severity | {Descriptor(id).DefaultSeverity} |", text, StringComparison.Ordinal);
            Assert.Contains($"dotnet_diagnostic.{id}.severity", text, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void Rule_is_in_the_rules_table(string id)
        {
            var d = Descriptor(id);
            var text = File.ReadAllText(Output(Path.Combine("rules", "README.md")));
            Assert.Contains($"| [{id}]({id}.md) | {d.DefaultSeverity} | {d.Category} | {d.Title} |", text, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void Rule_is_release_tracked_as_new(string id)
        {
            var d = Descriptor(id);
            var lines = File.ReadAllLines(Output("AnalyzerReleases.Unshipped.md"));
            var newRules = lines.SkipWhile(l => l.Trim() != "### New Rules").ToList();
            Assert.NotEmpty(newRules);
            Assert.Contains(newRules, l => Regex.IsMatch(l, $@"^{id}\s*\|\s*{Regex.Escape(d.Category)}\s*\|\s*{d.DefaultSeverity}\s*\|"));
        }

        [Fact]
        public void Code_fixes_target_catalog_rules()
        {
            var fixes = new Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider[]
            {
                new CodeFixes.MakePartialCodeFix(), new CodeFixes.ReplaceValueCodeFix(), new CodeFixes.ReadSecretCodeFix(), new CodeFixes.ReadVariableCodeFix(), new CodeFixes.SafeResilienceCodeFix(),
            };
            var ids = fixes.SelectMany(f => f.FixableDiagnosticIds).ToList();
            foreach (var id in ids) Assert.Contains(Rules.All, d => d.Id == id);
            Assert.Equal(new[] { "IDG0001", "IDG0003", "IDG0101", "IDG0103", "IDG0104", "IDG0106", "IDG0107", "IDG0301", "IDG0303", "IDG0402" }, ids.OrderBy(i => i, StringComparer.Ordinal));
        }
    }
}
