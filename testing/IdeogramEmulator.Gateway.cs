using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.ApiDescription;
using IdeogramGen.Testing.Internal;
using Microsoft.AspNetCore.Http;

namespace IdeogramGen.Testing
{
    public sealed partial class IdeogramEmulator
    {
        private static readonly Regex GatewayPath = new(@"^/v1/(?<account>[^/]*)/(?<gateway>[^/]*)/(?<provider>[^/]*)(?<rest>/.*)?$", RegexOptions.CultureInvariant);
        private static readonly Regex AccountIdShape = new("^[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant);
        private static readonly Regex GatewayIdShape = new("^[a-z0-9_-]{1,64}$", RegexOptions.CultureInvariant);
        private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase) { "Api-Key", "cf-aig-authorization", "Authorization" };

        private static readonly TimeSpan MidBodyPause = TimeSpan.FromMilliseconds(150);
        private const long MinCacheTtlSeconds = ApiDescription.GatewayLimits.MinCacheTtlSeconds, MaxCacheTtlSeconds = ApiDescription.GatewayLimits.MaxCacheTtlSeconds;

        /// <summary>Everything known about one gateway request so far, for its record and log entry.</summary>
        private sealed class GatewayCall
        {
            public required long Started { get; init; }
            public required DateTimeOffset ReceivedAt { get; init; }
            public required HttpContext Context { get; init; }
            public required string LogId { get; init; }
            public required string EventId { get; init; }
            public string? Account { get; set; }
            public string? Gateway { get; set; }
            public string? IdeogramPath { get; set; }
            public ApiEndpoint? Endpoint { get; set; }
            public ParsedRequest? Parsed { get; set; }
            public string CacheStatus { get; set; } = "MISS";
            public EmulatorFaultKind? Fault { get; set; }
            public bool Finished { get; set; }
            /// <summary>What the gateway logs as the answer (the provider's, even when the emulator breaks it on the way to the client); see IdeogramEmulator.Recovery.cs.</summary>
            public LoggedAnswer? Logged { get; set; }
            public byte[]? RequestPayload { get; set; }
            /// <summary>A price quote (<c>?dry_run=true</c>): never billed.</summary>
            public bool DryRun { get; set; }
            /// <summary>The generation an asynchronous submit was accepted as; its record is billed when it completes.</summary>
            public Generation? Generation { get; set; }
            /// <summary>For a poll: the <c>generation_id</c> of the path.</summary>
            public string? PolledId;
        }

