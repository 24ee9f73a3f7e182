using System;

namespace IdeogramGen.Testing
{
    /// <summary>
    /// A snapshot of one asynchronous generation the emulator accepted (see <see cref="IdeogramEmulator.Generations"/>):
    /// what its submit asked for and where its lifecycle stands. The values do not change after the snapshot is taken.
    /// </summary>
    /// <remarks>
    /// Lifecycle (Ideogram OpenAPI document of 2026-10-07, schema <c>GenerationResponse</c>, <c>status</c>
    /// <c>pending | completed | failed</c>): <c>pending</c> from <see cref="CreatedAt"/> until <see cref="CompletesAt"/>,
    /// then <c>completed</c> (billed then, and its webhook delivered) or <c>failed</c> (not billed, no webhook).
    /// </remarks>
    public sealed class EmulatorGeneration
    {
        internal EmulatorGeneration(string generationId, string requestPath, string apiVersion, string status, DateTimeOffset createdAt,
            DateTimeOffset completesAt, int images, Uri? webhookUrl, string? failureReason, int pollCount)
        {
            GenerationId = generationId;
            RequestPath = requestPath;
            ApiVersion = apiVersion;
            Status = status;
            CreatedAt = createdAt;
            CompletesAt = completesAt;
            Images = images;
            WebhookUrl = webhookUrl;
            FailureReason = failureReason;
            PollCount = pollCount;
        }

        /// <summary>The <c>generation_id</c>: URL-safe base64 without padding, 22 characters (16 random bytes).</summary>
        public string GenerationId { get; }

        /// <summary>The Ideogram path of the submit, e.g. <c>/v1/ideogram-v4/async/generate</c> or <c>/v2/image/reframe/auto</c>.</summary>
        public string RequestPath { get; }

        /// <summary><c>v1</c> or <c>v2</c>: the only poll route that knows the id (<c>GET {v1|v2}/generations/{generation_id}</c>; the other answers 404).</summary>
        public string ApiVersion { get; }

        /// <summary><c>pending</c>, <c>completed</c> or <c>failed</c>, as a poll answers it now.</summary>
        public string Status { get; }

        /// <summary>When the submit arrived (the emulator's clock); the poll's <c>created</c>.</summary>
        public DateTimeOffset CreatedAt { get; }

        /// <summary><see cref="CreatedAt"/> + <see cref="EmulatorOptions.GenerationTime"/>: when the generation stops being <c>pending</c>.</summary>
        public DateTimeOffset CompletesAt { get; }

        /// <summary>The images it makes (the request's <c>num_images</c>, 1 when unset): its weight in <see cref="IdeogramEmulator.ImagesInFlight"/> while pending, and what it is billed for when it completes.</summary>
        public int Images { get; }

        /// <summary>The submit's <c>webhook_url</c> (v1: query parameter; v2: body field), where the result is POSTed once at completion; null when none was given.</summary>
        public Uri? WebhookUrl { get; }

        /// <summary>The <c>failure_reason</c> once <see cref="Status"/> is <c>failed</c> (see <see cref="EmulatorFault.GenerationFails"/>); else null.</summary>
        public string? FailureReason { get; }

        /// <summary>How many polls Ideogram answered 200 for this generation (cache hits at the gateway do not reach Ideogram and are not counted).</summary>
        public int PollCount { get; }

        /// <inheritdoc />
        public override string ToString() => $"{ApiVersion} generation {GenerationId} of {RequestPath}: {Status}" + (FailureReason is null ? "" : " (" + FailureReason + ")");
    }
}
