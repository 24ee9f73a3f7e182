using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.Webhooks;

/// <summary>
/// Fetches Ideogram's key set with the caller's <see cref="HttpClient"/> and caches it: for at most
/// <see cref="MaxAge"/> (Ideogram: "Cache for up to 24 hours; refresh sooner if a signature fails to verify against the
/// cached set", 2026-10-07 OpenAPI document, <c>#/paths/~1v1~1.well-known~1jwks.json/get</c>), and a forced refresh at
/// most once per <see cref="MinRefreshInterval"/>, so forged deliveries cannot make the receiver hammer the key endpoint.
/// </summary>
public sealed class JwksWebhookKeySource : IWebhookKeySource
{
    private readonly HttpClient _http;
    private readonly Uri _uri;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
    private WebhookSigningKeySet? _keys;
    private DateTimeOffset _fetchedAt;

    /// <summary>Creates the source.</summary>
    /// <param name="http">The client used for the GET; its handlers, timeouts and proxy settings apply.</param>
    /// <param name="uri">The JWKS address; <see cref="WebhookSigningKeySet.DefaultJwksUri"/> when null.</param>
    /// <param name="timeProvider">The clock for cache ages; <see cref="TimeProvider.System"/> when null.</param>
    public JwksWebhookKeySource(HttpClient http, Uri? uri = null, TimeProvider? timeProvider = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _uri = uri ?? WebhookSigningKeySet.DefaultJwksUri;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long a fetched set is used before it is fetched again. Default and maximum 24 hours.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The shortest time between two fetches when a refresh is asked for. Default one minute.</summary>
    public TimeSpan MinRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    /// <exception cref="HttpRequestException">The key set could not be fetched and none is cached.</exception>
    /// <exception cref="WebhookKeySetException">The fetched document is not a usable key set and none is cached.</exception>
    public async ValueTask<WebhookSigningKeySet> GetKeysAsync(bool refresh, CancellationToken cancellationToken)
    {
        var maxAge = MaxAge <= TimeSpan.FromHours(24) ? MaxAge : TimeSpan.FromHours(24);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var age = now - _fetchedAt;
            if (_keys != null && age < maxAge && (!refresh || age < MinRefreshInterval)) return _keys;
            try
            {
                using var response = await _http.GetAsync(_uri, cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                _keys = WebhookSigningKeySet.Parse(bytes);
                _fetchedAt = now;
                return _keys;
            }
            catch (Exception e) when (_keys != null && age < maxAge && (e is HttpRequestException || e is WebhookKeySetException))
            {
                return _keys;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
