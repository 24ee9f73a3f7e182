using System.Threading.Tasks;
using IdeogramGen.CodeFixes;
using Microsoft.CodeAnalysis.Testing;

namespace IdeogramGen.Analyzers.Tests
{
    /// <summary>
    /// The hard-coded secret corpus: every must-fire (F) and must-stay-silent (S) case of the shared starter set, plus
    /// further false-positive traps. The values are made up and belong to no account.
    /// </summary>
    public class SecretCorpusTests
    {
        internal const string Key = "ak-7Hq2vX9mLp4Rt8Wz1Nc6Bd3Fg5Jk0Ys2Ue4Io7Pa9Sd";
        internal const string Token = "Zq8Xr2Lm5Np9Tv3Wy6Ac1Bd4Ef7Gh0Jk2Mn5Pq8Rs";

        private const string Usings = "using System;\nusing System.Net.Http;\nusing System.Net.Http.Headers;\nusing IdeogramGen;\n#nullable enable\n";

        private static Task Run(string members, params DiagnosticResult[] expected) =>
            Verify.AnalyzerAsync<HardCodedSecretAnalyzer>(Usings + "public class C\n{\n" + members + "\n}\n", withRequests: false, configure: null, expected);

        private static Task Body(string body, params DiagnosticResult[] expected) =>
            Run("    public void M(HttpClient http, HttpRequestMessage request)\n    {\n" + body + "\n    }", expected);

        // Must fire
        [Fact]
        public Task F1_literal_key_to_credentials() =>
            Body($"var c = new IdeogramCredentials({{|IDG0301:\"{Key}\"|}});");

        [Fact]
        public Task F2_key_through_const_field() =>
            Run($"const string ApiKey = \"{Key}\";\nvoid M() {{ var c = new IdeogramCredentials({{|IDG0301:ApiKey|}}); }}");

        [Fact]
        public Task F3_key_through_static_readonly_field() =>
            Run($"static readonly string ApiKey = \"{Key}\";\nvoid M() {{ var c = new IdeogramCredentials({{|IDG0301:ApiKey|}}); }}");

        [Fact]
        public Task F4_literal_key_in_default_request_headers() =>
            Body($"http.DefaultRequestHeaders.Add(\"Api-Key\", {{|IDG0301:\"{Key}\"|}});");

        [Fact]
        public Task F5_bearer_concatenation_of_const_token() =>
            Run($"const string Token = \"{Token}\";\nvoid M(HttpRequestMessage request) {{ request.Headers.TryAddWithoutValidation(\"cf-aig-authorization\", {{|IDG0301:\"Bearer \" + Token|}}); }}");

        [Fact]
        public Task F6_interpolation_of_constants() =>
            Run($"static readonly string Token = \"{Token}\";\nvoid M(HttpRequestMessage request) {{ request.Headers.Add(\"cf-aig-authorization\", {{|IDG0301:$\"Bearer {{Token}}\"|}}); }}");

        [Fact]
        public Task F7_key_in_appsettings() =>
            SettingsTests.Run("appsettings.json", "{\n  \"Ideogram\": {\n    \"ApiKey\": {|IDG0302:\"" + Key + "\"|}\n  }\n}");

        // Must stay silent
        [Fact]
        public Task S1_environment_variable() =>
            Body("var c = new IdeogramCredentials(Environment.GetEnvironmentVariable(\"IDEOGRAM_API_KEY\"));");

        [Fact]
        public Task S2_configuration_indexer() =>
            Run("void M(Microsoft.Extensions.Configuration.IConfiguration configuration) { var c = new IdeogramCredentials(configuration[\"Ideogram:ApiKey\"]); }\n}\n" +
                "namespace Microsoft.Extensions.Configuration { public interface IConfiguration { string? this[string key] { get; set; } } }\nclass Unused {");

