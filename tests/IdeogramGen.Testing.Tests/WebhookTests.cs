using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace IdeogramGen.Testing.Tests
{
    /// <summary>The emulator's key set route and its refusals of receiver URLs Ideogram would not deliver to.</summary>
    public class WebhookTests
    {
        [Fact]
        public async Task The_key_set_lists_the_current_and_rotated_out_keys_in_the_documented_shape()
        {
            await using var emulator = IdeogramEmulator.CreateInMemory();
            using var client = emulator.CreateClient();
            var first = emulator.Webhooks.CurrentKeyId;
            var second = emulator.Webhooks.RotateKey();
            emulator.Webhooks.RotateKey();
            var fourth = emulator.Webhooks.RotateKey();

            using var response = await client.GetAsync("v1/.well-known/jwks.json");
            Assert.Equal(200, (int)response.StatusCode);
            using var jwks = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var keys = jwks.RootElement.GetProperty("keys").EnumerateArray().ToList();
            Assert.Equal(3, keys.Count);
            Assert.Equal(fourth, keys[0].GetProperty("kid").GetString());
            Assert.DoesNotContain(keys, k => k.GetProperty("kid").GetString() == first);
            Assert.Contains(keys, k => k.GetProperty("kid").GetString() == second);
            foreach (var key in keys)
            {
                Assert.Equal("OKP", key.GetProperty("kty").GetString());
                Assert.Equal("Ed25519", key.GetProperty("crv").GetString());
                Assert.Equal("EdDSA", key.GetProperty("alg").GetString());
                Assert.Equal("sig", key.GetProperty("use").GetString());
                var x = key.GetProperty("x").GetString()!;
                Assert.DoesNotContain('=', x);
                Assert.Equal(32, Convert.FromBase64String(x.Replace('-', '+').Replace('_', '/') + "=").Length);
            }
            Assert.Equal(1, emulator.Webhooks.KeySetRequestCount);

            emulator.Webhooks.KeySetUnavailable = true;
            using var down = await client.GetAsync("v1/.well-known/jwks.json");
            Assert.Equal(503, (int)down.StatusCode);
            using var post = await client.PostAsync("v1/.well-known/jwks.json", new StringContent("{}"));
            Assert.Equal(405, (int)post.StatusCode);
        }

        [Theory]
        [InlineData("http://example.com/hooks")]
        [InlineData("http://10.0.0.5/hooks")]
        [InlineData("ftp://127.0.0.1/hooks")]
        public async Task Refuses_receivers_that_are_neither_https_nor_loopback_http(string url)
        {
            await using var emulator = IdeogramEmulator.CreateInMemory();
            var e = await Assert.ThrowsAsync<ArgumentException>(() => emulator.Webhooks.DeliverAsync(new Uri(url), "{\"generation_id\":\"g\"}"));
            Assert.Contains("loopback", e.Message);
            Assert.Empty(emulator.Webhooks.Deliveries);
        }

        [Fact]
        public async Task Refuses_a_body_without_a_generation_id()
        {
            await using var emulator = IdeogramEmulator.CreateInMemory();
            var e = await Assert.ThrowsAsync<ArgumentException>(() => emulator.Webhooks.DeliverAsync(new Uri("http://127.0.0.1:9/hooks"), "{\"created\":\"x\"}"));
            Assert.Contains("generation_id", e.Message);
        }
    }
}
