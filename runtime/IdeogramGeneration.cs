using System;
using System.Globalization;

namespace IdeogramGen
{
    /// <summary>
    /// An asynchronous generation Ideogram accepted: its <see cref="GenerationId"/> (URL-safe base64), the API version
    /// whose <c>GET /{version}/generations/{generation_id}</c> reports on it, and what the submit's answer said. The id is
    /// all it takes to pick the result up later, also from another process: store it as soon as you have it and call the
    /// client's <c>Resume…Async(generationId)</c> after a crash, a timeout or a cancellation (polls are free; resubmitting
    /// would generate, and bill, again). Sources: Ideogram OpenAPI document of 2026-10-07, paths
    /// <c>/v1/generations/{generation_id}</c> and <c>/v2/generations/{generation_id}</c>, schema <c>GenerationResponse</c>.
    /// </summary>
    public class IdeogramGeneration
    {
        /// <summary>The longest generation id accepted (Ideogram's are 22 characters; longer ones are refused before anything is sent).</summary>
        internal const int MaxIdLength = 256;

        internal IdeogramGeneration(string generationId, string apiVersion, string? requestPath, GatewayMetadata? gateway)
        {
            GenerationId = generationId;
            ApiVersion = apiVersion;
            RequestPath = requestPath;
            Gateway = gateway ?? GatewayMetadata.Empty;
        }

        /// <summary><c>generation_id</c>: Ideogram's URL-safe base64 id of the generation.</summary>
        public string GenerationId { get; }

        /// <summary><c>"v1"</c> or <c>"v2"</c>: the API whose generations route reports on this generation (a v1 id is unknown to the v2 route and the reverse).</summary>
        public string ApiVersion { get; }

        /// <summary>The Ideogram path that is polled: <c>{ApiVersion}/generations/{GenerationId}</c>.</summary>
        public string PollPath => ApiVersion + "/generations/" + GenerationId;

        /// <summary>The Ideogram path the generation was submitted to (<c>v1/ideogram-v4/async/generate</c>); null when it was resumed by id.</summary>
        public string? RequestPath { get; }

        /// <summary>The gateway's <c>cf-aig-*</c> headers of the submit's answer (its log id, ...); empty when resumed by id.</summary>
        public GatewayMetadata Gateway { get; }

        /// <summary><c>created</c>: when Ideogram created the generation, once a poll has said; else null.</summary>
        public DateTimeOffset? Created { get; internal set; }

        /// <summary>
        /// <c>usage_cost_usd_micros</c>: on a completed generation whose request uses variable usage-based pricing, the
        /// cost charged in millionths of a US dollar; else null (Ideogram OpenAPI document of 2026-10-07, <c>GenerationResponse</c>).
        /// </summary>
        public long? UsageCostUsdMicros { get; internal set; }

        /// <summary>Checks a generation id before it goes into a URL path.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="generationId"/> is null.</exception>
        /// <exception cref="ArgumentException">The id is empty, too long, or has characters outside URL-safe base64 (<c>A–Z a–z 0–9 - _</c>, optional <c>=</c> padding).</exception>
        internal static void CheckId(string? generationId, string parameterName)
        {
            if (generationId is null) throw new ArgumentNullException(parameterName);
            if (generationId.Length == 0 || generationId.Length > MaxIdLength)
                throw new ArgumentException("A generation id is the URL-safe base64 text Ideogram answered as generation_id (1 to " + MaxIdLength.ToString(CultureInfo.InvariantCulture) + " characters); got " + generationId.Length.ToString(CultureInfo.InvariantCulture) + " characters.", parameterName);
            for (int i = 0; i < generationId.Length; i++)
            {
                char c = generationId[i];
                bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || (c == '=' && i >= generationId.Length - 2);
                if (!ok)
                    throw new ArgumentException("A generation id is URL-safe base64 (A-Z, a-z, 0-9, '-', '_'), as Ideogram answers it in generation_id; the character at index " + i.ToString(CultureInfo.InvariantCulture) + " is not.", parameterName);
            }
        }

        /// <inheritdoc/>
        public override string ToString() => "IdeogramGeneration(" + ApiVersion + " " + GenerationId + ")";
    }
}