        [Theory]
        [InlineData("\"your-api-key-here\"")]
        [InlineData("\"<IDEOGRAM_API_KEY>\"")]
        [InlineData("\"${IDEOGRAM_API_KEY}\"")]
        [InlineData("\"{{ideogram_api_key}}\"")]
        [InlineData("\"xxxxxxxxxxxxxxxx\"")]
        [InlineData("\"REDACTED\"")]
        [InlineData("\"changeme\"")]
        [InlineData("\"\"")]
        [InlineData("null")]
        [InlineData("string.Empty")]
        [InlineData("\"example-key-123\"")]
        [InlineData("\"sample_0123456789\"")]
        [InlineData("\"dummy-key\"")]
        [InlineData("\"fake-token-9f8e7d\"")]
        [InlineData("\"test-key-4711\"")]
        [InlineData("\"0000000000000000000000000000\"")]
        [InlineData("\"Please enter your Ideogram API key\"")]
        public Task S3_placeholders(string value) =>
            Body($"var c = new IdeogramCredentials({value}, {value});");

        [Fact]
        public Task S4_header_name_alone() =>
            Body("const string Header = \"Api-Key\"; var name = GatewayHeaders.IdeogramApiKey; http.DefaultRequestHeaders.Remove(Header); http.DefaultRequestHeaders.Add(GatewayHeaders.IdeogramApiKey, Environment.GetEnvironmentVariable(\"K\") ?? \"\");");

        [Fact]
        public Task S5_sha256_checksum() =>
            Run("public string? Checksum { get; set; }\nvoid M() { Checksum = \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"; }");

        [Fact]
        public Task S6_assembly_qualified_name_with_public_key_token() =>
            Run("public string? PublicKeyToken { get; set; }\npublic string? TypeName { get; set; }\n" +
                "void M() { TypeName = \"X, Version=1.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089\"; PublicKeyToken = \"b77a5c561934e089\"; }");

        [Fact]
        public Task S7_guid_event_id() =>
            Body("var o = new GatewayRequestOptions { EventId = \"0b1e3c5a-7d9f-4e21-8a6b-2c4d6e8f0a1b\" };");

        [Fact]
        public Task S8_account_id_in_gateway_attribute() =>
            Run("}\n[IdeogramGateway(\"3ebbcb006d4d46d7bb6a8c7f14676cb0\", \"my-gateway\")]\npublic partial class Images {");

        // Further traps that must stay silent
        [Fact]
        public Task Trap_base64_image_url_and_prose() =>
            Body("var image = \"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\";\n" +
                 "var url = new Uri(\"https://gateway.ai.cloudflare.com/v1/3ebbcb006d4d46d7bb6a8c7f14676cb0/my-gateway/ideogram/v1/ideogram-v3/generate\");\n" +
                 "var o = new GatewayRequestOptions { CacheKey = \"a3f9c2e81b7d4c6fa3f9c2e81b7d4c6f\", EventId = Guid.NewGuid().ToString() };\n" +
                 "Console.WriteLine(\"Set IDEOGRAM_API_KEY to your key before running; the key is sent as the Api-Key header on every request.\");");

        [Fact]
        public Task Trap_hash_and_guid_in_properties_named_like_secrets_with_low_shape() =>
            Run("public string? SecretName { get; set; }\npublic string? TokenType { get; set; }\npublic string? KeyId { get; set; }\n" +
                "void M() { SecretName = \"IDEOGRAM_API_KEY\"; TokenType = \"Bearer\"; KeyId = \"0b1e3c5a-7d9f-4e21-8a6b-2c4d6e8f0a1b\"; }");

        [Fact]
        public Task Trap_other_headers_and_non_constant_values() =>
            Body($"http.DefaultRequestHeaders.Add(\"X-Request-Id\", \"{Key}\");\n" +
                 "var key = Environment.GetEnvironmentVariable(\"IDEOGRAM_API_KEY\");\n" +
                 "http.DefaultRequestHeaders.Add(\"Api-Key\", key);\n" +
                 "request.Headers.Add(\"cf-aig-authorization\", \"Bearer \" + Environment.GetEnvironmentVariable(\"CF_AIG_TOKEN\"));\n" +
                 "request.Headers.Add(\"cf-aig-authorization\", $\"Bearer {Environment.GetEnvironmentVariable(\"CF_AIG_TOKEN\")}\");");