        private async Task HandleGatewayAsync(HttpContext context, string path)
        {
            var request = context.Request;
            var now = Now;
            string logId = Uuid7.New(now);
            string? clientEventId = request.Headers["cf-aig-event-id"].FirstOrDefault();
            var call = new GatewayCall
            {
                Started = Stopwatch.GetTimestamp(),
                ReceivedAt = now,
                Context = context,
                LogId = logId,
                EventId = string.IsNullOrWhiteSpace(clientEventId) ? logId : clientEventId!,
            };
            var headers = context.Response.Headers;
            headers["cf-aig-log-id"] = logId;
            headers["cf-aig-request-id"] = logId;
            headers["cf-aig-event-id"] = call.EventId;
            headers["cf-aig-cache-status"] = call.CacheStatus;

            var shape = GatewayPath.Match(path);
            if (!shape.Success)
            {
                await AnswerAsync(call, 404, WireBodies.NotFound).ConfigureAwait(false);
                return;
            }
            string account = shape.Groups["account"].Value, gateway = shape.Groups["gateway"].Value;
            if (!AccountIdShape.IsMatch(account) || !GatewayIdShape.IsMatch(gateway)
                || (_options.GatewayId is not null && !string.Equals(_options.GatewayId, gateway, StringComparison.Ordinal)))
            {
                await AnswerAsync(call, 400, WireBodies.GatewayNotFound2001).ConfigureAwait(false);
                return;
            }
            call.Account = account;
            call.Gateway = gateway;
            string rest = shape.Groups["rest"].Value;
            if (!string.Equals(shape.Groups["provider"].Value, "ideogram", StringComparison.Ordinal) || rest.Length <= 1)
            {
                await AnswerAsync(call, 404, WireBodies.NotFound).ConfigureAwait(false);
                return;
            }
            call.IdeogramPath = rest;

            // Gateway: authentication, injected gateway faults, rate limit, cache.
            if (_options.GatewayToken is { } token && !BearerMatches(request.Headers["cf-aig-authorization"].FirstOrDefault(), token))
            {
                await AnswerAsync(call, 401, WireBodies.Unauthorized2009).ConfigureAwait(false);
                return;
            }
            if (Faults.TakeGatewayFault(call.IdeogramPath) is { } gatewayFault)
            {
                await AnswerGatewayFaultAsync(call, gatewayFault).ConfigureAwait(false);
                return;
            }
            if (TryConsumeRateLimit(now, out var retryAfter) == false)
            {
                headers["Retry-After"] = RetryAfterSeconds(retryAfter);
                await AnswerAsync(call, 429, WireBodies.RateLimited2003).ConfigureAwait(false);
                return;
            }
            string? cacheKey = request.Headers["cf-aig-cache-key"].FirstOrDefault();
            bool skipCache = string.Equals(request.Headers["cf-aig-skip-cache"].FirstOrDefault(), "true", StringComparison.OrdinalIgnoreCase);
            string? cacheSlot = CacheSlotOf(request, account, gateway, cacheKey, skipCache);
            if (cacheSlot is not null && _cache.TryGetValue(cacheSlot, out var cached))
            {
                if (cached.Expires > now)
                {
                    call.CacheStatus = "HIT";
                    headers["cf-aig-cache-status"] = "HIT";
                    call.Logged = new LoggedAnswer(cached.StatusCode, cached.Body, cached.ContentType);
                    Finish(call, cached.StatusCode, 0);
                    await WriteAsync(context, cached.StatusCode, cached.Body, cached.ContentType).ConfigureAwait(false);
                    return;
                }
                _cache.TryRemove(cacheSlot, out _);
            }

            // Ideogram: key, endpoint, body, validation.
            string? apiKey = request.Headers["Api-Key"].FirstOrDefault();
            if (string.IsNullOrEmpty(apiKey))
            {
                await AnswerAsync(call, 401, WireBodies.MissingApiKey).ConfigureAwait(false);
                return;
            }
            if (_options.ApiKey is { } expectedKey && !FixedTimeEquals(apiKey!, expectedKey))
            {
                await AnswerAsync(call, 401, WireBodies.InvalidApiKey).ConfigureAwait(false);
                return;
            }
            var endpoint = IdeogramApi.FindEndpoint(call.IdeogramPath) ?? PollEndpointOf(call.IdeogramPath, out call.PolledId);
            if (endpoint is null)
            {
                await AnswerAsync(call, 404, WireBodies.NotFound).ConfigureAwait(false);
                return;
            }
            call.Endpoint = endpoint;
            if (endpoint.Mode == EndpointMode.Poll)
            {
                // GET v1|v2/generations/{generation_id}: IdeogramEmulator.Generations.cs.
                await AnswerPollAsync(call, endpoint, cacheSlot).ConfigureAwait(false);
                return;
            }
            if (!HttpMethods.IsPost(request.Method))
            {
                headers["Allow"] = "POST";
                await AnswerAsync(call, 405, WireBodies.MethodNotAllowed).ConfigureAwait(false);
                return;
            }
            request.EnableBuffering();
            try
            {
                if (endpoint.AcceptsJson && RequestReader.IsJson(request.ContentType))
                    call.Parsed = await RequestReader.ReadJsonAsync(endpoint, request, context.RequestAborted).ConfigureAwait(false);
                else if (endpoint.AcceptsMultipart && RequestReader.IsMultipart(request.ContentType))
                    call.Parsed = await RequestReader.ReadMultipartAsync(endpoint, request, context.RequestAborted).ConfigureAwait(false);
                else
                    throw new BadRequestException("content-type: " + endpoint.Path + " accepts "
                        + string.Join(" or ", new[] { endpoint.AcceptsJson ? "application/json" : null, endpoint.AcceptsMultipart ? "multipart/form-data" : null }.Where(s => s is not null))
                        + ", got " + (string.IsNullOrEmpty(request.ContentType) ? "none" : request.ContentType));
            }
            catch (BadRequestException e)
            {
                await AnswerAsync(call, 400, WireBodies.IdeogramError(e.Message)).ConfigureAwait(false);
                return;
            }
            call.RequestPayload = await ReadRequestPayloadAsync(request, context.RequestAborted).ConfigureAwait(false);
            string? problem = RequestValidator.Validate(endpoint, call.Parsed);
            // An asynchronous submit (IdeogramEmulator.Generations.cs), and its webhook_url checked.
            var submit = problem is null ? AsyncSubmitOf(endpoint, call.Parsed, request, out problem) : null;
            if (problem is not null)
            {
                await AnswerAsync(call, 400, WireBodies.IdeogramError(problem)).ConfigureAwait(false);
                return;
            }
            if (IsDryRun(request, endpoint))
            {
                // A quote: priced, not run (no safety review, no image, nothing billed); IdeogramEmulator.Quotes.cs.
                await AnswerQuoteAsync(call, endpoint).ConfigureAwait(false);
                return;
            }
            var plan = ResponseShaper.Plan(endpoint, call.Parsed, _options, now);
            if (ResponseShaper.Contains(plan.Prompt, _options.UnsafePromptMarker))
            {
                await AnswerAsync(call, 422, WireBodies.PromptSafety).ConfigureAwait(false);
                return;
            }

            // From here to the written answer the generation is in progress at "Ideogram": counted in ImagesInFlight; an
            // accepted asynchronous generation stays counted until it completes or fails.
            var resultPlan = submit is null ? plan : ResultPlanOf(endpoint, call.Parsed, plan, now);
            Generation? generation = null;
            EnterInFlight(resultPlan.NumImages);
            try
            {
                var providerFault = Faults.TakeProviderFault(call.IdeogramPath);
                if (providerFault is { Kind: EmulatorFaultKind.SlowFirstByte })
                {
                    call.Fault = providerFault.Kind;
                    try
                    {
                        await Task.Delay(providerFault.Delay, context.RequestAborted).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        Finish(call, 0, 0);
                        throw;
                    }
                    providerFault = null;
                }
                else if (providerFault is { Kind: EmulatorFaultKind.HoldFirstByte })
                {
                    call.Fault = providerFault.Kind;
                    if (!await HoldAsync(context, providerFault.Gate!).ConfigureAwait(false))
                    {
                        Finish(call, 0, 0);
                        return;
                    }
                    providerFault = null;
                }

                if (submit is not null)
                {
                    // Accepted unless a fault rejects it before it runs (402, 422, 429, a reset before the run).
                    if (providerFault is null || providerFault.IsBilled) generation = Accept(call, endpoint, resultPlan, submit, now);
                    byte[] ack = ResponseShaper.Build(SubmitPlanOf(endpoint, plan, generation), _ => "", out _);
                    if (providerFault is not null)
                    {
                        await AnswerProviderFaultAsync(call, providerFault, ack, resultPlan.NumImages, submit: true).ConfigureAwait(false);
                        return;
                    }
                    if (cacheSlot is not null)
                        _cache[cacheSlot] = new CachedAnswer(200, WireBodies.Json, ack, now + CacheTtl(request.Headers["cf-aig-cache-ttl"].FirstOrDefault()));
                    call.Logged = new LoggedAnswer(200, ack, WireBodies.Json);
                    Finish(call, 200, 0);
                    await WriteAsync(context, 200, ack, WireBodies.Json).ConfigureAwait(false);
                    return;
                }

                var expires = now + _options.ImageLinkLifetime;
                byte[] body = ResponseShaper.Build(plan, i => _images.CreateLink(Root, ResponseShaper.ImageFor(plan, i), expires), out int images);
                if (providerFault is not null)
                {
                    await AnswerProviderFaultAsync(call, providerFault, body, plan.NumImages).ConfigureAwait(false);
                    return;
                }
                if (cacheSlot is not null)
                    _cache[cacheSlot] = new CachedAnswer(200, WireBodies.Json, body, now + CacheTtl(request.Headers["cf-aig-cache-ttl"].FirstOrDefault()));
                call.Logged = new LoggedAnswer(200, body, WireBodies.Json);
                Finish(call, 200, images);
                await WriteAsync(context, 200, body, WireBodies.Json).ConfigureAwait(false);
            }
            finally
            {
                if (generation is null) LeaveInFlight(resultPlan.NumImages);
                else ScheduleCompletion(generation);
            }
        }

