using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IdeogramGen.Testing.Tests
{
    /// <summary>
    /// Ideogram's asynchronous generations: submits answered with a generation_id and not billed, the lifecycle on a fake
    /// clock, billing once at completion, failures, the two polls (404, rate limit, cache), webhooks and broken submits.
    /// </summary>
    public class AsyncGenerationTests
    {
        private static readonly DateTimeOffset Start = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
        private const string V4Async = "v1/ideogram-v4/async/generate";
        private const string V2Generate = "v2/image/generate/ideogram-4-5";
        private const string Token = "cf-rest-token";

        private static (IdeogramEmulator Emulator, FakeTimeProvider Clock, HttpClient Client) InMemory(TimeSpan generationTime, Action<EmulatorOptions>? configure = null)
        {
            var clock = new FakeTimeProvider(Start);
            var options = new EmulatorOptions { TimeProvider = clock, GenerationTime = generationTime };
            configure?.Invoke(options);
            var emulator = IdeogramEmulator.CreateInMemory(options);
            return (emulator, clock, emulator.CreateClient());
        }

        private static HttpRequestMessage Poll(IdeogramEmulator emulator, string version, string id, params (string Name, string Value)[] headers)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.GatewayUri(), version + "/generations/" + id));
            request.Headers.TryAddWithoutValidation("Api-Key", Wire.ApiKey);
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
            return request;
        }

        private static async Task<JsonElement> OkJsonAsync(HttpClient client, HttpRequestMessage request)
        {
            var (status, body, _) = await Wire.SendAsync(client, request);
            Assert.True(status == 200, request.RequestUri + ": " + status + " " + body);
            return JsonDocument.Parse(body).RootElement.Clone();
        }

        private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

        private static void AssertGenerationId(string? id) => Assert.Matches("^[A-Za-z0-9_-]{22}$", id);

        [Fact]
        public async Task A_v1_async_submit_is_pending_then_completed_on_the_clock_and_billed_once_at_completion()
        {
            var (emulator, clock, client) = InMemory(TimeSpan.FromSeconds(30));
            await using var ownedEmulator = emulator;
            using var ownedClient = client;

            var ack = await OkJsonAsync(client, Wire.Post(emulator, V4Async, Wire.Json("{\"text_prompt\":\"a kite over the dunes\",\"seed\":7}")));
            Assert.Equal(new[] { "generation_id" }, Names(ack));
            string id = ack.GetProperty("generation_id").GetString()!;
            AssertGenerationId(id);
            Assert.Equal(0, emulator.BilledRequestCount);
            Assert.Equal(0, emulator.BilledImageCount);
            Assert.Equal(1, emulator.ImagesInFlight);
            var submit = Assert.Single(emulator.Requests);
            Assert.False(submit.IsBilled);
            Assert.Equal(id, submit.GenerationId);

            var pending = await OkJsonAsync(client, Poll(emulator, "v1", id));
            Assert.Equal(new[] { "generation_id", "status", "created" }, Names(pending));
            Assert.Equal("pending", pending.GetProperty("status").GetString());
            Assert.Equal(id, pending.GetProperty("generation_id").GetString());
            Assert.Equal(Start, DateTimeOffset.Parse(pending.GetProperty("created").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

            clock.Advance(TimeSpan.FromSeconds(29));
            Assert.Equal("pending", (await OkJsonAsync(client, Poll(emulator, "v1", id))).GetProperty("status").GetString());
            Assert.Equal(0, emulator.BilledRequestCount);

            // The timer completes and bills it with nobody polling.
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(1, emulator.BilledRequestCount);
            Assert.Equal(1, emulator.BilledImageCount);
            Assert.Equal(0, emulator.ImagesInFlight);
            Assert.Equal(1, emulator.Requests[0].BilledImages);

            var completed = await OkJsonAsync(client, Poll(emulator, "v1", id));
            Assert.Equal(new[] { "generation_id", "status", "created", "response_type", "data" }, Names(completed));
            Assert.Equal("completed", completed.GetProperty("status").GetString());
            Assert.Equal("url", completed.GetProperty("response_type").GetString());
            var item = Assert.Single(completed.GetProperty("data").EnumerateArray());
            // The synchronous twin's item (/v1/ideogram-v4/generate answers ImageGenerationObjectV4).
            Wire.AssertMatchesSchema(item, "ImageGenerationObjectV4");
            Assert.Equal(7, item.GetProperty("seed").GetInt32());
            using var image = await client.GetAsync(item.GetProperty("url").GetString());
            Assert.Equal(200, (int)image.StatusCode);
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);

            var again = await OkJsonAsync(client, Poll(emulator, "v1", id));
            Assert.Equal(completed.GetRawText(), again.GetRawText());
            Assert.Equal(1, emulator.BilledRequestCount);
            Assert.Equal(1, emulator.BilledImageCount);
            var requests = emulator.Requests;
            Assert.Equal(new[] { "POST", "GET", "GET", "GET", "GET" }, requests.Select(r => r.Method).ToArray());
            Assert.All(requests.Skip(1), r => { Assert.False(r.IsBilled); Assert.Equal(id, r.GenerationId); Assert.Equal("/v1/generations/" + id, r.IdeogramPath); });
            Assert.Equal(4, emulator.PollCount);
            var generation = Assert.Single(emulator.Generations);
            Assert.Equal(("completed", "/v1/ideogram-v4/async/generate", "v1", 4, 1), (generation.Status, generation.RequestPath, generation.ApiVersion, generation.PollCount, generation.Images));
            Assert.Equal(Start + TimeSpan.FromSeconds(30), generation.CompletesAt);
            Assert.Equal(5, emulator.Logs.Count);
            Assert.Equal(4, emulator.Logs.Count(l => l.RequestType == "get_generation"));
        }

        [Fact]
        public async Task A_generation_given_the_failure_fault_ends_failed_and_is_not_billed()
        {
            var (emulator, clock, client) = InMemory(TimeSpan.FromSeconds(5));
            await using var ownedEmulator = emulator;
            using var ownedClient = client;
            emulator.Faults.Enqueue(EmulatorFault.GenerationFails());

            // A synchronous request does not use it up.
            await OkJsonAsync(client, Wire.Post(emulator, Wire.Generate, Wire.Json("{\"prompt\":\"sync\"}")));
            Assert.Equal(1, emulator.Faults.Count);

            var ack = await OkJsonAsync(client, Wire.Post(emulator, V2Generate, Wire.Json("{\"prompt\":\"two kites\",\"num_images\":2,\"async\":true}")));
            Assert.False(ack.TryGetProperty("data", out _));
            Wire.AssertMatchesSchema(ack, "GenerateImageIdeogram45Response");
            string id = ack.GetProperty("generation_id").GetString()!;
            Assert.Equal(0, emulator.Faults.Count);
            Assert.Equal(2, emulator.ImagesInFlight);

            clock.Advance(TimeSpan.FromSeconds(5));
            var failed = await OkJsonAsync(client, Poll(emulator, "v2", id));
            Assert.Equal(new[] { "generation_id", "status", "created", "failure_reason" }, Names(failed));
            Assert.Equal("failed", failed.GetProperty("status").GetString());
            Assert.Equal("content_policy_violation", failed.GetProperty("failure_reason").GetString());
            Assert.Equal(1, emulator.BilledRequestCount);   // the synchronous request only
            Assert.Equal(0, emulator.ImagesInFlight);
            Assert.False(emulator.Requests[1].IsBilled);
            var generation = emulator.Generations.Single();
            Assert.Equal(("failed", "content_policy_violation"), (generation.Status, generation.FailureReason));
        }

        [Fact]
        public async Task A_v2_route_that_can_run_either_way_is_asynchronous_with_async_true_or_a_webhook_url_only()
        {
            var (emulator, clock, client) = InMemory(TimeSpan.FromSeconds(5));
            await using var ownedEmulator = emulator;
            using var ownedClient = client;

            var sync = await OkJsonAsync(client, Wire.Post(emulator, V2Generate, Wire.Json("{\"prompt\":\"sync\",\"async\":false}")));
            Assert.Single(sync.GetProperty("data").EnumerateArray());
            Assert.Equal(1, emulator.BilledRequestCount);

            var multipart = await OkJsonAsync(client, Wire.Post(emulator, V2Generate, Wire.Form(("prompt", "multipart"), ("async", "true"), ("num_images", "3"))));
            Assert.False(multipart.TryGetProperty("data", out _));
            long seed = multipart.GetProperty("seed").GetInt64();
            var hooked = await OkJsonAsync(client, Wire.Post(emulator, V2Generate, Wire.Json("{\"prompt\":\"hooked\",\"webhook_url\":\"http://127.0.0.1:9/hooks\"}")));
            Assert.False(hooked.TryGetProperty("data", out _));
            Assert.Equal(1, emulator.BilledRequestCount);
            Assert.Equal(4, emulator.ImagesInFlight);

            var generations = emulator.Generations;
            Assert.Equal(2, generations.Count);
            Assert.Null(generations[0].WebhookUrl);
            Assert.Equal(new Uri("http://127.0.0.1:9/hooks"), generations[1].WebhookUrl);

            clock.Advance(TimeSpan.FromSeconds(5));
            var completed = await OkJsonAsync(client, Poll(emulator, "v2", multipart.GetProperty("generation_id").GetString()!));
            var items = completed.GetProperty("data").EnumerateArray().ToArray();
            Assert.Equal(3, items.Length);
            foreach (var item in items) Wire.AssertMatchesSchema(item, "GeneratedImageObject");
            Assert.Equal(seed, items[0].GetProperty("seed").GetInt64());   // the seed the submit reported
            Assert.Equal(3, emulator.BilledRequestCount);
            Assert.Equal(1 + 3 + 1, emulator.BilledImageCount);
            // The receiver on port 9 is down: the attempt is recorded, the emulator goes on.
            await Eventually.TrueAsync(() => emulator.Webhooks.Deliveries.Count == 1, "the webhook attempt is recorded");
            Assert.Equal(0, emulator.Webhooks.Deliveries[0].StatusCode);
            Assert.Equal(200, (await Wire.SendAsync(client, Poll(emulator, "v2", generations[1].GenerationId))).Status);
        }

        [Theory]
        [InlineData("v2/image/reframe/auto")]
        [InlineData("v2/image/remove-object/ideogram-1")]
        [InlineData("v2/image/replace-background/ideogram-3")]
        public async Task The_always_asynchronous_v2_routes_answer_a_generation_id_and_complete_with_generation_items(string path)
        {
            var (emulator, clock, client) = InMemory(TimeSpan.FromSeconds(20));
            await using var ownedEmulator = emulator;
            using var ownedClient = client;
            var parts = new List<(string, object)> { ("image", Wire.Png(96, 64)) };
            if (path.Contains("reframe")) parts.AddRange(new (string, object)[] { ("aspect_ratio", "16:9"), ("num_images", "2") });
            if (path.Contains("remove-object")) parts.Add(("mask", Wire.Png(96, 64, SkiaSharp.SKColors.White)));
            if (path.Contains("replace-background")) parts.AddRange(new (string, object)[] { ("prompt", "a beach at dusk"), ("num_images", "2") });

            var endpoint = ApiDescription.IdeogramApi.FindEndpoint("/" + path)!;
            var ack = await OkJsonAsync(client, Wire.Post(emulator, path, Wire.Form(parts.ToArray())));
            Wire.AssertMatchesSchema(ack, endpoint.Response);
            string id = ack.GetProperty("generation_id").GetString()!;
            AssertGenerationId(id);
            int images = path.Contains("remove-object") ? 1 : 2;
            Assert.Equal(0, emulator.BilledRequestCount);
            Assert.Equal(images, emulator.ImagesInFlight);
            Assert.Equal("pending", (await OkJsonAsync(client, Poll(emulator, "v2", id))).GetProperty("status").GetString());
            Assert.Equal(404, (await Wire.SendAsync(client, Poll(emulator, "v1", id))).Status);

            clock.Advance(TimeSpan.FromSeconds(20));
            Assert.Equal(1, emulator.BilledRequestCount);
            Assert.Equal(images, emulator.BilledImageCount);
            var completed = await OkJsonAsync(client, Poll(emulator, "v2", id));
            var items = completed.GetProperty("data").EnumerateArray().ToArray();
            Assert.Equal(images, items.Length);
            foreach (var item in items)
            {
                Wire.AssertMatchesSchema(item, "GenerationResponse_data_inner");
                bool withPrompt = path.Contains("replace-background");
                Assert.Equal(withPrompt ? "image.generation" : "image.without-prompt-or-seed", item.GetProperty("object_type").GetString());
                Assert.Equal(withPrompt, item.TryGetProperty("prompt", out _));
                Assert.Equal(withPrompt, item.TryGetProperty("seed", out _));
                Assert.True(item.GetProperty("is_image_safe").GetBoolean());
                string resolution = item.GetProperty("resolution").GetString()!;
                if (ack.TryGetProperty("width", out var width))
                    Assert.Equal(width.GetInt32() + "x" + ack.GetProperty("height").GetInt32(), resolution);
                using var png = await client.GetAsync(item.GetProperty("url").GetString());
                Assert.Equal(200, (int)png.StatusCode);
                using var bitmap = SkiaSharp.SKBitmap.Decode(await png.Content.ReadAsByteArrayAsync());
                Assert.Equal(resolution, bitmap.Width + "x" + bitmap.Height);
            }
        }

        [Fact]
        public async Task Unknown_ids_and_ids_of_the_other_api_version_are_404_and_other_methods_405()
        {
            var (emulator, _, client) = InMemory(TimeSpan.Zero);
            await using var e = emulator;
            using var c = client;
            var ack = await OkJsonAsync(client, Wire.Post(emulator, V4Async, Wire.Json("{\"text_prompt\":\"a kite\"}")));
            string id = ack.GetProperty("generation_id").GetString()!;

            // A zero generation time: completed at the first look.
            Assert.Equal("completed", (await OkJsonAsync(client, Poll(emulator, "v1", id))).GetProperty("status").GetString());
            var (wrongVersion, body, _) = await Wire.SendAsync(client, Poll(emulator, "v2", id));
            Assert.Equal(404, wrongVersion);
            Assert.Equal(new[] { "error" }, Names(JsonDocument.Parse(body).RootElement));
            Assert.Equal(404, (await Wire.SendAsync(client, Poll(emulator, "v1", "AAAAAAAAAAAAAAAAAAAAAA"))).Status);
            Assert.Equal(404, (await Wire.SendAsync(client, Poll(emulator, "v2", "AAAAAAAAAAAAAAAAAAAAAA"))).Status);

            var post = Wire.Post(emulator, "v1/generations/" + id, Wire.Json("{}"));
            var (status, _, response) = await Wire.SendAsync(client, post);
            Assert.Equal(405, status);
            Assert.Equal(new[] { "GET" }, response.Content.Headers.Allow);
            var noKey = Poll(emulator, "v1", id);
            noKey.Headers.Remove("Api-Key");
            Assert.Equal(401, (await Wire.SendAsync(client, noKey)).Status);
            Assert.Equal(1, emulator.BilledRequestCount);
        }

        [Fact]
        public async Task Polls_over_the_polling_limit_get_429_with_Retry_After_in_whole_seconds()
        {
            var (emulator, clock, client) = InMemory(TimeSpan.FromSeconds(60), o => o.PollRateLimit = 3);
            await using var ownedEmulator = emulator;
            using var ownedClient = client;
            var ack = await OkJsonAsync(client, Wire.Post(emulator, V2Generate, Wire.Json("{\"prompt\":\"p\",\"async\":true}")));
            string id = ack.GetProperty("generation_id").GetString()!;

            Assert.Equal(200, (await Wire.SendAsync(client, Poll(emulator, "v2", id))).Status);
            Assert.Equal(404, (await Wire.SendAsync(client, Poll(emulator, "v1", id))).Status);   // both routes count
            Assert.Equal(200, (await Wire.SendAsync(client, Poll(emulator, "v2", id))).Status);
            var (status, body, response) = await Wire.SendAsync(client, Poll(emulator, "v2", id));
            Assert.Equal(429, status);
            Assert.Equal("10", Wire.Header(response, "Retry-After"));
            Assert.Equal(new[] { "error" }, Names(JsonDocument.Parse(body).RootElement));

            clock.Advance(TimeSpan.FromSeconds(9.5));
            var (late, _, lateResponse) = await Wire.SendAsync(client, Poll(emulator, "v2", id));
            Assert.Equal(429, late);
            Assert.Equal("1", Wire.Header(lateResponse, "Retry-After"));   // rounded up, at least 1
            clock.Advance(TimeSpan.FromSeconds(0.5));
            Assert.Equal(200, (await Wire.SendAsync(client, Poll(emulator, "v2", id))).Status);
            Assert.Equal(6, emulator.PollCount);
            Assert.Equal(0, emulator.BilledRequestCount);
            // A submit is not a poll: the limit does not touch it.
            Assert.Equal(200, (await Wire.SendAsync(client, Wire.Post(emulator, V2Generate, Wire.Json("{\"prompt\":\"q\",\"async\":true}")))).Status);
        }

        [Fact]
        public async Task A_poll_with_a_cache_ttl_reads_a_stale_pending_answer_unless_it_skips_the_cache()
        {
            var (emulator, clock, client) = InMemory(TimeSpan.FromSeconds(30));
            await using var ownedEmulator = emulator;
            using var ownedClient = client;
            var ack = await OkJsonAsync(client, Wire.Post(emulator, V4Async, Wire.Json("{\"text_prompt\":\"cached\"}")));
            string id = ack.GetProperty("generation_id").GetString()!;

            var (_, first, firstResponse) = await Wire.SendAsync(client, Poll(emulator, "v1", id, ("cf-aig-cache-ttl", "300")));
            Assert.Equal("MISS", Wire.Header(firstResponse, "cf-aig-cache-status"));
            Assert.Contains("\"pending\"", first);
            clock.Advance(TimeSpan.FromSeconds(31));
            Assert.Equal(1, emulator.BilledRequestCount);   // completed at Ideogram

            var (_, stale, staleResponse) = await Wire.SendAsync(client, Poll(emulator, "v1", id, ("cf-aig-cache-ttl", "300")));
            Assert.Equal("HIT", Wire.Header(staleResponse, "cf-aig-cache-status"));
            Assert.Equal(first, stale);   // the gateway replays pending

            var (_, fresh, freshResponse) = await Wire.SendAsync(client, Poll(emulator, "v1", id, ("cf-aig-cache-ttl", "300"), ("cf-aig-skip-cache", "true")));
            Assert.Equal("MISS", Wire.Header(freshResponse, "cf-aig-cache-status"));
            Assert.Contains("\"completed\"", fresh);
            var (_, plain, plainResponse) = await Wire.SendAsync(client, Poll(emulator, "v1", id));
            Assert.Equal("MISS", Wire.Header(plainResponse, "cf-aig-cache-status"));
            Assert.Contains("\"completed\"", plain);
            Assert.Equal(3, emulator.PollCount);   // the cache hit did not reach Ideogram
            Assert.Equal(3, emulator.Generations.Single().PollCount);
        }

        [Fact]
        public async Task A_v1_async_route_with_a_webhook_url_query_delivers_one_signed_webhook_at_completion()
        {
            await using var receiver = await Receiver.StartAsync();
            var (emulator, clock, client) = InMemory(TimeSpan.FromSeconds(10));
            await using var ownedEmulator = emulator;
            using var ownedClient = client;

            var submit = Wire.Post(emulator, V4Async + "?webhook_url=" + Uri.EscapeDataString(receiver.Url.AbsoluteUri), Wire.Json("{\"text_prompt\":\"a hooked kite\"}"));
            var ack = await OkJsonAsync(client, submit);
            string id = ack.GetProperty("generation_id").GetString()!;
            Assert.Equal(receiver.Url, emulator.Generations.Single().WebhookUrl);
            Assert.Empty(emulator.Webhooks.Deliveries);

            clock.Advance(TimeSpan.FromSeconds(10));
            var (headers, body) = await Eventually.Within(receiver.First.Task);
            var completed = await OkJsonAsync(client, Poll(emulator, "v1", id));

            using var delivered = JsonDocument.Parse(body);
            Assert.Equal(new[] { "generation_id", "created", "data" }, Names(delivered.RootElement));
            Assert.Equal(id, delivered.RootElement.GetProperty("generation_id").GetString());
            Assert.Equal(completed.GetProperty("created").GetString(), delivered.RootElement.GetProperty("created").GetString());
            Assert.Equal(completed.GetProperty("data").GetRawText(), delivered.RootElement.GetProperty("data").GetRawText());
            Assert.Equal(id, headers["X-Ideogram-Webhook-Generation-Id"]);

            // Signed with the published key: Ed25519 over "generation id \n user id \n timestamp \n hex(SHA-256(body))".
            using var jwks = JsonDocument.Parse(await client.GetStringAsync(EmulatorWebhooks.JwksPath));
            var key = jwks.RootElement.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == headers["X-Ideogram-Webhook-Key-Id"]);
            var publicKey = new Org.BouncyCastle.Crypto.Parameters.Ed25519PublicKeyParameters(FromBase64Url(key.GetProperty("x").GetString()!), 0);
            string message = id + "\n" + headers["X-Ideogram-Webhook-User-Id"] + "\n" + headers["X-Ideogram-Webhook-Timestamp"] + "\n"
                + Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant();
            var verifier = new Org.BouncyCastle.Crypto.Signers.Ed25519Signer();
            verifier.Init(false, publicKey);
            byte[] signed = Encoding.UTF8.GetBytes(message);
            verifier.BlockUpdate(signed, 0, signed.Length);
            Assert.True(verifier.VerifySignature(Convert.FromHexString(headers["X-Ideogram-Webhook-Signature"])));
            Assert.Equal((Start + TimeSpan.FromSeconds(10)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), headers["X-Ideogram-Webhook-Timestamp"]);

            // Once: further polls and time deliver nothing more.
            await Eventually.TrueAsync(() => emulator.Webhooks.Deliveries.Count > 0, "the delivery is recorded");
            clock.Advance(TimeSpan.FromMinutes(5));
            await OkJsonAsync(client, Poll(emulator, "v1", id));
            var delivery = Assert.Single(emulator.Webhooks.Deliveries);
            Assert.Equal(200, delivery.StatusCode);
            Assert.Equal(1, receiver.Count);
        }

        [Fact]
        public async Task The_v45_async_route_needs_a_usable_webhook_url()
        {
            var (emulator, clock, client) = InMemory(TimeSpan.Zero);
            await using var ownedEmulator = emulator;
            using var ownedClient = client;
            const string path = "v1/ideogram-v45/async/generate";
            const string body = "{\"text_prompt\":\"needs a hook\"}";

            var (missing, error, _) = await Wire.SendAsync(client, Wire.Post(emulator, path, Wire.Json(body)));
            Assert.Equal(400, missing);
            Assert.StartsWith("webhook_url: ", JsonDocument.Parse(error).RootElement.GetProperty("error").GetString());
            var (publicHttp, _, _) = await Wire.SendAsync(client, Wire.Post(emulator, path + "?webhook_url=" + Uri.EscapeDataString("http://example.com/hooks"), Wire.Json(body)));
            Assert.Equal(400, publicHttp);
            Assert.Empty(emulator.Generations);
            Assert.Equal(0, emulator.ImagesInFlight);

            var ack = await OkJsonAsync(client, Wire.Post(emulator, path + "?webhook_url=" + Uri.EscapeDataString("https://127.0.0.1:9/hooks"), Wire.Json(body)));
            AssertGenerationId(ack.GetProperty("generation_id").GetString());
            Assert.Equal(1, emulator.BilledRequestCount);
        }

        [Fact]
        public async Task A_submit_reset_mid_body_still_completes_and_the_gateway_log_holds_the_submit_answer()
        {
            var clock = new FakeTimeProvider(Start);
            await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock, GenerationTime = TimeSpan.FromSeconds(15), RestApiToken = Token });
            using var client = emulator.CreateClient();
            emulator.Faults.Enqueue(EmulatorFault.ResetMidBody().ForPath("/" + V4Async));

            var response = await client.SendAsync(Wire.Post(emulator, V4Async, Wire.Json("{\"text_prompt\":\"broken in transit\"}")), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(200, (int)response.StatusCode);
            var error = await Record.ExceptionAsync(() => response.Content.ReadAsByteArrayAsync());
            Assert.True(error is HttpRequestException or System.IO.IOException, error?.ToString() ?? "no error");

            var generation = Assert.Single(emulator.Generations);
            Assert.Equal("pending", generation.Status);
            Assert.Equal(0, emulator.BilledRequestCount);

            var logs = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.Root,
                $"client/v4/accounts/{IdeogramEmulator.DefaultAccountId}/ai-gateway/gateways/{IdeogramEmulator.DefaultGatewayId}/logs/{Wire.Header(response, "cf-aig-log-id")}/response"));
            logs.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Token);
            var logged = await OkJsonAsync(client, logs);
            Assert.Equal(generation.GenerationId, logged.GetProperty("generation_id").GetString());

            clock.Advance(TimeSpan.FromSeconds(15));
            var completed = await OkJsonAsync(client, Poll(emulator, "v1", generation.GenerationId));
            Assert.Equal("completed", completed.GetProperty("status").GetString());
            Assert.Equal(1, emulator.BilledRequestCount);
            Assert.Equal(EmulatorFaultKind.ResetMidBody, emulator.Requests[0].Fault);
            Assert.Equal(1, emulator.Requests[0].BilledImages);
        }

        [Fact]
        public async Task A_submit_rejected_before_it_runs_makes_no_generation()
        {
            var (emulator, clock, client) = InMemory(TimeSpan.Zero);
            await using var ownedEmulator = emulator;
            using var ownedClient = client;
            emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
            var (status, _, _) = await Wire.SendAsync(client, Wire.Post(emulator, V4Async, Wire.Json("{\"text_prompt\":\"rejected\"}")));
            Assert.Equal(429, status);
            var (unsafePrompt, _, _) = await Wire.SendAsync(client, Wire.Post(emulator, V4Async, Wire.Json("{\"text_prompt\":\"[unsafe] no\"}")));
            Assert.Equal(422, unsafePrompt);
            Assert.Empty(emulator.Generations);
            Assert.Equal(0, emulator.ImagesInFlight);
            Assert.Equal(0, emulator.BilledRequestCount);
        }

        [Fact]
        public async Task With_a_clock_without_its_own_timers_a_generation_ends_when_observed_once_due()
        {
            var clock = new ManualClock(Start);
            await using var emulator = IdeogramEmulator.CreateInMemory(new EmulatorOptions { TimeProvider = clock, GenerationTime = TimeSpan.FromMinutes(10) });
            using var client = emulator.CreateClient();
            var ack = await OkJsonAsync(client, Wire.Post(emulator, V4Async, Wire.Json("{\"text_prompt\":\"manual\"}")));
            Assert.Equal(0, emulator.BilledRequestCount);
            clock.Advance(TimeSpan.FromMinutes(9));
            Assert.Equal("pending", emulator.Generations.Single().Status);
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(1, emulator.BilledRequestCount);
            Assert.Equal("completed", (await OkJsonAsync(client, Poll(emulator, "v1", ack.GetProperty("generation_id").GetString()!))).GetProperty("status").GetString());
            Assert.Equal(1, emulator.BilledImageCount);
        }

        private static byte[] FromBase64Url(string text)
        {
            string b64 = text.Replace('-', '+').Replace('_', '/');
            return Convert.FromBase64String(b64 + new string('=', (4 - b64.Length % 4) % 4));
        }

        /// <summary>A Kestrel app on 127.0.0.1 that records every POST it receives (headers and body).</summary>
        private sealed class Receiver : IAsyncDisposable
        {
            private WebApplication _app = null!;
            private int _count;

            public Uri Url { get; private set; } = null!;

            public int Count => System.Threading.Volatile.Read(ref _count);

            public TaskCompletionSource<(Dictionary<string, string> Headers, byte[] Body)> First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public static async Task<Receiver> StartAsync()
            {
                var receiver = new Receiver();
                var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
                builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
                builder.Logging.ClearProviders();
                var app = builder.Build();
                app.MapPost("/hooks", async (HttpContext context) =>
                {
                    using var buffer = new System.IO.MemoryStream();
                    await context.Request.Body.CopyToAsync(buffer);
                    var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                    System.Threading.Interlocked.Increment(ref receiver._count);
                    receiver.First.TrySetResult((headers, buffer.ToArray()));
                    return Results.Ok();
                });
                await app.StartAsync();
                receiver._app = app;
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                receiver.Url = new Uri(address.TrimEnd('/') + "/hooks");
                return receiver;
            }

            public async ValueTask DisposeAsync()
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }
        }
    }
}
