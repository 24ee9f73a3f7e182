using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace IdeogramGen.Testing.Tests
{
    public class LogsApiTests : IAsyncLifetime
    {
        private const string Token = "cf-rest-token";
        private IdeogramEmulator _emulator = null!;
        private HttpClient _client = null!;

        public async Task InitializeAsync()
        {
            _emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { RestApiToken = Token });
            _client = _emulator.CreateClient();
        }

        public async Task DisposeAsync()
        {
            _client.Dispose();
            await _emulator.DisposeAsync();
        }

        private Uri LogUri(string id, string? account = null) =>
            new(_emulator.Root, $"client/v4/accounts/{account ?? IdeogramEmulator.DefaultAccountId}/ai-gateway/gateways/{IdeogramEmulator.DefaultGatewayId}/logs/{id}");

        private async Task<(int Status, JsonElement Body)> CallAsync(HttpMethod method, Uri uri, string? json = null, string? token = Token)
        {
            var request = new HttpRequestMessage(method, uri);
            if (token is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            var (status, body, _) = await Wire.SendAsync(_client, request);
            return (status, JsonDocument.Parse(body).RootElement.Clone());
        }

        private async Task<string> GenerateV3Async(string? metadata = null, bool collect = true)
        {
            var request = Wire.Post(_emulator, Wire.Generate, Wire.Json("{\"prompt\":\"logged\",\"model\":\"V_3\"}"));
            if (metadata is not null) request.Headers.TryAddWithoutValidation("cf-aig-metadata", metadata);
            if (!collect) request.Headers.TryAddWithoutValidation("cf-aig-collect-log", "false");
            var (status, _, response) = await Wire.SendAsync(_client, request);
            Assert.Equal(200, status);
            return Wire.Header(response, "cf-aig-log-id");
        }

        [Fact]
        public async Task Get_returns_the_entry_in_the_v4_envelope()
        {
            string id = await GenerateV3Async("{\"user\":\"u1\",\"tier\":2}");
            var (status, body) = await CallAsync(HttpMethod.Get, LogUri(id));
            Assert.Equal(200, status);
            Assert.True(body.GetProperty("success").GetBoolean());
            Assert.Equal(0, body.GetProperty("errors").GetArrayLength());
            Assert.Equal(0, body.GetProperty("messages").GetArrayLength());
            var entry = body.GetProperty("result");
            Assert.Equal(id, entry.GetProperty("id").GetString());
            Assert.Equal("ideogram", entry.GetProperty("provider").GetString());
            Assert.Equal("V_3", entry.GetProperty("model").GetString());
            Assert.Equal("/v1/ideogram-v3/generate", entry.GetProperty("path").GetString());
            Assert.True(entry.GetProperty("success").GetBoolean());
            Assert.False(entry.GetProperty("cached").GetBoolean());
            Assert.Equal(200, entry.GetProperty("status_code").GetInt32());
            Assert.Equal("post_generate_image_v3", entry.GetProperty("request_type").GetString());
            Assert.Equal("{\"user\":\"u1\",\"tier\":2}", entry.GetProperty("metadata").GetString());
            Assert.True(DateTimeOffset.TryParse(entry.GetProperty("created_at").GetString(), out _));
            Assert.True(entry.GetProperty("duration").GetInt64() >= 0);
            Assert.Equal(JsonValueKind.Null, entry.GetProperty("feedback").ValueKind);
            Assert.Equal(JsonValueKind.Null, entry.GetProperty("score").ValueKind);
        }

        [Fact]
        public async Task Patch_updates_feedback_score_and_metadata()
        {
            string id = await GenerateV3Async();
            var (status, body) = await CallAsync(HttpMethod.Patch, LogUri(id), "{\"feedback\":-1,\"score\":95,\"metadata\":{\"reviewed\":true}}");
            Assert.Equal(200, status);
            Assert.Equal(-1, body.GetProperty("result").GetProperty("feedback").GetInt32());
            var (_, again) = await CallAsync(HttpMethod.Get, LogUri(id));
            var entry = again.GetProperty("result");
            Assert.Equal(-1, entry.GetProperty("feedback").GetInt32());
            Assert.Equal(95, entry.GetProperty("score").GetDouble());
            Assert.Equal("{\"reviewed\":true}", entry.GetProperty("metadata").GetString());
            var stored = _emulator.Logs.Single(l => l.Id == id);
            Assert.Equal(-1, stored.Feedback);

            await CallAsync(HttpMethod.Patch, LogUri(id), "{\"feedback\":null}");
            Assert.Null(_emulator.Logs.Single(l => l.Id == id).Feedback);
            Assert.Equal(95, _emulator.Logs.Single(l => l.Id == id).Score);
        }

        [Theory]
        [InlineData("{\"feedback\":2}")]
        [InlineData("{\"feedback\":\"1\"}")]
        [InlineData("{\"score\":\"high\"}")]
        [InlineData("{\"metadata\":[1]}")]
        [InlineData("not json")]
        public async Task Patch_rejects_bad_bodies_with_400(string json)
        {
            string id = await GenerateV3Async();
            var (status, body) = await CallAsync(HttpMethod.Patch, LogUri(id), json);
            Assert.Equal(400, status);
            Assert.False(body.GetProperty("success").GetBoolean());
            Assert.Equal(JsonValueKind.Null, body.GetProperty("result").ValueKind);
            Assert.True(body.GetProperty("errors")[0].GetProperty("code").GetInt32() > 0);
            Assert.Null(_emulator.Logs.Single(l => l.Id == id).Feedback);
        }

        [Fact]
        public async Task Bad_or_missing_token_gets_the_authentication_error_envelope()
        {
            string id = await GenerateV3Async();
            foreach (var token in new[] { "wrong", null })
            {
                var (status, body) = await CallAsync(HttpMethod.Get, LogUri(id), token: token);
                Assert.Equal(401, status);
                Assert.Equal("{\"result\":null,\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}],\"messages\":[]}", body.GetRawText());
            }
        }

        [Fact]
        public async Task Unknown_id_other_account_and_uncollected_logs_are_404()
        {
            string id = await GenerateV3Async();
            string uncollected = await GenerateV3Async(collect: false);
            foreach (var uri in new[] { LogUri("0190b6a4-0000-7000-8000-000000000000"), LogUri(id, account: "ffffffffffffffffffffffffffffffff"), LogUri(uncollected) })
            {
                var (status, body) = await CallAsync(HttpMethod.Get, uri);
                Assert.Equal(404, status);
                Assert.False(body.GetProperty("success").GetBoolean());
                Assert.Equal(7002, body.GetProperty("errors")[0].GetProperty("code").GetInt32());
            }
        }

        [Fact]
        public async Task Every_gateway_answer_creates_a_log_entry_including_errors_and_cache_hits()
        {
            await GenerateV3Async();
            var (status, _, _) = await Wire.SendAsync(_client, Wire.Post(_emulator, Wire.Generate, Wire.Json("{}")));
            Assert.Equal(400, status);
            var (listStatus, list) = await CallAsync(HttpMethod.Get,
                new Uri(_emulator.Root, $"client/v4/accounts/{IdeogramEmulator.DefaultAccountId}/ai-gateway/gateways/{IdeogramEmulator.DefaultGatewayId}/logs"));
            Assert.Equal(200, listStatus);
            var entries = list.GetProperty("result").EnumerateArray().ToArray();
            Assert.Equal(2, entries.Length);
            Assert.Contains(entries, e => e.GetProperty("status_code").GetInt32() == 400 && !e.GetProperty("success").GetBoolean());
            Assert.Equal(2, list.GetProperty("result_info").GetProperty("total_count").GetInt32());
        }
    }
}
