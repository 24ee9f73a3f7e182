using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using SkiaSharp;

namespace IdeogramGen.Testing.Tests
{
    public class InMemoryTests
    {
        [Fact]
        public async Task In_memory_emulator_serves_generation_images_and_faults_without_a_socket()
        {
            await using var emulator = IdeogramEmulator.CreateInMemory(new EmulatorOptions { ApiKey = Wire.ApiKey });
            Assert.True(emulator.IsInMemory);
            Assert.Equal(new Uri("http://localhost/"), emulator.Root);
            using var client = emulator.CreateClient();
            var (status, body, response) = await Wire.SendAsync(client, Wire.Post(emulator, Wire.Generate, Wire.Json("{\"prompt\":\"memory\",\"aspect_ratio\":\"9x16\"}")));
            Assert.Equal(200, status);
            Assert.Equal("MISS", Wire.Header(response, "cf-aig-cache-status"));
            var item = JsonDocument.Parse(body).RootElement.GetProperty("data")[0];
            string url = item.GetProperty("url").GetString()!;
            Assert.StartsWith("http://localhost/ephemeral/", url);
            using var bitmap = SKBitmap.Decode(await client.GetByteArrayAsync(url));
            Assert.Equal(item.GetProperty("resolution").GetString(), bitmap.Width + "x" + bitmap.Height);
            Assert.True(bitmap.Height > bitmap.Width);

            emulator.Faults.Enqueue(EmulatorFault.ConnectionReset());
            await Assert.ThrowsAnyAsync<Exception>(() => client.SendAsync(Wire.Post(emulator, Wire.Generate, Wire.Json("{\"prompt\":\"x\"}"))));
            Assert.Equal(2, emulator.BilledRequestCount);
        }

        [Fact]
        public async Task Handler_works_with_a_caller_owned_client_and_dispose_is_idempotent()
        {
            var emulator = IdeogramEmulator.CreateInMemory();
            using (var client = new HttpClient(emulator.CreateHandler()))
            {
                var (status, _, _) = await Wire.SendAsync(client, Wire.Post(emulator, Wire.Generate, Wire.Json("{\"prompt\":\"x\"}")));
                Assert.Equal(200, status);
            }
            await emulator.DisposeAsync();
            await emulator.DisposeAsync();
            Assert.Throws<ObjectDisposedException>(() => emulator.CreateHandler());
            Assert.Single(emulator.Requests);
        }
    }
}
