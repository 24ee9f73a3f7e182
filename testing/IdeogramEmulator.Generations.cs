using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.ApiDescription;
using IdeogramGen.Testing.Internal;
using Microsoft.AspNetCore.Http;

namespace IdeogramGen.Testing
{
    /// <summary>
    /// Ideogram's asynchronous generations: submits that answer <c>{"generation_id": …}</c> at once, the generation's
    /// lifecycle on the emulator's clock, billing at completion, the polls <c>GET v1/generations/{generation_id}</c> and
    /// <c>GET v2/generations/{generation_id}</c>, and the completion webhook.
    /// </summary>
    /// <remarks>
    /// <para>Sources: Ideogram OpenAPI document of 2026-10-07 (paths <c>/v1/generations/{generation_id}</c> and
    /// <c>/v2/generations/{generation_id}</c>, schemas <c>GenerationResponse</c>, <c>GenerationResponse_data_inner</c>,
    /// <c>AsyncImageGenerationResponseV4</c>); Ideogram API reference, Errors, "Outcomes and billing" (a request that runs
    /// is billed when it completes, also when an image is withheld by the safety check; a generation that fails is not
    /// billed); Rate limits, "Polling limits" (1,000 polls per 10 seconds per organization, then 429 with
    /// <c>Retry-After</c> in seconds); Webhooks (one signed POST once every image is done, the synchronous response plus
    /// <c>generation_id</c>).</para>
    /// </remarks>
    public sealed partial class IdeogramEmulator
    {
        private static readonly Regex PollPath = new("^/(?<version>v1|v2)/generations/(?<id>[^/]+)$", RegexOptions.CultureInvariant);
        private static readonly ApiEndpoint? PollV1 = IdeogramApi.Endpoints.FirstOrDefault(e => e.Mode == EndpointMode.Poll && e.ApiVersion == "v1");
        private static readonly ApiEndpoint? PollV2 = IdeogramApi.Endpoints.FirstOrDefault(e => e.Mode == EndpointMode.Poll && e.ApiVersion == "v2");

        private readonly ConcurrentDictionary<string, Generation> _generations = new(StringComparer.Ordinal);
        private readonly object _generationsGate = new();
        private readonly object _pollRateGate = new();
        private DateTimeOffset _pollWindowStart;
        private int _pollWindowCount;
        private int _polls;

        /// <summary>One accepted asynchronous generation. Its mutable state changes under <see cref="_generationsGate"/>.</summary>
        private sealed class Generation
        {
            public required string Id { get; init; }
            /// <summary>The order of acceptance.</summary>
            public required long Sequence { get; init; }
            public required string RequestPath { get; init; }
            public required string ApiVersion { get; init; }
            /// <summary>What the completed result is built from: the synchronous twin's plan (v1), else the endpoint's own.</summary>
            public required GenerationPlan ResultPlan { get; init; }
            /// <summary>True for the always-asynchronous v2 routes: items shaped per <c>GenerationResponse_data_inner</c>.</summary>
            public required bool OwnItems { get; init; }
            public required DateTimeOffset CreatedAt { get; init; }
            public required DateTimeOffset CompletesAt { get; init; }
            public required int Images { get; init; }
            public Uri? WebhookUrl { get; init; }
            /// <summary>From <see cref="EmulatorFault.GenerationFails"/>: the generation will fail with this reason.</summary>
            public string? PlannedFailure { get; init; }

            public string Status { get; set; } = "pending";
            /// <summary>The completed <c>data</c> array's JSON text.</summary>
            public string? DataJson { get; set; }
            public int BilledImages { get; set; }
            public RecordedRequest? Record { get; set; }
            public int PollCount { get; set; }
            public ITimer? Timer { get; set; }
            public bool IsPending => Status == "pending";
        }

        private sealed record AsyncSubmit(Uri? WebhookUrl);

