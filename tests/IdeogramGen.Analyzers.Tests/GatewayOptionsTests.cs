using System.Threading.Tasks;

namespace IdeogramGen.Analyzers.Tests
{
    public class GatewayOptionsTests
    {
        private static Task Run(string body, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
            Verify.AnalyzerAsync<GatewayOptionsAnalyzer>(
                "using System;\nusing IdeogramGen;\nusing Sample;\n#nullable enable\npublic class C\n{\n    public async System.Threading.Tasks.Task M(Client client)\n    {\n" + body + "\n    }\n}\n", expected);

        [Fact]
        public Task Out_of_range_options_fire() =>
            // CacheTtl also opts in to caching: IDG0401 on each of its assignments.
            Run("var o = new GatewayRequestOptions\n{\n" +
                "    {|IDG0401:CacheTtl = {|IDG0204:TimeSpan.FromSeconds(30)|}|},\n" +
                "    MaxAttempts = {|IDG0204:6|},\n" +
                "    RetryDelay = {|IDG0204:TimeSpan.FromSeconds(6)|},\n" +
                "    RequestTimeout = {|IDG0204:TimeSpan.Zero|},\n};\n" +
                "{|IDG0401:o.CacheTtl = {|IDG0204:TimeSpan.FromDays(31)|}|};\n" +
                "{|IDG0401:o.CacheTtl = {|IDG0204:TimeSpan.FromMilliseconds(90500)|}|};\n" +
                "o.MaxAttempts = {|IDG0204:0|};\n" +
                "o.RetryDelay = {|IDG0204:new TimeSpan(0, 0, 0, 5, 1)|};");

        [Fact]
        public Task In_range_options_are_silent() =>
            Run("var o = new GatewayRequestOptions { MaxAttempts = 5, RetryDelay = TimeSpan.FromMilliseconds(5000), RequestTimeout = TimeSpan.FromSeconds(30), SkipCache = true };\n" +
                "o.MaxAttempts = 1; o.RetryDelay = TimeSpan.Zero; o.CacheTtl = null;");

        [Fact]
        public Task Ttl_limits_are_inclusive() =>
            Run("var o = new GatewayRequestOptions();\n" +
                "{|IDG0401:o.CacheTtl = TimeSpan.FromSeconds(60)|};\n" +
                "{|IDG0401:o.CacheTtl = TimeSpan.FromDays(30)|};");

        [Fact]
        public Task Metadata_with_more_than_five_entries_fires() =>
            Run("var a = new GatewayLogMetadata().Add(\"a\", \"1\").Add(\"b\", 2L).Add(\"c\", 3.5).Add(\"d\", true).Add(\"e\", \"5\").{|IDG0204:Add(\"f\", \"6\")|};\n" +
                "var b = new GatewayLogMetadata { { \"a\", \"1\" }, { \"b\", \"2\" }, { \"c\", \"3\" } }.Add(\"d\", \"4\").Add(\"e\", \"5\").{|IDG0204:Add(\"f\", \"6\")|};\n" +
                "var c = new GatewayLogMetadata().Add(\"a\", \"1\").Add(\"b\", 2L).Add(\"c\", 3.5).Add(\"d\", true).Add(\"e\", \"5\");\n" +
                "var d = new GatewayLogMetadata(); d.Add(\"a\", \"1\");");

        [Fact]
        public Task Reserved_metadata_keys_fire() =>
            Run("var a = new GatewayLogMetadata().Add({|IDG0204:\"cf.user\"|}, \"1\").Add(\"user.cf\", \"2\").Add(\"cfuser\", \"3\");");

        [Fact]
        public Task Caching_an_image_generation_call_fires() =>
            Run("await client.GenerateV3Async(new GenerateV3Request { Prompt = \"cat\" }, new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { {|#0:CacheKey = \"cats\"|} } });",
                Verify.Diagnostic(Rules.CachingExpiringLinks).WithLocation(0).WithArguments("CacheKey", "this call to /v1/ideogram-v3/generate"));

        [Fact]
        public Task Caching_options_not_tied_to_a_call_fire() =>
            Run("var o = new GatewayRequestOptions { {|#0:CacheKey = \"cats\"|} };",
                Verify.Diagnostic(Rules.CachingExpiringLinks).WithLocation(0).WithArguments("CacheKey", "the requests it is used for"));

        [Fact]
        public Task Caching_a_describe_call_or_skipping_the_cache_is_silent() =>
            Run("await client.DescribeLegacyAsync(new DescribeLegacyRequest(), new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { CacheKey = \"d\", CacheTtl = TimeSpan.FromHours(1) } });\n" +
                "await client.GenerateV3Async(new GenerateV3Request(), new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { SkipCache = true, CacheKey = null } });");

        [Fact]
        public Task Generated_code_is_skipped_and_pragmas_suppress() =>
            Verify.AnalyzerAsync<GatewayOptionsAnalyzer>(
                "using IdeogramGen;\nclass C { void M() { var o = new GatewayRequestOptions { MaxAttempts = {|IDG0204:9|} }; } }",
                withRequests: false, configure: null, fullChecks: true);
    }
}
