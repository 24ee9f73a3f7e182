using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace IdeogramGen.Tests.Webhooks;

/// <summary>Reading Ideogram's JWKS, fetching it over HTTP and caching it as the document says; remembering accepted deliveries.</summary>
public class WebhookKeySetTests
{
    [Fact]
    public void Reads_the_documented_key_shape()
    {
        var set = WebhookSigningKeySet.Parse("{\"keys\":[{\"alg\":\"EdDSA\",\"crv\":\"Ed25519\",\"kid\":\"v1\",\"kty\":\"OKP\",\"use\":\"sig\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}]}");
        var key = Assert.Single(set.Keys);
        Assert.Equal("v1", key.KeyId);
        Assert.Equal(32, key.PublicKey.Length);
        Assert.Equal(0xd7, key.PublicKey[0]);
    }

    [Fact]
    public void Skips_keys_of_other_types_and_tries_the_hinted_key_first()
    {
        var a = new TestSigningKey("a");
        var b = new TestSigningKey("b");
        var json = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"r\",\"n\":\"x\",\"e\":\"AQAB\"}," + a.JwkJson() + "," + b.JwkJson() + "]}";
        var set = WebhookSigningKeySet.Parse(json);
        Assert.Equal(new[] { "a", "b" }, set.Keys.Select(k => k.KeyId));
        Assert.Equal(new[] { "b", "a" }, set.InTryOrder("b").Select(k => k.KeyId));
        Assert.Equal(new[] { "a", "b" }, set.InTryOrder("zzz").Select(k => k.KeyId));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "\"keys\" array")]
    [InlineData("{\"keys\":{}}", "\"keys\" array")]
    [InlineData("{\"keys\":[]}", "no Ed25519 signing key")]
    [InlineData("{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}]}", "without a \"kid\"")]
    [InlineData("{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"v1\",\"x\":\"AAAA\"}]}", "32-byte public key")]
    [InlineData("{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"v1\",\"x\":\"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}]}", "base64url")]
    [InlineData("{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"v1\"}]}", "has no \"x\"")]
    public void Rejects_a_document_that_is_not_a_usable_key_set(string json, string expected)
    {
        var e = Assert.Throws<WebhookKeySetException>(() => WebhookSigningKeySet.Parse(json));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public async Task Fetches_over_http_caches_for_at_most_a_day_and_refreshes_at_most_once_a_minute()
    {
        var first = new TestSigningKey("v1");
        var second = new TestSigningKey("v2");
        using var server = new JwksServer();
        server.Body = TestSigningKey.Jwks(first);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        using var http = new System.Net.Http.HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var source = new JwksWebhookKeySource(http, server.Uri, clock);

        Assert.Equal("v1", Assert.Single((await source.GetKeysAsync(false, default)).Keys).KeyId);
        server.Body = TestSigningKey.Jwks(first, second);
        Assert.Single((await source.GetKeysAsync(false, default)).Keys);
        Assert.Single((await source.GetKeysAsync(true, default)).Keys);
        Assert.Equal(1, server.Requests);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await source.GetKeysAsync(true, default)).Keys.Count);
        Assert.Equal(2, server.Requests);

        server.Body = TestSigningKey.Jwks(second);
        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(2, (await source.GetKeysAsync(false, default)).Keys.Count);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("v2", Assert.Single((await source.GetKeysAsync(false, default)).Keys).KeyId);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task Keeps_the_cached_set_when_a_refresh_fails_but_not_past_its_age()
    {
        var key = new TestSigningKey("v1");
        using var server = new JwksServer { Body = TestSigningKey.Jwks(key) };
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        using var http = new System.Net.Http.HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var source = new JwksWebhookKeySource(http, server.Uri, clock);
        await source.GetKeysAsync(false, default);

        server.Status = HttpStatusCode.ServiceUnavailable;
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("v1", Assert.Single((await source.GetKeysAsync(true, default)).Keys).KeyId);

        clock.Advance(TimeSpan.FromHours(24));
        await Assert.ThrowsAsync<System.Net.Http.HttpRequestException>(() => source.GetKeysAsync(false, default).AsTask());
    }

    [Fact]
    public async Task The_in_memory_store_forgets_ids_after_its_retention()
    {
        var store = new InMemoryWebhookDeliveryStore { Retention = TimeSpan.FromHours(1) };
        var t0 = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.True(await store.TryRecordAsync("g", t0, default));
        Assert.False(await store.TryRecordAsync("g", t0.AddMinutes(59), default));
        Assert.True(await store.TryRecordAsync("h", t0.AddMinutes(30), default));
        Assert.True(await store.TryRecordAsync("g", t0.AddMinutes(61), default));
        Assert.False(await store.TryRecordAsync("h", t0.AddMinutes(61), default));
    }

    /// <summary>A JWKS endpoint on 127.0.0.1 (HttpListener) that serves <see cref="Body"/> and counts requests.</summary>
    private sealed class JwksServer : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private int _requests;

        public JwksServer()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Uri = new Uri($"http://127.0.0.1:{port}/v1/.well-known/jwks.json");
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public Uri Uri { get; }

        public volatile string Body = "{}";

        public HttpStatusCode Status = HttpStatusCode.OK;

        public int Requests => Volatile.Read(ref _requests);

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                Interlocked.Increment(ref _requests);
                var bytes = Encoding.UTF8.GetBytes(Body);
                context.Response.StatusCode = (int)Status;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Close();
        }
    }
}
