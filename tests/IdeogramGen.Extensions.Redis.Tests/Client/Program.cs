using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen;
using IdeogramGen.Extensions.Redis;
using IdeogramGen.Generated.IdeogramGen_Extensions_Redis_TestClient;
using StackExchange.Redis;

// Usage:
//   generate <redis> <name> <limit> <gateway root> <calls> <images per call>
//       Sends <calls> concurrent generations through a client whose GatewayOptions.ImageLimiter is a RedisImageLimiter;
//       prints "done <calls>" and exits 0 when all succeeded.
//   hold <redis> <name> <limit> <permits> <lease seconds>
//       Takes <permits> permits, prints "held", and keeps them (renewing) until killed.
var mode = args[0];
using var redis = await ConnectionMultiplexer.ConnectAsync(args[1]);
if (mode == "hold")
{
    var holder = new RedisImageLimiter(redis, new RedisImageLimiterOptions
    {
        Name = args[2], PermitLimit = int.Parse(args[3]), LeaseTime = TimeSpan.FromSeconds(int.Parse(args[5])),
    });
    var lease = await holder.AcquireAsync(int.Parse(args[4]));
    Console.WriteLine(lease.IsAcquired ? "held" : "refused");
    await Task.Delay(Timeout.Infinite);
    return 0;
}

using var limiter = new RedisImageLimiter(redis, new RedisImageLimiterOptions { Name = args[2], PermitLimit = int.Parse(args[3]) });
using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
var images = new LimitedImages(http, new IdeogramCredentials("redis-test-key"), new GatewayOptions
{
    GatewayRoot = new Uri(args[4]),
    ImageLimiter = limiter,
    Timeout = TimeSpan.FromMinutes(5),
}, null);
int calls = int.Parse(args[5]), perCall = int.Parse(args[6]);
Console.WriteLine("started");
var results = await Task.WhenAll(Enumerable.Range(0, calls).Select(i =>
    images.GenerateV3Async(new GenerateV3Request { Prompt = "Shared limit " + i, NumImages = perCall })));
Console.WriteLine("done " + results.Count(r => r.Data.Count == perCall));
return 0;

[IdeogramGateway("0123456789abcdef0123456789abcdef", "emulator")]
public partial class LimitedImages { }
