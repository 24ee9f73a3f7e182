using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using static IdeogramGen.IdeogramTelemetry;

namespace IdeogramGen
{
    /// <summary>The span and measurements of one Ideogram call (all attempts); created only while someone listens.</summary>
    internal sealed class CallTelemetry
    {
        private readonly Activity? _activity;
        private readonly long _started;
        private readonly string? _model;
        private readonly string _server;
        private readonly int _port;
        private readonly bool _dryRun;

        internal CallTelemetry(string path, RequestBody body, int images, Uri baseUri, bool traced, bool recordPrompt, bool dryRun = false)
        {
            _dryRun = dryRun;
            _started = Stopwatch.GetTimestamp();
            _server = baseUri.Host;
            _port = baseUri.Port;
            var fields = body.DescribedFields();
            _model = fields.Model ?? (path.StartsWith("v1/ideogram-v3/", StringComparison.Ordinal) ? IdeogramModel.V3.Value : null);
            if (!traced) return;
            _activity = Source.StartActivity(_model == null ? OperationName : OperationName + " " + _model, ActivityKind.Client);
            if (_activity == null || !_activity.IsAllDataRequested) return;
            _activity.SetTag(Names.GenAIOperationName, OperationName);
            _activity.SetTag(Names.GenAIProviderName, ProviderName);
            if (_model != null) _activity.SetTag(Names.GenAIRequestModel, _model);
            _activity.SetTag(Names.GenAIRequestChoiceCount, Math.Max(1, images));
            _activity.SetTag(Names.GenAIOutputType, path == "describe" ? "text" : "image");
            _activity.SetTag(Names.ServerAddress, _server);
            _activity.SetTag(Names.ServerPort, _port);
            _activity.SetTag(Names.RequestPath, path);
            if (dryRun) _activity.SetTag(Names.DryRun, true);
            if (recordPrompt && fields.Prompt != null) _activity.SetTag(Names.GenAIInputMessages, InputMessages(fields.Prompt));
        }

        /// <summary>A failed attempt is retried after <paramref name="delay"/>.</summary>
        public void Retrying(int attempt, Exception error, TimeSpan delay)
        {
            if (Retries.Enabled) Retries.Add(1, Tags(error: null));
            _activity?.AddEvent(new ActivityEvent(RetryEventName, tags: new ActivityTagsCollection
            {
                { Names.Attempt, attempt },
                { Names.ErrorType, error.GetType().FullName },
                { Names.RetryDelay, delay.TotalSeconds },
            }));
        }

        public void Succeeded(IdeogramResponse response, int attempts)
        {
            int delivered = 0, withheld = 0;
            bool hasImages = response is IIdeogramImageResponse r;
            if (hasImages)
                foreach (var image in ((IIdeogramImageResponse)response).Images)
                    if (image.IsWithheld) withheld++;
                    else delivered++;
            bool billed = !_dryRun && response.Gateway.CacheStatus != GatewayCacheStatus.Hit;
            if (_activity != null && _activity.IsAllDataRequested)
            {
                Answer(response.StatusCode, response.Gateway, attempts, billed);
                if (hasImages)
                {
                    _activity.SetTag(Names.ResponseImages, delivered);
                    _activity.SetTag(Names.ResponseImagesWithheld, withheld);
                }
            }
            if (hasImages && ImageUsage.Enabled)
            {
                var delivery = Tags(error: null);
                delivery.Add(Names.ImageType, "delivered");
                ImageUsage.Record(delivered, delivery);
                var held = Tags(error: null);
                held.Add(Names.ImageType, "withheld");
                ImageUsage.Record(withheld, held);
            }
            Stop(error: null);
        }

        public void Failed(Exception error, int attempts)
        {
            var ex = error as IdeogramGenException;
            bool billed = !_dryRun && (ex?.MayHaveBeenBilled ?? false);
            if (_activity != null)
            {
                if (_activity.IsAllDataRequested)
                {
                    _activity.SetTag(Names.ErrorType, error.GetType().FullName);
                    if (ex != null) Answer(ex.StatusCode, ex.Gateway, attempts, billed);
                    else _activity.SetTag(Names.Attempts, attempts);
                }
                // The message says what failed; the library keeps secrets out of it.
                _activity.SetStatus(ActivityStatusCode.Error, error is OperationCanceledException ? "canceled" : error.Message);
            }
            if (billed && BillingUncertain.Enabled) BillingUncertain.Add(1, Tags(error));
            Stop(error);
        }

        private void Answer(int? status, GatewayMetadata gateway, int attempts, bool billed)
        {
            var a = _activity!;
            if (status is int s && s > 0) a.SetTag(Names.HttpStatusCode, s);
            if (gateway.LogId != null) a.SetTag(Names.GatewayLogId, gateway.LogId);
            var cache = gateway.CacheStatus == GatewayCacheStatus.Hit ? "HIT" : gateway.CacheStatus == GatewayCacheStatus.Miss ? "MISS" : gateway.CacheStatusText;
            if (cache != null) a.SetTag(Names.GatewayCacheStatus, cache);
            a.SetTag(Names.Attempts, attempts);
            a.SetTag(Names.MayHaveBeenBilled, billed);
        }

        private void Stop(Exception? error)
        {
            if (OperationDuration.Enabled)
            {
                var elapsed = (Stopwatch.GetTimestamp() - _started) / (double)Stopwatch.Frequency;
                OperationDuration.Record(elapsed, Tags(error));
            }
            _activity?.Dispose();
        }

        private TagList Tags(Exception? error)
        {
            var tags = new TagList
            {
                { Names.GenAIOperationName, OperationName },
                { Names.GenAIProviderName, ProviderName },
                { Names.ServerAddress, _server },
                { Names.ServerPort, _port },
            };
            if (_model != null) tags.Add(Names.GenAIRequestModel, _model);
            if (error != null) tags.Add(Names.ErrorType, error.GetType().FullName);
            return tags;
        }

        /// <summary>The prompt as <c>gen_ai.input.messages</c>: one user message with one text part (semantic conventions, input messages JSON schema).</summary>
        private static string InputMessages(string prompt)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartArray();
                w.WriteStartObject();
                w.WriteString("role", "user");
                w.WriteStartArray("parts");
                w.WriteStartObject();
                w.WriteString("type", "text");
                w.WriteString("content", prompt);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndArray();
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
