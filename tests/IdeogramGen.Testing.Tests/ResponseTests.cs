using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using IdeogramGen.ApiDescription;
using SkiaSharp;

namespace IdeogramGen.Testing.Tests
{
    public class ResponseTests : LoopbackEmulatorTest
    {

        private async Task<JsonElement> OkAsync(string path, HttpContent content)
        {
            var (status, body, _) = await Wire.SendAsync(_client, Wire.Post(_emulator, path, content));
            Assert.True(status == 200, body);
            var root = JsonDocument.Parse(body).RootElement.Clone();
            var endpoint = IdeogramApi.FindEndpoint("/" + path.TrimStart('/'))!;
            Wire.AssertMatchesSchema(root, endpoint.Response);
            return root;
        }

        private async Task<SKBitmap> DownloadAsync(string url)
        {
            var bytes = await _client.GetByteArrayAsync(url);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes.Take(4));
            return SKBitmap.Decode(bytes)!;
        }

        [Fact]
        public async Task V3_generate_honours_num_images_seed_and_nearest_resolution_for_the_aspect_ratio()
        {
            var root = await OkAsync(Wire.Generate, Wire.Json("{\"prompt\":\"a fox\",\"num_images\":3,\"seed\":1234,\"aspect_ratio\":\"16x9\",\"style_type\":\"REALISTIC\"}"));
            var data = root.GetProperty("data").EnumerateArray().ToArray();
            Assert.Equal(3, data.Length);
            var resolutions = IdeogramApi.FindEnum("ResolutionV3")!.Values;
            foreach (var item in data)
            {
                Assert.Equal("a fox", item.GetProperty("prompt").GetString());
                Assert.Equal(1234, item.GetProperty("seed").GetInt32());
                Assert.True(item.GetProperty("is_image_safe").GetBoolean());
                Assert.Equal("REALISTIC", item.GetProperty("style_type").GetString());
                string resolution = item.GetProperty("resolution").GetString()!;
                Assert.Contains(resolution, resolutions);
                var parts = resolution.Split('x').Select(int.Parse).ToArray();
                Assert.InRange((double)parts[0] / parts[1], 16.0 / 9 * 0.95, 16.0 / 9 * 1.05);
            }
            Assert.Equal(3, data.Select(d => d.GetProperty("url").GetString()).Distinct().Count());
            Assert.Equal(3, _emulator.Requests.Single().BilledImages);
        }

        [Fact]
        public async Task Default_resolution_is_1024_square_and_png_has_the_reported_size()
        {
            var root = await OkAsync(Wire.Generate, Wire.Json("{\"prompt\":\"default\"}"));
            var item = root.GetProperty("data")[0];
            Assert.Equal("1024x1024", item.GetProperty("resolution").GetString());
            Assert.Equal("GENERAL", item.GetProperty("style_type").GetString());
            using var bitmap = await DownloadAsync(item.GetProperty("url").GetString()!);
            Assert.Equal(1024, bitmap.Width);
            Assert.Equal(1024, bitmap.Height);
        }

        [Fact]
        public async Task Explicit_wide_resolution_png_matches_and_is_deterministic_for_a_seed()
        {
            async Task<(string Url, byte[] Png)> Generate(int seed)
            {
                var root = await OkAsync(Wire.Generate, Wire.Json("{\"prompt\":\"banner\",\"resolution\":\"1536x640\",\"seed\":" + seed + "}"));
                var item = root.GetProperty("data")[0];
                Assert.Equal("1536x640", item.GetProperty("resolution").GetString());
                string url = item.GetProperty("url").GetString()!;
                return (url, await _client.GetByteArrayAsync(url));
            }
            var a = await Generate(77);
            var b = await Generate(77);
            var c = await Generate(78);
            Assert.NotEqual(a.Url, b.Url);
            Assert.Equal(a.Png, b.Png);
            Assert.NotEqual(a.Png, c.Png);
            using var bitmap = SKBitmap.Decode(a.Png);
            Assert.Equal(1536, bitmap.Width);
            Assert.Equal(640, bitmap.Height);
            Assert.Equal(3, _emulator.ImageDownloadCount);
        }

