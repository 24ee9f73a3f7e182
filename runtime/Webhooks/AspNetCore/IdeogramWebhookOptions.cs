using System;

namespace IdeogramGen.Webhooks.AspNetCore;

/// <summary>Settings of the webhook receiver registered by <see cref="IdeogramWebhookServiceCollectionExtensions.AddIdeogramWebhooks"/>.</summary>
public sealed class IdeogramWebhookOptions
{
    /// <summary>
    /// Where Ideogram's signing keys are published. Default <see cref="WebhookSigningKeySet.DefaultJwksUri"/>
    /// (<c>https://api.ideogram.ai/v1/.well-known/jwks.json</c>); tests point it at the emulator's key set.
    /// </summary>
    public Uri JwksUri { get; set; } = WebhookSigningKeySet.DefaultJwksUri;

    /// <summary>How old a delivery's signing timestamp may be; see <see cref="IdeogramWebhookVerifierOptions.ReplayWindow"/>. Default five minutes.</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far in the future a signing timestamp may lie. Default one minute.</summary>
    public TimeSpan AllowedClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a fetched key set is used; see <see cref="JwksWebhookKeySource.MaxAge"/>. Default and maximum 24 hours.</summary>
    public TimeSpan KeySetMaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The shortest time between two key-set fetches forced by an unverifiable delivery; see <see cref="JwksWebhookKeySource.MinRefreshInterval"/>. Default one minute.</summary>
    public TimeSpan KeySetMinRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The largest body read, in bytes; a larger delivery is answered 413 without being read further. Default 1 MiB: a
    /// delivery holds the generation's metadata (links, prompts, seeds), never image bytes.
    /// </summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Whether a repeated delivery of an accepted generation is answered 200 without calling the handler again. Default
    /// true, with the registered <see cref="IWebhookDeliveryStore"/> (an <see cref="InMemoryWebhookDeliveryStore"/> unless
    /// the application registers its own, which it must when several instances receive the same webhook URL).
    /// </summary>
    public bool Deduplicate { get; set; } = true;
}
