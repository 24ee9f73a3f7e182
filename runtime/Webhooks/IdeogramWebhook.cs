using System;
using System.Text.Json;

namespace IdeogramGen.Webhooks;

/// <summary>
/// A delivery whose signature, freshness and generation id were verified (and that was not seen before, when the
/// verifier de-duplicates): Ideogram's completed result for one generation. The body is the synchronous response of the
/// route the generation was submitted to (developer.ideogram.ai <c>ideogram-api/webhooks</c>, "What Ideogram delivers":
/// <c>generation_id</c>, <c>created</c>, <c>data[]</c>), so <see cref="ReadAs{T}"/> with the generated response type's
/// <c>Read</c> gives the same typed result as polling the generation.
/// </summary>
public sealed class IdeogramWebhook
{
    internal IdeogramWebhook(string generationId, string userId, string keyId, DateTimeOffset signedAt, DateTimeOffset receivedAt, ReadOnlyMemory<byte> body)
    {
        GenerationId = generationId;
        UserId = userId;
        KeyId = keyId;
        SignedAt = signedAt;
        ReceivedAt = receivedAt;
        Body = body;
    }

    /// <summary>The generation the result is for (<see cref="IdeogramWebhookHeaders.GenerationId"/>, equal to the body's <c>generation_id</c>).</summary>
    public string GenerationId { get; }

    /// <summary>The account that submitted the generation (<see cref="IdeogramWebhookHeaders.UserId"/>, URL-safe base64).</summary>
    public string UserId { get; }

    /// <summary>The <c>kid</c> of the published key that verified the signature.</summary>
    public string KeyId { get; }

    /// <summary>When Ideogram signed the delivery (<see cref="IdeogramWebhookHeaders.Timestamp"/>).</summary>
    public DateTimeOffset SignedAt { get; }

    /// <summary>When the delivery was verified, on the verifier's clock.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The raw body, exactly as received and verified (UTF-8 JSON).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>
    /// Reads the body with <paramref name="read"/>: pass the generated response type's <c>Read</c> (for example
    /// <c>ImageV4Response.Read</c>), which reads it exactly as the client reads the synchronous answer and the polled
    /// result. Unknown properties are skipped.
    /// </summary>
    /// <typeparam name="T">The generated response type.</typeparam>
    /// <exception cref="ArgumentNullException"><paramref name="read"/> is null.</exception>
    /// <exception cref="IdeogramJsonFormatException">The body does not have the shape of <typeparamref name="T"/>; <see cref="IdeogramJsonFormatException.JsonPath"/> says where.</exception>
    public T ReadAs<T>(JsonValueReader<T> read)
    {
        if (read is null) throw new ArgumentNullException(nameof(read));
        var bytes = Body.Span;
        // A UTF-8 byte order mark is legal before JSON text but not for Utf8JsonReader.
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) bytes = bytes.Slice(3);
        try
        {
            var reader = new Utf8JsonReader(bytes);
            IdeogramJson.Start(ref reader);
            var result = read(ref reader);
            IdeogramJson.End(ref reader);
            return result;
        }
        catch (Exception e) when (e is JsonException || e is InvalidOperationException || e is FormatException)
        {
            throw new IdeogramJsonFormatException("$", $"the webhook body of generation {GenerationId} could not be read as {typeof(T).Name}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Ideogram webhook for generation {GenerationId} (signed by key \"{KeyId}\" at {SignedAt:O}, {Body.Length} bytes)";
}
