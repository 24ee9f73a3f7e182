using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.ConformanceTests;

/// <summary>
/// Plays the gateway in front of Prism: the generated client sends <c>{root}v1/{account}/{gateway}/ideogram/{path}</c>,
/// Prism serves Ideogram's own paths, so the gateway prefix is removed and the request forwarded with its method,
/// headers and body exactly as the client built them. The last exchange is kept for failure messages.
/// </summary>
public sealed class GatewayPrefixHandler : DelegatingHandler
{
    private readonly Uri _prism;
    private readonly string _prefix;

    public GatewayPrefixHandler(Uri prism, string accountId, string gatewayId)
        : base(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        _prism = prism;
        _prefix = "/v1/" + accountId + "/" + gatewayId + "/ideogram/";
    }

    /// <summary>The gateway root the client is configured with; never contacted.</summary>
    public static Uri ClientRoot { get; } = new("http://gateway.invalid/");

    public string? ForwardedPath { get; private set; }

    public string? ContentType { get; private set; }

    public byte[] Body { get; private set; } = Array.Empty<byte>();

    public int Status { get; private set; }

    public string ResponseBody { get; private set; } = "";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        if (!uri.AbsolutePath.StartsWith(_prefix, StringComparison.Ordinal))
            throw new InvalidOperationException($"The client called {uri.AbsolutePath}, which does not start with the gateway prefix {_prefix}.");
        ForwardedPath = "/" + uri.AbsolutePath.Substring(_prefix.Length);
        request.RequestUri = new Uri(_prism, ForwardedPath.TrimStart('/') + uri.Query);
        // Buffering keeps the bytes identical for sending and lets a failure message show them.
        Body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        ContentType = request.Content?.Headers.ContentType?.ToString();
        var response = await base.SendAsync(request, cancellationToken);
        Status = (int)response.StatusCode;
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        ResponseBody = await response.Content.ReadAsStringAsync(cancellationToken);
        return response;
    }

    /// <summary>What was forwarded and answered, for a failure message (file contents are summarised).</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append("POST ").Append(ForwardedPath).Append(" (").Append(ContentType).Append(") -> ").Append(Status).Append('\n');
        if (ContentType?.StartsWith("multipart/form-data", StringComparison.Ordinal) == true)
        {
            var boundary = ContentType.Split(';').Select(p => p.Trim()).First(p => p.StartsWith("boundary=", StringComparison.Ordinal)).Substring(9).Trim('"');
            foreach (var part in Multipart.Parse(Body, boundary))
            {
                sb.Append("  part ").Append(part.Name);
                if (part.FileName != null)
                    sb.Append(" file=").Append(part.FileName).Append(" type=").Append(part.ContentType).Append(" bytes=").Append(part.Bytes.Length);
                else
                    sb.Append(part.ContentType != null ? " (" + part.ContentType + ")" : "").Append(": ").Append(part.Text);
                sb.Append('\n');
            }
        }
        else
        {
            sb.Append("  body: ").Append(Encoding.UTF8.GetString(Body)).Append('\n');
        }
        var excerpt = ResponseBody.Length > 600 ? ResponseBody.Substring(0, 600) + "…" : ResponseBody;
        sb.Append("  answer: ").Append(excerpt);
        return sb.ToString();
    }
}
