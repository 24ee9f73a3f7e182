using System;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Webhooks.AspNetCore.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IdeogramGen.Webhooks.AspNetCore;

/// <summary>Maps an endpoint that receives Ideogram's webhook deliveries (developer.ideogram.ai <c>ideogram-api/webhooks</c>).</summary>
public static class IdeogramWebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST {pattern}</c> to a receiver that reads the raw body (at most
    /// <see cref="IdeogramWebhookOptions.MaxBodyBytes"/>), verifies it with the registered
    /// <see cref="IdeogramWebhookVerifier"/> and calls <paramref name="handler"/> once per generation with the verified
    /// delivery; read the result with <see cref="IdeogramWebhook.ReadAs{T}"/> and the generated response type's <c>Read</c>.
    /// </summary>
    /// <remarks>
    /// <para>Answers: 200 after the handler returns (unless it set another status); 200 without calling the handler for
    /// a repeated delivery of an accepted generation; 400 for a malformed delivery (missing header, timestamp or
    /// signature not in the documented format, body not the documented JSON, body and header generation ids differ);
    /// 401 when the signature does not verify against the published keys or the timestamp is outside the replay window;
    /// 413 for a body over the cap; 503 when the key set cannot be fetched (the delivery was not judged). Rejections
    /// carry an <c>application/problem+json</c> body whose <c>reason</c> is the <see cref="WebhookRejectionReason"/> (or
    /// <c>BodyTooLarge</c>, <c>KeySetUnavailable</c>) and
    /// whose <c>detail</c> says what was wrong (never the body or key material), and are logged as warnings.</para>
    /// <para>When the handler throws (or sets a status of 400 or more), the generation is forgotten by the de-duplication
    /// store, so that Ideogram's redelivery is handled rather than answered as a duplicate; the exception propagates to
    /// ASP.NET Core's error handling (500).</para>
    /// </remarks>
    /// <param name="endpoints">The application's route builder.</param>
    /// <param name="pattern">The route, e.g. <c>/hooks/ideogram</c>: the path of the <c>webhook_url</c> given to Ideogram.</param>
    /// <param name="handler">Processes one verified delivery. Its token is the request's: cancelled when the sender disconnects.</param>
    /// <returns>The endpoint's convention builder (for <c>RequireHost</c>, rate limiting, names).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="IdeogramWebhookServiceCollectionExtensions.AddIdeogramWebhooks"/> was not called.</exception>
    public static IEndpointConventionBuilder MapIdeogramWebhook(this IEndpointRouteBuilder endpoints, string pattern, Func<IdeogramWebhook, CancellationToken, Task> handler)
    {
        if (handler is null) throw new ArgumentNullException(nameof(handler));
        return Map(endpoints, pattern, (webhook, _, cancellationToken) => handler(webhook, cancellationToken));
    }

    /// <summary>
    /// As <see cref="MapIdeogramWebhook(IEndpointRouteBuilder, string, Func{IdeogramWebhook, CancellationToken, Task})"/>,
    /// with the request's services for the handler (scoped services such as a database context).
    /// </summary>
    /// <param name="endpoints">The application's route builder.</param>
    /// <param name="pattern">The route, e.g. <c>/hooks/ideogram</c>.</param>
    /// <param name="handler">Processes one verified delivery, with the request's <see cref="IServiceProvider"/> and token.</param>
    /// <returns>The endpoint's convention builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="IdeogramWebhookServiceCollectionExtensions.AddIdeogramWebhooks"/> was not called.</exception>
    public static IEndpointConventionBuilder MapIdeogramWebhook(this IEndpointRouteBuilder endpoints, string pattern, Func<IdeogramWebhook, IServiceProvider, CancellationToken, Task> handler)
    {
        if (handler is null) throw new ArgumentNullException(nameof(handler));
        return Map(endpoints, pattern, handler);
    }

    private static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string pattern, Func<IdeogramWebhook, IServiceProvider, CancellationToken, Task> handler)
    {
        if (endpoints is null) throw new ArgumentNullException(nameof(endpoints));
        if (pattern is null) throw new ArgumentNullException(nameof(pattern));
        if (endpoints.ServiceProvider.GetService<IdeogramWebhookVerifier>() is null)
            throw new InvalidOperationException("MapIdeogramWebhook needs the webhook verifier: call services.AddIdeogramWebhooks() when building the application.");
        var endpoint = new WebhookEndpoint(handler);
        return endpoints.MapPost(pattern, endpoint.HandleAsync).WithDisplayName("Ideogram webhook " + pattern);
    }
}