        /// <summary>
        /// A snapshot of every asynchronous generation accepted so far, in the order they were accepted, each with its status
        /// now (a generation past its <see cref="EmulatorGeneration.CompletesAt"/> is completed, billed and its webhook
        /// started before the snapshot is taken).
        /// </summary>
        /// <remarks>
        /// <para>An asynchronous submit is a valid POST to a route whose description says it always runs asynchronously (the
        /// v1 <c>/async/</c> routes, v2 <c>image/reframe/auto</c>, <c>image/remove-object/ideogram-1</c>,
        /// <c>image/replace-background/ideogram-3</c>), or to a v2 route that can run either way with <c>"async": true</c>
        /// (JSON <c>true</c> or the multipart text <c>true</c>) or a non-empty <c>webhook_url</c> in its body. v1 routes take
        /// <c>webhook_url</c> as a query parameter (required by <c>/v1/ideogram-v45/async/generate</c>: 400
        /// <c>{"error":"webhook_url: …"}</c> without it). A <c>webhook_url</c> must be absolute, at most 2,048 characters,
        /// and <c>https</c> or <c>http</c> on a loopback host (Ideogram accepts only public HTTPS hosts), else 400.</para>
        /// <para>A valid submit answers 200 with the route's own response schema: <c>{"generation_id"}</c> (v1,
        /// <c>AsyncImageGenerationResponseV4</c>), plus <c>seed</c> (and <c>generation_kind</c> where the schema has it)
        /// without <c>data</c> for a v2 route run asynchronously, <c>seed</c>, <c>width</c>, <c>height</c> for reframe. The
        /// <c>generation_id</c> is URL-safe base64 without padding (22 characters). The submit is not billed; its images count
        /// in <see cref="ImagesInFlight"/> until the generation completes or fails. Validation, the unsafe-prompt 422,
        /// the gateway's checks, price quotes (<c>?dry_run=true</c>) and injected faults work as for synchronous requests; a
        /// fault that breaks the submit's answer after the generation was accepted (resets, truncated or malformed 200s, 500,
        /// 2005, holds, slow first byte) leaves the generation running, and the gateway log holds the real submit answer.</para>
        /// <para>Lifecycle on <see cref="EmulatorOptions.TimeProvider"/>: <c>pending</c> until <c>created</c> +
        /// <see cref="EmulatorOptions.GenerationTime"/>, then <c>completed</c> (or <c>failed</c> with
        /// <see cref="EmulatorFault.GenerationFails"/>). Completion is scheduled with <c>TimeProvider.CreateTimer</c> (with a
        /// zero generation time: right after the submit's answer is written), and also evaluated whenever a poll, this
        /// property, <see cref="Requests"/>, <see cref="BilledRequestCount"/>, <see cref="BilledImageCount"/> or
        /// <see cref="ImagesInFlight"/> looks, so it happens exactly once whoever sees it first (with a clock whose timers
        /// run on real time, such as a <see cref="TimeProvider"/> that only overrides <c>GetUtcNow</c>, generations end when
        /// they are observed once due). At completion the request
        /// and its images are billed once: <see cref="BilledRequestCount"/> and <see cref="BilledImageCount"/> grow and the
        /// submit's own <see cref="RecordedRequest.BilledImages"/> is updated (no separate record is added); a failed
        /// generation is never billed. When the submit had a <c>webhook_url</c>, the completed result is POSTed there once,
        /// signed (<see cref="EmulatorWebhooks"/>), body <c>{"generation_id", "created", "data": [...]}</c> with the same
        /// items as the completed poll; a failed generation delivers nothing; an unreachable receiver is recorded in
        /// <see cref="EmulatorWebhooks.Deliveries"/> with status code 0 and never blocks the emulator.</para>
        /// <para>Polls, <c>GET {gateway}v1/generations/{generation_id}</c> and <c>…/v2/generations/{generation_id}</c>, go
        /// through the gateway as POSTs do (URL shape, authentication, gateway faults and rate limit, cache, <c>Api-Key</c>,
        /// <see cref="Requests"/> with method GET, logs); another method gets 405 with <c>Allow: GET</c>. Answers (schema
        /// <c>GenerationResponse</c>): an unknown id, or one of the other API version, 404 <c>{"error":"…"}</c>; pending
        /// 200 <c>{"generation_id","status":"pending","created"}</c>; completed 200
        /// <c>{"generation_id","status":"completed","created","response_type":"url","data":[...]}</c> (the synchronous twin
        /// route's items for the v1 <c>/async/</c> routes, the route's own synchronous items for v2 routes that run either
        /// way, <c>GenerationResponse_data_inner</c> items with <c>object_type</c> for the always-asynchronous v2 routes;
        /// <c>usage_cost_usd_micros</c> is never sent: the emulator has no usage-based prices); failed 200
        /// <c>{"generation_id","status":"failed","created","failure_reason"}</c>. Polls are never billed. Over
        /// <see cref="EmulatorOptions.PollRateLimit"/> per <see cref="EmulatorOptions.PollRateInterval"/> (both poll routes
        /// together): 429 <c>{"error":"…"}</c> with <c>Retry-After</c> in whole seconds (at least 1). A poll is cached by the
        /// gateway when it carries <c>cf-aig-cache-key</c> or <c>cf-aig-cache-ttl</c> (keyed by account, gateway and path
        /// when there is no key), unless it carries <c>cf-aig-skip-cache: true</c>: a client that polls with a cache TTL and
        /// without skip-cache reads a stale <c>pending</c> answer. A provider fault queued with <see cref="EmulatorFault.ForPath"/>
        /// for a poll's exact path applies to that poll (never billed).</para>
        /// </remarks>
        public IReadOnlyList<EmulatorGeneration> Generations
        {
            get
            {
                SettleDue();
                lock (_generationsGate)
                    return _generations.Values.OrderBy(g => g.Sequence).Select(Snapshot).ToArray();
            }
        }

