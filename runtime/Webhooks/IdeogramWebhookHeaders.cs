namespace IdeogramGen.Webhooks;

/// <summary>
/// The headers Ideogram sends with every webhook delivery (developer.ideogram.ai <c>ideogram-api/webhooks</c>, "Request
/// headers").
/// </summary>
public static class IdeogramWebhookHeaders
{
    /// <summary>URL-safe base64 ID of the generation; matches <c>generation_id</c> in the body.</summary>
    public const string GenerationId = "X-Ideogram-Webhook-Generation-Id";

    /// <summary>URL-safe base64 ID of the account that initiated the request.</summary>
    public const string UserId = "X-Ideogram-Webhook-User-Id";

    /// <summary>Unix seconds (decimal) at which the request was signed.</summary>
    public const string Timestamp = "X-Ideogram-Webhook-Timestamp";

    /// <summary>The <c>kid</c> of the signing key: a hint for which public key to try first, not a requirement.</summary>
    public const string KeyId = "X-Ideogram-Webhook-Key-Id";

    /// <summary>The Ed25519 signature, lowercase hex.</summary>
    public const string Signature = "X-Ideogram-Webhook-Signature";
}
