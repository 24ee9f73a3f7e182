using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen
{
    /// <summary>
    /// The mark a <see cref="GatewayPipeline"/> puts on every <see cref="HttpRequestMessage"/> it sends, so that the
    /// handlers of the <see cref="HttpClient"/> (Polly, Microsoft.Extensions.Http.Resilience, your own) can tell an
    /// Ideogram call that may bill if it is sent again. Every Ideogram generation, edit or description is billed once it
    /// runs, whatever answer comes back: a 5xx, an HTML error page, a timeout or a broken connection after the request
    /// was sent can all follow a generation that ran (Ideogram API reference, Rate limits and Errors).
    /// </summary>
    /// <remarks>
    /// The mark is an entry of the request's options (<c>HttpRequestMessage.Options</c> on .NET 5+, <c>Properties</c>
    /// on older frameworks) under <see cref="Key"/>. Resilience handlers copy it to the requests they clone (hedging),
    /// so <see cref="IdeogramResendGuard"/> sees every copy.
    /// </remarks>
    public static class IdeogramRequestMark
    {
        /// <summary>The request option key of the mark.</summary>
        public const string Key = "IdeogramGen.Request";

        /// <summary>Marks <paramref name="request"/> as an Ideogram call to <paramref name="path"/> that may bill if re-sent.</summary>
        /// <param name="request">The request about to be sent.</param>
        /// <param name="path">Ideogram's path, e.g. <c>v1/ideogram-v3/generate</c>.</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public static void Set(HttpRequestMessage request, string path)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            if (path is null) throw new ArgumentNullException(nameof(path));
#if NET5_0_OR_GREATER
            request.Options.Set(new HttpRequestOptionsKey<SendRecord>(Key), new SendRecord(path));
#else
            request.Properties[Key] = new SendRecord(path);
#endif
        }

        /// <summary>
        /// True when <paramref name="request"/> is an Ideogram call sent by IdeogramGen: sending it again after it may
        /// have run can pay for the same images twice.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
        public static bool MayBill(HttpRequestMessage request) => Get(request ?? throw new ArgumentNullException(nameof(request))) != null;

        /// <summary>
        /// The resend predicate for resilience handlers: false when <paramref name="request"/> is marked
        /// (<see cref="MayBill"/>) and the outcome does not prove that it did not run. Requests without the mark
        /// (downloads, other services) always get true: the decision stays with your own policy.
        /// </summary>
        /// <param name="request">The request that was sent; when null, <paramref name="response"/>'s <c>RequestMessage</c>. Unknown: false.</param>
        /// <param name="response">Its answer, or null when it failed with <paramref name="exception"/>.</param>
        /// <param name="exception">The failure, or null when an answer came.</param>
        /// <returns>
        /// For a marked request, true only when re-sending cannot pay twice: the answer is a 429 (the gateway's rate
        /// limit 2003 or spend limit, or Ideogram's <c>inflight_limit</c>: "A rejected request doesn't run and isn't
        /// billed", Ideogram API reference, Rate limits), the connection could not be made (refused, name not
        /// resolved, TLS handshake failed), or a resilience strategy refused before sending (an open circuit breaker,
        /// a rate limiter). Every other answer or failure (5xx, HTML error page, timeout, a connection broken after
        /// sending, <see cref="IdeogramResendGuard"/>'s own refusal) gives false.
        /// </returns>
        /// <example>
        /// With Microsoft.Extensions.Http.Resilience or Polly:
        /// <code>
        /// ShouldHandle = args => ValueTask.FromResult(
        ///     IsTransient(args.Outcome) &amp;&amp; IdeogramRequestMark.CanResend(args.Outcome.Result?.RequestMessage ?? request, args.Outcome.Result, args.Outcome.Exception))
        /// </code>
        /// </example>
        public static bool CanResend(HttpRequestMessage? request, HttpResponseMessage? response, Exception? exception)
        {
            request ??= response?.RequestMessage;
            if (request is null) return false;   // cannot tell which request it was: assume it may bill
            var record = Get(request);
            if (record is null) return true;
            if (response != null) return (int)response.StatusCode == 429;
            return exception != null && ProvesNotSent(exception);
        }

        /// <summary>True when the exception shows the request never left this process (or never reached the server).</summary>
        internal static bool ProvesNotSent(Exception exception)
        {
            for (Exception? e = exception; e != null; e = e.InnerException)
            {
                if (e is IdeogramResendRefusedException) return false;
                if (e is HttpRequestException http && TransportFailures.FailedBeforeSending(http)) return true;
                if (IsPollyRefusal(e)) return true;
            }
            return false;
        }

        /// <summary>
        /// Polly's refusals before anything is sent (an open or isolated circuit breaker, a rate limiter), named so that
        /// the runtime does not depend on Polly.
        /// </summary>
        internal static bool IsPollyRefusal(Exception e)
        {
            var name = e.GetType().FullName;
            return name == "Polly.CircuitBreaker.BrokenCircuitException" || name == "Polly.CircuitBreaker.IsolatedCircuitException"
                || name == "Polly.RateLimiting.RateLimiterRejectedException";
        }

        internal static SendRecord? Get(HttpRequestMessage request)
        {
#if NET5_0_OR_GREATER
            return request.Options.TryGetValue(new HttpRequestOptionsKey<SendRecord>(Key), out var record) ? record : null;
#else
            return request.Properties.TryGetValue(Key, out var value) ? value as SendRecord : null;
#endif
        }

        /// <summary>What one pipeline attempt has been through; shared by the copies a resilience handler makes.</summary>
        internal sealed class SendRecord
        {
            private int _mayHaveRun;

            public SendRecord(string path) => Path = path;

            public string Path { get; }

            /// <summary>Starts a send; false when an earlier send may have run (or is still running).</summary>
            public bool TryBeginSend() => Interlocked.Exchange(ref _mayHaveRun, 1) == 0;

            /// <summary>Records that the last send provably did not run, so one more is safe.</summary>
            public void ProvedNotRun() => Volatile.Write(ref _mayHaveRun, 0);
        }
    }
}
