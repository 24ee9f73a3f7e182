using System;

namespace IdeogramGen.Webhooks;

/// <summary>
/// One webhook delivery as received: the values of Ideogram's <c>X-Ideogram-Webhook-*</c> headers and the raw body bytes
/// exactly as they arrived (the signature covers a hash of those bytes; a parsed and re-serialised body would not match).
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>Creates a delivery from its header values (null when a header is absent) and raw body.</summary>
    public WebhookDelivery(string? generationId, string? userId, string? timestamp, string? keyId, string? signature, ReadOnlyMemory<byte> body)
    {
        GenerationId = generationId;
        UserId = userId;
        Timestamp = timestamp;
        KeyId = keyId;
        Signature = signature;
        Body = body;
    }

    /// <summary>Reads the headers through <paramref name="header"/> (name → value, or null when absent; names are
    /// <see cref="IdeogramWebhookHeaders"/>' constants, to be matched case-insensitively as HTTP header names are).</summary>
    public static WebhookDelivery FromHeaders(Func<string, string?> header, ReadOnlyMemory<byte> body)
    {
        if (header is null) throw new ArgumentNullException(nameof(header));
        return new WebhookDelivery(header(IdeogramWebhookHeaders.GenerationId), header(IdeogramWebhookHeaders.UserId),
            header(IdeogramWebhookHeaders.Timestamp), header(IdeogramWebhookHeaders.KeyId), header(IdeogramWebhookHeaders.Signature), body);
    }

    /// <summary><see cref="IdeogramWebhookHeaders.GenerationId"/>.</summary>
    public string? GenerationId { get; }

    /// <summary><see cref="IdeogramWebhookHeaders.UserId"/>.</summary>
    public string? UserId { get; }

    /// <summary><see cref="IdeogramWebhookHeaders.Timestamp"/>, as sent (it is part of the signed message verbatim).</summary>
    public string? Timestamp { get; }

    /// <summary><see cref="IdeogramWebhookHeaders.KeyId"/>.</summary>
    public string? KeyId { get; }

    /// <summary><see cref="IdeogramWebhookHeaders.Signature"/>.</summary>
    public string? Signature { get; }

    /// <summary>The raw request body.</summary>
    public ReadOnlyMemory<byte> Body { get; }
}