        private Task AnswerAsync(GatewayCall call, int status, string body, string contentType = WireBodies.Json, int billedImages = 0)
        {
            call.Logged ??= new LoggedAnswer(status, Encoding.UTF8.GetBytes(body), contentType);
            Finish(call, status, billedImages);
            return WriteAsync(call.Context, status, body, contentType);
        }

        private Task AnswerGatewayFaultAsync(GatewayCall call, EmulatorFault fault)
        {
            call.Fault = fault.Kind;
            switch (fault.Kind)
            {
                case EmulatorFaultKind.GatewayRateLimited:
                    call.Context.Response.Headers["Retry-After"] = RetryAfterSeconds(fault.RetryAfter);
                    return AnswerAsync(call, fault.StatusCode, WireBodies.RateLimited2003);
                case EmulatorFaultKind.GatewayUnauthorized:
                    return AnswerAsync(call, fault.StatusCode, WireBodies.Unauthorized2009);
                case EmulatorFaultKind.GatewayNotFound:
                    return AnswerAsync(call, fault.StatusCode, WireBodies.GatewayNotFound2001);
                case EmulatorFaultKind.PolicyDenied:
                    return AnswerAsync(call, fault.StatusCode, WireBodies.PolicyDenied);
                case EmulatorFaultKind.SpendLimitExceeded:
                    return AnswerAsync(call, fault.StatusCode, WireBodies.SpendLimitExceeded);
                case EmulatorFaultKind.GuardrailPromptBlocked:
                    return AnswerAsync(call, fault.StatusCode, WireBodies.GuardrailPrompt2016);
                default:
                    throw new InvalidOperationException("Not a gateway-stage fault: " + fault.Kind);
            }
        }

