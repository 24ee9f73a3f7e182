using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.Webhooks;

/// <summary>Remembers which generations' deliveries were accepted, so a repeated delivery is recognised.</summary>
/// <remarks>Implementations shared by several receivers (a database, Redis) must make the check-and-record atomic.</remarks>
public interface IWebhookDeliveryStore
{
    /// <summary>Records <paramref name="generationId"/>; false when it was recorded before (the delivery is a duplicate).</summary>
    ValueTask<bool> TryRecordAsync(string generationId, DateTimeOffset receivedAt, CancellationToken cancellationToken);
}

/// <summary>An in-process <see cref="IWebhookDeliveryStore"/> that forgets generation ids after <see cref="Retention"/>.</summary>
public sealed class InMemoryWebhookDeliveryStore : IWebhookDeliveryStore
{
    private readonly object _lock = new object();
    private readonly Dictionary<string, DateTimeOffset> _seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset At)> _order = new Queue<(string, DateTimeOffset)>();

    /// <summary>How long an accepted generation id is remembered. Default 72 hours; at least the verifier's replay window.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(72);

    /// <inheritdoc />
    public ValueTask<bool> TryRecordAsync(string generationId, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (generationId is null) throw new ArgumentNullException(nameof(generationId));
        lock (_lock)
        {
            while (_order.Count > 0 && receivedAt - _order.Peek().At > Retention)
            {
                var (id, at) = _order.Dequeue();
                if (_seen.TryGetValue(id, out var recorded) && recorded == at) _seen.Remove(id);
            }
            if (_seen.ContainsKey(generationId)) return new ValueTask<bool>(false);
            _seen[generationId] = receivedAt;
            _order.Enqueue((generationId, receivedAt));
            return new ValueTask<bool>(true);
        }
    }
}
