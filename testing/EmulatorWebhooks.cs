using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace IdeogramGen.Testing
{
    /// <summary>
    /// The emulator's webhook side, as developer.ideogram.ai <c>ideogram-api/webhooks</c> describes Ideogram's: an Ed25519
    /// key set published at <see cref="JwksUri"/> (<c>GET {root}v1/.well-known/jwks.json</c>, the path of
    /// <c>https://api.ideogram.ai/v1/.well-known/jwks.json</c>), and signed JSON POSTs to a receiver with the
    /// <c>X-Ideogram-Webhook-*</c> headers, correct or broken in one way (<see cref="EmulatorWebhookVariant"/>).
    /// </summary>
    /// <remarks>
    /// <para>The signed message is <c>generation id \n user id \n timestamp \n hex(SHA-256(body))</c> in UTF-8, the
    /// signature lowercase hex; the keys are generated per emulator (no key material ships in the package).</para>
    /// <para>Ideogram refuses a <c>webhook_url</c> that is not HTTPS or that points at a private or loopback host; the
    /// emulator delivers to <c>https</c> URLs and, so that tests can receive on 127.0.0.1, to <c>http</c> URLs on loopback
    /// hosts only.</para>
    /// </remarks>
    public sealed class EmulatorWebhooks : IDisposable
    {
        /// <summary>The <c>X-Ideogram-Webhook-User-Id</c> the emulator sends: URL-safe base64 of <c>emulator-user</c>.</summary>
        public const string UserId = "ZW11bGF0b3ItdXNlcg";

        /// <summary>The path of the key set, relative to the emulator's root.</summary>
        public const string JwksPath = "v1/.well-known/jwks.json";

        private const int MaxPublishedKeys = 3;
        private readonly IdeogramEmulator _emulator;
        private readonly object _gate = new();
        private readonly List<SigningKey> _published = new();
        private readonly List<EmulatorWebhookDelivery> _deliveries = new();
        private readonly Lazy<HttpClient> _http = new(() => new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(100) });
        private int _keyCounter;
        private int _jwksRequests;

        internal EmulatorWebhooks(IdeogramEmulator emulator)
        {
            _emulator = emulator;
            _published.Add(NewKey());
        }

        /// <summary>Where the emulator publishes its key set: <c>{root}v1/.well-known/jwks.json</c>. Point a verifier's JWKS address here.</summary>
        public Uri JwksUri => new(_emulator.Root, JwksPath);

        /// <summary>The <c>kid</c> of the key deliveries are signed with now.</summary>
        public string CurrentKeyId
        {
            get { lock (_gate) return _published[0].KeyId; }
        }

        /// <summary>The <c>kid</c>s the key set holds, current first (the current key and up to two rotated out).</summary>
        public IReadOnlyList<string> PublishedKeyIds
        {
            get { lock (_gate) return _published.Select(k => k.KeyId).ToArray(); }
        }

        /// <summary>How far before now a <see cref="EmulatorWebhookVariant.StaleTimestamp"/> delivery is signed. Default one hour.</summary>
        public TimeSpan StaleBy { get; set; } = TimeSpan.FromHours(1);

        /// <summary>When true, the key-set route answers HTTP 503 (a receiver that cannot fetch keys must not accept or reject). Default false.</summary>
        public bool KeySetUnavailable { get; set; }

        /// <summary>How many times the key set was requested (answered 200 or 503).</summary>
        public int KeySetRequestCount => Volatile.Read(ref _jwksRequests);

        /// <summary>Every webhook POST sent so far, in order (a <see cref="EmulatorWebhookVariant.Duplicate"/> counts twice).</summary>
        public IReadOnlyList<EmulatorWebhookDelivery> Deliveries
        {
            get { lock (_gate) return _deliveries.ToArray(); }
        }

        /// <summary>
        /// Rotates the signing key: a new key (a new <c>kid</c>) is published and signs from now on; the previous keys stay
        /// in the set as recently rotated out (at most three keys are published).
        /// </summary>
        /// <returns>The new key's <c>kid</c>.</returns>
        public string RotateKey()
        {
            lock (_gate)
            {
                _published.Insert(0, NewKey());
                if (_published.Count > MaxPublishedKeys) _published.RemoveAt(_published.Count - 1);
                return _published[0].KeyId;
            }
        }

        /// <summary>The key set document, as <see cref="JwksUri"/> serves it (RFC 7517 JWKS of OKP/Ed25519 keys).</summary>
        public string KeySetJson()
        {
            lock (_gate)
            {
                var buffer = new System.IO.MemoryStream();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("keys");
                    foreach (var key in _published)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("kty", "OKP");
                        writer.WriteString("crv", "Ed25519");
                        writer.WriteString("alg", "EdDSA");
                        writer.WriteString("use", "sig");
                        writer.WriteString("kid", key.KeyId);
                        writer.WriteString("x", Convert.ToBase64String(key.PublicKey).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
                return Encoding.UTF8.GetString(buffer.ToArray());
            }
        }

        /// <summary>
        /// Signs <paramref name="body"/> as Ideogram does (or breaks it as <paramref name="variant"/> says) and POSTs it to
        /// <paramref name="url"/> with <c>Content-Type: application/json</c> and the <c>X-Ideogram-Webhook-*</c> headers.
        /// </summary>
        /// <param name="url">The receiver: an <c>https</c> URL, or an <c>http</c> URL on a loopback host.</param>
        /// <param name="body">The delivery body: Ideogram sends the synchronous response of the route (<c>generation_id</c>, <c>created</c>, <c>data</c>); it must be a JSON object with a string <c>generation_id</c>.</param>
        /// <param name="variant">Correct, or broken in one way.</param>
        /// <param name="cancellationToken">Cancels the POST.</param>
        /// <returns>What was sent and the receiver's answer.</returns>
        /// <exception cref="ArgumentException">The URL is not absolute, not https and not loopback http, or the body has no string <c>generation_id</c>.</exception>
        /// <exception cref="HttpRequestException">The receiver could not be reached.</exception>
        public Task<EmulatorWebhookDelivery> DeliverAsync(Uri url, string body, EmulatorWebhookVariant variant = EmulatorWebhookVariant.Valid, CancellationToken cancellationToken = default)
        {
            if (body is null) throw new ArgumentNullException(nameof(body));
            return DeliverAsync(url, Encoding.UTF8.GetBytes(body), variant, cancellationToken);
        }

        /// <summary>As <see cref="DeliverAsync(Uri, string, EmulatorWebhookVariant, CancellationToken)"/>, with the body's bytes (sent as given).</summary>
        /// <param name="url">The receiver: an <c>https</c> URL, or an <c>http</c> URL on a loopback host.</param>
        /// <param name="body">The UTF-8 JSON body, a JSON object with a string <c>generation_id</c>.</param>
        /// <param name="variant">Correct, or broken in one way.</param>
        /// <param name="cancellationToken">Cancels the POST.</param>
        /// <exception cref="ArgumentException">The URL is not absolute, not https and not loopback http, or the body has no string <c>generation_id</c>.</exception>
        /// <exception cref="HttpRequestException">The receiver could not be reached.</exception>
        public Task<EmulatorWebhookDelivery> DeliverAsync(Uri url, byte[] body, EmulatorWebhookVariant variant = EmulatorWebhookVariant.Valid, CancellationToken cancellationToken = default) =>
            DeliverCoreAsync(url, body, variant, recordFailure: false, cancellationToken);

        /// <summary>
        /// A completion delivery of an asynchronous generation (signed as <see cref="EmulatorWebhookVariant.Valid"/>): never
        /// throws for an unreachable receiver, but records the attempt in <see cref="Deliveries"/> with status code 0 and the
        /// error in <see cref="EmulatorWebhookDelivery.ResponseBody"/>.
        /// </summary>
        internal Task<EmulatorWebhookDelivery> DeliverCompletionAsync(Uri url, byte[] body, CancellationToken cancellationToken) =>
            DeliverCoreAsync(url, body, EmulatorWebhookVariant.Valid, recordFailure: true, cancellationToken);

        private async Task<EmulatorWebhookDelivery> DeliverCoreAsync(Uri url, byte[] body, EmulatorWebhookVariant variant, bool recordFailure, CancellationToken cancellationToken)
        {
            if (url is null) throw new ArgumentNullException(nameof(url));
            if (body is null) throw new ArgumentNullException(nameof(body));
            CheckReceiverUrl(url);
            var generationId = ReadGenerationId(body)
                ?? throw new ArgumentException("A webhook body must be a JSON object with a string \"generation_id\" (Ideogram delivers the route's synchronous response).", nameof(body));

            SigningKey key;
            string keyIdHeader;
            if (variant == EmulatorWebhookVariant.RotatedKey) RotateKey();
            lock (_gate) (key, keyIdHeader) = (_published[0], _published[0].KeyId);
            if (variant == EmulatorWebhookVariant.WrongKey) key = NewKey(keyIdHeader);
            if (variant == EmulatorWebhookVariant.UnpublishedKey) keyIdHeader = (key = NewKey("unpublished-" + Interlocked.Increment(ref _keyCounter).ToString(CultureInfo.InvariantCulture))).KeyId;

            var signedAt = FloorToSecond(_emulator.UtcNow - (variant == EmulatorWebhookVariant.StaleTimestamp ? StaleBy : TimeSpan.Zero));
            var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["X-Ideogram-Webhook-Generation-Id"] = generationId,
                ["X-Ideogram-Webhook-User-Id"] = UserId,
                ["X-Ideogram-Webhook-Timestamp"] = timestamp,
                ["X-Ideogram-Webhook-Key-Id"] = keyIdHeader,
                ["X-Ideogram-Webhook-Signature"] = key.Sign(generationId, UserId, timestamp, body),
            };
            var sent = body;
            if (variant == EmulatorWebhookVariant.TamperedBody) sent = Tamper(body);
            if (variant == EmulatorWebhookVariant.TamperedHeader) headers["X-Ideogram-Webhook-User-Id"] = "dGFtcGVyZWQtdXNlcg";

            var first = await PostAsync(url, variant, generationId, signedAt, headers, sent, recordFailure, cancellationToken).ConfigureAwait(false);
            if (variant == EmulatorWebhookVariant.Duplicate)
                first.Redelivery = await PostAsync(url, variant, generationId, signedAt, headers, sent, recordFailure, cancellationToken).ConfigureAwait(false);
            return first;
        }

        /// <summary>Stops the client deliveries are sent with (the emulator does it when disposed).</summary>
        public void Dispose()
        {
            if (_http.IsValueCreated) _http.Value.Dispose();
        }

        internal void CountKeySetRequest() => Interlocked.Increment(ref _jwksRequests);

        private async Task<EmulatorWebhookDelivery> PostAsync(Uri url, EmulatorWebhookVariant variant, string generationId, DateTimeOffset signedAt,
            Dictionary<string, string> headers, byte[] body, bool recordFailure, CancellationToken cancellationToken)
        {
            int status;
            string answer;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
                using var response = await _http.Value.SendAsync(request, cancellationToken).ConfigureAwait(false);
                answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                status = (int)response.StatusCode;
            }
            catch (Exception e) when (recordFailure && e is HttpRequestException or OperationCanceledException or ObjectDisposedException)
            {
                // The receiver is down (or the emulator is stopping): the attempt is recorded, nobody is waiting for an exception.
                status = 0;
                answer = e.GetType().Name + ": " + e.Message;
            }
            var delivery = new EmulatorWebhookDelivery(url, variant, generationId, signedAt, new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase), body, status, answer);
            lock (_gate) _deliveries.Add(delivery);
            return delivery;
        }

        private static void CheckReceiverUrl(Uri url)
        {
            if (!url.IsAbsoluteUri) throw new ArgumentException($"A webhook URL must be absolute; got \"{url}\".", nameof(url));
            if (url.Scheme == Uri.UriSchemeHttps) return;
            if (url.Scheme == Uri.UriSchemeHttp && (url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)))) return;
            throw new ArgumentException(
                $"The emulator delivers webhooks to https URLs and, for tests, to http URLs on loopback hosts; got \"{url.GetLeftPart(UriPartial.Authority)}\". (Ideogram itself accepts only https URLs on public hosts.)", nameof(url));
        }

        private static string? ReadGenerationId(byte[] body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("generation_id", out var id) && id.ValueKind == JsonValueKind.String
                    ? id.GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>The body with its last ASCII digit changed, or a space appended when it has none.</summary>
        private static byte[] Tamper(byte[] body)
        {
            var copy = (byte[])body.Clone();
            for (var i = copy.Length - 1; i >= 0; i--)
            {
                if (copy[i] >= (byte)'0' && copy[i] <= (byte)'9')
                {
                    copy[i] = (byte)('0' + (copy[i] - '0' + 1) % 10);
                    return copy;
                }
            }
            return copy.Concat(new[] { (byte)' ' }).ToArray();
        }

        private static DateTimeOffset FloorToSecond(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());

        private SigningKey NewKey(string? keyId = null) =>
            new(keyId ?? "emulator-" + Interlocked.Increment(ref _keyCounter).ToString(CultureInfo.InvariantCulture));

        private sealed class SigningKey
        {
            private readonly Ed25519PrivateKeyParameters _private;

            public SigningKey(string keyId)
            {
                KeyId = keyId;
                _private = new Ed25519PrivateKeyParameters(new SecureRandom());
                PublicKey = _private.GeneratePublicKey().GetEncoded();
            }

            public string KeyId { get; }

            public byte[] PublicKey { get; }

            public string Sign(string generationId, string userId, string timestamp, byte[] body)
            {
                var hash = Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant();
                var message = Encoding.UTF8.GetBytes(generationId + "\n" + userId + "\n" + timestamp + "\n" + hash);
                var signature = new byte[Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.SignatureSize];
                _private.Sign(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Algorithm.Ed25519, null, message, 0, message.Length, signature, 0);
                return Convert.ToHexString(signature).ToLowerInvariant();
            }

            public override string ToString() => "Ed25519 key " + KeyId;
        }
    }
}
