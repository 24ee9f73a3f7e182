using System;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace IdeogramGen.Extensions.Redis.Tests;

/// <summary>The limiter's semantics against a real redis-server; each test uses its own limit name.</summary>
[Collection(RedisCollection.Name)]
public class RedisImageLimiterTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private readonly RedisServer _redis;

    public RedisImageLimiterTests(RedisServer redis) => _redis = redis;

    private RedisImageLimiter Limiter(string name, int limit = 4, IConnectionMultiplexer? connection = null) =>
        new(connection ?? _redis.Connection, new RedisImageLimiterOptions { Name = name, PermitLimit = limit });

    private static string NewName() => "ideogram-test:" + Guid.NewGuid().ToString("N");

    [Fact]
    public void Permits_are_weighted_and_come_back_when_a_lease_is_disposed()
    {
        using var limiter = Limiter(NewName());
        using var three = limiter.AttemptAcquire(3);
        Assert.True(three.IsAcquired);
        using (var two = limiter.AttemptAcquire(2))
        {
            Assert.False(two.IsAcquired);
            Assert.True(two.TryGetMetadata(MetadataName.ReasonPhrase, out var reason));
            Assert.Contains("3 of 4 permits", reason);
        }
        using var one = limiter.AttemptAcquire(1);
        Assert.True(one.IsAcquired);
        Assert.False(limiter.AttemptAcquire(0).IsAcquired);   // a check for availability: all 4 taken
        three.Dispose();
        using var again = limiter.AttemptAcquire(3);
        Assert.True(again.IsAcquired);
        Assert.Equal(2, limiter.GetStatistics()!.TotalFailedLeases);
    }

    [Fact(Timeout = 60_000)]
    public async Task Two_connections_with_the_same_name_share_the_limit_and_a_release_wakes_the_other_side()
    {
        var name = NewName();
        using var other = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        using var a = Limiter(name);
        using var b = Limiter(name, connection: other);
        var held = await a.AcquireAsync(4);
        Assert.True(held.IsAcquired);
        Assert.False(b.AttemptAcquire(1).IsAcquired);

        var waiting = b.AcquireAsync(2).AsTask();
        held.Dispose();
        using var lease = await waiting.WaitAsync(HangGuard);
        Assert.True(lease.IsAcquired);
        Assert.False(a.AttemptAcquire(3).IsAcquired);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_waiter_can_be_cancelled_and_leaves_nothing_behind()
    {
        var name = NewName();
        using var limiter = Limiter(name);
        using var all = await limiter.AcquireAsync(4);
        using var cts = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync(1, cts.Token).AsTask();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(HangGuard));
        Assert.Equal(0, limiter.GetStatistics()!.CurrentQueuedCount);
        all.Dispose();
        using var four = limiter.AttemptAcquire(4);
        Assert.True(four.IsAcquired);   // the cancelled waiter took nothing
    }

    [Fact]
    public void Bad_arguments_are_refused_with_the_setting_named()
    {
        using var limiter = Limiter(NewName());
        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => limiter.AttemptAcquire(5));
        Assert.Contains("from 0 to 4 permits", tooMany.Message);
        Assert.Contains("Name", Assert.Throws<ArgumentException>(() => new RedisImageLimiter(_redis.Connection, new RedisImageLimiterOptions { PermitLimit = 4 })).Message);
        Assert.Contains("PermitLimit", Assert.Throws<ArgumentOutOfRangeException>(() => new RedisImageLimiter(_redis.Connection, new RedisImageLimiterOptions { Name = "x" })).Message);
        Assert.Contains("RenewInterval", Assert.Throws<ArgumentOutOfRangeException>(() => new RedisImageLimiter(_redis.Connection,
            new RedisImageLimiterOptions { Name = "x", PermitLimit = 1, LeaseTime = TimeSpan.FromSeconds(5), RenewInterval = TimeSpan.FromSeconds(5) })).Message);
        limiter.Dispose();
        Assert.Throws<ObjectDisposedException>(() => limiter.AttemptAcquire(1));
    }
}
