using System;

namespace IdeogramGen.Extensions.Redis
{
    /// <summary>Settings of a <see cref="RedisImageLimiter"/>. Every process that shares a limit must use the same values.</summary>
    public sealed class RedisImageLimiterOptions
    {
        /// <summary>The default <see cref="LeaseTime"/>: 30 seconds.</summary>
        public static readonly TimeSpan DefaultLeaseTime = TimeSpan.FromSeconds(30);

        /// <summary>
        /// The name of the shared limit, e.g. <c>ideogram:my-org</c>: processes that use the same name (on the same Redis
        /// database) share <see cref="PermitLimit"/>. Use one name per Ideogram organization (API key's organization),
        /// since Ideogram counts images in flight per organization. The Redis keys are <c>{name}:leases</c>,
        /// <c>{name}:permits</c> and the channel <c>{name}:released</c>, with the name in braces (a Redis Cluster hash tag,
        /// so both keys live on one shard). Required.
        /// </summary>
        public string? Name { get; set; }

        /// <summary>
        /// How many permits (images) may be held at once across all processes; required, at least 1. Ideogram's default
        /// organization limit is 10 images in progress (Ideogram API reference, Rate limits).
        /// </summary>
        public int PermitLimit { get; set; }

        /// <summary>
        /// How long a lease lives in Redis without renewal; default 30 seconds, at least 1 second. A live holder renews
        /// its leases every <see cref="RenewInterval"/>, so only the leases of a process that died (or cannot reach Redis
        /// for longer than this) expire, and their permits return to the pool. Choose it well above the longest pause a
        /// process may have (a full garbage collection, a suspended VM): a lease that expires under a live holder lets
        /// another process take its permits, and the limit can then be exceeded until the holder finishes.
        /// </summary>
        public TimeSpan LeaseTime { get; set; } = DefaultLeaseTime;

        /// <summary>How often a process renews the leases it holds; default (null) a third of <see cref="LeaseTime"/>. Must be shorter than <see cref="LeaseTime"/>.</summary>
        public TimeSpan? RenewInterval { get; set; }

        /// <summary>
        /// The longest a waiting acquisition sleeps before it asks Redis again; default 1 second. Waiters wake up at once
        /// when a process releases permits (a Redis pub/sub message); this interval only bounds how late they notice
        /// permits freed by an expired lease or a lost message.
        /// </summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The clock for waits and renewals; default <see cref="System.TimeProvider.System"/>. Lease expiry runs on the Redis server's clock.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        internal TimeSpan EffectiveRenewInterval => RenewInterval ?? TimeSpan.FromTicks(LeaseTime.Ticks / 3);

        internal void Validate()
        {
            if (string.IsNullOrWhiteSpace(Name))
                throw new ArgumentException("RedisImageLimiterOptions.Name is required: the name of the shared limit, e.g. \"ideogram:my-org\" (one per Ideogram organization).", "options");
            if (PermitLimit < 1)
                throw new ArgumentOutOfRangeException("options", PermitLimit, "RedisImageLimiterOptions.PermitLimit must be at least 1 (Ideogram's default organization limit is 10 images in flight).");
            if (LeaseTime < TimeSpan.FromSeconds(1) || LeaseTime > TimeSpan.FromDays(1))
                throw new ArgumentOutOfRangeException("options", LeaseTime, "RedisImageLimiterOptions.LeaseTime must be from 1 second to 1 day.");
            var renew = EffectiveRenewInterval;
            if (renew <= TimeSpan.Zero || renew >= LeaseTime)
                throw new ArgumentOutOfRangeException("options", renew, "RedisImageLimiterOptions.RenewInterval must be positive and shorter than LeaseTime.");
            if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromMinutes(10))
                throw new ArgumentOutOfRangeException("options", PollInterval, "RedisImageLimiterOptions.PollInterval must be positive and at most 10 minutes.");
            if (TimeProvider is null) throw new ArgumentNullException("options", "RedisImageLimiterOptions.TimeProvider must not be null.");
        }
    }
}
