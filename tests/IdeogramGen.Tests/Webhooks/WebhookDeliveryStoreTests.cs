using System;
using System.Text;
using System.Threading.Tasks;
using IdeogramGen.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace IdeogramGen.Tests.Webhooks;

/// <summary>The in-memory de-duplication store is bounded, forgets on request, and the verifier's typed delivery reads as the generated types do.</summary>
public class WebhookDeliveryStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Keeps_at_most_MaxEntries_ids_forgetting_the_oldest()
    {
        var store = new InMemoryWebhookDeliveryStore { MaxEntries = 2 };
        Assert.True(await store.TryRecordAsync("a", T0, default));
        Assert.True(await store.TryRecordAsync("b", T0.AddSeconds(1), default));
        Assert.True(await store.TryRecordAsync("c", T0.AddSeconds(2), default));
        Assert.Equal(2, store.Count);
        Assert.False(await store.TryRecordAsync("c", T0.AddSeconds(3), default));
        Assert.False(await store.TryRecordAsync("b", T0.AddSeconds(3), default));
        Assert.True(await store.TryRecordAsync("a", T0.AddSeconds(4), default));
    }

    [Fact]
    public async Task A_forgotten_id_is_recorded_again_and_forgetting_many_times_stays_bounded()
    {
        var store = new InMemoryWebhookDeliveryStore { MaxEntries = 4 };
        Assert.True(await store.TryRecordAsync("g", T0, default));
        await store.ForgetAsync("g", default);
        await store.ForgetAsync("never-recorded", default);
        Assert.True(await store.TryRecordAsync("g", T0.AddSeconds(1), default));
        for (var i = 0; i < 100; i++)
        {
            await store.ForgetAsync("g", default);
            Assert.True(await store.TryRecordAsync("g", T0.AddSeconds(2 + i), default));
        }
        Assert.Equal(1, store.Count);
        Assert.False(await store.TryRecordAsync("g", T0.AddSeconds(200), default));
    }

    [Fact]
    public void Rejects_nonsensical_bounds()
    {
        var store = new InMemoryWebhookDeliveryStore();
        Assert.Throws<ArgumentOutOfRangeException>(() => store.MaxEntries = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Retention = TimeSpan.Zero);
    }

    [Fact]
    public async Task The_verifier_forgets_a_generation_so_its_redelivery_is_accepted()
    {
        var key = new TestSigningKey("v1");
        var clock = new FakeTimeProvider(T0);
        var verifier = new IdeogramWebhookVerifier(new StaticWebhookKeySource(TestSigningKey.Set(key)), new IdeogramWebhookVerifierOptions { TimeProvider = clock });
        var delivery = Deliveries.Signed(key, T0);
        Assert.True((await verifier.VerifyAsync(delivery)).IsAccepted);
        Assert.Equal(WebhookRejectionReason.Duplicate, (await verifier.VerifyAsync(delivery)).Rejection);
        await verifier.ForgetAsync(delivery.GenerationId!);
        Assert.True((await verifier.VerifyAsync(delivery)).IsAccepted);
    }

    [Fact]
    public async Task Options_are_copied_when_the_verifier_is_built()
    {
        var key = new TestSigningKey("v1");
        var clock = new FakeTimeProvider(T0);
        var options = new IdeogramWebhookVerifierOptions { TimeProvider = clock };
        var verifier = new IdeogramWebhookVerifier(new StaticWebhookKeySource(TestSigningKey.Set(key)), options);
        options.ReplayWindow = TimeSpan.FromSeconds(1);
        Assert.True((await verifier.VerifyAsync(Deliveries.Signed(key, T0.AddMinutes(-4)))).IsAccepted);
    }

    [Fact]
    public async Task An_accepted_delivery_reads_with_a_reader_and_reports_a_misfit_by_path()
    {
        var key = new TestSigningKey("v1");
        var verifier = new IdeogramWebhookVerifier(new StaticWebhookKeySource(TestSigningKey.Set(key)), new IdeogramWebhookVerifierOptions { TimeProvider = new FakeTimeProvider(T0) });
        var result = await verifier.VerifyAsync(Deliveries.Signed(key, T0, generationId: "g1"));
        var webhook = Assert.IsType<IdeogramWebhook>(result.Webhook);
        Assert.Equal("g1", webhook.GenerationId);
        Assert.Equal("dXNlcl8xMjM", webhook.UserId);
        Assert.Equal("v1", webhook.KeyId);
        Assert.Equal(T0, webhook.ReceivedAt);

        var seed = webhook.ReadAs(FirstSeed);
        Assert.Equal(12345, seed);
        var e = Assert.Throws<IdeogramJsonFormatException>(() => webhook.ReadAs<int>((ref System.Text.Json.Utf8JsonReader r) => r.GetInt32()));
        Assert.Contains("generation g1", e.Message);
        Assert.DoesNotContain("cat", webhook.ToString());

        var rejected = await verifier.VerifyAsync(Deliveries.Signed(key, T0, generationId: "g1"));
        Assert.Null(rejected.Webhook);
    }

    [Fact]
    public async Task A_key_set_fetch_that_times_out_keeps_the_cached_set_and_counts_as_an_attempt()
    {
        var key = new TestSigningKey("v1");
        var handler = new ScriptedHandler(TestSigningKey.Jwks(key));
        var clock = new FakeTimeProvider(T0);
        var source = new JwksWebhookKeySource(() => new System.Net.Http.HttpClient(handler, disposeHandler: false), new Uri("https://keys.example/jwks.json"), clock);
        Assert.Equal("v1", Assert.Single((await source.GetKeysAsync(false, default)).Keys).KeyId);

        handler.TimeOut = true;
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("v1", Assert.Single((await source.GetKeysAsync(true, default)).Keys).KeyId);
        Assert.Equal(2, handler.Calls);
        // The failed attempt counts: another refresh within the minute does not fetch.
        Assert.Single((await source.GetKeysAsync(true, default)).Keys);
        Assert.Equal(2, handler.Calls);

        clock.Advance(TimeSpan.FromHours(24));
        var e = await Assert.ThrowsAsync<System.Net.Http.HttpRequestException>(() => source.GetKeysAsync(false, default).AsTask());
        Assert.Contains("timed out", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => source.MaxAge = TimeSpan.FromHours(25));
    }

    private sealed class ScriptedHandler : System.Net.Http.HttpMessageHandler
    {
        private readonly string _body;

        public ScriptedHandler(string body) => _body = body;

        public bool TimeOut;

        public int Calls;

        protected override Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
        {
            Calls++;
            if (TimeOut) throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException());
            return Task.FromResult(new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new System.Net.Http.StringContent(_body) });
        }
    }

    private static int FirstSeed(ref System.Text.Json.Utf8JsonReader reader)
    {
        IdeogramJson.ExpectObject(ref reader, "$");
        var seed = -1;
        while (IdeogramJson.NextProperty(ref reader, "$"))
        {
            var name = reader.GetString();
            IdeogramJson.Value(ref reader, "$." + name);
            if (name != "data") { IdeogramJson.Skip(ref reader, "$." + name); continue; }
            reader.Read();
            IdeogramJson.ExpectObject(ref reader, "$.data[0]");
            while (IdeogramJson.NextProperty(ref reader, "$.data[0]"))
            {
                var field = reader.GetString();
                IdeogramJson.Value(ref reader, "$.data[0]." + field);
                if (field == "seed") seed = IdeogramJson.ReadInt32(ref reader, "$.data[0].seed");
                else IdeogramJson.Skip(ref reader, "$.data[0]." + field);
            }
            reader.Read();
        }
        return seed;
    }
}
