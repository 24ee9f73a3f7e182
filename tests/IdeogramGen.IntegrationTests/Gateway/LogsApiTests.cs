using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using IdeogramGen.Testing;

namespace IdeogramGen.IntegrationTests.Gateway;

/// <summary>The gateway logs REST API client against the emulator's logs API (same paths as api.cloudflare.com, under its Root).</summary>
public class LogsApiTests
{
    private const string RestToken = "cf-rest-api-token-for-logs";

    private static Task<GatewayHarness> StartAsync() => GatewayHarness.StartAsync(new EmulatorOptions { RestApiToken = RestToken });

    private static GatewayLogsClient Logs(GatewayHarness h, string token = RestToken) =>
        new(h.Http, token, TestImages.GatewayAddress, h.Emulator.Root) { Timeout = TimeSpan.FromSeconds(5) };

    [Fact(Timeout = 60_000)]
    public async Task Entry_of_a_result_is_read_then_feedback_and_score_are_set_in_one_call()
    {
        await using var h = await StartAsync();
        var result = await h.Client.GenerateV3Async(GatewayHarness.Request(), new IdeogramRequestOptions
        {
            Gateway = new GatewayRequestOptions { Metadata = new GatewayLogMetadata().Add("user", "u-7").Add("attempt", 1) },
        });
        var logs = Logs(h);

        var entry = await logs.GetAsync(result);
        Assert.Equal(result.Gateway.LogId, entry.Id);
        Assert.Equal("ideogram", entry.Provider);
        Assert.Equal("/v1/ideogram-v3/generate", entry.Path);
        Assert.Equal(200, entry.StatusCode);
        Assert.True(entry.Success);
        Assert.False(entry.Cached);
        Assert.NotNull(entry.CreatedAt);
        Assert.NotNull(entry.Duration);
        Assert.Null(entry.Feedback);
        Assert.Null(entry.Score);
        Assert.Equal("""{"user":"u-7","attempt":1}""", entry.Metadata);
        Assert.Equal("u-7", entry.MetadataValues!["user"]);
        Assert.Equal(1.0, entry.MetadataValues["attempt"]);

        var patched = await logs.SendFeedbackAsync(result, feedback: 1, score: 90);
        Assert.Equal(1, patched.Feedback);
        Assert.Equal(90, patched.Score);
        Assert.Equal(entry.Metadata, patched.Metadata); // not sent, so unchanged

        var again = await logs.GetAsync(result.Gateway.LogId!);
        Assert.Equal(1, again.Feedback);
        Assert.Equal(90, again.Score);
        var stored = h.Emulator.Logs.Single(l => l.Id == result.Gateway.LogId);
        Assert.Equal(1, stored.Feedback);
        Assert.Equal(90, stored.Score);
    }

    [Fact(Timeout = 60_000)]
    public async Task Patch_sends_only_what_was_assigned_and_null_clears()
    {
        await using var h = await StartAsync();
        var result = await h.Client.GenerateV3Async(GatewayHarness.Request());
        var logs = Logs(h);
        await logs.PatchAsync(result.Gateway, new GatewayLogPatch { Feedback = -1, Score = 12.5, Metadata = new GatewayLogMetadata().Add("reviewed", true) });
        var cleared = await logs.PatchAsync(result, new GatewayLogPatch { Feedback = null });
        Assert.Null(cleared.Feedback);
        Assert.Equal(12.5, cleared.Score);
        Assert.Equal(true, cleared.MetadataValues!["reviewed"]);
        var noMetadata = await logs.PatchAsync(result, new GatewayLogPatch { Metadata = null });
        Assert.Null(noMetadata.Metadata);
        Assert.Null(noMetadata.MetadataValues);
        Assert.Equal(12.5, noMetadata.Score);
    }

    [Fact(Timeout = 60_000)]
    public async Task Entry_of_a_failed_call_is_reachable_through_the_exception()
    {
        await using var h = await StartAsync();
        h.Emulator.Faults.Enqueue(EmulatorFault.InsufficientCredits());
        var ex = await Assert.ThrowsAsync<IdeogramApiException>(() => h.Client.GenerateV3Async(GatewayHarness.Request()));
        var entry = await Logs(h).PatchAsync(ex.Gateway, new GatewayLogPatch { Feedback = -1 });
        Assert.Equal(402, entry.StatusCode);
        Assert.False(entry.Success);
        Assert.Equal(-1, entry.Feedback);
    }

