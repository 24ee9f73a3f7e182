using System;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.Webhooks;

/// <summary>A fixed key set: for tests, or for keys the application distributes itself.</summary>
public sealed class StaticWebhookKeySource : IWebhookKeySource
{
    private readonly WebhookSigningKeySet _keys;

    /// <summary>Serves <paramref name="keys"/> for every request.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> is null.</exception>
    public StaticWebhookKeySource(WebhookSigningKeySet keys) => _keys = keys ?? throw new ArgumentNullException(nameof(keys));

    /// <inheritdoc />
    public ValueTask<WebhookSigningKeySet> GetKeysAsync(bool refresh, CancellationToken cancellationToken) => new ValueTask<WebhookSigningKeySet>(_keys);
}
