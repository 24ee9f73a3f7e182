using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace IdeogramGen.Webhooks;

/// <summary>
/// Ideogram's webhook signing keys, read from the JSON Web Key Set published at
/// <c>https://api.ideogram.ai/v1/.well-known/jwks.json</c> (2026-10-07 OpenAPI document,
/// <c>#/paths/~1v1~1.well-known~1jwks.json/get</c>): the current signing key plus keys recently rotated out.
/// </summary>
/// <remarks>
/// Keys other than Ed25519 signing keys (<c>kty</c> OKP, <c>crv</c> Ed25519, <c>use</c> sig when present, <c>alg</c> EdDSA
/// when present) are skipped, as JWKS readers do with key types they do not use. An Ed25519 key without a <c>kid</c> or
/// whose <c>x</c> is not 32 bytes of base64url is an error.
/// </remarks>
public sealed class WebhookSigningKeySet
{
    /// <summary>Where Ideogram publishes the key set (developer.ideogram.ai <c>ideogram-api/webhooks</c>, step 1).</summary>
    public static readonly Uri DefaultJwksUri = new Uri("https://api.ideogram.ai/v1/.well-known/jwks.json");

    /// <summary>Creates a set from keys already read.</summary>
    /// <exception cref="ArgumentException"><paramref name="keys"/> is empty.</exception>
    public WebhookSigningKeySet(IEnumerable<WebhookSigningKey> keys)
    {
        if (keys is null) throw new ArgumentNullException(nameof(keys));
        Keys = keys.ToArray();
        if (Keys.Count == 0) throw new ArgumentException("A webhook signing key set needs at least one key.", nameof(keys));
    }

    /// <summary>The Ed25519 keys of the set, in document order.</summary>
    public IReadOnlyList<WebhookSigningKey> Keys { get; }

    /// <summary>
    /// The keys to try for a delivery: those whose <c>kid</c> equals <paramref name="keyIdHint"/> first, then the others
    /// ("tells you which key to try first, but fall back to the others", developer.ideogram.ai <c>ideogram-api/webhooks</c>).
    /// </summary>
    public IEnumerable<WebhookSigningKey> InTryOrder(string? keyIdHint) =>
        keyIdHint is null ? Keys : Keys.Where(k => k.KeyId == keyIdHint).Concat(Keys.Where(k => k.KeyId != keyIdHint));

    /// <summary>Reads a JWKS document (UTF-8 JSON).</summary>
    /// <exception cref="WebhookKeySetException">The document is not JSON, has no <c>keys</c> array, holds a malformed Ed25519 key, or holds no Ed25519 signing key.</exception>
    public static WebhookSigningKeySet Parse(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new WebhookKeySetException("The webhook key set is not valid JSON: " + e.Message, e);
        }
        using (document) return Read(document.RootElement);
    }

    /// <summary>Reads a JWKS document.</summary>
    /// <exception cref="WebhookKeySetException">See <see cref="Parse(ReadOnlySpan{byte})"/>.</exception>
    public static WebhookSigningKeySet Parse(string json)
    {
        if (json is null) throw new ArgumentNullException(nameof(json));
        return Parse(System.Text.Encoding.UTF8.GetBytes(json));
    }

    private static WebhookSigningKeySet Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            throw new WebhookKeySetException("The webhook key set must be a JSON object with a \"keys\" array (RFC 7517).");
        var result = new List<WebhookSigningKey>();
        var index = 0;
        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object)
                throw new WebhookKeySetException($"keys[{index}] is not a JSON object.");
            if (String(key, "kty") == "OKP" && String(key, "crv") == "Ed25519" && (String(key, "use") ?? "sig") == "sig" && (String(key, "alg") ?? "EdDSA") == "EdDSA")
            {
                var kid = String(key, "kid");
                if (string.IsNullOrEmpty(kid)) throw new WebhookKeySetException($"keys[{index}] is an Ed25519 key without a \"kid\".");
                var x = String(key, "x") ?? throw new WebhookKeySetException($"keys[{index}] (kid \"{kid}\") has no \"x\".");
                var bytes = Base64Url.TryDecode(x);
                if (bytes is null || bytes.Length != WebhookSigningKey.PublicKeyLength)
                    throw new WebhookKeySetException($"keys[{index}] (kid \"{kid}\"): \"x\" must be the {WebhookSigningKey.PublicKeyLength}-byte public key in base64url without padding.");
                result.Add(new WebhookSigningKey(kid!, bytes));
            }
            index++;
        }
        if (result.Count == 0) throw new WebhookKeySetException("The webhook key set holds no Ed25519 signing key (kty \"OKP\", crv \"Ed25519\").");
        return new WebhookSigningKeySet(result);
    }

    private static string? String(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