        [Fact]
        public Task Trap_reassigned_local_is_not_followed() =>
            Body($"var key = \"{Key}\";\nkey = Environment.GetEnvironmentVariable(\"IDEOGRAM_API_KEY\") ?? \"\";\nvar c = new IdeogramCredentials(key);");

        [Fact]
        public Task Trap_uris_arns_guids_hashes_and_variable_names_in_secret_named_members() =>
            Run("public string? SecretUri { get; set; }\npublic string? PasswordPolicyId { get; set; }\npublic string? SecretArn { get; set; }\n" +
                "public string? TokenSha256 { get; set; }\npublic string? ApiKeyEnv { get; set; }\nvoid Use(string tokenAudience) { }\n" +
                "void M() {\n" +
                "SecretUri = \"https://myvault.vault.azure.net/secrets/IdeogramKey2\";\n" +
                "PasswordPolicyId = \"3f2504e0-4f89-11d3-9a0c-0305e82c3301\";\n" +
                "SecretArn = \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:ideogram-AbC123\";\n" +
                "TokenSha256 = \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\";\n" +
                "ApiKeyEnv = \"IDEOGRAM_API_KEY_V2_PROD\";\n" +
                "Use(tokenAudience: \"api://0b1e3c5a-7d9f-4e21-8a6b-2c4d6e8f0a1b\");\n}");

        // More must-fire cases
        [Fact]
        public Task Local_initialised_with_literal_is_followed() =>
            Body($"var key = \"{Key}\";\nvar c = new IdeogramCredentials({{|IDG0301:key|}});");

        [Fact]
        public Task Gateway_token_sinks_fire() =>
            Body($"var c = new IdeogramCredentials(null, {{|IDG0301:\"{Token}\"|}});\n" +
                 $"var o = new GatewayRequestOptions {{ GatewayToken = {{|IDG0301:\"{Token}\"|}} }};\n" +
                 $"o.GatewayToken = {{|IDG0301:\"{Token}\"|}};\n" +
                 $"http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(\"Bearer\", {{|IDG0301:\"{Token}\"|}});\n" +
                 $"http.DefaultRequestHeaders.TryAddWithoutValidation(\"Authorization\", {{|IDG0301:\"Bearer {Token}\"|}});");

        [Fact]
        public Task Logs_api_token_of_recovery_fires() =>
            Body($"var r = new GatewayRecoveryOptions {{ LogsApiToken = {{|IDG0301:\"{Token}\"|}} }};\n" +
                 "var ok = new GatewayRecoveryOptions { LogsApiToken = System.Environment.GetEnvironmentVariable(\"CF_API_TOKEN\") };");

        [Fact]
        public Task Short_non_random_key_at_a_sink_still_fires() =>
            Body("var c = new IdeogramCredentials({|IDG0301:\"abc123\"|});");

        [Fact]
        public Task Named_sink_needs_a_token_shaped_value() =>
            Run("public string? IdeogramApiKey { get; set; }\npublic string? ApiToken { get; set; }\n" +
                $"void M() {{ IdeogramApiKey = {{|IDG0301:\"{Key}\"|}}; ApiToken = \"short\"; Configure(apiKey: {{|IDG0301:\"{Token}\"|}}); Configure(apiKey: \"hello-world\"); }}\n" +
                "void Configure(string apiKey) { }");

        [Fact]
        public Task Message_never_contains_the_secret() =>
            Body($"var c = new IdeogramCredentials({{|#0:\"{Key}\"|}});",
                Verify.Diagnostic(Rules.HardCodedSecret).WithLocation(0).WithArguments("Ideogram API key", "the IdeogramCredentials apiKey parameter"));