    [Fact(Timeout = 60_000)]
    public async Task Bad_token_is_a_typed_RestApi_error_with_code_10000_and_no_secret()
    {
        await using var h = await StartAsync();
        var result = await h.Client.GenerateV3Async(GatewayHarness.Request());
        const string wrong = "wrong-rest-token-1234567890";
        var logs = Logs(h, wrong);
        var ex = await Assert.ThrowsAsync<GatewayException>(() => logs.GetAsync(result));
        Assert.Equal(GatewayErrorKind.RestApi, ex.Kind);
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal(10000, ex.Code);
        Assert.Equal("Authentication error", Assert.Single(ex.Errors).Message);
        Assert.Contains("Authentication error", ex.Message);
        Assert.True(ex.IsRetrySafe);
        Assert.False(ex.IsTransient);
        Assert.False(ex.MayHaveBeenBilled);
        Assert.DoesNotContain(wrong, ex.ToString());
        Assert.DoesNotContain(wrong, logs.ToString());
        Assert.Contains("client/v4/accounts/3ebbcb006d4d46d7bb6a8c7f14676cb0/ai-gateway/gateways/my-gateway/logs/", ex.RequestPath);

        var patchEx = await Assert.ThrowsAsync<GatewayException>(() => logs.SendFeedbackAsync(result, 1));
        Assert.Equal(10000, patchEx.Code);
        Assert.Null(h.Emulator.Logs.Single().Feedback);
    }

    [Fact(Timeout = 60_000)]
    public async Task Unknown_log_id_is_a_404_RestApi_error()
    {
        await using var h = await StartAsync();
        var ex = await Assert.ThrowsAsync<GatewayException>(() => Logs(h).GetAsync("01JADMCQQQBWH3NXZ5GCRN98DP"));
        Assert.Equal(GatewayErrorKind.RestApi, ex.Kind);
        Assert.Equal(404, ex.StatusCode);
        Assert.NotNull(ex.Code);
        Assert.Contains("no such log entry", ex.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task Entry_of_another_gateway_is_not_found()
    {
        await using var h = await StartAsync();
        var result = await h.Client.GenerateV3Async(GatewayHarness.Request());
        var other = new GatewayLogsClient(h.Http, RestToken, new GatewayAddress(TestImages.AccountId, "other-gateway"), h.Emulator.Root);
        var ex = await Assert.ThrowsAsync<GatewayException>(() => other.GetAsync(result));
        Assert.Equal(404, ex.StatusCode);
    }

    [Fact]
    public void Patch_values_are_validated_when_assigned()
    {
        Assert.Equal("feedback", Assert.Throws<IdeogramValidationException>(() => new GatewayLogPatch { Feedback = 0 }).Field);
        Assert.Throws<IdeogramValidationException>(() => new GatewayLogPatch { Feedback = 2 });
        Assert.Equal("score", Assert.Throws<IdeogramValidationException>(() => new GatewayLogPatch { Score = 100.5 }).Field);
        Assert.Throws<IdeogramValidationException>(() => new GatewayLogPatch { Score = -1 });
        Assert.Throws<IdeogramValidationException>(() => new GatewayLogPatch { Score = double.NaN });
        Assert.Throws<IdeogramValidationException>(() => new GatewayLogPatch().ToJson());
        Assert.Equal("""{"feedback":null,"score":100}""", new GatewayLogPatch { Feedback = null, Score = 100 }.ToJson());
        Assert.Equal("""{"metadata":{"a":"b","n":2}}""", new GatewayLogPatch { Metadata = new GatewayLogMetadata().Add("a", "b").Add("n", 2) }.ToJson());
    }

    [Fact(Timeout = 60_000)]
    public async Task Invalid_calls_throw_before_sending()
    {
        await using var h = await StartAsync();
        var logs = Logs(h);
        await Assert.ThrowsAsync<IdeogramValidationException>(() => logs.PatchAsync("0193f7d2-5c3b-7a10-8a7e-3e0f2c9d1b4a", new GatewayLogPatch()));
        await Assert.ThrowsAsync<ArgumentException>(() => logs.GetAsync("../../other"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => logs.GetAsync(GatewayMetadata.Empty));
        var result = await h.Client.GenerateV3Async(GatewayHarness.Request());
        await Assert.ThrowsAsync<IdeogramValidationException>(() => logs.SendFeedbackAsync(result, 5));
        await Assert.ThrowsAsync<IdeogramValidationException>(() => logs.SendFeedbackAsync(result, 1, score: 250));
        Assert.Null(h.Emulator.Logs.Single().Feedback);
        Assert.Throws<ArgumentException>(() => new GatewayLogsClient(h.Http, "bad token", TestImages.GatewayAddress));
        Assert.Throws<ArgumentException>(() => new GatewayLogsClient(h.Http, "", TestImages.GatewayAddress));
    }

    [Fact]
    public void Urls_follow_the_cloudflare_rest_layout()
    {
        var logs = new GatewayLogsClient(new HttpClient(), "t0ken-value", TestImages.GatewayAddress);
        Assert.Equal("https://api.cloudflare.com/client/v4/accounts/3ebbcb006d4d46d7bb6a8c7f14676cb0/ai-gateway/gateways/my-gateway/logs/0193f7d2-5c3b-7a10-8a7e-3e0f2c9d1b4a",
            logs.LogUri("0193f7d2-5c3b-7a10-8a7e-3e0f2c9d1b4a").AbsoluteUri);
        Assert.Equal("https://api.cloudflare.com/", logs.ApiRoot.AbsoluteUri);
        Assert.DoesNotContain("t0ken-value", logs.ToString());
    }
}
