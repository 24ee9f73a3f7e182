using System;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IdeogramGen.Webhooks.AspNetCore;

/// <summary>Registers the webhook verifier for <see cref="IdeogramWebhookEndpointRouteBuilderExtensions.MapIdeogramWebhook(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, string, Func{IdeogramWebhook, System.Threading.CancellationToken, System.Threading.Tasks.Task})"/>.</summary>
public static class IdeogramWebhookServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> (from <see cref="IHttpClientFactory"/>) that fetches the key set.</summary>
    public const string JwksHttpClientName = "IdeogramGen.Webhooks.Jwks";

    /// <summary>
    /// Registers, as singletons: <see cref="IdeogramWebhookOptions"/> (validated at start), an
    /// <see cref="IWebhookDeliveryStore"/> (an <see cref="InMemoryWebhookDeliveryStore"/> unless one is registered), an
    /// <see cref="IWebhookKeySource"/> (a <see cref="JwksWebhookKeySource"/> on the named client
    /// <see cref="JwksHttpClientName"/>, unless one is registered) and the <see cref="IdeogramWebhookVerifier"/>. The clock
    /// is the registered <see cref="TimeProvider"/>, else <see cref="TimeProvider.System"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the options; null keeps the defaults.</param>
    /// <returns>The builder of the key-set client, to add handlers (a proxy, resilience) to it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="OptionsValidationException">At start or first use: an option is out of range (the message says which).</exception>
    public static IHttpClientBuilder AddIdeogramWebhooks(this IServiceCollection services, Action<IdeogramWebhookOptions>? configure = null)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        var options = services.AddOptions<IdeogramWebhookOptions>();
        if (configure != null) options.Configure(configure);
        options.Validate(o => o.JwksUri is { IsAbsoluteUri: true } u && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp), "IdeogramWebhookOptions.JwksUri must be an absolute https (or, for tests, http) URI.")
            .Validate(o => o.ReplayWindow > TimeSpan.Zero, "IdeogramWebhookOptions.ReplayWindow must be positive.")
            .Validate(o => o.AllowedClockSkew >= TimeSpan.Zero, "IdeogramWebhookOptions.AllowedClockSkew must not be negative.")
            .Validate(o => o.KeySetMaxAge > TimeSpan.Zero && o.KeySetMaxAge <= TimeSpan.FromHours(24), "IdeogramWebhookOptions.KeySetMaxAge must be more than zero and at most 24 hours (Ideogram's JWKS caching rule).")
            .Validate(o => o.KeySetMinRefreshInterval >= TimeSpan.Zero, "IdeogramWebhookOptions.KeySetMinRefreshInterval must not be negative.")
            .Validate(o => o.MaxBodyBytes >= 1024, "IdeogramWebhookOptions.MaxBodyBytes must be at least 1024.")
            .ValidateOnStart();

        services.TryAddSingleton<IWebhookDeliveryStore, InMemoryWebhookDeliveryStore>();
        services.TryAddSingleton<IWebhookKeySource>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<IdeogramWebhookOptions>>().Value;
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new JwksWebhookKeySource(() => factory.CreateClient(JwksHttpClientName), o.JwksUri, sp.GetService<TimeProvider>())
            {
                MaxAge = o.KeySetMaxAge,
                MinRefreshInterval = o.KeySetMinRefreshInterval,
            };
        });
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<IdeogramWebhookOptions>>().Value;
            return new IdeogramWebhookVerifier(sp.GetRequiredService<IWebhookKeySource>(), new IdeogramWebhookVerifierOptions
            {
                TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System,
                ReplayWindow = o.ReplayWindow,
                AllowedClockSkew = o.AllowedClockSkew,
                DeliveryStore = o.Deduplicate ? sp.GetRequiredService<IWebhookDeliveryStore>() : null,
            });
        });
        return services.AddHttpClient(JwksHttpClientName);
    }
}