        // Recall: values that reach a sink through the data flow
        [Fact]
        public Task R1_switch_expression_in_a_local() =>
            Body($"var env = Environment.GetEnvironmentVariable(\"APP_ENV\") ?? \"dev\";\n" +
                 $"var key = env switch {{ \"prod\" => \"{Key}\", _ => Environment.GetEnvironmentVariable(\"IDEOGRAM_API_KEY\") }};\n" +
                 "var c = new IdeogramCredentials({|IDG0301:key|});");

        [Fact]
        public Task R2_switch_expression_returned_by_a_helper_method() =>
            Run($"static string? KeyFor(string env) => env switch {{ \"prod\" => \"{Key}\", \"dev\" => null, _ => Environment.GetEnvironmentVariable(\"IDEOGRAM_API_KEY\") }};\n" +
                "void M(string env) { var c = new IdeogramCredentials({|IDG0301:KeyFor(env)|}); }");

        [Fact]
        public Task R3_conditional_operator() =>
            Run($"void M(bool production) {{ var c = new IdeogramCredentials({{|IDG0301:production ? \"{Key}\" : Environment.GetEnvironmentVariable(\"IDEOGRAM_API_KEY\")|}}); }}");

        [Fact]
        public Task R4_coalesce_fallback_after_an_environment_read() =>
            Body($"var c = new IdeogramCredentials({{|IDG0301:Environment.GetEnvironmentVariable(\"IDEOGRAM_API_KEY\") ?? \"{Key}\"|}});");

        [Fact]
        public Task R5_expression_bodied_property() =>
            Run($"private string ApiKey => \"{Key}\";\nvoid M() {{ var c = new IdeogramCredentials({{|IDG0301:ApiKey|}}); }}");

        [Fact]
        public Task R6_instance_readonly_field() =>
            Run($"private readonly string _key = \"{Key}\";\nvoid M() {{ var c = new IdeogramCredentials({{|IDG0301:_key|}}); }}");

        [Fact]
        public Task R7_flattened_key_at_the_json_root() =>
            SettingsTests.Run("appsettings.Production.json", "{\n  \"Ideogram:ApiKey\": {|IDG0302:\"" + Key + "\"|}\n}");

        [Fact]
        public Task R8_readonly_field_assigned_in_the_constructor_and_get_only_property() =>
            Run($"private readonly string _gateway;\npublic string Key {{ get; }} = \"{Key}\";\n" +
                $"public C() {{ _gateway = \"{Token}\"; }}\n" +
                "void M() { var c = new IdeogramCredentials({|IDG0301:Key|}, {|IDG0301:this._gateway|}); }");

        [Fact]
        public Task R9_block_bodied_getter_and_method_with_several_returns() =>
            Run($"private static string Token {{ get {{ return \"Bearer \" + Raw(); }} }}\n" +
                $"private static string Raw() {{ if (DateTime.Now.Year > 3000) return Environment.GetEnvironmentVariable(\"CF_AIG_TOKEN\") ?? \"\"; return \"{Token}\"; }}\n" +
                "void M(HttpRequestMessage request) { request.Headers.Add(\"cf-aig-authorization\", {|IDG0301:Token|}); }");

        [Fact]
        public Task R10_interpolation_of_a_local_built_from_a_conditional() =>
            Run($"void M(HttpRequestMessage request, bool staging) {{ var token = staging ? \"{Token}\" : \"Zq8Xr2Lm5Np9Tv3Wy6Ac1Bd4Ef7Gh0Jk2Mn5Pq8Rt\"; request.Headers.TryAddWithoutValidation(\"cf-aig-authorization\", {{|IDG0301:$\"Bearer {{token}}\"|}}); }}");

