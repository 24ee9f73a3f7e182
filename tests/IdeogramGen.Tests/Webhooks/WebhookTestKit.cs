using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Webhooks;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;
using Org.BouncyCastle.Security;

namespace IdeogramGen.Tests.Webhooks;

/// <summary>A test Ed25519 key pair and deliveries signed the way Ideogram's webhooks page describes, built independently of the verifier.</summary>
internal sealed class TestSigningKey
{
    private readonly Ed25519PrivateKeyParameters _private;

    public TestSigningKey(string keyId)
    {
        KeyId = keyId;
        _private = new Ed25519PrivateKeyParameters(new SecureRandom());
        PublicKey = _private.GeneratePublicKey().GetEncoded();
    }

    public string KeyId { get; }

    public byte[] PublicKey { get; }

    public string JwkJson() =>
        $"{{\"alg\":\"EdDSA\",\"crv\":\"Ed25519\",\"kid\":\"{KeyId}\",\"kty\":\"OKP\",\"use\":\"sig\",\"x\":\"{Convert.ToBase64String(PublicKey).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"}}";

    public string Sign(string generationId, string userId, string timestamp, byte[] body)
    {
        var hash = string.Concat(SHA256.HashData(body).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
        var message = Encoding.UTF8.GetBytes($"{generationId}\n{userId}\n{timestamp}\n{hash}");
        var signature = new byte[Ed25519.SignatureSize];
        _private.Sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.Length, signature, 0);
        return Convert.ToHexString(signature).ToLowerInvariant();
    }

    public static string Jwks(params TestSigningKey[] keys) => "{\"keys\":[" + string.Join(",", keys.Select(k => k.JwkJson())) + "]}";

    public static WebhookSigningKeySet Set(params TestSigningKey[] keys) => WebhookSigningKeySet.Parse(Jwks(keys));
}

/// <summary>A key source that serves a first set, then (on refresh) a second one, and counts the calls.</summary>
internal sealed class RotatingKeySource : IWebhookKeySource
{
    private readonly WebhookSigningKeySet _first;
    private readonly WebhookSigningKeySet _afterRefresh;
    private bool _refreshed;

    public RotatingKeySource(WebhookSigningKeySet first, WebhookSigningKeySet? afterRefresh = null)
    {
        _first = first;
        _afterRefresh = afterRefresh ?? first;
    }

    public int Refreshes { get; private set; }

    public ValueTask<WebhookSigningKeySet> GetKeysAsync(bool refresh, CancellationToken cancellationToken)
    {
        if (refresh)
        {
            Refreshes++;
            _refreshed = true;
        }
        return new ValueTask<WebhookSigningKeySet>(_refreshed ? _afterRefresh : _first);
    }
}

internal static class Deliveries
{
    public static byte[] Body(string generationId) => Encoding.UTF8.GetBytes(
        "{\"generation_id\":\"" + generationId + "\",\"created\":\"2026-12-01T10:00:00Z\",\"data\":[{\"url\":\"https://ideogram.ai/api/images/ephemeral/x.png\",\"prompt\":\"A photo of a cat\",\"resolution\":\"2048x2048\",\"seed\":12345,\"is_image_safe\":true}]}");

    public static WebhookDelivery Signed(TestSigningKey key, DateTimeOffset signedAt, string generationId = "xtdZiqPwRxqY1Y7NExFmzB", string userId = "dXNlcl8xMjM", byte[]? body = null, string? keyIdHeader = null)
    {
        body ??= Body(generationId);
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [IdeogramWebhookHeaders.GenerationId] = generationId,
            [IdeogramWebhookHeaders.UserId] = userId,
            [IdeogramWebhookHeaders.Timestamp] = timestamp,
            [IdeogramWebhookHeaders.KeyId] = keyIdHeader ?? key.KeyId,
            [IdeogramWebhookHeaders.Signature] = key.Sign(generationId, userId, timestamp, body),
        };
        return WebhookDelivery.FromHeaders(name => headers.TryGetValue(name, out var v) ? v : null, body);
    }

    public static WebhookDelivery With(this WebhookDelivery d, string? generationId = null, string? userId = null, string? timestamp = null, string? keyId = null, string? signature = null, byte[]? body = null) =>
        new WebhookDelivery(generationId ?? d.GenerationId, userId ?? d.UserId, timestamp ?? d.Timestamp, keyId ?? d.KeyId, signature ?? d.Signature, body ?? d.Body);
}
