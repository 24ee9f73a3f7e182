using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.Webhooks;

/// <summary>
/// An in-process <see cref="IWebhookDeliveryStore"/>: remembers accepted generation ids for <see cref="Retention"/>, and at
/// most <see cref="MaxEntries"/> of them (the oldest are forgotten first). Thread-safe.
/// </summary>
/// <remarks>
/// It only sees the deliveries of its own process: behind a load balancer, two instances can each accept one delivery of
/// the same generation. Applications with several instances register a shared <see cref="IWebhookDeliveryStore"/>.
/// </remarks>
public sealed class InMemoryWebhookDeliveryStore : IWebhookDeliveryStore
{
    private readonly object _lock = new object();
    private readonly Dictionary<string, DateTimeOffset> _seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset At)> _order = new Queue<(string, DateTimeOffset)>();
    private TimeSpan _retention = TimeSpan.FromHours(72);
    private int _maxEntries = 100_000;

    /// <summary>
    /// How long an accepted generation id is remembered. Default 72 hours. It must be at least the verifier's replay
    /// window plus its clock skew (a replayed delivery older than that is rejected as stale anyway); the longer default
    /// also recognises a redelivery that Ideogram signs anew.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public TimeSpan Retention
    {
        get => _retention;
        set => _retention = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The retention must be positive.");
    }

    /// <summary>
    /// The most generation ids kept; when full, the oldest is forgotten. Default 100,000 (a few megabytes). Size it above
    /// the number of generations the application completes within <see cref="Retention"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public int MaxEntries
    {
        get => _maxEntries;
        set => _maxEntries = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one entry must be kept.");
    }

    /// <summary>The number of generation ids remembered now.</summary>
    public int Count
    {
        get { lock (_lock) return _seen.Count; }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryRecordAsync(string generationId, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (generationId is null) throw new ArgumentNullException(nameof(generationId));
        lock (_lock)
        {
            while (_order.Count > 0 && (receivedAt - _order.Peek().At >= _retention
                || (_seen.Count >= _maxEntries && !_seen.ContainsKey(generationId))
                || _order.Count >= 2 * _maxEntries))
                DropOldest();
            if (_seen.ContainsKey(generationId)) return new ValueTask<bool>(false);
            _seen[generationId] = receivedAt;
            _order.Enqueue((generationId, receivedAt));
            return new ValueTask<bool>(true);
        }
    }

    /// <inheritdoc />
    public ValueTask ForgetAsync(string generationId, CancellationToken cancellationToken)
    {
        if (generationId is null) throw new ArgumentNullException(nameof(generationId));
        // The queue entry stays; DropOldest skips entries whose id was forgotten or recorded again since.
        lock (_lock) _seen.Remove(generationId);
        return default;
    }

    private void DropOldest()
    {
        var (id, at) = _order.Dequeue();
        if (_seen.TryGetValue(id, out var recorded) && recorded == at) _seen.Remove(id);
    }
}
