using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;

namespace IdeogramGen.Analyzers.Tests
{
    public class SettingsTests
    {
        internal static Task Run(string fileName, string json, System.Action<SolutionState>? more = null) =>
            Verify.AnalyzerAsync<SettingsSecretAnalyzer>("class C { }", withRequests: false, configure: s =>
            {
                s.AdditionalFiles.Add(("/project/" + fileName, json));
                more?.Invoke(s);
            });

        [Fact]
        public Task Token_in_environment_settings_under_either_section_fires() =>
            Run("appsettings.Development.json",
                "{\n  // comment\n  \"Logging\": { \"ApiKey\": \"" + SecretCorpusTests.Key + "\" },\n" +
                "  \"IdeogramGen\": { \"GatewayToken\": {|IDG0302:\"" + SecretCorpusTests.Token + "\"|}, },\n" +
                "  \"ideogram\": { \"apikey\": {|IDG0302:\"" + SecretCorpusTests.Key + "\"|}, \"BaseUrl\": \"https://example\" }\n}");

        [Fact]
        public Task Placeholders_and_other_files_are_silent() =>
            Run("appsettings.json",
                "{ \"Ideogram\": { \"ApiKey\": \"<set in user secrets>\", \"GatewayToken\": \"\", \"Other\": \"" + SecretCorpusTests.Key + "\" },\n" +
                "  \"IdeogramGen\": { \"ApiKey\": null, \"GatewayToken\": \"${CF_AIG_TOKEN}\" } }",
                s => s.AdditionalFiles.Add(("/project/secrets.json", "{ \"Ideogram\": { \"ApiKey\": \"" + SecretCorpusTests.Key + "\" } }")));

        [Fact]
        public Task Malformed_json_is_ignored() =>
            Run("appsettings.json", "{ \"Ideogram\": { \"ApiKey\": \"" + SecretCorpusTests.Key);
    }
}
