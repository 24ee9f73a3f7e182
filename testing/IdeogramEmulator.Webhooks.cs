using System;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Testing.Internal;
using Microsoft.AspNetCore.Http;

namespace IdeogramGen.Testing
{
    public sealed partial class IdeogramEmulator
    {
        private const string JwksRoute = "/" + EmulatorWebhooks.JwksPath;
        private EmulatorWebhooks? _webhooks;

        /// <summary>
        /// Signed webhook deliveries and the key set that verifies them (<c>GET {root}v1/.well-known/jwks.json</c>); see
        /// <see cref="EmulatorWebhooks"/>.
        /// </summary>
        public EmulatorWebhooks Webhooks => LazyInitializer.EnsureInitialized(ref _webhooks, () => new EmulatorWebhooks(this))!;

        internal DateTimeOffset UtcNow => Now;

        /// <summary>
        /// Sends the completed result of an asynchronous generation to its <c>webhook_url</c>, signed as
        /// <see cref="EmulatorWebhookVariant.Valid"/>; for the async routes, once every image is done. An unreachable
        /// receiver is recorded (status code 0), not thrown.
        /// </summary>
        internal Task<EmulatorWebhookDelivery> DeliverCompletionAsync(Uri webhookUrl, byte[] body, CancellationToken cancellationToken) =>
            Webhooks.DeliverCompletionAsync(webhookUrl, body, cancellationToken);

        /// <summary><c>GET {root}v1/.well-known/jwks.json</c>: the published keys, or 503 while <see cref="EmulatorWebhooks.KeySetUnavailable"/>.</summary>
        private async Task HandleJwksAsync(HttpContext context)
        {
            if (!HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.Headers["Allow"] = "GET";
                await WriteAsync(context, 405, WireBodies.MethodNotAllowed, WireBodies.Json).ConfigureAwait(false);
                return;
            }
            var webhooks = Webhooks;
            webhooks.CountKeySetRequest();
            if (webhooks.KeySetUnavailable)
            {
                await WriteAsync(context, 503, WireBodies.IdeogramError("Service unavailable"), WireBodies.Json).ConfigureAwait(false);
                return;
            }
            await WriteAsync(context, 200, webhooks.KeySetJson(), WireBodies.Json).ConfigureAwait(false);
        }
    }
}