        /// <summary>
        /// Answers with an injected provider fault. For an asynchronous submit (<paramref name="submit"/>) a billed fault
        /// means the generation was accepted and runs, but it is billed at completion, not now.
        /// </summary>
        private async Task AnswerProviderFaultAsync(GatewayCall call, EmulatorFault fault, byte[] successBody, int requestedImages, bool dryRun = false, bool submit = false)
        {
            call.Fault = fault.Kind;
            int billed = fault.IsBilled && !dryRun && !submit ? Math.Max(requestedImages, 1) : 0;
            call.Logged = LoggedAnswerOf(fault, successBody, fault.IsBilled && !dryRun);
            var context = call.Context;
            var response = context.Response;
            switch (fault.Kind)
            {
                case EmulatorFaultKind.IdeogramInflightLimit:
                    if (fault.RetryAfter > TimeSpan.Zero) response.Headers["Retry-After"] = RetryAfterSeconds(fault.RetryAfter);
                    await AnswerAsync(call, fault.StatusCode, WireBodies.IdeogramInflightLimit, billedImages: billed).ConfigureAwait(false);
                    return;
                case EmulatorFaultKind.GenerationRejected:
                    await AnswerAsync(call, fault.StatusCode, GenerationRejected(fault), billedImages: billed).ConfigureAwait(false);
                    return;
                case EmulatorFaultKind.ProviderNoResponse:
                    await AnswerAsync(call, fault.StatusCode, WireBodies.ProviderNoResponse2005, billedImages: billed).ConfigureAwait(false);
                    return;
                case EmulatorFaultKind.InsufficientCredits:
                    await AnswerAsync(call, fault.StatusCode, WireBodies.InsufficientCredits, billedImages: billed).ConfigureAwait(false);
                    return;
                case EmulatorFaultKind.SafetyRejected:
                    await AnswerAsync(call, 422, WireBodies.PromptSafety, billedImages: billed).ConfigureAwait(false);
                    return;
                case EmulatorFaultKind.ServerError:
                    if (fault.HtmlBody)
                        await AnswerAsync(call, fault.StatusCode, WireBodies.ServerErrorHtml(fault.StatusCode), "text/html; charset=UTF-8", billed).ConfigureAwait(false);
                    else
                        await AnswerAsync(call, fault.StatusCode, WireBodies.ServerErrorJson(fault.StatusCode), billedImages: billed).ConfigureAwait(false);
                    return;
                case EmulatorFaultKind.ConnectionReset:
                    Finish(call, 0, billed);
                    context.Abort();
                    return;
                case EmulatorFaultKind.ResetMidBody:
                    Finish(call, 200, billed);
                    response.StatusCode = 200;
                    response.ContentType = WireBodies.Json;
                    response.ContentLength = successBody.Length;
                    await response.Body.WriteAsync(successBody.AsMemory(0, successBody.Length / 2), context.RequestAborted).ConfigureAwait(false);
                    await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                    // A reset discards data the peer has not read yet; pause so the client sees the headers and the
                    // first half, as it would when a real connection breaks mid-transfer.
                    await Task.Delay(MidBodyPause, context.RequestAborted).ConfigureAwait(false);
                    context.Abort();
                    return;
                case EmulatorFaultKind.TruncatedJson:
                    Finish(call, 200, billed);
                    await WriteAsync(context, 200, successBody.AsSpan(0, successBody.Length / 2).ToArray(), WireBodies.Json).ConfigureAwait(false);
                    return;
                case EmulatorFaultKind.MalformedJson:
                    string text = Encoding.UTF8.GetString(successBody);
                    // Well-formed up to the first image, then JavaScript-style syntax a JSON reader must reject.
                    string malformed = "{\"created\": \"" + call.ReceivedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
                        + "\", \"data\": [{'url': undefined, " + text.Substring(1, Math.Min(40, text.Length - 1)) + "]";
                    call.Logged = new LoggedAnswer(200, Encoding.UTF8.GetBytes(malformed), WireBodies.Json);   // Ideogram sent it so: logged as sent
                    Finish(call, 200, billed);
                    await WriteAsync(context, 200, malformed, WireBodies.Json).ConfigureAwait(false);
                    return;
                case EmulatorFaultKind.EmptyBody:
                    Finish(call, 200, billed);
                    await WriteAsync(context, 200, Array.Empty<byte>(), WireBodies.Json).ConfigureAwait(false);
                    return;
                case EmulatorFaultKind.HoldBody:
                    Finish(call, 200, billed);
                    await WriteHeldBodyAsync(context, successBody, WireBodies.Json, fault.Gate!, fault.HoldAfterBytes).ConfigureAwait(false);
                    return;
                case EmulatorFaultKind.OversizedBody:
                    Finish(call, 200, billed);
                    await WriteOversizedAsync(context, successBody, fault.BodyBytes, fault.DeclareLength).ConfigureAwait(false);
                    return;
                default:
                    throw new InvalidOperationException("Not a provider-stage fault: " + fault.Kind);
            }
        }

