using System;

namespace IdeogramGen.Webhooks;

/// <summary>Settings of an <see cref="IdeogramWebhookVerifier"/>.</summary>
public sealed class IdeogramWebhookVerifierOptions
{
    /// <summary>The clock the replay window is measured with. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// How old a delivery's signing timestamp (<see cref="IdeogramWebhookHeaders.Timestamp"/>) may be. Default five
    /// minutes. Ideogram states no tolerance (neither the webhooks page nor the 2026-10-07 document does), so this is
    /// the receiver's choice: it bounds how long a captured delivery can be replayed, and must stay above the delivery's
    /// time in transit plus the clock difference between Ideogram and the receiver. Five minutes is the tolerance other
    /// signed-webhook schemes default to (Stripe's signature check, Slack's request signing). The de-duplication store
    /// must remember ids at least this long.
    /// </summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far in the future a signing timestamp may lie, for clock differences. Default one minute.</summary>
    public TimeSpan AllowedClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Where accepted generation ids are remembered so a repeated delivery is rejected as
    /// <see cref="WebhookRejectionReason.Duplicate"/>. Default an <see cref="InMemoryWebhookDeliveryStore"/> of this verifier
    /// (per process: applications with several instances plug in a shared store); null turns de-duplication off (the
    /// handler is then expected to be idempotent itself).
    /// </summary>
    public IWebhookDeliveryStore? DeliveryStore { get; set; } = new InMemoryWebhookDeliveryStore();
}