        [Fact]
        public Task R11_constant_in_another_file_and_a_local_function() =>
            Verify.AnalyzerAsync<HardCodedSecretAnalyzer>(
                Usings + "public class C\n{\n    void M()\n    {\n        string Key() => Secrets.Production;\n        var c = new IdeogramCredentials({|IDG0301:Key()|});\n    }\n}\n",
                withRequests: false,
                configure: s => s.Sources.Add(("Secrets.cs", $"static class Secrets {{ public static readonly string Production = Pick(true); static string Pick(bool p) => p ? \"{Key}\" : \"\"; }}")));

        [Fact]
        public Task R12_logs_api_token_authorization_header_and_gateway_token_named_member() =>
            Run("public string? AigToken { get; set; }\n" +
                $"const string Token = \"{Token}\";\n" +
                "void M(HttpClient http) {\n" +
                "var logs = new GatewayLogsClient(http, {|IDG0301:Token|}, new GatewayAddress(\"3ebbcb006d4d46d7bb6a8c7f14676cb0\", \"my-gateway\"));\n" +
                "http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(\"Bearer\", {|IDG0301:Token|});\n" +
                "AigToken = {|IDG0301:Token|};\n}");

        [Fact]
        public Task R13_nested_json_arrays_named_clients_mixed_separators_and_case() =>
            SettingsTests.Run("appsettings.Staging.json",
                "{\n  \"ideogram\": { \"Clients\": [ { \"Name\": \"a\", \"apikey\": {|IDG0302:\"" + Key + "\"|} } ],\n" +
                "    \"Images:GatewayToken\": {|IDG0302:\"" + Token + "\"|} },\n" +
                "  \"IDEOGRAMGEN:CloudflareApiToken\": {|IDG0302:\"" + Token + "\"|}\n}");

        [Fact]
        public Task R14_environment_variables_in_launch_settings() =>
            SettingsTests.Run("launchSettings.json",
                "{ \"profiles\": { \"App\": { \"commandName\": \"Project\", \"environmentVariables\": {\n" +
                "  \"ASPNETCORE_ENVIRONMENT\": \"Development\", \"IDEOGRAM_API_KEY\": {|IDG0302:\"" + Key + "\"|}, \"CF_AIG_TOKEN\": \"\" } } } }");

        [Fact]
        public Task R16_client_options_set_in_code_or_in_the_registration_lambda() =>
            Run("void Register(System.Action<IdeogramGen.Extensions.IdeogramClientOptions> configure) { }\n" +
                "void M(Microsoft.Extensions.Configuration.IConfiguration configuration) {\n" +
                "Register(o => { o.ApiKey = {|IDG0301:\"abc123\"|}; o.GatewayToken = {|IDG0301:Token|}; o.Defaults.GatewayToken = {|IDG0301:Token|}; });\n" +
                "Register(o => { o.ApiKey = configuration[\"Ideogram:ApiKey\"]; o.GatewayToken = configuration.GetSection(\"Ideogram\")[\"GatewayToken\"]; });\n" +
                "var options = new IdeogramGen.Extensions.IdeogramClientOptions { ApiKey = {|IDG0303:\"IDEOGRAM_API_KEY\"|} };\n}\n" +
                $"const string Token = \"{Token}\";\n}}\n" +
                "namespace IdeogramGen.Extensions { public sealed class IdeogramClientOptions { public string? ApiKey { get; set; } public string? GatewayToken { get; set; } public IdeogramGen.GatewayRequestOptions Defaults { get; } = new IdeogramGen.GatewayRequestOptions(); } }\n" +
                "namespace Microsoft.Extensions.Configuration { public interface IConfiguration { string? this[string key] { get; set; } IConfiguration GetSection(string key); } }\nclass Unused {");

