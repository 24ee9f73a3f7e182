using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.Webhooks;

/// <summary>
/// Fetches Ideogram's key set over HTTP and caches it: for at most <see cref="MaxAge"/> (Ideogram: "Cache for up to 24
/// hours; refresh sooner if a signature fails to verify against the cached set", 2026-10-07 OpenAPI document,
/// <c>#/paths/~1v1~1.well-known~1jwks.json/get</c>), and a refresh the verifier asks for (no cached key verified a
/// delivery: the keys may have rotated) at most once per <see cref="MinRefreshInterval"/>, so that forged deliveries
/// naming unknown key ids cannot make the receiver hammer the key endpoint.
/// </summary>
/// <remarks>
/// A failed fetch (network error, timeout, non-success status, a document that is not a key set) keeps the cached set
/// while it is younger than <see cref="MaxAge"/>; without one, the failure is thrown. Thread-safe; concurrent callers
/// share one fetch.
/// </remarks>
public sealed class JwksWebhookKeySource : IWebhookKeySource
{
    private readonly Func<HttpClient> _http;
    private readonly Uri _uri;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
    private volatile Cached? _cached;
    private DateTimeOffset? _lastAttempt;
    private TimeSpan _maxAge = TimeSpan.FromHours(24);
    private TimeSpan _minRefreshInterval = TimeSpan.FromMinutes(1);

    /// <summary>Creates the source over one long-lived <see cref="HttpClient"/>.</summary>
    /// <param name="http">The client used for the GET; its handlers, timeouts and proxy settings apply.</param>
    /// <param name="uri">The JWKS address; <see cref="WebhookSigningKeySet.DefaultJwksUri"/> when null.</param>
    /// <param name="timeProvider">The clock for cache ages; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="http"/> is null.</exception>
    public JwksWebhookKeySource(HttpClient http, Uri? uri = null, TimeProvider? timeProvider = null)
        : this(Capture(http ?? throw new ArgumentNullException(nameof(http))), uri, timeProvider)
    {
    }

    /// <summary>
    /// Creates the source over a client factory called once per fetch (for example
    /// <c>() =&gt; httpClientFactory.CreateClient(name)</c>, so that handler lifetimes apply); the clients are not disposed.
    /// </summary>
    /// <param name="httpClientFactory">Creates the client for one GET.</param>
    /// <param name="uri">The JWKS address; <see cref="WebhookSigningKeySet.DefaultJwksUri"/> when null.</param>
    /// <param name="timeProvider">The clock for cache ages; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClientFactory"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is not an absolute http or https URI.</exception>
    public JwksWebhookKeySource(Func<HttpClient> httpClientFactory, Uri? uri = null, TimeProvider? timeProvider = null)
    {
        _http = httpClientFactory ?? throw new ArgumentNullException(nameof(httpClientFactory));
        _uri = uri ?? WebhookSigningKeySet.DefaultJwksUri;
        if (!_uri.IsAbsoluteUri || (_uri.Scheme != Uri.UriSchemeHttps && _uri.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"The JWKS address must be an absolute http or https URI; got \"{_uri}\".", nameof(uri));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The address the key set is fetched from.</summary>
    public Uri JwksUri => _uri;

    /// <summary>How long a fetched set is used before it is fetched again. Default and maximum 24 hours (Ideogram's limit).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less, or above 24 hours.</exception>
    public TimeSpan MaxAge
    {
        get => _maxAge;
        set => _maxAge = value > TimeSpan.Zero && value <= TimeSpan.FromHours(24)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The key set may be cached for more than zero and at most 24 hours (Ideogram's JWKS caching rule).");
    }

    /// <summary>The shortest time between two fetch attempts when a refresh is asked for. Default one minute.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than zero.</exception>
    public TimeSpan MinRefreshInterval
    {
        get => _minRefreshInterval;
        set => _minRefreshInterval = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The refresh interval must not be negative.");
    }

    /// <inheritdoc />
    /// <exception cref="HttpRequestException">The key set could not be fetched (network error, timeout, non-success status) and no fresh one is cached.</exception>
    /// <exception cref="WebhookKeySetException">The fetched document is not a usable key set and no fresh one is cached.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<WebhookSigningKeySet> GetKeysAsync(bool refresh, CancellationToken cancellationToken)
    {
        if (!refresh && _cached is { } hit && _time.GetUtcNow() - hit.FetchedAt < _maxAge) return hit.Keys;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var cached = _cached;
            var fresh = cached != null && now - cached.FetchedAt < _maxAge;
            if (fresh && (!refresh || (_lastAttempt is { } last && now - last < _minRefreshInterval))) return cached!.Keys;
            _lastAttempt = now;
            try
            {
                var keys = await FetchAsync(cancellationToken).ConfigureAwait(false);
                _cached = new Cached(keys, now);
                return keys;
            }
            catch (Exception e) when (fresh && (e is HttpRequestException || e is WebhookKeySetException))
            {
                return cached!.Keys;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<WebhookSigningKeySet> FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http().GetAsync(_uri, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"Fetching the webhook key set from {_uri} answered HTTP {(int)response.StatusCode}.");
            var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return WebhookSigningKeySet.Parse(bytes);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"Fetching the webhook key set from {_uri} timed out.", e);
        }
    }

    private static Func<HttpClient> Capture(HttpClient http) => () => http;

    private sealed class Cached
    {
        public Cached(WebhookSigningKeySet keys, DateTimeOffset fetchedAt)
        {
            Keys = keys;
            FetchedAt = fetchedAt;
        }

        public WebhookSigningKeySet Keys { get; }

        public DateTimeOffset FetchedAt { get; }
    }
}
