using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace IdeogramGen.Extensions.Redis
{
    /// <summary>
    /// A weighted concurrency limiter whose permits live in Redis, so that several processes share one limit: give
    /// each app instance one <see cref="RedisImageLimiter"/> with the same <see cref="RedisImageLimiterOptions.Name"/>
    /// and <see cref="RedisImageLimiterOptions.PermitLimit"/>, and set it as <c>GatewayOptions.ImageLimiter</c>. The
    /// pipeline acquires one permit per image (<c>num_images</c>) for the whole call, so the instances together never
    /// have more images in flight than the limit: Ideogram counts its in-flight limit per organization, not per
    /// process (Ideogram API reference, Rate limits: HTTP 429 <c>inflight_limit</c>).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Each lease is one member of a Redis sorted set scored by its expiry (on the Redis server's clock, so process
    /// clocks do not matter) plus its weight in a hash; acquiring, renewing and releasing are Lua scripts, so each is
    /// atomic. A process renews the leases it holds every <see cref="RedisImageLimiterOptions.RenewInterval"/>; the
    /// leases of a process that crashed are not renewed and expire after <see cref="RedisImageLimiterOptions.LeaseTime"/>,
    /// which returns their permits. A release is announced on a pub/sub channel and wakes the waiters of every process.
    /// </para>
    /// <para>
    /// Waiters are not served in a global order: whichever process asks first after permits free up gets them, and a
    /// large request can wait while smaller ones pass. When Redis cannot be reached, acquisitions throw the
    /// StackExchange.Redis exception (nothing is sent to Ideogram); held leases stay valid in Redis until they expire.
    /// </para>
    /// <para>
    /// Why not RedisRateLimiting's concurrency limiter: its version 1.2.1 counts leases rather than permits (a call for
    /// 8 images would count as one) and drops every lease 60 seconds after it was taken, live or not, by the client's
    /// clock in whole seconds; a generation can take longer than that.
    /// </para>
    /// </remarks>
    public sealed class RedisImageLimiter : RateLimiter
    {
        // KEYS[1] leases (sorted set: lease id -> expiry in ms, server clock), KEYS[2] permits (hash: lease id -> weight).
        // ARGV: limit, permits, lease id, lease time in ms. Returns { acquired (0/1), permits in use }.
        private const string AcquireScript = @"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
if #expired > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
  for i = 1, #expired do redis.call('HDEL', KEYS[2], expired[i]) end
end
local used = 0
for _, w in ipairs(redis.call('HVALS', KEYS[2])) do used = used + tonumber(w) end
local permits = tonumber(ARGV[2])
if permits > 0 and used + permits <= tonumber(ARGV[1]) then
  local ttl = tonumber(ARGV[4])
  redis.call('ZADD', KEYS[1], now + ttl, ARGV[3])
  redis.call('HSET', KEYS[2], ARGV[3], permits)
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('PEXPIRE', KEYS[2], ttl)
  return { 1, used + permits }
end
return { 0, used }";

        // ARGV: lease time in ms, then the lease ids to renew. Returns the ids that are gone (expired and collected).
        private const string RenewScript = @"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[1])
local lost = {}
for i = 2, #ARGV do
  if redis.call('ZSCORE', KEYS[1], ARGV[i]) then
    redis.call('ZADD', KEYS[1], 'XX', now + ttl, ARGV[i])
  else
    lost[#lost + 1] = ARGV[i]
  end
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return lost";

        // ARGV: lease id, channel. Returns 1 when the lease was held.
        private const string ReleaseScript = @"
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
if removed > 0 then redis.call('PUBLISH', ARGV[2], ARGV[1]) end
return removed";

        private static readonly RateLimitLease Idle = new CheckLease(true, null);

        private readonly IDatabase _db;
        private readonly ISubscriber _subscriber;
        private readonly RedisKey[] _keys;
        private readonly RedisChannel _channel;
        private readonly RedisImageLimiterOptions _options;
        private readonly TimeProvider _time;
        private readonly long _leaseMilliseconds;
        private readonly ConcurrentDictionary<string, Lease> _held = new ConcurrentDictionary<string, Lease>(StringComparer.Ordinal);
        private readonly CancellationTokenSource _disposed = new CancellationTokenSource();
        private readonly ITimer _renewal;
        private readonly object _subscribeLock = new object();
        private Task? _subscribed;
        private TaskCompletionSource<bool> _released = NewSignal();
        private long _successful, _failed, _idleSince;
        private int _waiting, _lastUsed, _renewing;

        /// <summary>Creates a limiter over <paramref name="redis"/> (a shared, long-lived connection; not disposed here).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="redis"/> or <paramref name="options"/> is null.</exception>
        /// <exception cref="ArgumentException">An option is missing or out of range (the message names it).</exception>
        public RedisImageLimiter(IConnectionMultiplexer redis, RedisImageLimiterOptions options)
        {
            if (redis is null) throw new ArgumentNullException(nameof(redis));
            if (options is null) throw new ArgumentNullException(nameof(options));
            options.Validate();
            _options = options;
            _time = options.TimeProvider;
            _leaseMilliseconds = (long)options.LeaseTime.TotalMilliseconds;
            var tag = "{" + options.Name + "}";
            _keys = new RedisKey[] { tag + ":leases", tag + ":permits" };
            _channel = RedisChannel.Literal(tag + ":released");
            _db = redis.GetDatabase();
            _subscriber = redis.GetSubscriber();
            _idleSince = _time.GetTimestamp();
            var renew = options.EffectiveRenewInterval;
            _renewal = _time.CreateTimer(_ => Renew(), null, renew, renew);
        }

        /// <summary>The shared limit's name (<see cref="RedisImageLimiterOptions.Name"/>).</summary>
        public string Name => _options.Name!;

        /// <summary>The shared limit (<see cref="RedisImageLimiterOptions.PermitLimit"/>).</summary>
        public int PermitLimit => _options.PermitLimit;

        /// <inheritdoc/>
        public override TimeSpan? IdleDuration =>
            _held.IsEmpty && Volatile.Read(ref _waiting) == 0 ? _time.GetElapsedTime(Interlocked.Read(ref _idleSince)) : (TimeSpan?)null;

        /// <inheritdoc/>
        /// <remarks><see cref="RateLimiterStatistics.CurrentAvailablePermits"/> is as of this process's last conversation with Redis.</remarks>
        public override RateLimiterStatistics? GetStatistics() => new RateLimiterStatistics
        {
            CurrentAvailablePermits = Math.Max(0, _options.PermitLimit - Volatile.Read(ref _lastUsed)),
            CurrentQueuedCount = Volatile.Read(ref _waiting),
            TotalSuccessfulLeases = Interlocked.Read(ref _successful),
            TotalFailedLeases = Interlocked.Read(ref _failed),
        };

        /// <inheritdoc/>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="permitCount"/> is negative or above <see cref="PermitLimit"/>.</exception>
        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            Check(permitCount);
            var id = permitCount == 0 ? "" : NewLeaseId();
            var result = (RedisResult[]?)_db.ScriptEvaluate(AcquireScript, _keys, Arguments(permitCount, id));
            return Outcome(result, permitCount, id, countFailure: true);
        }

        /// <inheritdoc/>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="permitCount"/> is negative or above <see cref="PermitLimit"/>.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Check(permitCount);
            var id = permitCount == 0 ? "" : NewLeaseId();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
            bool counted = false;
            try
            {
                while (true)
                {
                    var released = Volatile.Read(ref _released).Task;
                    var result = (RedisResult[]?)await _db.ScriptEvaluateAsync(AcquireScript, _keys, Arguments(permitCount, id)).ConfigureAwait(false);
                    var lease = Outcome(result, permitCount, id, countFailure: false);
                    if (lease.IsAcquired) return lease;
                    if (!counted)
                    {
                        counted = true;
                        Interlocked.Increment(ref _waiting);
                        await SubscribeAsync().ConfigureAwait(false);
                        continue;   // permits may have been released before the subscription took effect
                    }
                    try
                    {
                        await Task.WhenAny(released, Delay(_options.PollInterval, stop.Token)).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) { }
                    cancellationToken.ThrowIfCancellationRequested();
                    if (_disposed.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref _failed);
                        return new CheckLease(false, "The limiter was disposed while waiting.");
                    }
                }
            }
            finally
            {
                if (counted) Interlocked.Decrement(ref _waiting);
            }
        }

        /// <inheritdoc/>
        protected override void Dispose(bool disposing)
        {
            if (!disposing || _disposed.IsCancellationRequested) return;
            _disposed.Cancel();
            _renewal.Dispose();
            try
            {
                _subscriber.Unsubscribe(_channel, OnReleased);
            }
            catch (RedisException)
            {
                // The connection is going away; the subscription goes with it.
            }
        }

        /// <inheritdoc/>
        protected override ValueTask DisposeAsyncCore()
        {
            Dispose(true);
            return default;
        }

        private void Check(int permitCount)
        {
            if (permitCount < 0 || permitCount > _options.PermitLimit)
                throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount,
                    "A lease takes from 0 to " + _options.PermitLimit.ToString(CultureInfo.InvariantCulture) + " permits (the shared limit of '" + _options.Name + "').");
            if (_disposed.IsCancellationRequested) throw new ObjectDisposedException(nameof(RedisImageLimiter));
        }

        private RedisValue[] Arguments(int permitCount, string id) =>
            new RedisValue[] { _options.PermitLimit, permitCount, id, _leaseMilliseconds };

        private RateLimitLease Outcome(RedisResult[]? result, int permitCount, string id, bool countFailure)
        {
            if (result is null || result.Length != 2) throw new RedisException("The limiter's acquire script returned an unexpected result.");
            bool acquired = (long)result[0] == 1;
            int used = (int)(long)result[1];
            Volatile.Write(ref _lastUsed, used);
            if (permitCount == 0)
            {
                if (used < _options.PermitLimit) return Idle;
                if (countFailure) Interlocked.Increment(ref _failed);
                return new CheckLease(false, Busy(used));
            }
            if (!acquired)
            {
                if (countFailure) Interlocked.Increment(ref _failed);
                return new CheckLease(false, Busy(used));
            }
            Interlocked.Increment(ref _successful);
            var lease = new Lease(this, id);
            _held[id] = lease;
            return lease;
        }

        private string Busy(int used) =>
            used.ToString(CultureInfo.InvariantCulture) + " of " + _options.PermitLimit.ToString(CultureInfo.InvariantCulture) + " permits of '" + _options.Name + "' are in use.";

        private void Release(Lease lease)
        {
            if (!_held.TryRemove(lease.Id, out _)) return;
            if (_held.IsEmpty) Interlocked.Exchange(ref _idleSince, _time.GetTimestamp());
            try
            {
                // Fire and forget: the command is queued on the connection in order; if it never arrives, the lease expires.
                _db.ScriptEvaluate(ReleaseScript, _keys, new RedisValue[] { lease.Id, _channel.ToString() }, CommandFlags.FireAndForget);
            }
            catch (RedisException)
            {
                // Redis is unreachable: the lease is no longer renewed and expires after LeaseTime.
            }
        }

        private async void Renew()
        {
            if (_held.IsEmpty || Interlocked.Exchange(ref _renewing, 1) == 1) return;
            try
            {
                var args = new List<RedisValue> { _leaseMilliseconds };
                foreach (var id in _held.Keys) args.Add(id);
                var lost = (RedisResult[]?)await _db.ScriptEvaluateAsync(RenewScript, _keys, args.ToArray()).ConfigureAwait(false);
                if (lost != null)
                    foreach (var id in lost)
                        _held.TryRemove((string)id!, out _);   // expired under this process: no longer renewed
            }
            catch (Exception ex) when (ex is RedisException || ex is TimeoutException || ex is ObjectDisposedException)
            {
                // Try again at the next interval; leases stay valid until LeaseTime after their last renewal.
            }
            finally
            {
                Volatile.Write(ref _renewing, 0);
            }
        }

        private Task SubscribeAsync()
        {
            lock (_subscribeLock)
                return _subscribed ??= _subscriber.SubscribeAsync(_channel, OnReleased);
        }

        private void OnReleased(RedisChannel channel, RedisValue message) =>
            Interlocked.Exchange(ref _released, NewSignal()).TrySetResult(true);

        private Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
