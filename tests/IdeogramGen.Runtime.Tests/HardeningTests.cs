using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using IdeogramGen.Testing;

namespace IdeogramGen.Runtime.Tests;

/// <summary>Edge cases found by adversarial review: secrets cut in half, redirects, odd input and odd answers.</summary>
public class HardeningTests
{
    private const string Key = "ak-CANARY-7Hq2vX9mLp4Rt8Wz1Nc6Bd3Fg5Jk0Ys2";
    private const string Token = "CANARYTOKEN-Zq8Xr2Lm5Np9Tv3Wy6Ac1Bd4Ef7Gh0Jk";

    private static (TestImages Client, StubHandler Handler) Client(Func<HttpRequestMessage, int, HttpResponseMessage> respond, string key = Key)
    {
        var handler = new StubHandler(respond);
        return (new TestImages(new HttpClient(handler), new IdeogramCredentials(key, Token), new GatewayOptions { Retry = IdeogramRetryPolicy.None }, null), handler);
    }

    private static void NoPartOfSecrets(Exception ex)
    {
        var text = ex.ToString() + (ex as IdeogramResponseException)?.BodyExcerpt;
        foreach (var secret in new[] { Key, Token })
            for (int i = 0; i + 8 <= secret.Length; i++)
                Assert.DoesNotContain(secret.Substring(i, 8), text);
    }

    [Fact]
    public async Task A_secret_cut_by_the_excerpt_leaves_no_prefix()
    {
        var html = "<html><body><h1>502 Bad Gateway</h1><p>" + new string('x', 130) + " upstream rejected header Api-Key: " + Key + "</p></body></html>";
        var (client, _) = Client((_, _) => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent(html, Encoding.UTF8, "text/html") });
        var ex = await Assert.ThrowsAsync<IdeogramResponseException>(() => client.GenerateV3Async(new GenerateV3Request { Prompt = "p" }));
        NoPartOfSecrets(ex);
    }

    [Fact]
    public async Task A_secret_in_a_long_validation_detail_leaves_no_prefix()
    {
        var body = "{\"detail\":[{\"loc\":[\"header\",\"Api-Key\"],\"msg\":\"" + new string('m', 330) + "\",\"input\":\"" + Key + "\"}]}";
        var (client, _) = Client((_, _) => StubHandler.Json((HttpStatusCode)422, body));
        var ex = await Assert.ThrowsAsync<IdeogramApiException>(() => client.GenerateV3Async(new GenerateV3Request { Prompt = "p" }));
        NoPartOfSecrets(ex);
    }

    [Fact]
    public async Task A_key_with_surrounding_white_space_is_trimmed_and_masked()
    {
        var (client, handler) = Client((_, _) => StubHandler.Json(HttpStatusCode.Unauthorized, "{\"error\":\"Invalid API key " + Key + "\"}"), key: " " + Key + " ");
        var ex = await Assert.ThrowsAsync<IdeogramApiException>(() => client.GenerateV3Async(new GenerateV3Request { Prompt = "p" }));
        Assert.Equal(Key, handler.Requests.Single().Request.Headers.GetValues("Api-Key").Single());
        NoPartOfSecrets(ex);
    }

    [Fact]
    public async Task An_answer_from_another_origin_after_a_redirect_is_refused()
    {
        await using var other = await IdeogramEmulator.StartAsync();
        var (client, _) = Client((request, _) =>
        {
            var response = StubHandler.Json(HttpStatusCode.OK, StubHandler.Success);
            response.RequestMessage = new HttpRequestMessage(HttpMethod.Post, new Uri(other.Root, "elsewhere"));
            return response;
        });
        var ex = await Assert.ThrowsAsync<IdeogramResponseException>(() => client.GenerateV3Async(new GenerateV3Request { Prompt = "p" }));
        Assert.Contains("redirected", ex.Message);
        Assert.Contains("AllowAutoRedirect", ex.Message);
        NoPartOfSecrets(ex);
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_before_the_answer_is_accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(StubHandler.Success)).ToArray();
        var (client, _) = Client((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) });
        var result = await client.GenerateV3Async(new GenerateV3Request { Prompt = "p" });
        Assert.Equal(2, result.Data.Count);
    }

    [Fact]
    public async Task A_retry_after_too_large_for_32_bits_ends_retrying()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.TooManyRequests,
            """{"success":false,"result":[],"messages":[],"error":[{"code":2003,"message":"Rate limited"}],"name":"AiGatewayError","httpCode":429,"internalCode":2003}""",
            ("Retry-After", "99999999999")));
        var client = new TestImages(new HttpClient(handler), new IdeogramCredentials(Key));
        var ex = await Assert.ThrowsAsync<GatewayException>(() => client.GenerateV3Async(new GenerateV3Request { Prompt = "p" }));
        Assert.Single(handler.Requests);
        Assert.True(ex.RetryAfter > TimeSpan.FromDays(365));
    }

    [Fact]
    public async Task Null_values_in_lists_and_extra_headers_are_validation_errors()
    {
        var (client, handler) = Client((_, _) => StubHandler.Json(HttpStatusCode.OK, StubHandler.Success));
        var item = await Assert.ThrowsAsync<IdeogramValidationException>(() => client.InstructionEditAsync(new InstructionEditRequest { Prompt = "p", ImageUrls = new string[] { null! } }));
        Assert.Equal("image_urls[0]", item.Field);
        var gateway = new GatewayRequestOptions();
        gateway.ExtraHeaders["cf-aig-future"] = null!;
        var header = await Assert.ThrowsAsync<IdeogramValidationException>(() => client.GenerateV3Async(new GenerateV3Request { Prompt = "p" }, new IdeogramRequestOptions { Gateway = gateway }));
        Assert.Equal("cf-aig-future", header.Field);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void A_path_whose_file_name_has_a_quote_is_refused_up_front()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(dir.FullName, "my \"cat\".png");
            File.WriteAllBytes(path, WireTests.Png());
            Assert.Throws<ArgumentException>(() => IdeogramFile.FromPath(path));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public async Task Non_ascii_file_names_go_out_as_plain_ascii()
    {
        var (client, handler) = Client((_, _) => StubHandler.Json(HttpStatusCode.OK, StubHandler.Success));
        await client.RemixV3Async(new RemixV3Request { Prompt = "p", Image = IdeogramFile.FromBytes(WireTests.Png(), "kätze 猫.png") });
        var (request, body) = handler.Requests.Single();
        var parts = Multipart.Parse(body, request.Content!.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"'));
        Assert.Equal("k_tze _.png", parts.Single(p => p.Name == "image").FileName);
        Assert.DoesNotContain("=?utf-8?", Encoding.ASCII.GetString(body));
    }

    [Fact]
    public async Task A_log_duration_beyond_a_time_span_is_a_response_error()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, """{"success":true,"errors":[],"messages":[],"result":{"id":"abc","duration":1e300,"status_code":4294967496}}"""));
        var logs = new GatewayLogsClient(new HttpClient(handler), "cf-api-token-1234", TestImages.GatewayAddress);
        await Assert.ThrowsAsync<IdeogramResponseException>(() => logs.GetAsync("abc"));
    }
}
