using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdeogramGen.Webhooks.AspNetCore.Internal;

/// <summary>One mapped webhook route: read, verify, de-duplicate, call the handler, answer.</summary>
internal sealed class WebhookEndpoint
{
    private const string LoggerCategory = "IdeogramGen.Webhooks";

    private static readonly Action<ILogger, string, string, Exception?> LogRejected = LoggerMessage.Define<string, string>(
        LogLevel.Warning, new EventId(1, "WebhookRejected"), "Ideogram webhook rejected ({Reason}): {Detail}");

    private static readonly Action<ILogger, string, Exception?> LogDuplicate = LoggerMessage.Define<string>(
        LogLevel.Information, new EventId(2, "WebhookDuplicate"), "Ideogram webhook for generation {GenerationId} was delivered again; answered 200 without handling it twice.");

    private static readonly Action<ILogger, string, Exception?> LogKeysUnavailable = LoggerMessage.Define<string>(
        LogLevel.Error, new EventId(3, "WebhookKeysUnavailable"), "Ideogram webhook not judged: the signing keys could not be fetched from {JwksUri}; answered 503.");

    private static readonly Action<ILogger, string, Exception?> LogHandlerFailed = LoggerMessage.Define<string>(
        LogLevel.Error, new EventId(4, "WebhookHandlerFailed"), "Handling the Ideogram webhook for generation {GenerationId} failed; it is forgotten so that a redelivery is handled.");

    private readonly Func<IdeogramWebhook, IServiceProvider, CancellationToken, Task> _handler;

    public WebhookEndpoint(Func<IdeogramWebhook, IServiceProvider, CancellationToken, Task> handler) => _handler = handler;

    public async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var verifier = services.GetRequiredService<IdeogramWebhookVerifier>();
        var options = services.GetRequiredService<IOptions<IdeogramWebhookOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory);
        var aborted = context.RequestAborted;

        var body = await ReadBodyAsync(context.Request, options.MaxBodyBytes, aborted).ConfigureAwait(false);
        if (body is null)
        {
            var detail = $"The body is larger than the receiver's limit of {options.MaxBodyBytes} bytes (IdeogramWebhookOptions.MaxBodyBytes).";
            LogRejected(logger, "BodyTooLarge", detail, null);
            await WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "BodyTooLarge", detail).ConfigureAwait(false);
            return;
        }

        var headers = context.Request.Headers;
        var delivery = WebhookDelivery.FromHeaders(name => headers.TryGetValue(name, out var v) ? v.ToString() : null, body);
        WebhookVerificationResult result;
        try
        {
            result = await verifier.VerifyAsync(delivery, aborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || e is WebhookKeySetException)
        {
            LogKeysUnavailable(logger, options.JwksUri.ToString(), e);
            await WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "KeySetUnavailable",
                "The receiver could not fetch Ideogram's signing keys; the delivery was not judged.").ConfigureAwait(false);
            return;
        }

        if (result.Rejection == WebhookRejectionReason.Duplicate)
        {
            LogDuplicate(logger, delivery.GenerationId!, null);
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        if (!result.IsAccepted)
        {
            LogRejected(logger, result.Rejection.ToString(), result.Message, null);
            await WriteProblemAsync(context, StatusFor(result.Rejection), result.Rejection.ToString(), result.Message).ConfigureAwait(false);
            return;
        }

        var webhook = result.Webhook!;
        try
        {
            await _handler(webhook, services, aborted).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogHandlerFailed(logger, webhook.GenerationId, e);
            await verifier.ForgetAsync(webhook.GenerationId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        if (context.Response.StatusCode >= 400)
            await verifier.ForgetAsync(webhook.GenerationId, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>401 for what a forger or replayer gets wrong, 400 for a delivery not in the documented format.</summary>
    internal static int StatusFor(WebhookRejectionReason reason) => reason switch
    {
        WebhookRejectionReason.InvalidSignature or WebhookRejectionReason.StaleTimestamp or WebhookRejectionReason.TimestampInFuture => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The whole body, or null when it exceeds <paramref name="limit"/> bytes (declared or read).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > limit) return null;
        using var buffer = new MemoryStream((int)Math.Min(request.ContentLength ?? 4096, 1024 * 1024));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, string reason, string detail)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/problem+json";
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("title", "Ideogram webhook rejected: " + reason);
            writer.WriteNumber("status", status);
            writer.WriteString("detail", detail);
            writer.WriteString("reason", reason);
            writer.WriteEndObject();
        }
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json.GetBuffer().AsMemory(0, (int)json.Length), context.RequestAborted).ConfigureAwait(false);
    }
}
