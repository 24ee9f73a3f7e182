using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using IdeogramGen.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace IdeogramGen.Tests.Webhooks;

/// <summary>The verifier accepts deliveries signed as Ideogram documents and rejects every tampered or replayed variant with its reason.</summary>
public class IdeogramWebhookVerifierTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new FakeTimeProvider(Now);
    private readonly TestSigningKey _key = new TestSigningKey("v1");

    private IdeogramWebhookVerifier Verifier(IWebhookKeySource? keys = null, IWebhookDeliveryStore? store = null) =>
        new IdeogramWebhookVerifier(keys ?? new StaticWebhookKeySource(TestSigningKey.Set(_key)),
            new IdeogramWebhookVerifierOptions { TimeProvider = _clock, DeliveryStore = store ?? new InMemoryWebhookDeliveryStore() });

    [Fact]
    public async Task Accepts_a_delivery_signed_as_documented()
    {
        var result = await Verifier().VerifyAsync(Deliveries.Signed(_key, Now.AddSeconds(-3)));
        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal(WebhookRejectionReason.None, result.Rejection);
        Assert.Equal("v1", result.VerifiedKeyId);
        Assert.Equal("xtdZiqPwRxqY1Y7NExFmzB", result.GenerationId);
        Assert.Equal(Now.AddSeconds(-3), result.SignedAt);
    }

    [Fact]
    public async Task Signed_message_is_generation_user_timestamp_and_body_hash_joined_by_newlines()
    {
        var body = Encoding.UTF8.GetBytes("{\"generation_id\":\"g\"}");
        var message = IdeogramWebhookVerifier.SignedMessage(new WebhookDelivery("g", "u", "1764583200", "v1", "00", body));
        Assert.Equal("g\nu\n1764583200\n" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body)).ToLowerInvariant(), Encoding.UTF8.GetString(message));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Rejects_a_tampered_body()
    {
        var delivery = Deliveries.Signed(_key, Now);
        var body = delivery.Body.ToArray();
        var at = Encoding.UTF8.GetString(body).IndexOf("cat", StringComparison.Ordinal);
        body[at] = (byte)'b';
        var result = await Verifier().VerifyAsync(delivery.With(body: body));
        Assert.Equal(WebhookRejectionReason.InvalidSignature, result.Rejection);
        Assert.False(result.IsAccepted);
    }

    [Fact]
    public async Task Rejects_a_tampered_timestamp()
    {
        var delivery = Deliveries.Signed(_key, Now.AddSeconds(-10));
        var result = await Verifier().VerifyAsync(delivery.With(timestamp: Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(WebhookRejectionReason.InvalidSignature, result.Rejection);
    }

    [Fact]
    public async Task Rejects_a_tampered_user_or_generation_header()
    {
        var delivery = Deliveries.Signed(_key, Now);
        Assert.Equal(WebhookRejectionReason.InvalidSignature, (await Verifier().VerifyAsync(delivery.With(userId: "b3RoZXI"))).Rejection);
        Assert.Equal(WebhookRejectionReason.InvalidSignature, (await Verifier().VerifyAsync(delivery.With(generationId: "other"))).Rejection);
    }

    [Fact]
    public async Task Rejects_a_stale_delivery_and_one_signed_in_the_future()
    {
        var stale = await Verifier().VerifyAsync(Deliveries.Signed(_key, Now.AddMinutes(-6)));
        Assert.Equal(WebhookRejectionReason.StaleTimestamp, stale.Rejection);
        Assert.Contains("replay window is 300 s", stale.Message);

        var future = await Verifier().VerifyAsync(Deliveries.Signed(_key, Now.AddMinutes(2)));
        Assert.Equal(WebhookRejectionReason.TimestampInFuture, future.Rejection);

        var delivery = Deliveries.Signed(_key, Now);
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Equal(WebhookRejectionReason.StaleTimestamp, (await Verifier().VerifyAsync(delivery)).Rejection);
    }

    [Fact]
    public async Task Rejects_a_signature_by_a_key_outside_the_set_after_fetching_the_set_again_once()
    {
        var stranger = new TestSigningKey("v1");
        var keys = new RotatingKeySource(TestSigningKey.Set(_key));
        var result = await Verifier(keys).VerifyAsync(Deliveries.Signed(stranger, Now));
        Assert.Equal(WebhookRejectionReason.InvalidSignature, result.Rejection);
        Assert.Equal(1, keys.Refreshes);
    }

    [Fact]
    public async Task A_wrong_key_id_is_only_a_hint_every_key_of_the_set_is_tried()
    {
        var other = new TestSigningKey("v0");
        var verifier = Verifier(new StaticWebhookKeySource(TestSigningKey.Set(other, _key)));
        var hintedWrong = await verifier.VerifyAsync(Deliveries.Signed(_key, Now, generationId: "g1", keyIdHeader: "v0"));
        Assert.True(hintedWrong.IsAccepted, hintedWrong.ToString());
        Assert.Equal("v1", hintedWrong.VerifiedKeyId);

        var unknown = await verifier.VerifyAsync(Deliveries.Signed(new TestSigningKey("v9"), Now, generationId: "g2"));
        Assert.Equal(WebhookRejectionReason.InvalidSignature, unknown.Rejection);
        Assert.Contains("names key \"v9\", which the set does not hold", unknown.Message);
    }

    [Fact]
    public async Task A_rotated_key_is_picked_up_by_fetching_the_set_again()
    {
        var next = new TestSigningKey("v2");
        var keys = new RotatingKeySource(TestSigningKey.Set(_key), TestSigningKey.Set(_key, next));
        var verifier = Verifier(keys);
        Assert.True((await verifier.VerifyAsync(Deliveries.Signed(_key, Now, generationId: "a"))).IsAccepted);
        Assert.Equal(0, keys.Refreshes);
        var rotated = await verifier.VerifyAsync(Deliveries.Signed(next, Now, generationId: "b"));
        Assert.True(rotated.IsAccepted, rotated.ToString());
        Assert.Equal("v2", rotated.VerifiedKeyId);
        Assert.Equal(1, keys.Refreshes);
    }

    [Fact]
    public async Task Rejects_a_duplicate_delivery_of_the_same_generation()
    {
        var verifier = Verifier();
        var delivery = Deliveries.Signed(_key, Now);
        Assert.True((await verifier.VerifyAsync(delivery)).IsAccepted);
        var again = await verifier.VerifyAsync(delivery);
        Assert.Equal(WebhookRejectionReason.Duplicate, again.Rejection);
        Assert.Equal("v1", again.VerifiedKeyId);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(WebhookRejectionReason.Duplicate, (await verifier.VerifyAsync(Deliveries.Signed(_key, _clock.GetUtcNow()))).Rejection);
    }

    [Fact]
    public async Task Without_a_store_a_repeated_delivery_is_accepted_again()
    {
        var verifier = new IdeogramWebhookVerifier(new StaticWebhookKeySource(TestSigningKey.Set(_key)), new IdeogramWebhookVerifierOptions { TimeProvider = _clock, DeliveryStore = null });
        var delivery = Deliveries.Signed(_key, Now);
        Assert.True((await verifier.VerifyAsync(delivery)).IsAccepted);
        Assert.True((await verifier.VerifyAsync(delivery)).IsAccepted);
    }

    [Fact]
    public async Task A_rejected_delivery_does_not_use_up_its_generation_id()
    {
        var verifier = Verifier();
        var good = Deliveries.Signed(_key, Now);
        Assert.Equal(WebhookRejectionReason.InvalidSignature, (await verifier.VerifyAsync(good.With(signature: new string('0', 128)))).Rejection);
        Assert.True((await verifier.VerifyAsync(good)).IsAccepted);
    }

    [Fact]
    public async Task Names_every_missing_header()
    {
        var result = await Verifier().VerifyAsync(new WebhookDelivery(null, "u", "", null, null, Deliveries.Body("g")));
        Assert.Equal(WebhookRejectionReason.MissingHeader, result.Rejection);
        Assert.Contains(IdeogramWebhookHeaders.GenerationId, result.Message);
        Assert.Contains(IdeogramWebhookHeaders.Timestamp, result.Message);
        Assert.Contains(IdeogramWebhookHeaders.Signature, result.Message);
        Assert.DoesNotContain(IdeogramWebhookHeaders.UserId, result.Message);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1e9")]
    [InlineData("12.")]
    [InlineData("99999999999999999999")]
    public async Task Rejects_a_timestamp_that_is_not_decimal_unix_seconds(string timestamp)
    {
        var result = await Verifier().VerifyAsync(Deliveries.Signed(_key, Now).With(timestamp: timestamp));
        Assert.Equal(WebhookRejectionReason.MalformedTimestamp, result.Rejection);
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("abcd")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    public async Task Rejects_a_signature_that_is_not_64_bytes_of_hex(string signature)
    {
        var result = await Verifier().VerifyAsync(Deliveries.Signed(_key, Now).With(signature: signature));
        Assert.Equal(WebhookRejectionReason.MalformedSignature, result.Rejection);
    }

    [Fact]
    public async Task Accepts_an_uppercase_hex_signature()
    {
        var delivery = Deliveries.Signed(_key, Now);
        Assert.True((await Verifier().VerifyAsync(delivery.With(signature: delivery.Signature!.ToUpperInvariant()))).IsAccepted);
    }

    [Fact]
    public async Task Rejects_a_signed_body_whose_generation_id_differs_from_the_header()
    {
        var result = await Verifier().VerifyAsync(Deliveries.Signed(_key, Now, generationId: "header-id", body: Deliveries.Body("body-id")));
        Assert.Equal(WebhookRejectionReason.GenerationIdMismatch, result.Rejection);
    }

    [Fact]
    public async Task Rejects_a_signed_body_that_is_not_the_documented_json()
    {
        var result = await Verifier().VerifyAsync(Deliveries.Signed(_key, Now, body: Encoding.UTF8.GetBytes("not json")));
        Assert.Equal(WebhookRejectionReason.MalformedBody, result.Rejection);
    }

    [Fact]
    public void Rejects_nonsensical_options()
    {
        var keys = new StaticWebhookKeySource(TestSigningKey.Set(_key));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdeogramWebhookVerifier(keys, new IdeogramWebhookVerifierOptions { ReplayWindow = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdeogramWebhookVerifier(keys, new IdeogramWebhookVerifierOptions { AllowedClockSkew = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public async Task Messages_carry_no_key_material_or_body()
    {
        var delivery = Deliveries.Signed(new TestSigningKey("v1"), Now);
        var result = await Verifier().VerifyAsync(delivery);
        var x = TestSigningKey.Jwks(_key);
        Assert.DoesNotContain("cat", result.Message);
        Assert.DoesNotContain(delivery.Signature!, result.ToString());
        Assert.DoesNotContain(x.Split("\"x\":\"")[1].Split('"')[0], result.ToString());
    }
}