        // Precision: flows that end in no secret
        [Fact]
        public Task P1_switch_conditional_and_coalesce_over_reads_and_placeholders() =>
            Run("static string? Read(string name) => Environment.GetEnvironmentVariable(name);\n" +
                "static string? KeyFor(string env) => env switch { \"prod\" => Read(\"IDEOGRAM_API_KEY\"), \"test\" => \"test-key\", _ => null };\n" +
                "void M(string env, bool flag) {\n" +
                "var a = new IdeogramCredentials(KeyFor(env));\n" +
                "var b = new IdeogramCredentials(flag ? Read(\"A\") : \"your-api-key-here\");\n" +
                "var c = new IdeogramCredentials(Read(\"IDEOGRAM_API_KEY\") ?? \"\");\n" +
                "var d = new IdeogramCredentials(Read(\"IDEOGRAM_API_KEY\") ?? throw new InvalidOperationException(\"Set IDEOGRAM_API_KEY\"));\n}");

        [Fact]
        public Task R15_defaults_that_reach_the_sink_unless_replaced() =>
            Run($"public virtual string Overridable => \"{Key}\";\n" +
                $"public string Settable {{ get; set; }} = \"{Key}\";\n" +
                $"private string _mutable = \"{Key}\";\n" +
                "void M() { var b = new IdeogramCredentials({|IDG0301:Overridable|}); var c = new IdeogramCredentials({|IDG0301:Settable|}); var d = new IdeogramCredentials({|IDG0301:_mutable|}); }");

        [Fact]
        public Task P2_cycles_parameters_and_abstract_members_end_the_walk() =>
            Run("static string A(int n) => n > 0 ? B(n - 1) : Environment.GetEnvironmentVariable(\"K\") ?? \"\";\n" +
                "static string B(int n) => A(n);\n" +
                "static string Same(string s) => s;\n" +
                "string Loop => Loop2; string Loop2 => Loop;\n" +
                "void M(System.Func<string> f) { var a = new IdeogramCredentials(A(3)); var b = new IdeogramCredentials(Same(Environment.GetEnvironmentVariable(\"K\")!)); var c = new IdeogramCredentials(Loop); var d = new IdeogramCredentials(f()); }\n}\n" +
                "public abstract class Base { public abstract string Key { get; } void M() { var c = new IdeogramCredentials(Key); }");

        [Fact]
        public Task P3_configuration_reads_stay_silent() =>
            Run("void M(Microsoft.Extensions.Configuration.IConfiguration configuration) {\n" +
                "var section = configuration.GetSection(\"Ideogram\");\n" +
                "var a = new IdeogramCredentials(configuration[\"Ideogram:ApiKey\"], section[\"GatewayToken\"]);\n" +
                "var o = new Options(); Microsoft.Extensions.Configuration.Binder.Bind(section, o);\n" +
                "var b = new IdeogramCredentials(o.ApiKey ?? configuration[\"IDEOGRAM_API_KEY\"]);\n}\n}\n" +
                "public sealed class Options { public string? ApiKey { get; set; } }\n" +
                "namespace Microsoft.Extensions.Configuration {\n" +
                "public interface IConfiguration { string? this[string key] { get; set; } IConfigurationSection GetSection(string key); }\n" +
                "public interface IConfigurationSection : IConfiguration { }\n" +
                "public static class Binder { public static void Bind(this IConfiguration c, object o) { } } }\nclass Unused {");

        [Fact]
        public Task P4_settings_keys_that_only_look_alike() =>
            SettingsTests.Run("appsettings.json",
                "{ \"Logging:ApiKey\": \"" + Key + "\", \"Ideogram\": { \"ApiKeyFile\": \"" + Key + "\", \"ApiKey\": \"IDEOGRAM_API_KEY\",\n" +
                "  \"Clients\": [ { \"ApiKey\": \"<from user secrets>\" } ] }, \"Other\": { \"IDEOGRAM_API_KEY_NAME\": \"" + Key + "\" } }");

