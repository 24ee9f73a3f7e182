using System;

namespace IdeogramGen.Webhooks;

/// <summary>
/// One Ed25519 public key from Ideogram's webhook key set (2026-10-07 OpenAPI document,
/// <c>#/components/schemas/WebhookSigningJwk</c>: <c>kty</c> OKP, <c>crv</c> Ed25519, <c>x</c> = the 32-byte key,
/// base64url without padding).
/// </summary>
public sealed class WebhookSigningKey
{
    /// <summary>Length of an Ed25519 public key, in bytes.</summary>
    public const int PublicKeyLength = 32;

    private readonly byte[] _publicKey;

    /// <summary>Creates a key from its <c>kid</c> and its 32 public-key bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="keyId"/> is empty or <paramref name="publicKey"/> is not 32 bytes.</exception>
    public WebhookSigningKey(string keyId, ReadOnlySpan<byte> publicKey)
    {
        if (string.IsNullOrEmpty(keyId)) throw new ArgumentException("A webhook signing key needs a non-empty kid.", nameof(keyId));
        if (publicKey.Length != PublicKeyLength)
            throw new ArgumentException($"An Ed25519 public key is {PublicKeyLength} bytes; got {publicKey.Length}.", nameof(publicKey));
        KeyId = keyId;
        _publicKey = publicKey.ToArray();
    }

    /// <summary>The key's <c>kid</c>, stable across rotations of the same key.</summary>
    public string KeyId { get; }

    /// <summary>The 32 public-key bytes.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    internal byte[] PublicKeyArray => _publicKey;

    /// <inheritdoc />
    public override string ToString() => "Ed25519 key " + KeyId;
}