        [Fact]
        public async Task Image_links_carry_exp_and_sig_and_a_tampered_signature_is_403()
        {
            var root = await OkAsync(Wire.Generate, Wire.Json("{\"prompt\":\"x\"}"));
            var url = new Uri(root.GetProperty("data")[0].GetProperty("url").GetString()!);
            Assert.Equal(_emulator.Root.Authority, url.Authority);
            Assert.Matches(@"^/ephemeral/[0-9a-f]{32}\.png$", url.AbsolutePath);
            Assert.Matches(@"^\?exp=\d+&sig=[0-9a-f]{64}$", url.Query);
            long exp = long.Parse(url.Query.Split('&')[0].Substring(5));
            Assert.InRange(exp - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 3500, 3700);

            string tampered = url.AbsoluteUri.Substring(0, url.AbsoluteUri.Length - 1) + (url.AbsoluteUri.EndsWith("0") ? "1" : "0");
            Assert.Equal(403, (int)(await _client.GetAsync(tampered)).StatusCode);
            string redated = url.AbsoluteUri.Replace("exp=" + exp, "exp=" + (exp + 3600));
            Assert.Equal(403, (int)(await _client.GetAsync(redated)).StatusCode);
            Assert.Equal(404, (int)(await _client.GetAsync(new Uri(_emulator.Root, "ephemeral/ffffffffffffffffffffffffffffffff.png"))).StatusCode);
            Assert.Equal(200, (int)(await _client.GetAsync(url)).StatusCode);
        }

