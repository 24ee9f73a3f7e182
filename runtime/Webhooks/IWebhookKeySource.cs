using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.Webhooks;

/// <summary>Where the verifier gets Ideogram's signing keys from.</summary>
/// <remarks>Implementations: <see cref="JwksWebhookKeySource"/> (Ideogram's published set, cached), <see cref="StaticWebhookKeySource"/>.</remarks>
public interface IWebhookKeySource
{
    /// <summary>
    /// The current key set. With <paramref name="refresh"/> the source should fetch a fresh copy if it can (the verifier
    /// asks for one when no cached key verifies a delivery, in case the keys rotated); it may still answer from its cache,
    /// for example to bound how often it fetches.
    /// </summary>
    ValueTask<WebhookSigningKeySet> GetKeysAsync(bool refresh, CancellationToken cancellationToken);
}
