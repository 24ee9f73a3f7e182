using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using IdeogramGen.Generated.IdeogramGen_Extensions_Tests;
using IdeogramGen.Testing;
using IdeogramGen.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace IdeogramGen.Extensions.Tests.Webhooks;

/// <summary>
/// The emulator signs deliveries as Ideogram does and sends them over loopback to a Kestrel app using
/// <c>MapIdeogramWebhook</c>: authentic ones reach the handler once, with the typed result; every tampered, replayed or
/// wrongly signed variant is answered 400/401 with its reason and never reaches it; rotated keys are fetched again.
/// </summary>
public class WebhookEndToEndTests
{
    [Fact]
    public async Task A_signed_delivery_reaches_the_handler_with_the_typed_result()
    {
        await using var r = await WebhookReceiver.StartAsync();
        var sent = await r.DeliverAsync(WebhookReceiver.Body("xtdZiqPwRxqY1Y7NExFmzB", seed: 777));

        Assert.Equal(200, sent.StatusCode);
        var delivery = Assert.Single(r.Handled);
        Assert.Equal("xtdZiqPwRxqY1Y7NExFmzB", delivery.GenerationId);
        Assert.Equal(EmulatorWebhooks.UserId, delivery.UserId);
        Assert.Equal(r.Emulator.Webhooks.CurrentKeyId, delivery.KeyId);
        Assert.Equal(WebhookReceiver.Start, delivery.SignedAt);
        Assert.Equal(sent.Body, delivery.Body.ToArray());

        var result = delivery.ReadAs(ImageV4Response.Read);
        var image = Assert.Single(result.Data);
        Assert.Equal(777, image.Seed);
        Assert.Equal("https://ideogram.ai/api/images/ephemeral/xtdZiqPwRxqY1Y7NExFmzB.png", image.Url);
        Assert.Equal("A photo of a cat", image.Prompt);
        Assert.True(image.IsImageSafe);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 59, 30, TimeSpan.Zero), result.Created);
        Assert.Equal(1, r.Emulator.Webhooks.KeySetRequestCount);
    }

    [Fact]
    public async Task The_delivered_result_reads_as_the_client_reads_the_same_answer()
    {
        await using var r = await WebhookReceiver.StartAsync();
        var capture = new CapturingHandler();
        using var http = new HttpClient(capture);
        var images = new TestImages(http, new IdeogramCredentials("emulator-key"), new GatewayOptions { GatewayRoot = r.Emulator.Root }, null);
        var polled = await images.GenerateV3Async(new GenerateV3Request { Prompt = "A lighthouse at dawn", NumImages = 2, Seed = 42 });

        // Ideogram's delivery is the synchronous answer with its generation_id.
        var answer = Encoding.UTF8.GetString(capture.LastBody!);
        Assert.StartsWith("{", answer);
        Assert.Equal(200, (await r.DeliverAsync("{\"generation_id\":\"same-answer\"," + answer.Substring(1))).StatusCode);
        var delivered = Assert.Single(r.Handled).ReadAs(ImageV3Response.Read);

        Assert.Equal(polled.Created, delivered.Created);
        Assert.Equal(polled.Data.Count, delivered.Data.Count);
        for (var i = 0; i < polled.Data.Count; i++)
        {
            Assert.Equal(polled.Data[i].Url, delivered.Data[i].Url);
            Assert.Equal(polled.Data[i].Seed, delivered.Data[i].Seed);
            Assert.Equal(polled.Data[i].Prompt, delivered.Data[i].Prompt);
            Assert.Equal(polled.Data[i].Resolution, delivered.Data[i].Resolution);
            Assert.Equal(polled.Data[i].IsImageSafe, delivered.Data[i].IsImageSafe);
        }
    }

    /// <summary>Keeps the last answer body the client received (buffered, so the client still reads it).</summary>
    private sealed class CapturingHandler : DelegatingHandler
    {
        public CapturingHandler() : base(new SocketsHttpHandler()) { }

        public byte[]? LastBody { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            LastBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response;
        }
    }

    [Theory]
    [InlineData(EmulatorWebhookVariant.TamperedBody, 401, "InvalidSignature")]
    [InlineData(EmulatorWebhookVariant.TamperedHeader, 401, "InvalidSignature")]
    [InlineData(EmulatorWebhookVariant.WrongKey, 401, "InvalidSignature")]
    [InlineData(EmulatorWebhookVariant.UnpublishedKey, 401, "InvalidSignature")]
    [InlineData(EmulatorWebhookVariant.StaleTimestamp, 401, "StaleTimestamp")]
    public async Task A_broken_delivery_is_rejected_with_its_reason_and_never_handled(EmulatorWebhookVariant variant, int status, string reason)
    {
        await using var r = await WebhookReceiver.StartAsync();
        var sent = await r.DeliverAsync(WebhookReceiver.Body("g-" + variant), variant);

        Assert.Equal(status, sent.StatusCode);
        using var problem = JsonDocument.Parse(sent.ResponseBody);
        Assert.Equal(reason, problem.RootElement.GetProperty("reason").GetString());
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
        Assert.Empty(r.Handled);
        // The answer and the log name what failed, never the body or the signature.
        Assert.DoesNotContain("A photo of a cat", sent.ResponseBody);
        Assert.DoesNotContain(sent.Headers["X-Ideogram-Webhook-Signature"], sent.ResponseBody);
        var logged = string.Join("\n", r.Logs.AllText);
        Assert.Contains("rejected (" + reason + ")", logged);
        Assert.DoesNotContain("A photo of a cat", logged);
        Assert.DoesNotContain(sent.Headers["X-Ideogram-Webhook-Signature"], logged);
        // The same generation, signed correctly afterwards, is still accepted: a rejection uses nothing up.
        Assert.Equal(200, (await r.DeliverAsync(WebhookReceiver.Body("g-" + variant))).StatusCode);
        Assert.Single(r.Handled);
    }

    [Fact]
    public async Task A_duplicated_delivery_is_answered_200_twice_and_handled_once()
    {
        await using var r = await WebhookReceiver.StartAsync();
        var sent = await r.DeliverAsync(WebhookReceiver.Body("dup"), EmulatorWebhookVariant.Duplicate);

        Assert.Equal(200, sent.StatusCode);
        Assert.Equal(200, sent.Redelivery!.StatusCode);
        Assert.Equal(sent.Headers["X-Ideogram-Webhook-Signature"], sent.Redelivery.Headers["X-Ideogram-Webhook-Signature"]);
        Assert.Single(r.Handled);
        Assert.Equal(2, r.Emulator.Webhooks.Deliveries.Count);

        // A later, freshly signed delivery of the same generation is a duplicate as well.
        r.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(200, (await r.DeliverAsync(WebhookReceiver.Body("dup"))).StatusCode);
        Assert.Single(r.Handled);
        Assert.Contains(r.Logs.AllText, l => l.Contains("WebhookDuplicate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rotated_key_is_fetched_again_and_unverifiable_deliveries_fetch_at_most_once_a_minute()
    {
        await using var r = await WebhookReceiver.StartAsync();
        var oldKey = r.Emulator.Webhooks.CurrentKeyId;
        Assert.Equal(200, (await r.DeliverAsync(WebhookReceiver.Body("before"))).StatusCode);
        Assert.Equal(1, r.Emulator.Webhooks.KeySetRequestCount);

        // Unknown key ids right after the fetch: the cached set is used, nothing is fetched (a forger cannot make the
        // receiver hammer the key endpoint).
        Assert.Equal(401, (await r.DeliverAsync(WebhookReceiver.Body("forged-1"), EmulatorWebhookVariant.UnpublishedKey)).StatusCode);
        Assert.Equal(401, (await r.DeliverAsync(WebhookReceiver.Body("forged-2"), EmulatorWebhookVariant.UnpublishedKey)).StatusCode);
        Assert.Equal(1, r.Emulator.Webhooks.KeySetRequestCount);

        r.Clock.Advance(TimeSpan.FromMinutes(1));
        var rotated = await r.DeliverAsync(WebhookReceiver.Body("after"), EmulatorWebhookVariant.RotatedKey);
        Assert.Equal(200, rotated.StatusCode);
        Assert.Equal(2, r.Emulator.Webhooks.KeySetRequestCount);
        Assert.NotEqual(oldKey, r.Emulator.Webhooks.CurrentKeyId);
        Assert.Equal(r.Emulator.Webhooks.CurrentKeyId, r.Handled.Last().KeyId);
        Assert.Equal(new[] { r.Emulator.Webhooks.CurrentKeyId, oldKey }, r.Emulator.Webhooks.PublishedKeyIds);
        Assert.Equal(r.Emulator.Webhooks.CurrentKeyId, rotated.Headers["X-Ideogram-Webhook-Key-Id"]);
    }

    [Fact]
    public async Task The_replay_window_is_the_configured_one_on_the_app_clock()
    {
        await using var r = await WebhookReceiver.StartAsync(o => o.ReplayWindow = TimeSpan.FromMinutes(10));
        r.Emulator.Webhooks.StaleBy = TimeSpan.FromMinutes(9);
        Assert.Equal(200, (await r.DeliverAsync(WebhookReceiver.Body("nine-minutes"), EmulatorWebhookVariant.StaleTimestamp)).StatusCode);
        r.Emulator.Webhooks.StaleBy = TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1);
        var stale = await r.DeliverAsync(WebhookReceiver.Body("ten-minutes-one-second"), EmulatorWebhookVariant.StaleTimestamp);
        Assert.Equal(401, stale.StatusCode);
        Assert.Contains("the replay window is 600 s", stale.ResponseBody);
        Assert.Single(r.Handled);
    }

    [Fact]
    public async Task A_failed_handler_answers_500_and_the_redelivery_is_handled()
    {
        await using var r = await WebhookReceiver.StartAsync();
        r.FailNext = new InvalidOperationException("database down");
        Assert.Equal(500, (await r.DeliverAsync(WebhookReceiver.Body("retry-me"))).StatusCode);
        Assert.Empty(r.Handled);

        r.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(200, (await r.DeliverAsync(WebhookReceiver.Body("retry-me"))).StatusCode);
        Assert.Equal("retry-me", Assert.Single(r.Handled).GenerationId);
        Assert.Contains(r.Logs.AllText, l => l.Contains("WebhookHandlerFailed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_over_the_cap_is_answered_413_unread()
    {
        await using var r = await WebhookReceiver.StartAsync(o => o.MaxBodyBytes = 1024);
        var big = "{\"generation_id\":\"big\",\"created\":\"2026-12-01T09:59:30Z\",\"data\":[],\"pad\":\"" + new string('x', 2000) + "\"}";
        var sent = await r.DeliverAsync(big);
        Assert.Equal(413, sent.StatusCode);
        Assert.Contains("BodyTooLarge", sent.ResponseBody);
        Assert.Contains("1024 bytes", sent.ResponseBody);
        Assert.Empty(r.Handled);
    }

    [Fact]
    public async Task Without_the_key_set_a_delivery_is_not_judged_503_then_accepted_once_keys_are_back()
    {
        await using var r = await WebhookReceiver.StartAsync();
        r.Emulator.Webhooks.KeySetUnavailable = true;
        var sent = await r.DeliverAsync(WebhookReceiver.Body("keys-down"));
        Assert.Equal(503, sent.StatusCode);
        Assert.Contains("KeySetUnavailable", sent.ResponseBody);
        Assert.Empty(r.Handled);

        r.Emulator.Webhooks.KeySetUnavailable = false;
        Assert.Equal(200, (await r.DeliverAsync(WebhookReceiver.Body("keys-down"))).StatusCode);
        Assert.Single(r.Handled);
    }

    [Fact]
    public async Task Missing_headers_are_a_400_naming_them()
    {
        await using var r = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        using var response = await http.PostAsync(r.Url, new StringContent(WebhookReceiver.Body("no-headers"), Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("MissingHeader", text);
        Assert.Contains("X-Ideogram-Webhook-Signature", text);
        Assert.Empty(r.Handled);
    }

    [Fact]
    public async Task Options_out_of_range_fail_at_start_and_mapping_without_registration_says_what_to_call()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => WebhookReceiver.StartAsync(o => o.KeySetMaxAge = TimeSpan.FromHours(25)));
        Assert.Contains("KeySetMaxAge", e.Message);

        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();
        var mapping = Assert.Throws<InvalidOperationException>(() =>
            IdeogramGen.Webhooks.AspNetCore.IdeogramWebhookEndpointRouteBuilderExtensions.MapIdeogramWebhook(app, "/hooks", (IdeogramWebhook _, System.Threading.CancellationToken _) => Task.CompletedTask));
        Assert.Contains("AddIdeogramWebhooks", mapping.Message);
    }

    [Fact]
    public async Task The_registered_store_is_the_one_used_so_several_instances_can_share_one()
    {
        var shared = new InMemoryWebhookDeliveryStore();
        await shared.TryRecordAsync("seen-elsewhere", WebhookReceiver.Start, default);
        await using var r = await WebhookReceiver.StartAsync();
        Assert.IsType<InMemoryWebhookDeliveryStore>(r.Services.GetRequiredService<IWebhookDeliveryStore>());
        // Registered before AddIdeogramWebhooks: TryAdd keeps the application's store.
        var services = new ServiceCollection();
        services.AddSingleton<IWebhookDeliveryStore>(shared);
        IdeogramGen.Webhooks.AspNetCore.IdeogramWebhookServiceCollectionExtensions.AddIdeogramWebhooks(services);
        using var provider = services.BuildServiceProvider();
        Assert.Same(shared, provider.GetRequiredService<IWebhookDeliveryStore>());
    }
}
