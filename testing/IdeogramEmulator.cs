using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Testing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IdeogramGen.Testing
{
    /// <summary>
    /// A local stand-in for Cloudflare AI Gateway in front of Ideogram, speaking the real wire format.
    /// </summary>
    /// <remarks>
    /// <para>Routes, all relative to <see cref="Root"/>:</para>
    /// <list type="bullet">
    /// <item><c>POST v1/{account_id}/{gateway_id}/ideogram/{ideogram path}</c>: the gateway. Checks the URL shape
    /// (32 hex digits of account id, gateway id of 1–64 characters from <c>[a-z0-9_-]</c>), gateway authentication,
    /// rate limit, cache, then plays Ideogram: <c>Api-Key</c>, endpoint lookup and request validation against the API
    /// description, and a success body shaped by the endpoint's response schema. Every answer carries
    /// <c>cf-aig-log-id</c>, <c>cf-aig-request-id</c>, <c>cf-aig-event-id</c> and <c>cf-aig-cache-status</c>. Asynchronous
    /// submits answer <c>{"generation_id": …}</c> and are billed when their generation completes (<see cref="Generations"/>).</item>
    /// <item><c>GET v1/{account_id}/{gateway_id}/ideogram/v1/generations/{generation_id}</c> and
    /// <c>…/ideogram/v2/generations/{generation_id}</c>: the polls of asynchronous generations, through the same gateway
    /// (see <see cref="Generations"/> for their answers, the polling limit and caching).</item>
    /// <item><c>GET ephemeral/{id}.png?exp={unix seconds}&amp;sig={hex}</c>: the images the answers link to (real PNGs of
    /// the reported size, deterministic for a seed; HTTP 403 for a wrong signature or after <c>exp</c>).</item>
    /// <item><c>GET|PATCH client/v4/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/logs[/{id}[/request|/response]]</c>: the gateway
    /// logs API in Cloudflare's v4 envelope.</item>
    /// <item><c>GET v1/.well-known/jwks.json</c>: the key set that verifies the emulator's signed webhook deliveries
    /// (<see cref="Webhooks"/>).</item>
    /// </list>
    /// <para>Validation failures answer HTTP 400 <c>{"error":"&lt;field&gt;: &lt;what is wrong&gt;"}</c> (Ideogram does not
    /// declare its 400 body; this is the emulator's choice). Faults are injected through <see cref="Faults"/>.</para>
    /// </remarks>
    public sealed partial class IdeogramEmulator : IAsyncDisposable
    {
        /// <summary>An account id of the right shape (32 lowercase hex digits), for tests that need one.</summary>
        public const string DefaultAccountId = "0123456789abcdef0123456789abcdef";

        /// <summary>A gateway id of the right shape, for tests that need one.</summary>
        public const string DefaultGatewayId = "emulator";

        private readonly EmulatorOptions _options;
        private readonly WebApplication _app;
        private readonly ImageStore _images = new();
        private readonly object _requestsGate = new();
        private readonly List<RecordedRequest> _requests = new();
        private readonly ConcurrentDictionary<string, GatewayLogEntry> _logs = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, CachedAnswer> _cache = new(StringComparer.Ordinal);
        private readonly object _rateGate = new();
        private DateTimeOffset _rateWindowStart;
        private int _rateWindowCount;
        private int _billedRequests;
        private int _billedImages;
        private int _imageDownloads;
        private int _disposed;
        private readonly CancellationTokenSource _stopping = new();

        private IdeogramEmulator(EmulatorOptions options, bool inMemory)
        {
            _options = options;
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ApplicationName = typeof(IdeogramEmulator).Assembly.GetName().Name,
                EnvironmentName = "Production",
            });
            builder.Logging.ClearProviders();
            // Requests still running at dispose (a slow fault nobody waits for) are cut after this grace period.
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
            if (inMemory)
            {
                builder.WebHost.UseTestServer();
            }
            else
            {
                builder.WebHost.UseKestrel(o =>
                {
                    o.Listen(IPAddress.Loopback, 0);
                    o.AddServerHeader = false;
                    o.Limits.MaxRequestBodySize = 128L * 1024 * 1024;
                });
            }
            _app = builder.Build();
            _app.Run(HandleAsync);
            Root = new Uri("http://localhost/");
        }

        /// <summary>
        /// Starts an emulator on a real Kestrel server bound to 127.0.0.1 on a free port. Use it when the code under
        /// test opens its own connections (an <see cref="HttpClient"/> from DI, another process).
        /// </summary>
        /// <param name="options">Settings; null for the defaults (no gateway authentication, any API key, no rate limit).</param>
        /// <param name="cancellationToken">Cancels the start.</param>
        public static async Task<IdeogramEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
        {
            var emulator = new IdeogramEmulator((options ?? new EmulatorOptions()).Snapshot(), inMemory: false);
            await emulator._app.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = emulator._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            string address = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no listening address.");
            emulator.Root = new Uri(address.TrimEnd('/') + "/");
            return emulator;
        }

        /// <summary>
        /// Creates an emulator served in memory (ASP.NET Core TestServer, no socket). Reach it only through
        /// <see cref="CreateHandler"/> or <see cref="CreateClient"/>; <see cref="Root"/> is <c>http://localhost/</c>.
        /// </summary>
        /// <param name="options">Settings; null for the defaults.</param>
        public static IdeogramEmulator CreateInMemory(EmulatorOptions? options = null)
        {
            var emulator = new IdeogramEmulator((options ?? new EmulatorOptions()).Snapshot(), inMemory: true);
            emulator._app.StartAsync().GetAwaiter().GetResult();
            emulator.IsInMemory = true;
            return emulator;
        }

        /// <summary>
        /// The gateway root, ending in <c>/</c>: <c>http://127.0.0.1:&lt;port&gt;/</c> for a loopback emulator,
        /// <c>http://localhost/</c> in memory. Gateway URLs are <c>{Root}v1/{account_id}/{gateway_id}/ideogram/…</c>;
        /// image links in answers point back to it.
        /// </summary>
        public Uri Root { get; private set; }

        /// <summary>Whether the emulator runs in memory (<see cref="CreateInMemory"/>) rather than on a loopback socket.</summary>
        public bool IsInMemory { get; private set; }

        /// <summary>Pending injected faults; see <see cref="EmulatorFault"/>.</summary>
        public EmulatorFaultQueue Faults { get; } = new();

        /// <summary>A snapshot of every request to the gateway route, in arrival order (thread-safe).</summary>
        /// <remarks>Asynchronous generations that are due are completed (and billed on their submit's record) first; see <see cref="Generations"/>.</remarks>
        public IReadOnlyList<RecordedRequest> Requests
        {
            get
            {
                SettleDue();
                lock (_requestsGate) return _requests.ToArray();
            }
        }

        /// <summary>
        /// The number of gateway requests that reached Ideogram and ran (were billed); cache hits, rejected requests and polls
        /// do not count. An asynchronous submit counts once, when its generation completes (Ideogram API reference, Errors,
        /// "Outcomes and billing"; due generations are completed before the count is read), and never when it fails.
        /// </summary>
        public int BilledRequestCount
        {
            get
            {
                SettleDue();
                return Volatile.Read(ref _billedRequests);
            }
        }

        /// <summary>The total of <see cref="RecordedRequest.BilledImages"/> over all requests (completed asynchronous generations included, see <see cref="BilledRequestCount"/>).</summary>
        public int BilledImageCount
        {
            get
            {
                SettleDue();
                return Volatile.Read(ref _billedImages);
            }
        }

        /// <summary>
        /// The images of the generations in progress now: from the moment a valid request reaches Ideogram's stage
        /// (after the gateway's checks and a cache miss) until its answer is written, weighted by <c>num_images</c>
        /// (1 when unset), as Ideogram counts its in-flight limit (Ideogram API reference, Rate limits). An accepted
        /// asynchronous generation counts from its submit until it completes or fails (due ones are settled before the
        /// value is read; see <see cref="Generations"/>).
        /// </summary>
        public int ImagesInFlight
        {
            get
            {
                SettleDue();
                return Volatile.Read(ref _imagesInFlight);
            }
        }

        /// <summary>The highest <see cref="ImagesInFlight"/> seen since the emulator started: what a shared in-flight limit must keep at or below its limit.</summary>
        public int PeakImagesInFlight => Volatile.Read(ref _peakImagesInFlight);

        private int _imagesInFlight, _peakImagesInFlight;

        private void EnterInFlight(int images)
        {
            int now = Interlocked.Add(ref _imagesInFlight, images);
            for (int peak = Volatile.Read(ref _peakImagesInFlight); now > peak; peak = Volatile.Read(ref _peakImagesInFlight))
                if (Interlocked.CompareExchange(ref _peakImagesInFlight, now, peak) == peak) break;
        }

        private void LeaveInFlight(int images) => Interlocked.Add(ref _imagesInFlight, -images);

        /// <summary>The number of image downloads served (HTTP 200 on the image route).</summary>
        public int ImageDownloadCount => Volatile.Read(ref _imageDownloads);

        /// <summary>A snapshot of the gateway log entries, oldest first.</summary>
        public IReadOnlyList<GatewayLogEntry> Logs => _logs.Values.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id, StringComparer.Ordinal).ToArray();

        /// <summary>
        /// The provider base URL <c>{Root}v1/{account_id}/{gateway_id}/ideogram/</c>; append an Ideogram path without its
        /// leading slash (e.g. <c>v1/ideogram-v3/generate</c>).
        /// </summary>
        /// <param name="accountId">The account id; <see cref="DefaultAccountId"/> when null.</param>
        /// <param name="gatewayId">The gateway id; <see cref="EmulatorOptions.GatewayId"/> or <see cref="DefaultGatewayId"/> when null.</param>
        public Uri GatewayUri(string? accountId = null, string? gatewayId = null) =>
            new(Root, "v1/" + (accountId ?? DefaultAccountId) + "/" + (gatewayId ?? _options.GatewayId ?? DefaultGatewayId) + "/ideogram/");

        /// <summary>
        /// A new handler that reaches this emulator: a <see cref="SocketsHttpHandler"/> for a loopback emulator, the
        /// TestServer's handler in memory. The caller owns (disposes) it.
        /// </summary>
        public HttpMessageHandler CreateHandler()
        {
            ThrowIfDisposed();
            return IsInMemory ? _app.GetTestServer().CreateHandler() : new SocketsHttpHandler { AllowAutoRedirect = false };
        }

        /// <summary>A new <see cref="HttpClient"/> over <see cref="CreateHandler"/> with <see cref="HttpClient.BaseAddress"/> = <see cref="Root"/>.</summary>
        public HttpClient CreateClient() => new(CreateHandler(), disposeHandler: true) { BaseAddress = Root };

        /// <summary>Stops the server and releases its resources.</summary>
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            // Answers held at a gate nobody released end now instead of delaying the shutdown; pending generations stop.
            _stopping.Cancel();
            StopGenerationTimers();
            try
            {
                await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                await _app.DisposeAsync().ConfigureAwait(false);
                _stopping.Dispose();
                _webhooks?.Dispose();
            }
        }

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(IdeogramEmulator));
        }

        private DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

        private async Task HandleAsync(HttpContext context)
        {
            string path = context.Request.Path.Value ?? "/";
            try
            {
                if (path == JwksRoute) await HandleJwksAsync(context).ConfigureAwait(false);
                else if (path.StartsWith("/v1/", StringComparison.Ordinal)) await HandleGatewayAsync(context, path).ConfigureAwait(false);
                else if (path.StartsWith("/ephemeral/", StringComparison.Ordinal)) await HandleImageAsync(context, path).ConfigureAwait(false);
                else if (path.StartsWith("/client/v4/", StringComparison.Ordinal)) await HandleLogsApiAsync(context, path).ConfigureAwait(false);
                else await WriteAsync(context, 404, WireBodies.NotFound, WireBodies.Json).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away; nothing left to answer.
            }
        }

        private static async Task WriteAsync(HttpContext context, int status, string body, string contentType)
        {
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(body);
            await WriteAsync(context, status, bytes, contentType).ConfigureAwait(false);
        }

        private static async Task WriteAsync(HttpContext context, int status, byte[] body, string contentType)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            context.Response.ContentLength = body.Length;
            if (body.Length > 0) await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }

        /// <summary>
        /// Waits at <paramref name="gate"/>; when the client goes away or the emulator stops first, aborts the connection
        /// and returns false.
        /// </summary>
        private async Task<bool> HoldAsync(HttpContext context, EmulatorGate gate)
        {
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            if (await gate.HoldAsync(ended.Token).ConfigureAwait(false)) return true;
            context.Abort();
            return false;
        }

        /// <summary>
        /// Sends 200 headers with the whole body's length and the first <paramref name="afterBytes"/> bytes (never the
        /// whole body), flushes, holds at <paramref name="gate"/>, then sends the rest.
        /// </summary>
        private async Task WriteHeldBodyAsync(HttpContext context, byte[] body, string contentType, EmulatorGate gate, long afterBytes)
        {
            var response = context.Response;
            response.StatusCode = 200;
            response.ContentType = contentType;
            response.ContentLength = body.Length;
            int head = (int)Math.Min(afterBytes, Math.Max(0, body.Length - 1));
            if (head > 0) await response.Body.WriteAsync(body.AsMemory(0, head), context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            if (!await HoldAsync(context, gate).ConfigureAwait(false)) return;
            await response.Body.WriteAsync(body.AsMemory(head), context.RequestAborted).ConfigureAwait(false);
        }

        private sealed record CachedAnswer(int StatusCode, string ContentType, byte[] Body, DateTimeOffset Expires);
    }
}