        // IDG0303: an environment variable's name where the secret belongs
        [Fact]
        public Task V1_variable_name_at_a_sink_is_its_own_rule() =>
            Body("var c = new IdeogramCredentials({|#0:\"IDEOGRAM_API_KEY\"|});\n" +
                 "http.DefaultRequestHeaders.Add(\"Api-Key\", {|#1:\"MY_IDEOGRAM_KEY\"|});\n" +
                 "request.Headers.Add(\"cf-aig-authorization\", {|#2:\"Bearer CF_AIG_TOKEN\"|});",
                Verify.Diagnostic(Rules.VariableNameAsSecret).WithLocation(0).WithArguments("IDEOGRAM_API_KEY", "Ideogram API key", "the IdeogramCredentials apiKey parameter"),
                Verify.Diagnostic(Rules.VariableNameAsSecret).WithLocation(1).WithArguments("MY_IDEOGRAM_KEY", "Ideogram API key", "the Api-Key header"),
                Verify.Diagnostic(Rules.VariableNameAsSecret).WithLocation(2).WithArguments("CF_AIG_TOKEN", "AI Gateway token", "the cf-aig-authorization header"));

        [Fact]
        public Task V2_fix_uses_FromEnvironment() =>
            Verify.CodeFixAsync<HardCodedSecretAnalyzer, ReadVariableCodeFix>(
                Usings + "class C { void M() { var c = new IdeogramCredentials({|IDG0303:\"IDEOGRAM_API_KEY\"|}); } }",
                Usings + "class C { void M() { var c = IdeogramCredentials.FromEnvironment(); } }",
                0);

        [Fact]
        public Task V3_fix_names_variables_that_are_not_the_defaults() =>
            Verify.CodeFixAsync<HardCodedSecretAnalyzer, ReadVariableCodeFix>(
                Usings + "class C { void M() { var c = new IdeogramCredentials({|IDG0303:\"MY_KEY\"|}, gatewayToken: {|IDG0303:\"MY_TOKEN\"|}); } }",
                Usings + "class C { void M() { var c = IdeogramCredentials.FromEnvironment(\"MY_KEY\", \"MY_TOKEN\"); } }",
                0);

        [Fact]
        public Task V4_fix_elsewhere_reads_the_variable() =>
            Verify.CodeFixAsync<HardCodedSecretAnalyzer, ReadVariableCodeFix>(
                Usings + "class C { void M(HttpRequestMessage r) { r.Headers.Add(\"cf-aig-authorization\", {|IDG0303:\"Bearer CF_AIG_TOKEN\"|}); } }",
                Usings + "class C { void M(HttpRequestMessage r) { r.Headers.Add(\"cf-aig-authorization\", \"Bearer \" + Environment.GetEnvironmentVariable(\"CF_AIG_TOKEN\")); } }",
                0);

        [Fact]
        public Task Fix_for_the_logs_api_token_reads_CF_API_TOKEN() =>
            Verify.CodeFixAsync<HardCodedSecretAnalyzer, ReadSecretCodeFix>(
                Usings + $"class C {{ void M(HttpClient http, GatewayAddress a) {{ var logs = new GatewayLogsClient(http, {{|IDG0301:\"{Token}\"|}}, a); }} }}",
                Usings + "class C { void M(HttpClient http, GatewayAddress a) { var logs = new GatewayLogsClient(http, Environment.GetEnvironmentVariable(\"CF_API_TOKEN\") ?? throw new InvalidOperationException(\"The environment variable CF_API_TOKEN is not set.\"), a); } }",
                0);

        [Fact]
        public Task Diagnostic_points_at_the_literal_it_comes_from() =>
            Run($"private readonly string _key = {{|#1:\"{Key}\"|}};\nvoid M() {{ var c = new IdeogramCredentials({{|#0:_key|}}); }}",
                Verify.Diagnostic(Rules.HardCodedSecret).WithLocation(0).WithLocation(1).WithArguments("Ideogram API key", "the IdeogramCredentials apiKey parameter"));

        // Test projects
        private const string TestProjectSource = Usings + "class C { void M() { var c = new IdeogramCredentials(\"" + Key + "\"); } }";

