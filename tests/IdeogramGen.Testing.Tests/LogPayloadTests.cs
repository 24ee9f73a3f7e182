using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace IdeogramGen.Testing.Tests
{
    /// <summary>The logged request and response payloads, the list filter by event id, and the delay before entries appear.</summary>
    public class LogPayloadTests
    {
        private const string Token = "cf-rest-token";
        private const string Body = "{\"prompt\":\"logged payload\",\"model\":\"V_3\"}";

        private static Uri Logs(IdeogramEmulator emulator, string rest = "") =>
            new(emulator.Root, $"client/v4/accounts/{IdeogramEmulator.DefaultAccountId}/ai-gateway/gateways/{IdeogramEmulator.DefaultGatewayId}/logs{rest}");

        private static async Task<(int Status, string Body, HttpResponseMessage Response)> GetAsync(HttpClient client, Uri uri)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Token);
            return await Wire.SendAsync(client, request);
        }

        private static HttpRequestMessage Generate(IdeogramEmulator emulator, string? eventId = null)
        {
            var request = Wire.Post(emulator, Wire.Generate, Wire.Json(Body));
            if (eventId is not null) request.Headers.TryAddWithoutValidation("cf-aig-event-id", eventId);
            return request;
        }

        [Fact]
        public async Task Response_and_request_payloads_are_served_as_logged()
        {
            await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { RestApiToken = Token });
            using var client = emulator.CreateClient();
            var (status, answer, response) = await Wire.SendAsync(client, Generate(emulator));
            Assert.Equal(200, status);
            string id = Wire.Header(response, "cf-aig-log-id");

            var (s1, logged, r1) = await GetAsync(client, Logs(emulator, "/" + id + "/response"));
            Assert.Equal(200, s1);
            Assert.Equal(answer, logged);
            Assert.Equal("application/json", r1.Content.Headers.ContentType?.MediaType);
            var (s2, request, _) = await GetAsync(client, Logs(emulator, "/" + id + "/request"));
            Assert.Equal(200, s2);
            Assert.Equal(Body, request);

            var (s3, entry, _) = await GetAsync(client, Logs(emulator, "/" + id));
            Assert.Equal(200, s3);
            var result = JsonDocument.Parse(entry).RootElement.GetProperty("result");
            Assert.Equal(Encoding.UTF8.GetByteCount(answer), result.GetProperty("response_size").GetInt64());
            Assert.Equal(Encoding.UTF8.GetByteCount(Body), result.GetProperty("request_size").GetInt64());
            Assert.Equal("application/json", result.GetProperty("response_content_type").GetString());
        }

        [Theory]
        [InlineData(EmulatorFaultKind.ResetMidBody)]
        [InlineData(EmulatorFaultKind.TruncatedJson)]
        [InlineData(EmulatorFaultKind.ConnectionReset)]
        public async Task An_answer_broken_on_the_way_to_the_client_is_logged_whole(EmulatorFaultKind kind)
        {
            await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { RestApiToken = Token });
            using var client = emulator.CreateClient();
            emulator.Faults.Enqueue(kind switch
            {
                EmulatorFaultKind.ResetMidBody => EmulatorFault.ResetMidBody(),
                EmulatorFaultKind.TruncatedJson => EmulatorFault.TruncatedJson(),
                _ => EmulatorFault.ConnectionReset(afterRun: true),
            });
            string eventId = "evt-" + kind;
            try
            {
                var (_, body, _) = await Wire.SendAsync(client, Generate(emulator, eventId));
                Assert.Equal(EmulatorFaultKind.TruncatedJson, kind);
                Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
            }
            catch (HttpRequestException)
            {
                Assert.NotEqual(EmulatorFaultKind.TruncatedJson, kind);
            }

            var record = Assert.Single(emulator.Requests);
            Assert.Equal(1, record.BilledImages);
            var entry = Assert.Single(emulator.Logs);
            Assert.Equal(200, entry.StatusCode);   // what the gateway got from Ideogram, whatever reached the client
            var logged = JsonDocument.Parse(entry.ResponsePayload!.Value).RootElement;
            Assert.Single(Wire.Urls(logged));

            var (status, payload, _) = await GetAsync(client, Logs(emulator, "/" + entry.Id + "/response"));
            Assert.Equal(200, status);
            Assert.Equal(Encoding.UTF8.GetString(entry.ResponsePayload!.Value.Span), payload);
        }

        [Fact]
        public async Task Malformed_json_from_ideogram_is_logged_as_sent_and_error_answers_log_their_body()
        {
            await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { RestApiToken = Token });
            using var client = emulator.CreateClient();
            emulator.Faults.Enqueue(EmulatorFault.MalformedJson());
            var (_, malformed, _) = await Wire.SendAsync(client, Generate(emulator));
            emulator.Faults.Enqueue(EmulatorFault.ServerError(500));
            var (status, error, _) = await Wire.SendAsync(client, Generate(emulator));
            Assert.Equal(500, status);

            var logs = emulator.Requests.Select(r => emulator.Logs.Single(l => l.Id == r.LogId)).ToArray();
            Assert.Equal(malformed, Encoding.UTF8.GetString(logs[0].ResponsePayload!.Value.Span));
            Assert.Equal(500, logs[1].StatusCode);
            Assert.Equal(error, Encoding.UTF8.GetString(logs[1].ResponsePayload!.Value.Span));
        }

        [Fact]
        public async Task Payloads_are_not_kept_when_the_call_says_so_nor_for_a_call_that_got_no_answer()
        {
            await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { RestApiToken = Token });
            using var client = emulator.CreateClient();
            var request = Generate(emulator);
            request.Headers.TryAddWithoutValidation("cf-aig-collect-log-payload", "false");
            await Wire.SendAsync(client, request);
            emulator.Faults.Enqueue(EmulatorFault.ConnectionReset(afterRun: false));
            await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(Generate(emulator)));

            var logs = emulator.Requests.Select(r => emulator.Logs.Single(l => l.Id == r.LogId)).ToArray();
            Assert.Null(logs[0].ResponsePayload);
            Assert.Null(logs[0].RequestPayload);
            Assert.Equal(0, logs[1].StatusCode);
            Assert.Null(logs[1].ResponsePayload);
            var (status, body, _) = await GetAsync(client, Logs(emulator, "/" + logs[0].Id + "/response"));
            Assert.Equal(404, status);
            Assert.Contains("No response payload", body);
        }

        [Fact]
        public async Task The_list_filters_by_event_id_as_a_json_encoded_filters_parameter()
        {
            await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { RestApiToken = Token });
            using var client = emulator.CreateClient();
            await Wire.SendAsync(client, Generate(emulator, "evt-a"));
            await Wire.SendAsync(client, Generate(emulator, "evt-b"));
            await Wire.SendAsync(client, Generate(emulator, "evt-a"));

            string Filter(string op, string value) => "?filters=" + Uri.EscapeDataString($"[{{\"key\":\"event_id\",\"operator\":\"{op}\",\"value\":[\"{value}\"]}}]");
            var (status, body, _) = await GetAsync(client, Logs(emulator, Filter("eq", "evt-a")));
            Assert.Equal(200, status);
            var root = JsonDocument.Parse(body).RootElement;
            Assert.Equal(new[] { "evt-a", "evt-a" }, root.GetProperty("result").EnumerateArray().Select(e => e.GetProperty("event_id").GetString()));
            Assert.Equal(2, root.GetProperty("result_info").GetProperty("total_count").GetInt32());

            var (_, others, _) = await GetAsync(client, Logs(emulator, Filter("neq", "evt-a")));
            Assert.Equal("evt-b", JsonDocument.Parse(others).RootElement.GetProperty("result").EnumerateArray().Single().GetProperty("event_id").GetString());
            var (_, none, _) = await GetAsync(client, Logs(emulator, Filter("eq", "evt-z")));
            Assert.Equal(0, JsonDocument.Parse(none).RootElement.GetProperty("result").GetArrayLength());

            var (bad, problem, _) = await GetAsync(client, Logs(emulator, "?filters=" + Uri.EscapeDataString("[{\"key\":\"event_id\"}]")));
            Assert.Equal(400, bad);
            Assert.Contains("value array", problem);
            var (unknown, what, _) = await GetAsync(client, Logs(emulator, "?filters=" + Uri.EscapeDataString("[{\"key\":\"event_id\",\"operator\":\"contains\",\"value\":[\"a\"]}]")));
            Assert.Equal(400, unknown);
            Assert.Contains("contains", what);
        }

        [Fact]
        public async Task Entries_appear_after_the_log_delay_on_the_emulators_clock()
        {
            var clock = new ManualClock(DateTimeOffset.UtcNow);
            await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { RestApiToken = Token, TimeProvider = clock, LogDelay = TimeSpan.FromSeconds(5) });
            using var client = emulator.CreateClient();
            var (_, _, response) = await Wire.SendAsync(client, Generate(emulator, "evt-late"));
            string id = Wire.Header(response, "cf-aig-log-id");
            string filter = "?filters=" + Uri.EscapeDataString("[{\"key\":\"event_id\",\"operator\":\"eq\",\"value\":[\"evt-late\"]}]");

            Assert.Equal(404, (await GetAsync(client, Logs(emulator, "/" + id))).Status);
            Assert.Equal(404, (await GetAsync(client, Logs(emulator, "/" + id + "/response"))).Status);
            Assert.Equal(0, JsonDocument.Parse((await GetAsync(client, Logs(emulator, filter))).Body).RootElement.GetProperty("result").GetArrayLength());
            Assert.Single(emulator.Logs);   // written, not yet shown

            clock.Advance(TimeSpan.FromSeconds(4));
            Assert.Equal(404, (await GetAsync(client, Logs(emulator, "/" + id))).Status);
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(200, (await GetAsync(client, Logs(emulator, "/" + id))).Status);
            Assert.Equal(200, (await GetAsync(client, Logs(emulator, "/" + id + "/response"))).Status);
            Assert.Equal(1, JsonDocument.Parse((await GetAsync(client, Logs(emulator, filter))).Body).RootElement.GetProperty("result").GetArrayLength());
        }
    }
}