        /// <summary>
        /// Streams exactly <paramref name="size"/> bytes of valid JSON: <c>{"created":…,"data":[item,item,…]}</c> padded with
        /// whitespace, built from the real first item so it looks like an answer with a huge image list.
        /// </summary>
        private static async Task WriteOversizedAsync(HttpContext context, byte[] successBody, long size, bool declareLength)
        {
            string text = Encoding.UTF8.GetString(successBody);
            int open = text.IndexOf("[{", StringComparison.Ordinal);
            int close = text.IndexOf("}", open + 1, StringComparison.Ordinal);
            string head = open >= 0 ? text.Substring(0, open + 1) : "{\"data\":[";
            string item = open >= 0 && close > open ? text.Substring(open + 1, close - open) : "{}";
            byte[] headBytes = Encoding.UTF8.GetBytes(head);
            byte[] tailBytes = Encoding.UTF8.GetBytes("]}");
            byte[] itemBytes = Encoding.UTF8.GetBytes(item + ",");
            byte[] lastItem = Encoding.UTF8.GetBytes(item);
            long room = size - headBytes.Length - tailBytes.Length - lastItem.Length;
            long repeats = Math.Max(0, room / itemBytes.Length);
            long padding = Math.Max(0, room - repeats * itemBytes.Length);

            var response = context.Response;
            response.StatusCode = 200;
            response.ContentType = WireBodies.Json;
            if (declareLength) response.ContentLength = headBytes.Length + repeats * itemBytes.Length + padding + lastItem.Length + tailBytes.Length;
            var ct = context.RequestAborted;
            await response.Body.WriteAsync(headBytes, ct).ConfigureAwait(false);
            const int ChunkItems = 256;
            var chunk = new byte[itemBytes.Length * ChunkItems];
            for (int i = 0; i < ChunkItems; i++) Buffer.BlockCopy(itemBytes, 0, chunk, i * itemBytes.Length, itemBytes.Length);
            long left = repeats;
            while (left > 0)
            {
                int n = (int)Math.Min(left, ChunkItems);
                await response.Body.WriteAsync(chunk.AsMemory(0, n * itemBytes.Length), ct).ConfigureAwait(false);
                left -= n;
            }
            if (padding > 0)
            {
                var spaces = new byte[Math.Min(padding, 65536)];
                spaces.AsSpan().Fill((byte)' ');
                for (long sent = 0; sent < padding; sent += spaces.Length)
                    await response.Body.WriteAsync(spaces.AsMemory(0, (int)Math.Min(spaces.Length, padding - sent)), ct).ConfigureAwait(false);
            }
            await response.Body.WriteAsync(lastItem, ct).ConfigureAwait(false);
            await response.Body.WriteAsync(tailBytes, ct).ConfigureAwait(false);
        }