        [Fact]
        public Task Test_projects_are_exempt_by_default() =>
            Verify.AnalyzerAsync<HardCodedSecretAnalyzer>(TestProjectSource, withRequests: false,
                configure: s => s.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.IsTestProject = true\n")));

        [Fact]
        public Task Test_project_exemption_can_be_turned_off() =>
            Verify.AnalyzerAsync<HardCodedSecretAnalyzer>(TestProjectSource.Replace("new IdeogramCredentials(\"" + Key + "\")", "new IdeogramCredentials({|IDG0301:\"" + Key + "\"|})"),
                withRequests: false,
                configure: s =>
                {
                    s.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.IsTestProject = true\n"));
                    s.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nideogramgen.secrets.exempt_test_projects = false\n"));
                });

        [Fact]
        public Task Severity_can_be_lowered_in_editorconfig() =>
            Verify.AnalyzerAsync<HardCodedSecretAnalyzer>(TestProjectSource.Replace("new IdeogramCredentials(\"" + Key + "\")", "new IdeogramCredentials({|#0:\"" + Key + "\"|})"),
                withRequests: false,
                configure: s => s.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.IDG0301.severity = suggestion\n")),
                Verify.Diagnostic(Rules.HardCodedSecret).WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info)
                    .WithArguments("Ideogram API key", "the IdeogramCredentials apiKey parameter"));

        [Fact]
        public Task Generated_code_is_skipped_and_pragmas_suppress() =>
            Verify.AnalyzerAsync<HardCodedSecretAnalyzer>(Usings + "class C { void M() { var c = new IdeogramCredentials({|IDG0301:\"" + Key + "\"|}); } }",
                withRequests: false, configure: null, fullChecks: true);

        // Code fixes
        private const string Configuration =
            "namespace Microsoft.Extensions.Configuration { public interface IConfiguration { string? this[string key] { get; set; } } }\n";

        [Fact]
        public Task Fix_reads_key_from_environment() =>
            Verify.CodeFixAsync<HardCodedSecretAnalyzer, ReadSecretCodeFix>(
                Usings + $"class C {{ void M() {{ var c = new IdeogramCredentials({{|IDG0301:\"{Key}\"|}}); }} }}",
                Usings + "class C { void M() { var c = new IdeogramCredentials(Environment.GetEnvironmentVariable(\"IDEOGRAM_API_KEY\")); } }",
                0);

        [Fact]
        public Task Fix_keeps_bearer_scheme_and_reads_token() =>
            Verify.CodeFixAsync<HardCodedSecretAnalyzer, ReadSecretCodeFix>(
                Usings + $"class C {{ const string Token = \"{Token}\"; void M(HttpRequestMessage r) {{ r.Headers.Add(\"cf-aig-authorization\", {{|IDG0301:\"Bearer \" + Token|}}); }} }}",
                Usings + "class C { const string Token = \"" + Token + "\"; void M(HttpRequestMessage r) { r.Headers.Add(\"cf-aig-authorization\", \"Bearer \" + Environment.GetEnvironmentVariable(\"CF_AIG_TOKEN\")); } }",
                0);

        [Fact]
        public Task Fix_reads_from_configuration_in_scope() =>
            Verify.CodeFixAsync<HardCodedSecretAnalyzer, ReadSecretCodeFix>(
                Usings + Configuration + $"class C {{ void M(Microsoft.Extensions.Configuration.IConfiguration configuration) {{ var c = new IdeogramCredentials({{|IDG0301:\"{Key}\"|}}, {{|IDG0301:\"{Token}\"|}}); }} }}",
                Usings + Configuration + "class C { void M(Microsoft.Extensions.Configuration.IConfiguration configuration) { var c = new IdeogramCredentials(configuration[\"Ideogram:ApiKey\"], configuration[\"Ideogram:GatewayToken\"]); } }",
                1);
    }
}
