using System;

namespace IdeogramGen.Webhooks;

/// <summary>Why a delivery was rejected.</summary>
public enum WebhookRejectionReason
{
    /// <summary>Not rejected.</summary>
    None = 0,

    /// <summary>A required <c>X-Ideogram-Webhook-*</c> header is absent or empty.</summary>
    MissingHeader,

    /// <summary>The timestamp header is not Unix seconds in decimal.</summary>
    MalformedTimestamp,

    /// <summary>The timestamp is older than the replay window allows.</summary>
    StaleTimestamp,

    /// <summary>The timestamp lies further in the future than the allowed clock skew.</summary>
    TimestampInFuture,

    /// <summary>The signature header is not 64 bytes of hex.</summary>
    MalformedSignature,

    /// <summary>No key of the published set (fetched again once) verifies the signature over the delivery.</summary>
    InvalidSignature,

    /// <summary>The signature verifies but the body is not the JSON delivery Ideogram documents.</summary>
    MalformedBody,

    /// <summary>The body's <c>generation_id</c> differs from the generation-id header.</summary>
    GenerationIdMismatch,

    /// <summary>A delivery for this generation was accepted before.</summary>
    Duplicate,
}

/// <summary>The outcome of verifying one delivery: accepted, or rejected with a reason and a message saying what was wrong.</summary>
public sealed class WebhookVerificationResult
{
    private WebhookVerificationResult(WebhookRejectionReason reason, string message, WebhookDelivery delivery, string? verifiedKeyId, DateTimeOffset? signedAt)
    {
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

    internal static WebhookVerificationResult Accepted(WebhookDelivery delivery, string keyId, DateTimeOffset signedAt) =>
        new WebhookVerificationResult(WebhookRejectionReason.None, $"Accepted: signed by key \"{keyId}\" at {signedAt:O} for generation {delivery.GenerationId}.", delivery, keyId, signedAt);

    internal static WebhookVerificationResult Rejected(WebhookRejectionReason reason, string message, WebhookDelivery delivery, string? keyId = null, DateTimeOffset? signedAt = null) =>
        new WebhookVerificationResult(reason, message, delivery, keyId, signedAt);

    /// <inheritdoc />
    public override string ToString() => IsAccepted ? Message : Rejection + ": " + Message;
}
