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
