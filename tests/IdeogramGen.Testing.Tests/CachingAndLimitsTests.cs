using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace IdeogramGen.Testing.Tests
{
    public class CachingAndLimitsTests
    {
        private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

        private static HttpRequestMessage Cached(IdeogramEmulator emulator, string key, string? ttl = null, bool skip = false)
        {
            var request = Wire.Post(emulator, Wire.Generate, Wire.Json("{\"prompt\":\"cached lake\",\"num_images\":2}"));
            request.Headers.TryAddWithoutValidation("cf-aig-cache-key", key);
            if (ttl is not null) request.Headers.TryAddWithoutValidation("cf-aig-cache-ttl", ttl);
            if (skip) request.Headers.TryAddWithoutValidation("cf-aig-skip-cache", "true");
            return request;
        }

        [Fact]
        public async Task Cache_hit_replays_the_old_body_verbatim_and_is_not_billed()
        {
            var clock = new ManualClock(Start);
            await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock });
            using var client = emulator.CreateClient();
            var miss = await Wire.SendAsync(client, Cached(emulator, "k1"));
            Assert.Equal("MISS", Wire.Header(miss.Response, "cf-aig-cache-status"));
            clock.Advance(TimeSpan.FromSeconds(30));
            var hit = await Wire.SendAsync(client, Cached(emulator, "k1"));
            Assert.Equal(200, hit.Status);
            Assert.Equal("HIT", Wire.Header(hit.Response, "cf-aig-cache-status"));
            Assert.Equal(miss.Body, hit.Body);
            Assert.NotEqual(Wire.Header(miss.Response, "cf-aig-log-id"), Wire.Header(hit.Response, "cf-aig-log-id"));
            Assert.Equal(1, emulator.BilledRequestCount);
            Assert.Equal(2, emulator.BilledImageCount);
            Assert.Equal(new[] { "MISS", "HIT" }, emulator.Requests.Select(r => r.CacheStatus));
            Assert.Equal(0, emulator.Requests[1].BilledImages);

            var other = await Wire.SendAsync(client, Cached(emulator, "k2"));
            Assert.Equal("MISS", Wire.Header(other.Response, "cf-aig-cache-status"));
            var skipped = await Wire.SendAsync(client, Cached(emulator, "k1", skip: true));
            Assert.Equal("MISS", Wire.Header(skipped.Response, "cf-aig-cache-status"));
            Assert.NotEqual(miss.Body, skipped.Body);
            Assert.Equal(3, emulator.BilledRequestCount);
        }

        [Fact]
        public async Task Default_ttl_is_300_seconds()
        {
            var clock = new ManualClock(Start);
            await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock });
            using var client = emulator.CreateClient();
            await Wire.SendAsync(client, Cached(emulator, "ttl"));
            clock.Advance(TimeSpan.FromSeconds(299));
            Assert.Equal("HIT", Wire.Header((await Wire.SendAsync(client, Cached(emulator, "ttl"))).Response, "cf-aig-cache-status"));
            clock.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal("MISS", Wire.Header((await Wire.SendAsync(client, Cached(emulator, "ttl"))).Response, "cf-aig-cache-status"));
            Assert.Equal(2, emulator.BilledRequestCount);
        }

        [Fact]
        public async Task A_long_cache_ttl_replays_image_links_that_have_expired()
        {
            var clock = new ManualClock(Start);
            await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock });
            using var client = emulator.CreateClient();
            var first = await Wire.SendAsync(client, Cached(emulator, "long", ttl: "86400"));
            string url = Wire.Urls(JsonDocument.Parse(first.Body).RootElement).First();
            Assert.Equal(200, (int)(await client.GetAsync(url)).StatusCode);

            clock.Advance(TimeSpan.FromHours(2));
            var replay = await Wire.SendAsync(client, Cached(emulator, "long", ttl: "86400"));
            Assert.Equal("HIT", Wire.Header(replay.Response, "cf-aig-cache-status"));
            Assert.Equal(url, Wire.Urls(JsonDocument.Parse(replay.Body).RootElement).First());
            Assert.Equal(403, (int)(await client.GetAsync(url)).StatusCode);
            Assert.Equal(1, emulator.BilledRequestCount);
        }

        [Fact]
        public async Task Gateway_rate_limit_answers_2003_with_retry_after_until_the_window_ends()
        {
            var clock = new ManualClock(Start);
            await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions
            {
                TimeProvider = clock,
                RateLimitingLimit = 2,
                RateLimitingInterval = TimeSpan.FromSeconds(60),
            });
            using var client = emulator.CreateClient();
            for (int i = 0; i < 2; i++)
                Assert.Equal(200, (await Wire.SendAsync(client, Wire.Post(emulator, Wire.Generate, Wire.Json("{\"prompt\":\"x\"}")))).Status);
            clock.Advance(TimeSpan.FromSeconds(20));
            var limited = await Wire.SendAsync(client, Wire.Post(emulator, Wire.Generate, Wire.Json("{\"prompt\":\"x\"}")));
            Assert.Equal(429, limited.Status);
            Assert.Equal("{\"success\":false,\"result\":[],\"messages\":[],\"error\":[{\"code\":2003,\"message\":\"Rate limited\"}],\"name\":\"AiGatewayError\",\"httpCode\":429,\"internalCode\":2003}", limited.Body);
            Assert.Equal("40", Wire.Header(limited.Response, "Retry-After"));
            Assert.False(string.IsNullOrEmpty(Wire.Header(limited.Response, "cf-aig-log-id")));
            Assert.Equal(2, emulator.BilledRequestCount);
            clock.Advance(TimeSpan.FromSeconds(41));
            Assert.Equal(200, (await Wire.SendAsync(client, Wire.Post(emulator, Wire.Generate, Wire.Json("{\"prompt\":\"x\"}")))).Status);
        }
    }
}