        /// <summary>
        /// The number of polls (<c>GET v1|v2/generations/{generation_id}</c>) that reached Ideogram: past the gateway's checks,
        /// the cache and the <c>Api-Key</c> check, whatever the answer (200, 404, or 429 over the polling limit). Polls are never billed.
        /// </summary>
        public int PollCount => Volatile.Read(ref _polls);

        private static EmulatorGeneration Snapshot(Generation g) =>
            new(g.Id, g.RequestPath, g.ApiVersion, g.Status, g.CreatedAt, g.CompletesAt, g.Images, g.WebhookUrl,
                g.Status == "failed" ? g.PlannedFailure : null, g.PollCount);

        /// <summary>
        /// The gateway's cache slot: by <c>cf-aig-cache-key</c>; for a GET (a poll) also by <c>cf-aig-cache-ttl</c> alone,
        /// keyed by account, gateway and path; none with <c>cf-aig-skip-cache: true</c>.
        /// </summary>
        private static string? CacheSlotOf(HttpRequest request, string account, string gateway, string? cacheKey, bool skipCache)
        {
            if (skipCache) return null;
            if (!string.IsNullOrEmpty(cacheKey)) return account + "/" + gateway + "/" + cacheKey;
            if (HttpMethods.IsGet(request.Method) && !string.IsNullOrEmpty(request.Headers["cf-aig-cache-ttl"].FirstOrDefault()))
                return account + "/" + gateway + "/GET " + request.Path.Value;
            return null;
        }

        /// <summary>The poll endpoint of <c>/v1|v2/generations/{generation_id}</c>, with the id; else null.</summary>
        private static ApiEndpoint? PollEndpointOf(string ideogramPath, out string? generationId)
        {
            generationId = null;
            var m = PollPath.Match(ideogramPath);
            if (!m.Success) return null;
            generationId = m.Groups["id"].Value;
            return m.Groups["version"].Value == "v1" ? PollV1 : PollV2;
        }

        /// <summary>
        /// Whether a valid request is an asynchronous submit, with its <c>webhook_url</c>; <paramref name="problem"/> is the
        /// 400 text for a missing required or unusable <c>webhook_url</c>.
        /// </summary>
        private static AsyncSubmit? AsyncSubmitOf(ApiEndpoint endpoint, ParsedRequest? parsed, HttpRequest request, out string? problem)
        {
            problem = null;
            bool always = endpoint.Mode == EndpointMode.AsyncSubmit;
            if (!always && !endpoint.AsyncCapable) return null;
            string? webhook = null;
            if (endpoint.Parameter("webhook_url") is { In: "query" } parameter)
            {
                webhook = request.Query["webhook_url"].FirstOrDefault();
                if (string.IsNullOrEmpty(webhook) && parameter.Required)
                {
                    problem = "webhook_url: query parameter required (" + endpoint.Path + " delivers its result to a webhook only)";
                    return null;
                }
            }
            else if (endpoint.Field("webhook_url") is not null)
            {
                webhook = parsed?.Text("webhook_url");
            }
            Uri? url = null;
            if (!string.IsNullOrEmpty(webhook))
            {
                int maxLength = endpoint.Parameter("webhook_url")?.MaxLength ?? endpoint.Field("webhook_url")?.MaxLength ?? int.MaxValue;
                problem = CheckWebhookUrl(webhook!, maxLength, out url);
                if (problem is not null) return null;
            }
            bool asyncFlag = string.Equals(parsed?.Text("async"), "true", StringComparison.OrdinalIgnoreCase);
            return always || asyncFlag || url is not null ? new AsyncSubmit(url) : null;
        }

