using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IdeogramGen.Extensions.Tests;

/// <summary>samples/WebApp end to end: its client is wired with AddIdeogramGateway and calls the emulator by default.</summary>
public class WebAppTests : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly WebApplicationFactory<Program> _factory;

    public WebAppTests(WebApplicationFactory<Program> factory) => _factory = factory;

    [Fact(Timeout = 120_000)]
    public async Task Posting_a_prompt_shows_the_images_and_serves_them()
    {
        using var client = _factory.CreateClient();
        var page = await client.GetStringAsync("/");
        Assert.Contains("<form method=\"post\"", page);

        using var answer = await client.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string> { ["prompt"] = "A lighthouse <at> dawn" }));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains("value=\"A lighthouse &lt;at&gt; dawn\"", html);
        var link = Regex.Match(html, "<img src=\"(?<src>/images/[0-9a-f]{32}\\.png)\"").Groups["src"].Value;
        Assert.NotEmpty(link);

        using var image = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        var bytes = await image.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes.Take(4));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_JSON_endpoint_returns_image_links_and_validation_errors()
    {
        using var client = _factory.CreateClient();
        using var answer = await client.PostAsJsonAsync("/api/generate", new { prompt = "A fox in the snow" });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var images = json.RootElement.GetProperty("images").EnumerateArray().ToList();
        Assert.Single(images);
        var url = images[0].GetProperty("url").GetString()!;
        Assert.StartsWith("/images/", url);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("logId").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);

        using var empty = await client.PostAsJsonAsync("/api/generate", new { prompt = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("prompt", await empty.Content.ReadAsStringAsync());
    }

    [Fact(Timeout = 120_000)]
    public async Task The_health_endpoint_reports_the_configuration_healthy()
    {
        using var client = _factory.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
    }
}
