using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen;
using IdeogramGen.Extensions;
using IdeogramGen.Extensions.Internal;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>
    /// Resilience for Ideogram clients on Microsoft.Extensions.Http.Resilience that never re-sends a request that may
    /// have run (and been billed).
    /// </summary>
    public static class IdeogramResilienceHttpClientBuilderExtensions
    {
        /// <summary>
        /// Adds the standard resilience handler (<c>AddStandardResilienceHandler</c>: rate limiter, total timeout,
        /// retry, circuit breaker, attempt timeout), made safe for Ideogram: its retry also requires
        /// <see cref="IdeogramRequestMark.CanResend"/> (so only 429s and connections that could not be made are retried
        /// for Ideogram calls, never a 5xx, an HTML error page, a timeout or a broken connection), its timeouts are
        /// raised above the client's <see cref="IdeogramClientOptions.Timeout"/> (the standard 10 s attempt timeout would
        /// cut generations that take tens of seconds), and its refusals (open circuit, rate limiter, timeout) reach the
        /// client as its own typed exceptions. Resilience handlers added to this client before (for example by
        /// <c>ConfigureHttpClientDefaults</c> in service defaults) are removed.
        /// </summary>
        /// <param name="builder">The builder returned by <c>AddIdeogramGateway&lt;TClient&gt;</c>.</param>
        /// <param name="configure">Further settings of the standard options, applied after ours; the retry's <c>ShouldHandle</c> you set is still combined with <see cref="IdeogramRequestMark.CanResend"/>.</param>
        /// <returns>The standard pipeline's builder.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
        public static IHttpStandardResiliencePipelineBuilder AddIdeogramResilienceHandler(this IHttpClientBuilder builder, Action<HttpStandardResilienceOptions>? configure = null)
        {
            if (builder is null) throw new ArgumentNullException(nameof(builder));
            var clientName = builder.Name;
            builder.ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
            {
                // What RemoveAllResilienceHandlers() does (an evaluation-only API there): drop the resilience handlers added so far.
                for (int i = handlers.Count - 1; i >= 0; i--)
                    if (handlers[i] is ResilienceHandler) handlers.RemoveAt(i);
            });
            builder.AddHttpMessageHandler(() => new PollyRefusalTranslator());
            var pipeline = builder.AddStandardResilienceHandler();
            builder.ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
            {
                if (handlers.Count > 0 && handlers[handlers.Count - 1] is ResilienceHandler added) HandlerChainCheck.MarkSafe(added);
            });
            pipeline.Configure((o, services) =>
            {
                var client = services.GetRequiredService<IOptionsMonitor<IdeogramClientOptions>>().Get(clientName);
                ApplyTimeouts(o, client.Timeout);
            });
            if (configure != null) pipeline.Configure(configure);
            builder.Services.AddSingleton<IPostConfigureOptions<HttpStandardResilienceOptions>>(
                new PostConfigureOptions<HttpStandardResilienceOptions>(pipeline.PipelineName, o => o.Retry.ShouldHandle = OnlyWhatCannotBill(o.Retry.ShouldHandle)));
            return pipeline;
        }

        /// <summary>
        /// Wraps a retry predicate of Microsoft.Extensions.Http.Resilience or Polly so that it never retries an Ideogram
        /// call that may have run: the result is true only when <paramref name="inner"/> is and
        /// <see cref="IdeogramRequestMark.CanResend"/> is.
        /// </summary>
        /// <param name="inner">The predicate to narrow (for example the standard one).</param>
        /// <returns>The narrowed predicate.</returns>
        public static Func<RetryPredicateArguments<HttpResponseMessage>, ValueTask<bool>> OnlyWhatCannotBill(Func<RetryPredicateArguments<HttpResponseMessage>, ValueTask<bool>> inner)
        {
            if (inner is null) throw new ArgumentNullException(nameof(inner));
            return async args =>
            {
                if (!await inner(args).ConfigureAwait(false)) return false;
                var request = args.Context.GetRequestMessage();
                return IdeogramRequestMark.CanResend(request, args.Outcome.Result, args.Outcome.Exception);
            };
        }

        private static void ApplyTimeouts(HttpStandardResilienceOptions o, TimeSpan clientTimeout)
        {
            // Above the client's own timeout, so that the client's typed timeout fires first; within the strategies' limits.
            var max = TimeSpan.FromHours(12);
            var attempt = clientTimeout == Timeout.InfiniteTimeSpan || clientTimeout > max - TimeSpan.FromSeconds(30) ? max : clientTimeout + TimeSpan.FromSeconds(30);
            if (o.AttemptTimeout.Timeout < attempt) o.AttemptTimeout.Timeout = attempt;
            var total = TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(24).Ticks, attempt.Ticks * (o.Retry.MaxRetryAttempts + 1L) + TimeSpan.FromMinutes(1).Ticks));
            if (o.TotalRequestTimeout.Timeout < total) o.TotalRequestTimeout.Timeout = total;
            var sampling = TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(24).Ticks, 2 * o.AttemptTimeout.Timeout.Ticks));
            if (o.CircuitBreaker.SamplingDuration < sampling) o.CircuitBreaker.SamplingDuration = sampling;
        }
    }
}
