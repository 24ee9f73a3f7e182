using System;

namespace IdeogramGen.Webhooks;

/// <summary>The outcome of verifying one delivery: accepted, or rejected with a reason and a message saying what was wrong.</summary>
public sealed class WebhookVerificationResult
{
    private WebhookVerificationResult(WebhookRejectionReason reason, string message, WebhookDelivery delivery, string? verifiedKeyId, DateTimeOffset? signedAt, IdeogramWebhook? webhook = null)
    {
        Webhook = webhook;
        Rejection = reason;
        Message = message;
        Delivery = delivery;
        VerifiedKeyId = verifiedKeyId;
        SignedAt = signedAt;
    }

    /// <summary>True when the delivery is authentic, fresh and not seen before.</summary>
    public bool IsAccepted => Rejection == WebhookRejectionReason.None;

    /// <summary>Why the delivery was rejected; <see cref="WebhookRejectionReason.None"/> when accepted.</summary>
    public WebhookRejectionReason Rejection { get; }

    /// <summary>What was checked and, on rejection, what was wrong. Never contains key material or the body.</summary>
    public string Message { get; }

    /// <summary>The delivery that was verified.</summary>
    public WebhookDelivery Delivery { get; }

    /// <summary>The generation the delivery is for, when the header was present.</summary>
    public string? GenerationId => Delivery.GenerationId;

    /// <summary>The <c>kid</c> of the key that verified the signature, when one did.</summary>
    public string? VerifiedKeyId { get; }

    /// <summary>The signing time from the timestamp header, when it could be read.</summary>
    public DateTimeOffset? SignedAt { get; }

    /// <summary>The verified delivery, ready to read; null unless <see cref="IsAccepted"/>.</summary>
    public IdeogramWebhook? Webhook { get; }

    internal static WebhookVerificationResult Accepted(WebhookDelivery delivery, IdeogramWebhook webhook) =>
        new WebhookVerificationResult(WebhookRejectionReason.None, $"Accepted: signed by key \"{webhook.KeyId}\" at {webhook.SignedAt:O} for generation {webhook.GenerationId}.", delivery, webhook.KeyId, webhook.SignedAt, webhook);

    internal static WebhookVerificationResult Rejected(WebhookRejectionReason reason, string message, WebhookDelivery delivery, string? keyId = null, DateTimeOffset? signedAt = null) =>
        new WebhookVerificationResult(reason, message, delivery, keyId, signedAt);

    /// <inheritdoc />
    public override string ToString() => IsAccepted ? Message : Rejection + ": " + Message;
}