        /// <summary>Records the request, counts billing and writes the log entry; called once per gateway request, before its answer is sent.</summary>
        private void Finish(GatewayCall call, int status, int billedImages)
        {
            if (call.Finished) return;
            call.Finished = true;
            var request = call.Context.Request;
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in request.Headers)
                headers[h.Key.ToLowerInvariant()] = SecretHeaders.Contains(h.Key) ? RecordedRequest.Redacted : h.Value.ToString();
            var record = new RecordedRequest(
                call.ReceivedAt, request.Method, request.Path.Value ?? "", call.IdeogramPath, request.ContentType, headers,
                call.Parsed?.RecordFields() ?? new Dictionary<string, IReadOnlyList<string>>(),
                call.Parsed?.RecordFiles() ?? Array.Empty<RecordedFile>(),
                status, billedImages, call.CacheStatus, call.LogId, call.Fault)
            {
                Query = request.QueryString.Value ?? "",
                IsDryRun = call.DryRun,
                GenerationId = call.Generation?.Id ?? call.PolledId,
            };
            lock (_requestsGate) _requests.Add(record);
            if (call.Generation is { } generation) AttachRecord(generation, record);
            if (billedImages > 0)
            {
                Interlocked.Increment(ref _billedRequests);
                Interlocked.Add(ref _billedImages, billedImages);
            }
            bool collect = _options.CollectLogs
                && !string.Equals(request.Headers["cf-aig-collect-log"].FirstOrDefault(), "false", StringComparison.OrdinalIgnoreCase);
            if (collect && call.Account is not null && call.Gateway is not null)
            {
                long durationMs = (long)Stopwatch.GetElapsedTime(call.Started).TotalMilliseconds;
                string? metadata = request.Headers["cf-aig-metadata"].FirstOrDefault();
                var entry = new GatewayLogEntry(call.LogId, call.Account, call.Gateway, call.ReceivedAt,
                    call.Parsed?.Text("model") ?? call.Endpoint?.Family, call.IdeogramPath ?? "", call.Logged?.StatusCode ?? status, call.CacheStatus == "HIT",
                    durationMs, call.Endpoint?.OperationId ?? "", string.IsNullOrEmpty(metadata) ? null : metadata, call.EventId);
                AttachPayloads(entry, call);
                _logs[call.LogId] = entry;
            }
        }

        private bool TryConsumeRateLimit(DateTimeOffset now, out TimeSpan retryAfter)
        {
            retryAfter = TimeSpan.Zero;
            if (_options.RateLimitingLimit is not int limit) return true;
            var interval = _options.RateLimitingInterval > TimeSpan.Zero ? _options.RateLimitingInterval : TimeSpan.FromSeconds(60);
            lock (_rateGate)
            {
                if (_rateWindowCount == 0 || now - _rateWindowStart >= interval || now < _rateWindowStart)
                {
                    _rateWindowStart = now;
                    _rateWindowCount = 0;
                }
                if (_rateWindowCount >= limit)
                {
                    retryAfter = _rateWindowStart + interval - now;
                    return false;
                }
                _rateWindowCount++;
                return true;
            }
        }

        private TimeSpan CacheTtl(string? header)
        {
            if (header is not null && long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
                return TimeSpan.FromSeconds(Math.Clamp(seconds, MinCacheTtlSeconds, MaxCacheTtlSeconds));
            return _options.DefaultCacheTtl;
        }

        private static string RetryAfterSeconds(TimeSpan wait) =>
            Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

        private static bool BearerMatches(string? header, string token)
        {
            const string Scheme = "Bearer ";
            if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) return false;
            return FixedTimeEquals(header.Substring(Scheme.Length).Trim(), token);
        }

        private static bool FixedTimeEquals(string given, string expected) =>
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
    }
}
