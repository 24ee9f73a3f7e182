using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace IdeogramGen.Webhooks;

/// <summary>
/// Verifies Ideogram webhook deliveries as developer.ideogram.ai <c>ideogram-api/webhooks</c> ("Verifying the signature")
/// and the 2026-10-07 OpenAPI document (<c>#/paths/~1v1~1.well-known~1jwks.json/get</c>) describe them: an Ed25519
/// signature, hex in <see cref="IdeogramWebhookHeaders.Signature"/>, over the UTF-8 message
/// <c>generation id \n user id \n timestamp \n hex(SHA-256(raw body))</c>; the key named by
/// <see cref="IdeogramWebhookHeaders.KeyId"/> is tried first, then every other key of the set; when none verifies, the set
/// is fetched again once in case the keys rotated. A fresh timestamp (<see cref="IdeogramWebhookVerifierOptions.ReplayWindow"/>),
/// a body whose <c>generation_id</c> matches the header, and a generation not accepted before are required as well.
/// </summary>
/// <remarks>
/// <para>The document names the message's first value <c>request_id</c>. The webhooks page's step 2 ("Rebuild the signed
/// message. Concatenate these four values in this exact order, joined with single newline separators, then encode the
/// result as UTF-8") introduces a list that the copies of the page available when this was written do not contain, nor
/// does the text of its Python example. The only request-identifying header a delivery carries is
/// <see cref="IdeogramWebhookHeaders.GenerationId"/>, which is what is used: an inference, recorded as such in
/// <c>description/newer-facts.json</c> (<c>webhook.signed-message.first-value</c>).</para>
/// <para>Framework-free: feed it the header values and the raw body bytes (<see cref="WebhookDelivery"/>); package
/// <c>IdeogramGen.Webhooks.AspNetCore</c> does that for an ASP.NET Core endpoint.</para>
/// </remarks>
public sealed class IdeogramWebhookVerifier
{
    private const int SignatureLength = 64;
    private readonly IWebhookKeySource _keys;
    private readonly IdeogramWebhookVerifierOptions _options;

