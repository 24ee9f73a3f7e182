using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.Testing.Tests
{
    /// <summary>Gates hold an answer at a known point until released: before the first byte, or after N body bytes.</summary>
    public class GateTests
    {
        private const string Body = "{\"prompt\":\"gated\",\"num_images\":2}";

        private static HttpRequestMessage Generate(IdeogramEmulator emulator) => Wire.Post(emulator, Wire.Generate, Wire.Json(Body));

        public static TheoryData<bool> Transports() => new() { false, true };

        private static async Task<IdeogramEmulator> StartAsync(bool inMemory) =>
            inMemory ? IdeogramEmulator.CreateInMemory() : await IdeogramEmulator.StartAsync();

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Held_first_byte_sends_nothing_until_released_then_answers_normally(bool inMemory)
        {
            await using var emulator = await StartAsync(inMemory);
            using var client = emulator.CreateClient();
            var gate = new EmulatorGate();
            emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));

            var call = client.SendAsync(Generate(emulator), HttpCompletionOption.ResponseHeadersRead);
            await Eventually.Within(gate.WaitReachedAsync());
            Assert.Equal(1, gate.HoldingCount);
            Assert.False(call.IsCompleted);
            Assert.Empty(emulator.Requests);          // recorded when it answers

            gate.Release();
            using var response = await Eventually.Within(call);
            Assert.Equal(200, (int)response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(2, doc.RootElement.GetProperty("data").GetArrayLength());
            Assert.Equal(EmulatorFaultKind.HoldFirstByte, emulator.Requests.Single().Fault);
            Assert.Equal(1, emulator.BilledRequestCount);
            Assert.Equal(0, gate.HoldingCount);

            // A released gate lets later requests through at once.
            emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));
            Assert.Equal(200, (await Wire.SendAsync(client, Generate(emulator))).Status);
            Assert.Equal(2, gate.ReachedCount);
        }

        [Fact]
        public async Task Client_that_gives_up_at_a_held_first_byte_is_recorded_with_status_0_and_not_billed()
        {
            await using var emulator = await IdeogramEmulator.StartAsync();
            using var client = emulator.CreateClient();
            var gate = new EmulatorGate();
            emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));
            using var cts = new CancellationTokenSource();

            var call = client.SendAsync(Generate(emulator), cts.Token);
            await Eventually.Within(gate.WaitReachedAsync());
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

            await Eventually.TrueAsync(() => emulator.Requests.Count == 1, "the abandoned request was not recorded");
            Assert.Equal(0, emulator.Requests[0].StatusCode);
            Assert.Equal(0, emulator.BilledRequestCount);
            Assert.Equal(0, gate.HoldingCount);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Held_body_sends_headers_and_the_first_bytes_then_the_rest_on_release(bool inMemory)
        {
            await using var emulator = await StartAsync(inMemory);
            using var client = emulator.CreateClient();
            var gate = new EmulatorGate();
            emulator.Faults.Enqueue(EmulatorFault.HoldBody(gate, 100));

            using var response = await Eventually.Within(client.SendAsync(Generate(emulator), HttpCompletionOption.ResponseHeadersRead));
            Assert.Equal(200, (int)response.StatusCode);
            long length = response.Content.Headers.ContentLength!.Value;
            Assert.True(length > 100, length.ToString());
            Assert.Equal(1, emulator.BilledRequestCount);   // the generation ran before the first byte

            await using var stream = await response.Content.ReadAsStreamAsync();
            var head = new byte[100];
            await Eventually.Within(stream.ReadExactlyAsync(head).AsTask());
            await Eventually.Within(gate.WaitReachedAsync());
            Assert.Equal(1, gate.HoldingCount);
            var next = stream.ReadAsync(new byte[1]).AsTask();
            Assert.False(next.IsCompleted);

            gate.Release();
            Assert.Equal(1, await Eventually.Within(next));
            var rest = new MemoryStream();
            await Eventually.Within(stream.CopyToAsync(rest));
            Assert.Equal(length, 100 + 1 + rest.Length);
            Assert.StartsWith("{\"created\":", System.Text.Encoding.UTF8.GetString(head));
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Image_gates_hold_the_download_before_the_first_byte_and_after_N_bytes(bool inMemory)
        {
            await using var emulator = await StartAsync(inMemory);
            using var client = emulator.CreateClient();
            var answer = await Wire.SendAsync(client, Generate(emulator));
            string url = Wire.Urls(JsonDocument.Parse(answer.Body).RootElement).First();
            byte[] png = await client.GetByteArrayAsync(url);

            var first = new EmulatorGate();
            emulator.Faults.Enqueue(EmulatorFault.HoldImageFirstByte(first));
            var held = client.GetByteArrayAsync(url);
            await Eventually.Within(first.WaitReachedAsync());
            Assert.False(held.IsCompleted);
            Assert.Equal(1, emulator.ImageDownloadCount);   // counted when served
            first.Release();
            Assert.Equal(png, await Eventually.Within(held));
            Assert.Equal(2, emulator.ImageDownloadCount);

            var body = new EmulatorGate();
            emulator.Faults.Enqueue(EmulatorFault.HoldImageBody(body, 64));
            using var response = await Eventually.Within(client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead));
            Assert.Equal(png.Length, response.Content.Headers.ContentLength);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var head = new byte[64];
            await Eventually.Within(stream.ReadExactlyAsync(head).AsTask());
            Assert.Equal(png.Take(64), head);
            await Eventually.Within(body.WaitReachedAsync());
            body.Release();
            var all = new MemoryStream();
            all.Write(head);
            await Eventually.Within(stream.CopyToAsync(all));
            Assert.Equal(png, all.ToArray());
            Assert.Equal(1, emulator.BilledRequestCount);
        }

        [Fact]
        public async Task A_gate_counts_arrivals_and_holds_every_request_until_released()
        {
            await using var emulator = await IdeogramEmulator.StartAsync();
            using var client = emulator.CreateClient();
            var gate = new EmulatorGate();
            emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));
            emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));
            var secondArrival = gate.WaitReachedAsync(2);

            var calls = new[] { Wire.SendAsync(client, Generate(emulator)), Wire.SendAsync(client, Generate(emulator)) };
            await Eventually.Within(secondArrival);
            Assert.Equal(2, gate.HoldingCount);
            Assert.DoesNotContain(calls, c => c.IsCompleted);
            gate.Release();
            var answers = await Eventually.Within(Task.WhenAll(calls));
            Assert.All(answers, a => Assert.Equal(200, a.Status));
            Assert.Equal(2, emulator.BilledRequestCount);
            Assert.Contains("released, 2 reached", gate.ToString());
        }

        [Fact]
        public async Task Disposing_the_emulator_ends_a_held_request_instead_of_waiting_for_it()
        {
            var emulator = await IdeogramEmulator.StartAsync();
            using var client = emulator.CreateClient();
            var gate = new EmulatorGate();
            emulator.Faults.Enqueue(EmulatorFault.HoldFirstByte(gate));
            var call = client.SendAsync(Generate(emulator));
            await Eventually.Within(gate.WaitReachedAsync());

            await Eventually.Within(emulator.DisposeAsync().AsTask());
            await Assert.ThrowsAsync<HttpRequestException>(() => Eventually.Within(call));
            Assert.False(gate.IsReleased);
            Assert.Equal(0, gate.HoldingCount);
        }

        [Fact]
        public void Gate_factories_validate_their_arguments()
        {
            var gate = new EmulatorGate();
            Assert.Throws<ArgumentNullException>(() => EmulatorFault.HoldFirstByte(null!));
            Assert.Throws<ArgumentNullException>(() => EmulatorFault.HoldImageBody(null!, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorFault.HoldBody(gate, -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => { _ = gate.WaitReachedAsync(0); });
            var fault = EmulatorFault.HoldImageBody(gate, 10);
            Assert.Same(gate, fault.Gate);
            Assert.Equal(10, fault.HoldAfterBytes);
            Assert.False(fault.IsBilled);
            Assert.True(EmulatorFault.HoldBody(gate, 0).IsBilled);
        }
    }
}
