using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Testing;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>Misconfigurations and broken inputs the call path must report as what they are, on loopback.</summary>
public class CallFailureTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_GatewayRoot_with_a_path_is_refused_when_the_client_is_created()
    {
        await using var emulator = await IdeogramEmulator.StartAsync();
        using var http = new HttpClient(emulator.CreateHandler());
        var whole = new Uri(emulator.Root, "v1/" + TestImages.AccountId + "/" + TestImages.GatewayId + "/ideogram/");
        var ex = Assert.Throws<ArgumentException>(() => new TestImages(http, new IdeogramCredentials("k"), new GatewayOptions { GatewayRoot = whole }));
        Assert.Contains("GatewayRoot", ex.Message);
        Assert.Contains("/v1/" + TestImages.AccountId + "/" + TestImages.GatewayId + "/ideogram/", ex.Message);
        Assert.Contains(emulator.Root.GetLeftPart(UriPartial.Authority) + "/", ex.Message); // what to write instead
        Assert.Throws<ArgumentException>(() => new TestImages(http, new IdeogramCredentials("k"), new GatewayOptions { GatewayRoot = new Uri(emulator.Root, "?x=1") }));
        Assert.Empty(emulator.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_404_is_classified_as_not_run_and_not_billed()
    {
        await using var h = await GatewayHarness.StartAsync();
        var ex = await Assert.ThrowsAsync<IdeogramApiException>(() => h.Client.Pipeline.SendAsync<ImageV3Response>(
            "v1/ideogram-v3/no-such-endpoint", RequestBody.Json(w => { w.WriteStartObject(); w.WriteString("prompt", "p"); w.WriteEndObject(); }), 1,
            ImageV3Response.Read, null, CancellationToken.None));
        Assert.Equal(404, ex.StatusCode);
        Assert.Equal(IdeogramErrorKind.NotFound, ex.Kind);
        Assert.False(ex.MayHaveBeenBilled);
        Assert.True(ex.IsRetrySafe);
        Assert.False(ex.IsTransient);
        Assert.Contains("did not run", ex.Message);
        Assert.DoesNotContain("may have run", ex.Message);
        Assert.Equal(1, ex.Attempts);
        Assert.Equal(0, h.Emulator.BilledRequestCount);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_upload_stream_that_throws_while_the_body_is_sent_did_not_run()
    {
        await using var h = await GatewayHarness.StartAsync();
        using var broken = new ThrowingStream(Samples.PngBytes(), failAfter: 64);
        var ex = await Assert.ThrowsAsync<IdeogramTransportException>(() => h.Client.RemixV3Async(new RemixV3Request
        {
            Prompt = "p",
            Image = IdeogramFile.FromStream(broken, "in.png", "image/png"),
        }));
        Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.False(ex.MayHaveBeenBilled);
        Assert.True(ex.FailedBeforeSending);
        Assert.Contains("did not run", ex.Message);
        Assert.Contains("disk went away", ex.Message);
        Assert.DoesNotContain("may have run", ex.Message);
        Assert.Equal(0, h.Emulator.BilledRequestCount);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_DelegatingHandler_on_the_HttpClient_sees_every_attempt()
    {
        await using var emulator = await IdeogramEmulator.StartAsync();
        var counter = new CountingHandler { InnerHandler = emulator.CreateHandler() };
        using var http = new HttpClient(counter);
        var client = new TestImages(http, new IdeogramCredentials(GatewayHarness.ApiKey),
            new GatewayOptions { GatewayRoot = emulator.Root, Retry = new IdeogramRetryPolicy { InflightLimitDelay = TimeSpan.Zero } });
        emulator.Faults.Enqueue(EmulatorFault.IdeogramInflightLimit());
        await client.GenerateV3Async(GatewayHarness.Request());
        Assert.Equal(2, counter.Count);
        Assert.Equal(2, emulator.Requests.Count);
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _count;
        public int Count => _count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>A non-seekable stream whose reads fail after some bytes, like a network share that disappears.</summary>
    private sealed class ThrowingStream : Stream
    {
        private readonly byte[] _data;
        private readonly int _failAfter;
        private int _position;

        public ThrowingStream(byte[] data, int failAfter)
        {
            _data = data;
            _failAfter = failAfter;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= _failAfter) throw new InvalidOperationException("the disk went away");
            var n = Math.Min(count, Math.Min(_failAfter, _data.Length) - _position);
            Array.Copy(_data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
