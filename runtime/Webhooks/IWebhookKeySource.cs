using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.Webhooks;

/// <summary>Where the verifier gets Ideogram's signing keys from.</summary>
public interface IWebhookKeySource
{
    /// <summary>
    /// The current key set. With <paramref name="refresh"/> the source should fetch a fresh copy if it can (the verifier
    /// asks for one when no cached key verifies a delivery, in case the keys rotated); it may still answer from its cache,
    /// for example to bound how often it fetches.
    /// </summary>
    ValueTask<WebhookSigningKeySet> GetKeysAsync(bool refresh, CancellationToken cancellationToken);
}

/// <summary>A fixed key set: for tests, or for keys the application distributes itself.</summary>
public sealed class StaticWebhookKeySource : IWebhookKeySource
{
    private readonly WebhookSigningKeySet _keys;

    /// <summary>Serves <paramref name="keys"/> for every request.</summary>
    public StaticWebhookKeySource(WebhookSigningKeySet keys) => _keys = keys ?? throw new System.ArgumentNullException(nameof(keys));

    /// <inheritdoc />
    public ValueTask<WebhookSigningKeySet> GetKeysAsync(bool refresh, CancellationToken cancellationToken) => new ValueTask<WebhookSigningKeySet>(_keys);
}
