using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.TestSupport;

/// <summary>Records each request (with its body read) and answers with a canned response.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, int, HttpResponseMessage> _respond;

    public StubHandler(Func<HttpRequestMessage, int, HttpResponseMessage> respond) => _respond = respond;

    public List<(HttpRequestMessage Request, byte[] Body)> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content == null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        int n;
        lock (Requests)
        {
            Requests.Add((request, body));
            n = Requests.Count;
        }
        return _respond(request, n);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    public const string Success = """
        {"created":"2026-11-29T10:00:00+00:00","data":[
          {"url":"https://ideogram.ai/api/images/ephemeral/abc.png?exp=4102444800&sig=00ff","prompt":"A serene landscape","resolution":"1024x1024","is_image_safe":true,"seed":12345,"style_type":"GENERAL"},
          {"url":null,"prompt":"A serene landscape","resolution":"1024x1024","is_image_safe":false,"seed":12346}
        ]}
        """;
}
