using System;
using System.Linq;
using System.Threading.Tasks;
using IdeogramGen.Testing;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>Every cf-aig-* option reaches the gateway as its documented header value; invalid values never leave the process.</summary>
public class GatewayHeaderTests
{
    [Fact(Timeout = 60_000)]
    public async Task Every_option_arrives_as_the_documented_header_value()
    {
        await using var h = await GatewayHarness.StartAsync(new EmulatorOptions { GatewayToken = "per-call-gateway-token" });
        var options = new GatewayRequestOptions
        {
            GatewayToken = "per-call-gateway-token",
            CacheKey = "key-1",
            CacheTtl = TimeSpan.FromMinutes(10),
            SkipCache = true,
            Metadata = new GatewayLogMetadata().Add("team", "AI").Add("user", 12345).Add("ratio", 0.5).Add("test", true),
            CollectLog = true,
            CollectLogPayload = false,
            EventId = "evt-42",
            RequestTimeout = TimeSpan.FromMilliseconds(1500),
            MaxAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(250),
            Backoff = GatewayBackoff.Exponential,
            ByokAlias = "production",
            NoWholesale = true,
            ZeroDataRetention = false,
            CustomCost = new GatewayCustomCost { TotalCost = 0.03 },
        };
        options.ExtraHeaders["cf-aig-future-knob"] = "on";
        var result = await h.Client.GenerateV3Async(GatewayHarness.Request(), new IdeogramRequestOptions { Gateway = options });

        var headers = Assert.Single(h.Emulator.Requests).Headers;
        Assert.Equal("[redacted]", headers["cf-aig-authorization"]);
        Assert.Equal("[redacted]", headers["api-key"]);
        Assert.Equal("key-1", headers["cf-aig-cache-key"]);
        Assert.Equal("600", headers["cf-aig-cache-ttl"]);
        Assert.Equal("true", headers["cf-aig-skip-cache"]);
        Assert.Equal("""{"team":"AI","user":12345,"ratio":0.5,"test":true}""", headers["cf-aig-metadata"]);
        Assert.Equal("true", headers["cf-aig-collect-log"]);
        Assert.Equal("false", headers["cf-aig-collect-log-payload"]);
        Assert.Equal("evt-42", headers["cf-aig-event-id"]);
        Assert.Equal("1500", headers["cf-aig-request-timeout"]);
        Assert.Equal("2", headers["cf-aig-max-attempts"]);
        Assert.Equal("250", headers["cf-aig-retry-delay"]);
        Assert.Equal("exponential", headers["cf-aig-backoff"]);
        Assert.Equal("production", headers["cf-aig-byok-alias"]);
        Assert.Equal("true", headers["cf-aig-no-wholesale"]);
        Assert.Equal("false", headers["cf-aig-zdr"]);
        Assert.Equal("""{"total_cost":0.03}""", headers["cf-aig-custom-cost"]);
        Assert.Equal("on", headers["cf-aig-future-knob"]);
        Assert.StartsWith("IdeogramGen/", headers["user-agent"]);
        Assert.Equal("evt-42", result.Gateway.EventId);
        Assert.NotEqual(result.Gateway.LogId, result.Gateway.EventId);
    }

    [Fact(Timeout = 60_000)]
    public async Task Client_defaults_are_sent_and_a_call_overrides_them_one_by_one()
    {
        await using var h = await GatewayHarness.StartAsync(configure: o =>
        {
            o.Defaults.CollectLogPayload = false;
            o.Defaults.Backoff = GatewayBackoff.Constant;
            o.UserAgent = "MyApp/2.1";
        });
        await h.Client.GenerateV3Async(GatewayHarness.Request(), new IdeogramRequestOptions { Gateway = new GatewayRequestOptions { Backoff = GatewayBackoff.Linear } });
        var headers = Assert.Single(h.Emulator.Requests).Headers;
        Assert.Equal("false", headers["cf-aig-collect-log-payload"]);
        Assert.Equal("linear", headers["cf-aig-backoff"]);
        Assert.Equal("MyApp/2.1", headers["user-agent"]);
        Assert.False(headers.ContainsKey("cf-aig-cache-key"));
    }

    public static TheoryData<string, Action<GatewayRequestOptions>> InvalidOptions => new()
    {
        { "cf-aig-cache-ttl", o => o.CacheTtl = TimeSpan.FromSeconds(59) },
        { "cf-aig-cache-ttl", o => o.CacheTtl = TimeSpan.FromDays(31) },
        { "cf-aig-cache-ttl", o => o.CacheTtl = TimeSpan.FromMilliseconds(60_500) },
        { "cf-aig-max-attempts", o => o.MaxAttempts = 0 },
        { "cf-aig-max-attempts", o => o.MaxAttempts = 6 },
        { "cf-aig-retry-delay", o => o.RetryDelay = TimeSpan.FromMilliseconds(5001) },
        { "cf-aig-retry-delay", o => o.RetryDelay = TimeSpan.FromMilliseconds(-1) },
        { "cf-aig-request-timeout", o => o.RequestTimeout = TimeSpan.Zero },
        { "cf-aig-cache-key", o => o.CacheKey = "" },
        { "cf-aig-event-id", o => o.EventId = "line\nbreak" },
        { "cf-aig-byok-alias", o => o.ByokAlias = "café" },
        { "cf-aig-backoff", o => o.Backoff = (GatewayBackoff)42 },
        { "cf-aig-custom-cost", o => o.CustomCost = new GatewayCustomCost() },
        { "cf-aig-custom-cost", o => o.CustomCost = new GatewayCustomCost { PerTokenIn = -1 } },
        { "cf-aig-authorization", o => o.GatewayToken = "has space" },
        { "x-other", o => o.ExtraHeaders["x-other"] = "1" },
        { "cf-aig-cache-key", o => { o.CacheKey = "a"; o.ExtraHeaders["CF-AIG-CACHE-KEY"] = "b"; } },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(InvalidOptions))]
    public async Task Invalid_option_throws_before_anything_is_sent(string field, Action<GatewayRequestOptions> set)
    {
        await using var h = await GatewayHarness.StartAsync();
        var options = new GatewayRequestOptions();
        set(options);
        var ex = await Assert.ThrowsAsync<IdeogramValidationException>(() =>
            h.Client.GenerateV3Async(GatewayHarness.Request(), new IdeogramRequestOptions { Gateway = options }));
        Assert.Equal(field, ex.Field, ignoreCase: true);
        Assert.Empty(h.Emulator.Requests);
    }

    [Fact]
    public void Metadata_is_limited_to_five_flat_entries_without_reserved_keys()
    {
        var m = new GatewayLogMetadata().Add("a", 1).Add("b", 2).Add("c", 3).Add("d", 4).Add("e", 5);
        Assert.Equal("cf-aig-metadata", Assert.Throws<IdeogramValidationException>(() => m.Add("f", 6)).Field);
        Assert.Throws<IdeogramValidationException>(() => new GatewayLogMetadata().Add("cf.user", "x"));
        Assert.Throws<IdeogramValidationException>(() => new GatewayLogMetadata().Add("a", 1).Add("a", 2));
        Assert.Throws<IdeogramValidationException>(() => new GatewayLogMetadata().Add("a", double.NaN));
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_validation_also_throws_before_sending()
    {
        await using var h = await GatewayHarness.StartAsync();
        var ex = await Assert.ThrowsAsync<IdeogramValidationException>(() => h.Client.GenerateV3Async(GatewayHarness.Request(images: 9)));
        Assert.Equal("num_images", ex.Field);
        Assert.Empty(h.Emulator.Requests);
    }
}