        [Fact]
        public async Task Links_expire_after_the_image_link_lifetime()
        {
            var clock = new ManualClock(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
            await using var emulator = await IdeogramEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock, ImageLinkLifetime = TimeSpan.FromMinutes(10) });
            using var client = emulator.CreateClient();
            var (_, body, _) = await Wire.SendAsync(client, Wire.Post(emulator, Wire.Generate, Wire.Json("{\"prompt\":\"x\"}")));
            using var doc = JsonDocument.Parse(body);
            Assert.StartsWith("2026-11-01T12:00:00", doc.RootElement.GetProperty("created").GetString());
            string url = Wire.Urls(doc.RootElement).Single();
            Assert.Contains("exp=" + clock.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds(), url);
            Assert.Equal(200, (int)(await client.GetAsync(url)).StatusCode);
            clock.Advance(TimeSpan.FromMinutes(11));
            Assert.Equal(403, (int)(await client.GetAsync(url)).StatusCode);
        }

        [Fact]
        public async Task Withhold_marker_nulls_every_second_image_but_bills_all()
        {
            var root = await OkAsync(Wire.Generate, Wire.Json("{\"prompt\":\"crowd [withhold]\",\"num_images\":4}"));
            var data = root.GetProperty("data").EnumerateArray().ToArray();
            Assert.Equal(new[] { true, false, true, false }, data.Select(d => d.GetProperty("is_image_safe").GetBoolean()));
            Assert.Equal(JsonValueKind.Null, data[1].GetProperty("url").ValueKind);
            Assert.Equal(JsonValueKind.String, data[2].GetProperty("url").ValueKind);
            Assert.Equal(4, _emulator.Requests.Single().BilledImages);
        }

        [Fact]
        public async Task Unsafe_marker_gets_the_422_safety_body_and_is_not_billed()
        {
            var (status, body, _) = await Wire.SendAsync(_client, Wire.Post(_emulator, Wire.Generate, Wire.Json("{\"prompt\":\"something [unsafe]\"}")));
            Assert.Equal(422, status);
            Assert.Equal("{\"error\":\"Prompt provided failed safety check due to the inclusion of prohibited content.\"}", body);
            Assert.Equal(0, _emulator.BilledRequestCount);
        }

        [Fact]
        public async Task Legacy_generate_answers_the_legacy_shape()
        {
            var root = await OkAsync("generate", Wire.Json("{\"image_request\":{\"prompt\":\"old school\",\"aspect_ratio\":\"ASPECT_16_9\",\"style_type\":\"ANIME\",\"num_images\":2}}"));
            var item = root.GetProperty("data")[0];
            Assert.Equal("ANIME", item.GetProperty("style_type").GetString());
            Assert.Matches(@"^\d+x\d+$", item.GetProperty("resolution").GetString()!);
            Assert.Equal(2, root.GetProperty("data").GetArrayLength());
        }

        [Fact]
        public async Task Legacy_upscale_reports_an_upscaled_resolution_and_serves_that_size()
        {
            var root = await OkAsync("upscale", Wire.Form(("image_request", new JsonPart("{\"resemblance\":60}")), ("image_file", Wire.Png(64, 48))));
            var item = root.GetProperty("data")[0];
            Assert.Equal("64x48", item.GetProperty("resolution").GetString());
            Assert.Equal("128x96", item.GetProperty("upscaled_resolution").GetString());
            using var bitmap = await DownloadAsync(item.GetProperty("url").GetString()!);
            Assert.Equal((128, 96), (bitmap.Width, bitmap.Height));
        }

        [Fact]
        public async Task Generate_transparent_has_alpha_and_upscale_factor()
        {
            var root = await OkAsync("v1/ideogram-v3/generate-transparent", Wire.Json("{\"prompt\":\"sticker\",\"upscale_factor\":\"X2\",\"aspect_ratio\":\"1x1\"}"));
            var item = root.GetProperty("data")[0];
            Assert.Equal("1024x1024", item.GetProperty("resolution").GetString());
            Assert.Equal("2048x2048", item.GetProperty("upscaled_resolution").GetString());
            using var bitmap = await DownloadAsync(item.GetProperty("url").GetString()!);
            Assert.Equal(2048, bitmap.Width);
            Assert.Contains(Enumerable.Range(0, 16).Select(i => bitmap.GetPixel(i * 127, 5).Alpha), a => a == 0);
        }

        [Fact]
        public async Task Other_endpoints_answer_their_schemas()
        {
            var design = await OkAsync("v1/ideogram-v3/generate-design", Wire.Json("{\"prompt\":\"poster\",\"aspect_ratio\":\"4x5\"}"));
            Assert.Equal(JsonValueKind.Array, design.GetProperty("data")[0].GetProperty("text_containers").ValueKind);

            var v4 = await OkAsync("v1/ideogram-v4/generate", Wire.Json("{\"text_prompt\":\"v4 image\",\"seed\":5}"));
            Assert.Equal(5, v4.GetProperty("data")[0].GetProperty("seed").GetInt32());

            var edit = await OkAsync("v1/edit", Wire.Form(("prompt", "make it blue"), ("images", Wire.Png()), ("images", Wire.Png()), ("aspect_ratio", "3x2")));
            Assert.Equal(JsonValueKind.String, edit.GetProperty("data")[0].GetProperty("url").ValueKind);

            var text = await OkAsync("v1/ideogram-v3/layerize-text", Wire.Form(("image", Wire.Png(80, 60))));
            using (var baseImage = await DownloadAsync(text.GetProperty("base_image_url").GetString()!))
                Assert.Equal((80, 60), (baseImage.Width, baseImage.Height));
            Assert.True(text.GetProperty("text_blocks").GetArrayLength() > 0);

            var describe = await OkAsync("describe", Wire.Form(("image_file", Wire.Jpeg())));
            Assert.False(string.IsNullOrEmpty(describe.GetProperty("descriptions")[0].GetProperty("text").GetString()));

            var removed = await OkAsync("v1/remove-background", Wire.Form(("image", Wire.Png(50, 30))));
            using (var cutout = await DownloadAsync(removed.GetProperty("data")[0].GetProperty("url").GetString()!))
                Assert.Equal((50, 30), (cutout.Width, cutout.Height));

            var reframe = await OkAsync("v1/ideogram-v3/reframe", Wire.Form(("image", Wire.Png()), ("resolution", "1152x864")));
            Assert.Equal("1152x864", reframe.GetProperty("data")[0].GetProperty("resolution").GetString());

            var tryOn = await OkAsync("v1/ideogram-v3/try-on", Wire.Form(("image", Wire.Png()), ("product_reference_images", Wire.Png())));
            Assert.Equal("Person wearing this piece of clothing", tryOn.GetProperty("data")[0].GetProperty("prompt").GetString());
            Assert.Equal(8, _emulator.BilledRequestCount);
        }
    }
}