    /// <summary>Creates a verifier over <paramref name="keys"/>.</summary>
    /// <param name="keys">Where the signing keys come from: usually a <see cref="JwksWebhookKeySource"/>.</param>
    /// <param name="options">Replay window, clock, de-duplication store; null for the defaults. Copied: later changes have no effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> is null.</exception>
    /// <exception cref="ArgumentException">The options' clock is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The replay window is not positive or the clock skew is negative.</exception>
    public IdeogramWebhookVerifier(IWebhookKeySource keys, IdeogramWebhookVerifierOptions? options = null)
    {
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        // A copy: changing the options afterwards does not change a verifier in use.
        var o = options ?? new IdeogramWebhookVerifierOptions();
        _options = new IdeogramWebhookVerifierOptions
        {
            TimeProvider = o.TimeProvider!, ReplayWindow = o.ReplayWindow, AllowedClockSkew = o.AllowedClockSkew, DeliveryStore = o.DeliveryStore,
        };
        if (_options.TimeProvider is null) throw new ArgumentException("IdeogramWebhookVerifierOptions.TimeProvider must not be null.", nameof(options));
        if (_options.ReplayWindow <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), _options.ReplayWindow, "The replay window must be positive.");
        if (_options.AllowedClockSkew < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), _options.AllowedClockSkew, "The allowed clock skew must not be negative.");
    }

    /// <summary>
    /// Verifies one delivery; never throws for anything wrong with the delivery itself. In order: the required headers are
    /// present; the timestamp is decimal Unix seconds inside the replay window and not beyond the clock skew; the
    /// signature is 64 bytes of hex and verifies with a published key (the set is fetched again once when none does);
    /// the body is JSON whose <c>generation_id</c> equals the header; the generation was not accepted before (recorded now).
    /// </summary>
    /// <returns>Accepted, or rejected with the <see cref="WebhookRejectionReason"/> and a message saying what was wrong.</returns>
    /// <exception cref="System.Net.Http.HttpRequestException">The key source could not fetch the key set (the delivery was not judged; answer with a server error).</exception>
    /// <exception cref="WebhookKeySetException">The key source fetched a document that is not a usable key set.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<WebhookVerificationResult> VerifyAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        if (delivery is null) throw new ArgumentNullException(nameof(delivery));
        var missing = new[]
        {
            (IdeogramWebhookHeaders.GenerationId, delivery.GenerationId), (IdeogramWebhookHeaders.UserId, delivery.UserId),
            (IdeogramWebhookHeaders.Timestamp, delivery.Timestamp), (IdeogramWebhookHeaders.Signature, delivery.Signature),
        }.Where(h => string.IsNullOrEmpty(h.Item2)).Select(h => h.Item1).ToArray();
        if (missing.Length > 0)
            return WebhookVerificationResult.Rejected(WebhookRejectionReason.MissingHeader, "Missing header(s): " + string.Join(", ", missing) + ".", delivery);

        if (!TryParseUnixSeconds(delivery.Timestamp!, out var signedAt))
            return WebhookVerificationResult.Rejected(WebhookRejectionReason.MalformedTimestamp,
                $"{IdeogramWebhookHeaders.Timestamp} must be Unix seconds in decimal; got \"{Shorten(delivery.Timestamp!)}\".", delivery);
        var now = _options.TimeProvider.GetUtcNow();
        if (now - signedAt > _options.ReplayWindow)
            return WebhookVerificationResult.Rejected(WebhookRejectionReason.StaleTimestamp,
                $"Signed at {signedAt:O}, {(now - signedAt).TotalSeconds:0} s ago; the replay window is {_options.ReplayWindow.TotalSeconds:0} s.", delivery, signedAt: signedAt);
        if (signedAt - now > _options.AllowedClockSkew)
            return WebhookVerificationResult.Rejected(WebhookRejectionReason.TimestampInFuture,
                $"Signed at {signedAt:O}, {(signedAt - now).TotalSeconds:0} s in the future; the allowed clock skew is {_options.AllowedClockSkew.TotalSeconds:0} s.", delivery, signedAt: signedAt);

        var signature = TryDecodeHex(delivery.Signature!);
        if (signature is null || signature.Length != SignatureLength)
            return WebhookVerificationResult.Rejected(WebhookRejectionReason.MalformedSignature,
                $"{IdeogramWebhookHeaders.Signature} must be the {SignatureLength}-byte Ed25519 signature in hex ({SignatureLength * 2} hex digits); got {delivery.Signature!.Length} characters.", delivery, signedAt: signedAt);

        var message = SignedMessage(delivery);
        var keys = await _keys.GetKeysAsync(refresh: false, cancellationToken).ConfigureAwait(false);
        var verifiedBy = FindVerifyingKey(keys, delivery.KeyId, signature, message);
        if (verifiedBy is null)
        {
            var fresh = await _keys.GetKeysAsync(refresh: true, cancellationToken).ConfigureAwait(false);
            if (!ReferenceEquals(fresh, keys)) verifiedBy = FindVerifyingKey(fresh, delivery.KeyId, signature, message);
            keys = fresh;
        }
        if (verifiedBy is null)
            return WebhookVerificationResult.Rejected(WebhookRejectionReason.InvalidSignature,
                $"No key of the published set (kid {string.Join(", ", keys.Keys.Select(k => "\"" + k.KeyId + "\""))}) verifies the signature over this delivery's generation id, user id, timestamp and body"
                + (delivery.KeyId is null || keys.Keys.Any(k => k.KeyId == delivery.KeyId) ? "." : $"; the delivery names key \"{Shorten(delivery.KeyId)}\", which the set does not hold."),
                delivery, signedAt: signedAt);

        var bodyGenerationId = TryReadGenerationId(delivery.Body);
        if (bodyGenerationId is null)
            return WebhookVerificationResult.Rejected(WebhookRejectionReason.MalformedBody,
                "The signature verifies, but the body is not a JSON object with a string \"generation_id\".", delivery, verifiedBy.KeyId, signedAt);
        if (!Org.BouncyCastle.Utilities.Arrays.FixedTimeEquals(Encoding.UTF8.GetBytes(bodyGenerationId), Encoding.UTF8.GetBytes(delivery.GenerationId!)))
            return WebhookVerificationResult.Rejected(WebhookRejectionReason.GenerationIdMismatch,
                $"The body's generation_id differs from {IdeogramWebhookHeaders.GenerationId}.", delivery, verifiedBy.KeyId, signedAt);

        if (_options.DeliveryStore is { } store && !await store.TryRecordAsync(delivery.GenerationId!, now, cancellationToken).ConfigureAwait(false))
            return WebhookVerificationResult.Rejected(WebhookRejectionReason.Duplicate,
                $"A delivery for generation {delivery.GenerationId} was accepted before.", delivery, verifiedBy.KeyId, signedAt);

        return WebhookVerificationResult.Accepted(delivery, new IdeogramWebhook(delivery.GenerationId!, delivery.UserId!, verifiedBy.KeyId, signedAt, now, delivery.Body));
    }

    /// <summary>
    /// Forgets that a delivery of <paramref name="generationId"/> was accepted, so that Ideogram's next delivery of it is
    /// processed rather than answered as a duplicate: call it when handling an accepted delivery failed (and the receiver
    /// answers with an error). Does nothing without a <see cref="IdeogramWebhookVerifierOptions.DeliveryStore"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="generationId"/> is null.</exception>
    public ValueTask ForgetAsync(string generationId, CancellationToken cancellationToken = default)
    {
        if (generationId is null) throw new ArgumentNullException(nameof(generationId));
        return _options.DeliveryStore is { } store ? store.ForgetAsync(generationId, cancellationToken) : default;
    }

    /// <summary>
    /// The bytes Ideogram signs for <paramref name="delivery"/>: generation id, user id and timestamp as sent, and the
    /// lowercase hex SHA-256 of the raw body, joined by single <c>\n</c> and encoded as UTF-8.
    /// </summary>
    public static byte[] SignedMessage(WebhookDelivery delivery)
    {
        if (delivery is null) throw new ArgumentNullException(nameof(delivery));
        byte[] hash;
        using (var sha = SHA256.Create()) hash = sha.ComputeHash(delivery.Body.ToArray());
        var hex = new StringBuilder(hash.Length * 2);
        foreach (var b in hash) hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        return Encoding.UTF8.GetBytes(delivery.GenerationId + "\n" + delivery.UserId + "\n" + delivery.Timestamp + "\n" + hex);
    }

    private static WebhookSigningKey? FindVerifyingKey(WebhookSigningKeySet keys, string? keyIdHint, byte[] signature, byte[] message)
    {
        foreach (var key in keys.InTryOrder(keyIdHint))
            if (Ed25519.Verify(signature, 0, key.PublicKeyArray, 0, message, 0, message.Length)) return key;
        return null;
    }

    private static bool TryParseUnixSeconds(string value, out DateTimeOffset at)
    {
        at = default;
        var dot = value.IndexOf('.');
        var whole = dot < 0 ? value : value.Substring(0, dot);
        var fraction = dot < 0 ? "" : value.Substring(dot + 1);
        if (whole.Length == 0 || whole.Length > 12 || !whole.All(c => c >= '0' && c <= '9')) return false;
        if (dot >= 0 && (fraction.Length == 0 || !fraction.All(c => c >= '0' && c <= '9'))) return false;
        var seconds = long.Parse(whole, CultureInfo.InvariantCulture);
        if (seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()) return false;
        at = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (fraction.Length > 0) at = at.AddTicks((long)(double.Parse("0." + fraction, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));
        return true;
    }

    private static byte[]? TryDecodeHex(string value)
    {
        if (value.Length % 2 != 0) return null;
        var bytes = new byte[value.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            var hi = HexValue(value[2 * i]);
            var lo = HexValue(value[2 * i + 1]);
            if (hi < 0 || lo < 0) return null;
            bytes[i] = (byte)(hi << 4 | lo);
        }
        return bytes;
    }

    private static int HexValue(char c) => c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

    private static string? TryReadGenerationId(ReadOnlyMemory<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body.Span);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("generation_id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A header value fit for a message: at most 64 characters, control characters replaced (no log forging).</summary>
    private static string Shorten(string value)
    {
        var text = value.Length <= 64 ? value : value.Substring(0, 64) + "…";
        return text.Any(char.IsControl) ? new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray()) : text;
    }
}