        /// <summary>
        /// <c>webhook_url</c>: format uri, at most the route's <c>maxLength</c> (2,048), HTTPS (OpenAPI document of
        /// 2026-10-07, schema <c>WebhookUrl</c>); the emulator also accepts <c>http</c> on loopback hosts so that tests can receive.
        /// </summary>
        private static string? CheckWebhookUrl(string text, int maxLength, out Uri? url)
        {
            url = null;
            if (text.Length > maxLength)
                return "webhook_url: at most " + maxLength.ToString(CultureInfo.InvariantCulture) + " characters, got " + text.Length.ToString(CultureInfo.InvariantCulture);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed)) return "webhook_url: must be an absolute URL";
            bool loopbackHttp = parsed.Scheme == Uri.UriSchemeHttp
                && (parsed.IsLoopback || (IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
            if (parsed.Scheme != Uri.UriSchemeHttps && !loopbackHttp)
                return "webhook_url: must be an https URL (the emulator also delivers to http on loopback hosts)";
            url = parsed;
            return null;
        }

        /// <summary>The plan the completed result is built from: the synchronous twin's for the v1 <c>/async/</c> routes, else the request's own.</summary>
        private GenerationPlan ResultPlanOf(ApiEndpoint endpoint, ParsedRequest? parsed, GenerationPlan plan, DateTimeOffset now)
        {
            if (endpoint.SyncTwin is { } twinName && parsed is not null
                && IdeogramApi.Endpoints.FirstOrDefault(e => e.Name == twinName && e.Mode == EndpointMode.Sync) is { } twin)
                return ResponseShaper.Plan(twin, parsed, _options, now);
            return plan;
        }

        /// <summary>The submit answer's plan: the accepted generation's id (a fresh one when it was rejected), and no <c>data</c>.</summary>
        private static GenerationPlan SubmitPlanOf(ApiEndpoint endpoint, GenerationPlan plan, Generation? generation) =>
            plan with { GenerationId = generation?.Id ?? GenerationIds.New(), OmitData = true };

        /// <summary>Registers an accepted generation (visible to polls at once); its images stay in flight until it ends.</summary>
        private Generation Accept(GatewayCall call, ApiEndpoint endpoint, GenerationPlan resultPlan, AsyncSubmit submit, DateTimeOffset now)
        {
            var failure = Faults.TakeGenerationFault(call.IdeogramPath);
            var generation = new Generation
            {
                Id = GenerationIds.New(),
                Sequence = Interlocked.Increment(ref _generationSequence),
                RequestPath = endpoint.Path,
                ApiVersion = endpoint.ApiVersion,
                ResultPlan = resultPlan,
                OwnItems = endpoint.Mode == EndpointMode.AsyncSubmit && endpoint.SyncTwin is null,
                CreatedAt = now,
                CompletesAt = now + _options.GenerationTime,
                Images = Math.Max(resultPlan.NumImages, 1),
                WebhookUrl = submit.WebhookUrl,
                PlannedFailure = failure?.FailureReason,
            };
            _generations[generation.Id] = generation;
            call.Generation = generation;
            // A generation that takes time is scheduled at once; one due at once right after its submit answer is written.
            if (_options.GenerationTime > TimeSpan.Zero) ScheduleTimer(generation);
            return generation;
        }

        private long _generationSequence;

        /// <summary>Called once the submit's answer is written (or broken): schedules completion if it is not scheduled yet.</summary>
        private void ScheduleCompletion(Generation generation)
        {
            if (generation.Timer is null) ScheduleTimer(generation);
        }

        private void ScheduleTimer(Generation generation)
        {
            if (Volatile.Read(ref _disposed) != 0) return;
            var due = generation.CompletesAt - Now;
            if (due < TimeSpan.Zero) due = TimeSpan.Zero;
            lock (_generationsGate)
            {
                if (!generation.IsPending || generation.Timer is not null) return;
                generation.Timer = _options.TimeProvider.CreateTimer(static state =>
                {
                    var (emulator, g) = ((IdeogramEmulator, Generation))state!;
                    emulator.OnTimer(g);
                }, (this, generation), due, Timeout.InfiniteTimeSpan);
            }
        }

        /// <summary>
        /// A completion timer fired: the generation ends if it is due on the emulator's clock. A clock whose timers run on
        /// real time (a hand-written <see cref="TimeProvider"/> that only overrides <c>GetUtcNow</c>) may not be there yet:
        /// then the timer is set again for the time left, and the generation still ends whenever it is observed once due.
        /// </summary>
        private void OnTimer(Generation g)
        {
            Settle(g);
            lock (_generationsGate)
            {
                if (!g.IsPending) return;
                g.Timer?.Dispose();
                g.Timer = null;
            }
            ScheduleTimer(g);
        }

        /// <summary>The submit's record, once written: billed at once when the generation already completed.</summary>
        private void AttachRecord(Generation generation, RecordedRequest record)
        {
            lock (_generationsGate)
            {
                generation.Record = record;
                if (generation.Status == "completed") record.Bill(generation.BilledImages);
            }
        }

        /// <summary>Completes (or fails) every pending generation that is due on the emulator's clock.</summary>
        private void SettleDue()
        {
            if (_generations.IsEmpty) return;
            foreach (var g in _generations.Values)
                if (g.IsPending) Settle(g);
        }

        /// <summary>
        /// Ends a pending generation when it is due on the emulator's clock: exactly once, billing a completed one and
        /// starting its webhook delivery.
        /// </summary>
        private void Settle(Generation g)
        {
            byte[]? webhookBody = null;
            lock (_generationsGate)
            {
                if (!g.IsPending) return;
                var now = Now;
                if (now < g.CompletesAt) return;
                if (g.PlannedFailure is not null)
                {
                    g.Status = "failed";
                }
                else
                {
                    var (json, count) = BuildResult(g, g.CompletesAt + _options.ImageLinkLifetime);
                    g.DataJson = json;
                    g.BilledImages = Math.Max(count, 1);
                    g.Status = "completed";
                    Interlocked.Increment(ref _billedRequests);
                    Interlocked.Add(ref _billedImages, g.BilledImages);
                    g.Record?.Bill(g.BilledImages);
                    if (g.WebhookUrl is not null) webhookBody = WebhookBody(g);
                }
                LeaveInFlight(g.ResultPlan.NumImages);
                g.Timer?.Dispose();
            }
            if (webhookBody is not null && Volatile.Read(ref _disposed) == 0)
            {
                var url = g.WebhookUrl!;
                CancellationToken stopping;
                try
                {
                    stopping = _stopping.Token;
                }
                catch (ObjectDisposedException)
                {
                    return;   // disposed meanwhile: nobody receives any more
                }
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await DeliverCompletionAsync(url, webhookBody, stopping).ConfigureAwait(false);
                    }
                    catch (Exception)
                    {
                        // Deliveries never take the emulator down; an unreachable receiver is recorded by the delivery itself.
                    }
                });
            }
        }

        /// <summary>The completed <c>data</c> array (JSON text) and its item count, with image links valid until <paramref name="expires"/>.</summary>
        private (string Json, int Count) BuildResult(Generation g, DateTimeOffset expires)
        {
            var plan = g.ResultPlan;
            string Link(int i) => _images.CreateLink(Root, ResponseShaper.ImageFor(plan, i), expires);
            if (!g.OwnItems)
            {
                byte[] body = ResponseShaper.Build(plan with { GenerationId = g.Id }, Link, out _);
                if (ResponseShaper.DataOf(body) is { } data) return data;
            }
            return (ResponseShaper.BuildGenerationItems(plan, Link), plan.NumImages);
        }

        /// <summary>The webhook body: <c>{"generation_id", "created", "data": [...]}</c> (the synchronous response plus <c>generation_id</c>).</summary>
        private static byte[] WebhookBody(Generation g)
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms, ResponseShaper.WriterOptions))
            {
                w.WriteStartObject();
                w.WriteString("generation_id", g.Id);
                w.WriteString("created", ResponseShaper.Created(g.CreatedAt));
                w.WritePropertyName("data");
                w.WriteRawValue(g.DataJson!, skipInputValidation: true);
                w.WriteEndObject();
            }
            return ms.ToArray();
        }

        /// <summary>The poll answer of a generation as it stands (schema <c>GenerationResponse</c>).</summary>
        private static byte[] PollBody(Generation g)
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms, ResponseShaper.WriterOptions))
            {
                w.WriteStartObject();
                w.WriteString("generation_id", g.Id);
                w.WriteString("status", g.Status);
                w.WriteString("created", ResponseShaper.Created(g.CreatedAt));
                if (g.Status == "completed")
                {
                    w.WriteString("response_type", "url");
                    w.WritePropertyName("data");
                    w.WriteRawValue(g.DataJson!, skipInputValidation: true);
                }
                else if (g.Status == "failed")
                {
                    w.WriteString("failure_reason", g.PlannedFailure);
                }
                w.WriteEndObject();
            }
            return ms.ToArray();
        }

        /// <summary><c>GET v1|v2/generations/{generation_id}</c>, past the gateway's checks, the cache and the key check.</summary>
        private async Task AnswerPollAsync(GatewayCall call, ApiEndpoint endpoint, string? cacheSlot)
        {
            var context = call.Context;
            var request = context.Request;
            if (!HttpMethods.IsGet(request.Method))
            {
                context.Response.Headers["Allow"] = "GET";
                await AnswerAsync(call, 405, WireBodies.MethodNotAllowed).ConfigureAwait(false);
                return;
            }
            var now = Now;
            Interlocked.Increment(ref _polls);
            if (!TryConsumePollRate(now, out var retryAfter))
            {
                context.Response.Headers["Retry-After"] = RetryAfterSeconds(retryAfter);
                int limit = _options.PollRateLimit ?? 0;
                await AnswerAsync(call, 429, WireBodies.IdeogramError("Too many requests: polling is limited to "
                    + limit.ToString(CultureInfo.InvariantCulture) + " requests per " + ((long)_options.PollRateInterval.TotalSeconds).ToString(CultureInfo.InvariantCulture)
                    + " seconds; retry after the Retry-After header's seconds")).ConfigureAwait(false);
                return;
            }
            string id = call.PolledId ?? "";
            if (!_generations.TryGetValue(id, out var generation) || generation.ApiVersion != endpoint.ApiVersion)
            {
                await AnswerAsync(call, 404, WireBodies.IdeogramError("Generation not found")).ConfigureAwait(false);
                return;
            }
            Settle(generation);
            byte[] body;
            lock (_generationsGate)
            {
                generation.PollCount++;
                body = PollBody(generation);
            }
            if (Faults.TakeProviderFaultForExactPath(call.IdeogramPath!) is { } fault)
            {
                if (fault.Kind is EmulatorFaultKind.SlowFirstByte or EmulatorFaultKind.HoldFirstByte)
                {
                    call.Fault = fault.Kind;
                    bool go;
                    try
                    {
                        go = fault.Kind == EmulatorFaultKind.HoldFirstByte
                            ? await HoldAsync(context, fault.Gate!).ConfigureAwait(false)
                            : await DelayAsync(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        Finish(call, 0, 0);
                        throw;
                    }
                    if (!go)
                    {
                        Finish(call, 0, 0);
                        return;
                    }
                }
                else
                {
                    await AnswerProviderFaultAsync(call, fault, body, 0, dryRun: true).ConfigureAwait(false);
                    return;
                }
            }
            if (cacheSlot is not null)
                _cache[cacheSlot] = new CachedAnswer(200, WireBodies.Json, body, now + CacheTtl(request.Headers["cf-aig-cache-ttl"].FirstOrDefault()));
            call.Logged = new LoggedAnswer(200, body, WireBodies.Json);
            Finish(call, 200, 0);
            await WriteAsync(context, 200, body, WireBodies.Json).ConfigureAwait(false);
        }

        private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            return true;
        }

        /// <summary>Ideogram's polling limit, in fixed windows of <see cref="EmulatorOptions.PollRateInterval"/> on the emulator's clock.</summary>
        private bool TryConsumePollRate(DateTimeOffset now, out TimeSpan retryAfter)
        {
            retryAfter = TimeSpan.Zero;
            if (_options.PollRateLimit is not int limit) return true;
            var interval = _options.PollRateInterval;
            lock (_pollRateGate)
            {
                if (_pollWindowCount == 0 || now - _pollWindowStart >= interval || now < _pollWindowStart)
                {
                    _pollWindowStart = now;
                    _pollWindowCount = 0;
                }
                if (_pollWindowCount >= limit)
                {
                    retryAfter = _pollWindowStart + interval - now;
                    return false;
                }
                _pollWindowCount++;
                return true;
            }
        }

        /// <summary>Stops the completion timers (the emulator is being disposed).</summary>
        private void StopGenerationTimers()
        {
            lock (_generationsGate)
                foreach (var g in _generations.Values) g.Timer?.Dispose();
        }
    }
}
