using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.Testing.Tests
{
    public class FaultTests : IAsyncLifetime
    {
        private const string Body = "{\"prompt\":\"faulty\",\"num_images\":2}";
        private IdeogramEmulator _emulator = null!;
        private HttpClient _client = null!;

        public async Task InitializeAsync()
        {
            _emulator = await IdeogramEmulator.StartAsync();
            _client = _emulator.CreateClient();
        }

        public async Task DisposeAsync()
        {
            _client.Dispose();
            await _emulator.DisposeAsync();
        }

        private Task<(int Status, string Body, HttpResponseMessage Response)> SendAsync() =>
            Wire.SendAsync(_client, Wire.Post(_emulator, Wire.Generate, Wire.Json(Body)));

        public static TheoryData<string, int, string, bool> BodyFaults() => new()
        {
            { nameof(EmulatorFault.ProviderNoResponse), 400, "{\"success\":false,\"result\":[],\"messages\":[],\"error\":[{\"code\":2005,\"message\":\"Failed to get response from provider\"}]}", true },
            { nameof(EmulatorFault.GatewayUnauthorized), 401, "{\"success\":false,\"result\":[],\"messages\":[],\"error\":[{\"code\":2009,\"message\":\"Unauthorized\"}],\"name\":\"AiGatewayError\",\"httpCode\":401,\"internalCode\":2009}", false },
            { nameof(EmulatorFault.GatewayNotFound), 400, "{\"success\":false,\"result\":[],\"messages\":[],\"error\":[{\"code\":2001,\"message\":\"Gateway not found\"}],\"name\":\"AiGatewayError\",\"httpCode\":400,\"internalCode\":2001}", false },
            { nameof(EmulatorFault.IdeogramInflightLimit), 429, "{\"error\":\"Too many requests in flight for this organization.\",\"reject_reason\":\"inflight_limit\",\"max_inflight_requests\":10}", false },
            { nameof(EmulatorFault.InsufficientCredits), 402, "{\"error\":\"Insufficient credits\",\"reject_reason\":\"insufficient_funds\"}", false },
            { nameof(EmulatorFault.PolicyDenied), 403, "{\"success\":false,\"error\":{\"message\":\"Access denied by policy\"}}", false },
            { nameof(EmulatorFault.SpendLimitExceeded), 429, "{\"success\":false,\"error\":{\"message\":\"Spending limit exceeded\",\"bucket\":\"b1\",\"spent\":1000.42,\"limit\":1000}}", false },
            { nameof(EmulatorFault.SafetyRejected), 422, "{\"error\":\"Prompt provided failed safety check due to the inclusion of prohibited content.\"}", false },
            { nameof(EmulatorFault.GuardrailPromptBlocked), 424, "{\"success\":false,\"result\":[],\"messages\":[],\"error\":[{\"code\":2016,\"message\":\"Prompt blocked due to security configurations\"}],\"name\":\"AiGatewayError\",\"httpCode\":424,\"internalCode\":2016}", false },
        };

        /// <summary>Calls the named factory with its optional parameters left at their defaults.</summary>
        private static EmulatorFault Make(string name)
        {
            var method = typeof(EmulatorFault).GetMethod(name)!;
            var args = Array.ConvertAll(method.GetParameters(), p => p.HasDefaultValue ? p.DefaultValue : throw new InvalidOperationException(name + " needs " + p.Name));
            return (EmulatorFault)method.Invoke(null, args)!;
        }

        [Theory]
        [MemberData(nameof(BodyFaults))]
        public async Task Error_faults_answer_their_exact_body_once_and_bill_as_specified(string factory, int status, string body, bool billed)
        {
            var fault = Make(factory);
            Assert.Equal(status, fault.StatusCode);
            Assert.Equal(billed, fault.IsBilled);
            _emulator.Faults.Enqueue(fault);
            var answer = await SendAsync();
            Assert.Equal(status, answer.Status);
            Assert.Equal(body, answer.Body);
            Assert.False(string.IsNullOrEmpty(Wire.Header(answer.Response, "cf-aig-log-id")));
            var record = _emulator.Requests.Single();
            Assert.Equal(fault.Kind, record.Fault);
            Assert.Equal(billed ? 2 : 0, record.BilledImages);
            Assert.Equal(billed ? 1 : 0, _emulator.BilledRequestCount);
            Assert.Equal(0, _emulator.Faults.Count);
            Assert.Equal(200, (await SendAsync()).Status);
        }

        [Theory]
        [InlineData("insufficient_funds", null, 402, "{\"error\":\"Insufficient credits\",\"reject_reason\":\"insufficient_funds\"}")]
        [InlineData("daily_limit", null, 402, "{\"error\":\"Daily limit reached\",\"reject_reason\":\"daily_limit\"}")]
        [InlineData("inflight_limit", null, 429, "{\"error\":\"Too many requests in flight for this organization.\",\"reject_reason\":\"inflight_limit\",\"max_inflight_requests\":10,\"task_completion_speed\":\"fast\"}")]
        [InlineData("feature_limit", 429, 429, "{\"error\":\"This feature is not available on your plan\",\"reject_reason\":\"feature_limit\"}")]
        public async Task Generation_rejected_answers_the_v2_body_and_is_not_billed(string reason, int? status, int expectedStatus, string body)
        {
            _emulator.Faults.Enqueue(EmulatorFault.GenerationRejected(reason, status));
            var answer = await SendAsync();
            Assert.Equal(expectedStatus, answer.Status);
            Assert.Equal(body, answer.Body);
            var record = _emulator.Requests.Single();
            Assert.Equal(EmulatorFaultKind.GenerationRejected, record.Fault);
            Assert.Equal(0, record.BilledImages);
            Assert.Equal(0, _emulator.BilledRequestCount);
        }

        [Fact]
        public async Task Generation_rejected_sends_the_given_inflight_limit_and_queue()
        {
            _emulator.Faults.Enqueue(EmulatorFault.GenerationRejected("inflight_limit", maxInflightRequests: 3, taskCompletionSpeed: "slow"));
            var answer = await SendAsync();
            Assert.Equal(429, answer.Status);
            using var doc = JsonDocument.Parse(answer.Body);
            Assert.Equal(3, doc.RootElement.GetProperty("max_inflight_requests").GetInt32());
            Assert.Equal("slow", doc.RootElement.GetProperty("task_completion_speed").GetString());
        }

        [Fact]
        public void Generation_rejected_checks_its_arguments()
        {
            Assert.Throws<ArgumentException>(() => EmulatorFault.GenerationRejected(" "));
            Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorFault.GenerationRejected("insufficient_funds", 500));
            Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorFault.GenerationRejected("inflight_limit", maxInflightRequests: 0));
        }

        [Fact]
        public async Task Gateway_rate_limit_fault_sends_retry_after()
        {
            _emulator.Faults.Enqueue(EmulatorFault.GatewayRateLimited(TimeSpan.FromSeconds(7)));
            var answer = await SendAsync();
            Assert.Equal(429, answer.Status);
            Assert.Contains("\"code\":2003", answer.Body);
            Assert.Equal("7", Wire.Header(answer.Response, "Retry-After"));
            Assert.Equal(0, _emulator.BilledRequestCount);
        }

        [Theory]
        [InlineData(500, false)]
        [InlineData(502, false)]
        [InlineData(503, false)]
        [InlineData(500, true)]
        [InlineData(502, true)]
        [InlineData(503, true)]
        public async Task Server_errors_with_json_or_html_bodies_are_billed(int status, bool html)
        {
            _emulator.Faults.Enqueue(EmulatorFault.ServerError(status, html));
            var answer = await SendAsync();
            Assert.Equal(status, answer.Status);
            if (html)
            {
                Assert.StartsWith("text/html", answer.Response.Content.Headers.ContentType!.ToString());
                Assert.Contains("<title>" + status, answer.Body);
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(answer.Body).RootElement.GetProperty("error").GetString()));
            }
            Assert.Equal(1, _emulator.BilledRequestCount);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task Connection_reset_before_any_response(bool afterRun)
        {
            _emulator.Faults.Enqueue(EmulatorFault.ConnectionReset(afterRun));
            await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync());
            var record = _emulator.Requests.Single();
            Assert.Equal(0, record.StatusCode);
            Assert.Equal(afterRun ? 1 : 0, _emulator.BilledRequestCount);
        }

        [Fact]
        public async Task Reset_in_the_middle_of_the_body()
        {
            _emulator.Faults.Enqueue(EmulatorFault.ResetMidBody());
            var response = await _client.SendAsync(Wire.Post(_emulator, Wire.Generate, Wire.Json(Body)), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(200, (int)response.StatusCode);
            long? declared = response.Content.Headers.ContentLength;
            Assert.True(declared > 0);
            var error = await Record.ExceptionAsync(() => response.Content.ReadAsByteArrayAsync());
            Assert.True(error is HttpRequestException or System.IO.IOException, error?.ToString() ?? "no error");
            Assert.Equal(1, _emulator.BilledRequestCount);
        }

        [Fact]
        public async Task Truncated_malformed_and_empty_bodies()
        {
            _emulator.Faults.Enqueue(EmulatorFault.TruncatedJson());
            _emulator.Faults.Enqueue(EmulatorFault.MalformedJson());
            _emulator.Faults.Enqueue(EmulatorFault.EmptyBody());
            var good = await SendAsync();
            // Faults are applied in order to the next requests; the first one above took TruncatedJson.
            Assert.Equal(200, good.Status);
            Assert.Equal(good.Body.Length, good.Response.Content.Headers.ContentLength);
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(good.Body));
            Assert.StartsWith("{\"created\":", good.Body);

            var malformed = await SendAsync();
            Assert.Equal(200, malformed.Status);
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(malformed.Body));

            var empty = await SendAsync();
            Assert.Equal(200, empty.Status);
            Assert.Equal("", empty.Body);
            Assert.Equal(0, empty.Response.Content.Headers.ContentLength);

            Assert.Equal(3, _emulator.BilledRequestCount);
            Assert.Equal(new EmulatorFaultKind?[] { EmulatorFaultKind.TruncatedJson, EmulatorFaultKind.MalformedJson, EmulatorFaultKind.EmptyBody },
                _emulator.Requests.Select(r => r.Fault));
        }

        [Fact]
        public async Task Oversized_body_is_40_megabytes_of_valid_json()
        {
            _emulator.Faults.Enqueue(EmulatorFault.OversizedBody());
            var response = await _client.SendAsync(Wire.Post(_emulator, Wire.Generate, Wire.Json(Body)), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(40L * 1024 * 1024, response.Content.Headers.ContentLength);
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var doc = await JsonDocument.ParseAsync(stream);
            Assert.True(doc.RootElement.GetProperty("data").GetArrayLength() > 10_000);
        }

        [Fact]
        public async Task Slow_first_byte_answers_normally_and_honours_a_client_that_gives_up()
        {
            _emulator.Faults.Enqueue(EmulatorFault.SlowFirstByte(TimeSpan.FromMilliseconds(50)));
            var slow = await SendAsync();
            Assert.Equal(200, slow.Status);
            Assert.Equal(EmulatorFaultKind.SlowFirstByte, _emulator.Requests.Single().Fault);

            // The fault leaves the queue when the request reaches it; the client gives up only after that.
            _emulator.Faults.Enqueue(EmulatorFault.SlowFirstByte(TimeSpan.FromMinutes(10)));
            using var cts = new CancellationTokenSource();
            var abandoned = _client.SendAsync(Wire.Post(_emulator, Wire.Generate, Wire.Json(Body)), cts.Token);
            await Eventually.TrueAsync(() => _emulator.Faults.Count == 0, "the request never reached the fault");
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
            await Eventually.TrueAsync(() => _emulator.Requests.Count == 2, "the abandoned request was not recorded");
            Assert.Equal(0, _emulator.Requests[1].StatusCode);
            Assert.Equal(1, _emulator.BilledRequestCount);
        }

        [Fact]
        public async Task Slow_image_download_sends_the_same_png()
        {
            var answer = await SendAsync();
            string url = Wire.Urls(JsonDocument.Parse(answer.Body).RootElement).First();
            byte[] fast = await _client.GetByteArrayAsync(url);
            _emulator.Faults.Enqueue(EmulatorFault.SlowImageDownload(TimeSpan.FromMilliseconds(100)));
            byte[] trickled = await _client.GetByteArrayAsync(url);
            Assert.Equal(fast, trickled);
            Assert.Equal(0, _emulator.Faults.Count);
            Assert.Equal(1, _emulator.BilledRequestCount);
        }

        [Fact]
        public async Task Path_filtered_fault_waits_for_its_endpoint_and_invalid_requests_do_not_consume_provider_faults()
        {
            _emulator.Faults.Enqueue(EmulatorFault.InsufficientCredits().ForPath("/v1/ideogram-v4/generate"));
            Assert.Equal(200, (await SendAsync()).Status);
            Assert.Equal(1, _emulator.Faults.Count);
            var invalid = await Wire.SendAsync(_client, Wire.Post(_emulator, "v1/ideogram-v4/generate", Wire.Json("{}")));
            Assert.Equal(400, invalid.Status);
            Assert.Equal(1, _emulator.Faults.Count);
            var v4 = await Wire.SendAsync(_client, Wire.Post(_emulator, "v1/ideogram-v4/generate", Wire.Json("{\"text_prompt\":\"x\"}")));
            Assert.Equal(402, v4.Status);
            Assert.Equal(0, _emulator.Faults.Count);
        }

        [Fact]
        public void Fault_factories_validate_their_arguments()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorFault.ServerError(504));
            Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorFault.OversizedBody(10));
            Assert.Throws<ArgumentException>(() => EmulatorFault.ProviderNoResponse().ForPath(""));
            Assert.Equal("/generate", EmulatorFault.EmptyBody().ForPath("/generate").IdeogramPath);
        }
    }
}
