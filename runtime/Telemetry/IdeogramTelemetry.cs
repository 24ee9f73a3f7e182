using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace IdeogramGen
{
    /// <summary>
    /// The library's tracing and metrics: one <see cref="System.Diagnostics.ActivitySource"/> and one
    /// <see cref="System.Diagnostics.Metrics.Meter"/>, both named <see cref="SourceName"/> (<c>"IdeogramGen"</c>).
    /// Subscribe with OpenTelemetry: <c>.WithTracing(t =&gt; t.AddSource("IdeogramGen"))</c> and
    /// <c>.WithMetrics(m =&gt; m.AddMeter("IdeogramGen"))</c>. Nothing is recorded while nobody listens.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Each Ideogram call is one client span named <c>generate_content {model}</c> (or <c>generate_content</c> when the
    /// model is not known), following the OpenTelemetry semantic conventions for generative AI client spans
    /// (<c>gen_ai.operation.name</c>, <c>gen_ai.provider.name</c> = <c>ideogram</c>, <c>gen_ai.request.model</c>,
    /// <c>gen_ai.request.choice.count</c>, <c>gen_ai.output.type</c>, <c>server.address</c>, <c>server.port</c>,
    /// <c>error.type</c>), plus this library's own attributes under <c>ideogramgen.</c>: the gateway log id and cache
    /// status, the attempts made, whether the call may have been billed, and the images delivered and withheld by
    /// Ideogram's safety check. Retries are span events named <see cref="RetryEventName"/>. The HTTP spans of each
    /// attempt (from HttpClient's own instrumentation) are children of the call's span.
    /// </para>
    /// <para>
    /// The prompt is never recorded unless <see cref="GatewayOptions.RecordPromptsInTelemetry"/> is set; the Ideogram key,
    /// gateway token, headers and image links are never recorded. The semantic conventions for generative AI are still
    /// in development; names follow the version current when this library was built (gen_ai.provider.name, which
    /// replaced gen_ai.system).
    /// </para>
    /// </remarks>
    public static class IdeogramTelemetry
    {
        /// <summary>The name of the activity source and of the meter: <c>IdeogramGen</c>.</summary>
        public const string SourceName = "IdeogramGen";

        /// <summary>The value of <c>gen_ai.provider.name</c>: <c>ideogram</c>.</summary>
        public const string ProviderName = "ideogram";

        /// <summary>The value of <c>gen_ai.operation.name</c> for every Ideogram call: <c>generate_content</c> (semantic conventions, well-known operation names).</summary>
        public const string OperationName = "generate_content";

        /// <summary>The name of the span event recorded before each retry (attributes: <c>ideogramgen.attempt</c>, <c>error.type</c>, <c>ideogramgen.retry.delay</c> in seconds).</summary>
        public const string RetryEventName = "ideogramgen.retry";

        private static readonly string Version = typeof(IdeogramTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0";

        internal static readonly ActivitySource Source = new ActivitySource(SourceName, Version);
        internal static readonly Meter Meter = new Meter(SourceName, Version);

        /// <summary>
        /// <c>gen_ai.client.operation.duration</c> (histogram, seconds): the whole call, retries and waits for the image
        /// limiter included. Tags: operation, provider, model, server address and port, <c>error.type</c> when it failed.
        /// </summary>
        internal static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
            Names.OperationDuration, "s", "GenAI operation duration"
#if NET9_0_OR_GREATER || NETSTANDARD2_0
            , tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = new[] { 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92 } }
#endif
            );

        /// <summary>
        /// <c>ideogramgen.client.image.usage</c> (histogram, images per call): the image counterpart of
        /// <c>gen_ai.client.token.usage</c>. Tag <c>ideogramgen.image.type</c> is <c>delivered</c> (with a link) or
        /// <c>withheld</c> (billed, but withheld by Ideogram's safety check).
        /// </summary>
        internal static readonly Histogram<int> ImageUsage = Meter.CreateHistogram<int>(Names.ImageUsage, "{image}", "Images returned per Ideogram call, by type (delivered or withheld)");

        /// <summary><c>ideogramgen.client.billing_uncertain</c> (counter): failed calls that may have been billed (<see cref="IdeogramGenException.MayHaveBeenBilled"/>).</summary>
        internal static readonly Counter<long> BillingUncertain = Meter.CreateCounter<long>(Names.BillingUncertain, "{call}", "Failed Ideogram calls that may have been billed");

        /// <summary><c>ideogramgen.client.retries</c> (counter): attempts re-sent by the client's retry policy.</summary>
        internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(Names.Retries, "{retry}", "Ideogram calls re-sent by the client's retry policy");

        /// <summary><c>ideogramgen.download.bytes</c> (counter, bytes): image bytes received by <see cref="ImageDownloader"/>.</summary>
        internal static readonly Counter<long> DownloadedBytes = Meter.CreateCounter<long>(Names.DownloadedBytes, "By", "Image bytes downloaded");

        /// <summary>The names of the instruments, span attributes and their values.</summary>
        public static class Names
        {
            /// <summary>Histogram <c>gen_ai.client.operation.duration</c> (s).</summary>
            public const string OperationDuration = "gen_ai.client.operation.duration";
            /// <summary>Histogram <c>ideogramgen.client.image.usage</c> ({image}).</summary>
            public const string ImageUsage = "ideogramgen.client.image.usage";
            /// <summary>Counter <c>ideogramgen.client.billing_uncertain</c> ({call}).</summary>
            public const string BillingUncertain = "ideogramgen.client.billing_uncertain";
            /// <summary>Counter <c>ideogramgen.client.retries</c> ({retry}).</summary>
            public const string Retries = "ideogramgen.client.retries";
            /// <summary>Counter <c>ideogramgen.download.bytes</c> (By).</summary>
            public const string DownloadedBytes = "ideogramgen.download.bytes";

            /// <summary><c>gen_ai.operation.name</c>: always <c>generate_content</c>.</summary>
            public const string GenAIOperationName = "gen_ai.operation.name";
            /// <summary><c>gen_ai.provider.name</c>: always <c>ideogram</c>.</summary>
            public const string GenAIProviderName = "gen_ai.provider.name";
            /// <summary><c>gen_ai.request.model</c>: the request's <c>model</c> field, or <c>V_3</c> for the 3.0 paths (which imply it).</summary>
            public const string GenAIRequestModel = "gen_ai.request.model";
            /// <summary><c>gen_ai.request.choice.count</c>: the images asked for (<c>num_images</c>, 1 when unset).</summary>
            public const string GenAIRequestChoiceCount = "gen_ai.request.choice.count";
            /// <summary><c>gen_ai.output.type</c>: <c>image</c>, or <c>text</c> for <c>/describe</c>.</summary>
            public const string GenAIOutputType = "gen_ai.output.type";
            /// <summary><c>gen_ai.input.messages</c>: the prompt, only with <see cref="GatewayOptions.RecordPromptsInTelemetry"/>.</summary>
            public const string GenAIInputMessages = "gen_ai.input.messages";
            /// <summary><c>server.address</c>: the gateway host.</summary>
            public const string ServerAddress = "server.address";
            /// <summary><c>server.port</c>: the gateway port.</summary>
            public const string ServerPort = "server.port";
            /// <summary><c>error.type</c>: the exception's full type name.</summary>
            public const string ErrorType = "error.type";
            /// <summary><c>http.response.status_code</c>: the status of the last answer, when there was one.</summary>
            public const string HttpStatusCode = "http.response.status_code";

            /// <summary><c>ideogramgen.request.path</c>: Ideogram's path, e.g. <c>v1/ideogram-v3/generate</c>.</summary>
            public const string RequestPath = "ideogramgen.request.path";
            /// <summary><c>ideogramgen.gateway.log_id</c>: <c>cf-aig-log-id</c> of the last answer.</summary>
            public const string GatewayLogId = "ideogramgen.gateway.log_id";
            /// <summary><c>ideogramgen.gateway.cache_status</c>: <c>cf-aig-cache-status</c> (<c>HIT</c>, <c>MISS</c>).</summary>
            public const string GatewayCacheStatus = "ideogramgen.gateway.cache_status";
            /// <summary><c>ideogramgen.attempts</c>: attempts made, retries included.</summary>
            public const string Attempts = "ideogramgen.attempts";
            /// <summary><c>ideogramgen.attempt</c>: on a retry event, the attempt that failed.</summary>
            public const string Attempt = "ideogramgen.attempt";
            /// <summary><c>ideogramgen.retry.delay</c>: on a retry event, the wait before the next attempt, in seconds.</summary>
            public const string RetryDelay = "ideogramgen.retry.delay";
            /// <summary>
            /// <c>ideogramgen.may_have_been_billed</c>: true when Ideogram ran, or may have run, the generation (a
            /// success that was not a cache hit, or a failure with <see cref="IdeogramGenException.MayHaveBeenBilled"/>).
            /// </summary>
            public const string MayHaveBeenBilled = "ideogramgen.may_have_been_billed";
            /// <summary><c>ideogramgen.response.images</c>: images in the answer with a link.</summary>
            public const string ResponseImages = "ideogramgen.response.images";
            /// <summary><c>ideogramgen.response.images_withheld</c>: images Ideogram's safety check withheld (billed, no link).</summary>
            public const string ResponseImagesWithheld = "ideogramgen.response.images_withheld";
            /// <summary><c>ideogramgen.image.type</c> on <see cref="ImageUsage"/>: <c>delivered</c> or <c>withheld</c>.</summary>
            public const string ImageType = "ideogramgen.image.type";
            /// <summary>
            /// <c>ideogramgen.dry_run</c>: true on a price quote (<c>?dry_run=true</c>, <see cref="GatewayPipeline.QuoteAsync"/>),
            /// which generates and bills nothing (its <see cref="MayHaveBeenBilled"/> is always false); absent otherwise.
            /// </summary>
            public const string DryRun = "ideogramgen.dry_run";
        }

        /// <summary>Starts the telemetry of one call, or returns null when nobody listens.</summary>
        internal static CallTelemetry? StartCall(string path, RequestBody body, int images, Uri baseUri, bool recordPrompt, bool dryRun = false)
        {
            bool traced = Source.HasListeners();
            if (!traced && !OperationDuration.Enabled && !ImageUsage.Enabled && !BillingUncertain.Enabled && !Retries.Enabled) return null;
            return new CallTelemetry(path, body, images, baseUri, traced, recordPrompt, dryRun);
        }

        internal static void RecordDownloaded(long bytes)
        {
            if (bytes > 0 && DownloadedBytes.Enabled) DownloadedBytes.Add(bytes);
        }
    }
}