#if NET8_0_OR_GREATER
            return Task.Delay(delay, _time, cancellationToken);
#else
            return _time.Delay(delay, cancellationToken);
#endif
        }

        private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        private static string NewLeaseId() => Guid.NewGuid().ToString("N");

        /// <summary>A held lease: its permits are taken in Redis until it is disposed (or, if its process dies, until it expires).</summary>
        private sealed class Lease : RateLimitLease
        {
            private RedisImageLimiter? _owner;

            public Lease(RedisImageLimiter owner, string id)
            {
                _owner = owner;
                Id = id;
            }

            public string Id { get; }

            public override bool IsAcquired => true;

            public override IEnumerable<string> MetadataNames => Array.Empty<string>();

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = null;
                return false;
            }

            protected override void Dispose(bool disposing) => Interlocked.Exchange(ref _owner, null)?.Release(this);
        }

        /// <summary>A lease that holds nothing: a refusal (with its reason) or a successful check for zero permits.</summary>
        private sealed class CheckLease : RateLimitLease
        {
            private readonly string? _reason;

            public CheckLease(bool acquired, string? reason)
            {
                IsAcquired = acquired;
                _reason = reason;
            }

            public override bool IsAcquired { get; }

            public override IEnumerable<string> MetadataNames => _reason is null ? Array.Empty<string>() : new[] { MetadataName.ReasonPhrase.Name };

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = _reason;
                return _reason != null && metadataName == MetadataName.ReasonPhrase.Name;
            }
        }
    }
}
