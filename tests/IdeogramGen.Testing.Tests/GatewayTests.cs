using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace IdeogramGen.Testing.Tests
{
    public class GatewayTests
    {
        private const string SeedBody = "{\"prompt\":\"A serene landscape with mountains and a lake at sunset\",\"model\":\"V_3\"}";
        private const string Exact2009 = "{\"success\":false,\"result\":[],\"messages\":[],\"error\":[{\"code\":2009,\"message\":\"Unauthorized\"}],\"name\":\"AiGatewayError\",\"httpCode\":401,\"internalCode\":2009}";
        private static readonly Regex UuidV7 = new("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

        [Fact]
        public async Task Loopback_emulator_binds_to_127_0_0_1_and_answers_the_seed_example()
        {
            await using var emulator = await IdeogramEmulator.StartAsync();
            Assert.Equal("127.0.0.1", emulator.Root.Host);
            Assert.NotEqual(0, emulator.Root.Port);
            using var client = emulator.CreateClient();
            var (status, body, response) = await Wire.SendAsync(client, Wire.Post(emulator, Wire.Generate, Wire.Json(SeedBody)));
            Assert.Equal(200, status);
            Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
            string logId = Wire.Header(response, "cf-aig-log-id");
            Assert.Matches(UuidV7, logId);
            Assert.Equal(logId, Wire.Header(response, "cf-aig-request-id"));
            Assert.Equal(logId, Wire.Header(response, "cf-aig-event-id"));
            Assert.Equal("MISS", Wire.Header(response, "cf-aig-cache-status"));
            using var doc = JsonDocument.Parse(body);
            Assert.Equal("A serene landscape with mountains and a lake at sunset", doc.RootElement.GetProperty("data")[0].GetProperty("prompt").GetString());
            var recorded = Assert.Single(emulator.Requests);
            Assert.Equal("/v1/ideogram-v3/generate", recorded.IdeogramPath);
            Assert.Equal(new[] { "V_3" }, recorded.Field("model"));
            Assert.Equal(1, recorded.BilledImages);
            Assert.Equal(1, emulator.BilledRequestCount);
        }

        [Fact]
        public async Task Client_event_id_is_echoed_and_ids_are_fresh_per_request()
        {
            await using var emulator = await IdeogramEmulator.StartAsync();
            using var client = emulator.CreateClient();
            var first = Wire.Post(emulator, Wire.Generate, Wire.Json(SeedBody));
            first.Headers.Add("cf-aig-event-id", "my-event-42");
            var (_, _, r1) = await Wire.SendAsync(client, first);
            var (_, _, r2) = await Wire.SendAsync(client, Wire.Post(emulator, Wire.Generate, Wire.Json(SeedBody)));
            Assert.Equal("my-event-42", Wire.Header(r1, "cf-aig-event-id"));
            Assert.NotEqual(Wire.Header(r1, "cf-aig-log-id"), Wire.Header(r2, "cf-aig-log-id"));
        }

        [Theory]
        [InlineData("v1/0123456789abcdef/emulator/ideogram/v1/ideogram-v3/generate")]            // account id too short
        [InlineData("v1/0123456789abcdef0123456789abcdeg/emulator/ideogram/v1/ideogram-v3/generate")] // not hex
        [InlineData("v1/0123456789abcdef0123456789abcdef/Emulator/ideogram/v1/ideogram-v3/generate")] // upper case gateway id
        public async Task Malformed_account_or_gateway_gets_the_2001_body(string relative)
        {
            await using var emulator = await IdeogramEmulator.StartAsync();
            using var client = emulator.CreateClient();
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.Root, relative)) { Content = Wire.Json(SeedBody) };
            request.Headers.Add("Api-Key", Wire.ApiKey);
            var (status, body, response) = await Wire.SendAsync(client, request);
            Assert.Equal(400, status);
            using var doc = JsonDocument.Parse(body);
            Assert.Equal(2001, doc.RootElement.GetProperty("error")[0].GetProperty("code").GetInt32());
            Assert.Equal("AiGatewayError", doc.RootElement.GetProperty("name").GetString());
            Assert.Matches(UuidV7, Wire.Header(response, "cf-aig-log-id"));
            Assert.Equal(0, emulator.BilledRequestCount);
        }

        [Fact]
        public async Task Configured_gateway_id_rejects_other_gateways()
        {
            await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { GatewayId = "prod-gw" });
            using var client = emulator.CreateClient();
            var ok = await Wire.SendAsync(client, Wire.Post(emulator, Wire.Generate, Wire.Json(SeedBody)));
            Assert.Equal(200, ok.Status);
            var other = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.GatewayUri(gatewayId: "other"), Wire.Generate)) { Content = Wire.Json(SeedBody) };
            other.Headers.Add("Api-Key", Wire.ApiKey);
            var (status, body, _) = await Wire.SendAsync(client, other);
            Assert.Equal(400, status);
            Assert.Contains("\"code\":2001", body);
        }

        [Theory]
        [InlineData("v1/0123456789abcdef0123456789abcdef/emulator/openai/v1/images/generations")]
        [InlineData("v1/0123456789abcdef0123456789abcdef/emulator/ideogram/v1/ideogram-v9/generate")]
        [InlineData("somewhere/else")]
        public async Task Unknown_provider_or_path_is_404(string relative)
        {
            await using var emulator = await IdeogramEmulator.StartAsync();
            using var client = emulator.CreateClient();
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.Root, relative)) { Content = Wire.Json(SeedBody) };
            request.Headers.Add("Api-Key", Wire.ApiKey);
            var (status, body, _) = await Wire.SendAsync(client, request);
            Assert.Equal(404, status);
            Assert.Equal("{\"error\":\"Not found\"}", body);
        }

        [Fact]
        public async Task Get_on_an_endpoint_is_405()
        {
            await using var emulator = await IdeogramEmulator.StartAsync();
            using var client = emulator.CreateClient();
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.GatewayUri(), Wire.Generate));
            request.Headers.Add("Api-Key", Wire.ApiKey);
            var (status, _, _) = await Wire.SendAsync(client, request);
            Assert.Equal(405, status);
        }

        [Fact]
        public async Task Authenticated_gateway_requires_the_bearer_token_with_the_exact_2009_body()
        {
            await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { GatewayToken = "cf-token-123" });
            using var client = emulator.CreateClient();

            var missing = await Wire.SendAsync(client, Wire.Post(emulator, Wire.Generate, Wire.Json(SeedBody)));
            Assert.Equal(401, missing.Status);
            Assert.Equal(Exact2009, missing.Body);

            var wrongRequest = Wire.Post(emulator, Wire.Generate, Wire.Json(SeedBody));
            wrongRequest.Headers.TryAddWithoutValidation("cf-aig-authorization", "Bearer not-the-token");
            var wrong = await Wire.SendAsync(client, wrongRequest);
            Assert.Equal(401, wrong.Status);
            Assert.Equal(Exact2009, wrong.Body);

            var goodRequest = Wire.Post(emulator, Wire.Generate, Wire.Json(SeedBody));
            goodRequest.Headers.TryAddWithoutValidation("cf-aig-authorization", "Bearer cf-token-123");
            var good = await Wire.SendAsync(client, goodRequest);
            Assert.Equal(200, good.Status);
            Assert.Equal(1, emulator.BilledRequestCount);
        }

        [Fact]
        public async Task Unauthenticated_gateway_ignores_the_gateway_token()
        {
            await using var emulator = await IdeogramEmulator.StartAsync();
            using var client = emulator.CreateClient();
            var request = Wire.Post(emulator, Wire.Generate, Wire.Json(SeedBody));
            request.Headers.TryAddWithoutValidation("cf-aig-authorization", "Bearer anything");
            Assert.Equal(200, (await Wire.SendAsync(client, request)).Status);
        }

        [Fact]
        public async Task Missing_or_wrong_Api_Key_gets_Ideogram_401_not_the_gateway_body()
        {
            await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { ApiKey = Wire.ApiKey });
            using var client = emulator.CreateClient();
            var missing = await Wire.SendAsync(client, Wire.Post(emulator, Wire.Generate, Wire.Json(SeedBody), apiKey: null));
            Assert.Equal(401, missing.Status);
            Assert.DoesNotContain("AiGatewayError", missing.Body);
            Assert.Contains("\"error\"", missing.Body);

            var wrong = await Wire.SendAsync(client, Wire.Post(emulator, Wire.Generate, Wire.Json(SeedBody), apiKey: "another-key"));
            Assert.Equal(401, wrong.Status);
            Assert.Equal("{\"error\":\"Invalid API key\"}", wrong.Body);

            var right = await Wire.SendAsync(client, Wire.Post(emulator, Wire.Generate, Wire.Json(SeedBody)));
            Assert.Equal(200, right.Status);
            Assert.Equal(1, emulator.BilledRequestCount);
            Assert.Equal(new[] { 401, 401, 200 }, emulator.Requests.Select(r => r.StatusCode));
        }

        [Fact]
        public async Task Missing_Api_Key_is_401_even_when_no_key_is_configured()
        {
            await using var emulator = await IdeogramEmulator.StartAsync();
            using var client = emulator.CreateClient();
            var (status, _, _) = await Wire.SendAsync(client, Wire.Post(emulator, Wire.Generate, Wire.Json(SeedBody), apiKey: null));
            Assert.Equal(401, status);
        }

        [Fact]
        public async Task Secrets_never_appear_in_records()
        {
            await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { GatewayToken = "cf-secret-token", ApiKey = "ideogram-secret-key" });
            using var client = emulator.CreateClient();
            var request = Wire.Post(emulator, Wire.Generate, Wire.Json(SeedBody), apiKey: "ideogram-secret-key");
            request.Headers.TryAddWithoutValidation("cf-aig-authorization", "Bearer cf-secret-token");
            Assert.Equal(200, (await Wire.SendAsync(client, request)).Status);
            var bad = Wire.Post(emulator, Wire.Generate, Wire.Json(SeedBody), apiKey: "ideogram-wrong-secret");
            bad.Headers.TryAddWithoutValidation("cf-aig-authorization", "Bearer cf-wrong-secret");
            Assert.Equal(401, (await Wire.SendAsync(client, bad)).Status);

            foreach (var record in emulator.Requests)
            {
                string text = record.ToString() + string.Join("|", record.Headers.Select(h => h.Key + "=" + h.Value));
                Assert.DoesNotContain("secret", text);
                Assert.Equal("[redacted]", record.Headers["api-key"]);
                Assert.Equal("[redacted]", record.Headers["cf-aig-authorization"]);
                Assert.Contains("/v1/ideogram-v3/generate", record.ToString());
            }
        }
        [Fact]
        public async Task Concurrent_requests_are_all_recorded_and_billed()
        {
            await using var emulator = await IdeogramEmulator.StartAsync();
            using var client = emulator.CreateClient();
            var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
                Wire.SendAsync(client, Wire.Post(emulator, Wire.Generate, Wire.Json("{\"prompt\":\"p" + i + "\",\"num_images\":2}")))));
            Assert.All(answers, a => Assert.Equal(200, a.Status));
            Assert.Equal(24, emulator.Requests.Count);
            Assert.Equal(24, emulator.BilledRequestCount);
            Assert.Equal(48, emulator.BilledImageCount);
            Assert.Equal(24, emulator.Requests.Select(r => r.LogId).Distinct().Count());
            Assert.Equal(24, emulator.Logs.Count);
        }
    }
}
