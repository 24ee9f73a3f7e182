using System;
using System.Collections.Generic;

namespace IdeogramGen.Testing
{
    /// <summary>One webhook POST the emulator sent, and the receiver's answer.</summary>
    public sealed class EmulatorWebhookDelivery
    {
        internal EmulatorWebhookDelivery(Uri url, EmulatorWebhookVariant variant, string generationId, DateTimeOffset signedAt,
            IReadOnlyDictionary<string, string> headers, byte[] body, int statusCode, string responseBody)
        {
            Url = url;
            Variant = variant;
            GenerationId = generationId;
            SignedAt = signedAt;
            Headers = headers;
            Body = body;
            StatusCode = statusCode;
            ResponseBody = responseBody;
        }

        /// <summary>Where it was sent.</summary>
        public Uri Url { get; }

        /// <summary>How it was signed or broken.</summary>
        public EmulatorWebhookVariant Variant { get; }

        /// <summary>The body's <c>generation_id</c> (also sent as <c>X-Ideogram-Webhook-Generation-Id</c>).</summary>
        public string GenerationId { get; }

        /// <summary>The signing time sent in <c>X-Ideogram-Webhook-Timestamp</c> (the emulator's clock, or earlier for <see cref="EmulatorWebhookVariant.StaleTimestamp"/>).</summary>
        public DateTimeOffset SignedAt { get; }

        /// <summary>The <c>X-Ideogram-Webhook-*</c> headers as sent.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>The body bytes as sent (after tampering, for <see cref="EmulatorWebhookVariant.TamperedBody"/>).</summary>
        public byte[] Body { get; }

        /// <summary>
        /// The receiver's HTTP status code; 0 when the receiver could not be reached (only for the emulator's own completion
        /// deliveries of asynchronous generations, which record the attempt instead of throwing; <see cref="EmulatorWebhooks.DeliverAsync(Uri, byte[], EmulatorWebhookVariant, System.Threading.CancellationToken)"/> throws).
        /// </summary>
        public int StatusCode { get; }

        /// <summary>The receiver's answer body (UTF-8 text); for status code 0, the error's type and message.</summary>
        public string ResponseBody { get; }

        /// <summary>For <see cref="EmulatorWebhookVariant.Duplicate"/>: the second, identical POST and its answer; else null.</summary>
        public EmulatorWebhookDelivery? Redelivery { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{Variant} delivery of generation {GenerationId} to {Url}: HTTP {StatusCode}";
    }
}
