using System;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace IdeogramGen
{
    /// <summary>
    /// The call around its attempts: takes the image-limiter lease (weighted by <c>num_images</c>), runs attempts through
    /// the <see cref="AttemptSender"/>, and re-sends only what <see cref="IdeogramRetryPolicy"/> allows, after waits
    /// measured on <see cref="GatewayOptions.TimeProvider"/>. After Ideogram's <c>inflight_limit</c> 429, a call that
    /// holds a lease gives it back and waits for one of this client's running calls to finish (the limiter then decides
    /// who goes next), so concurrent callers do not spend their attempts while other generations are still running.
    /// </summary>
    internal sealed class RetryLoop
    {
        /// <summary>How many times one call may yield its turn to a finishing sibling after <c>inflight_limit</c> without it counting as an attempt.</summary>
        internal const int MaxYields = 50;

        private readonly TimeProvider _time;
        private readonly ILogger _logger;
        private readonly RateLimiter? _limiter;
        private readonly int _permitCap;
        private readonly bool _recordPrompts;
        private readonly InflightSignal _inflight = new InflightSignal();

        /// <param name="time">The clock of the waits.</param>
        /// <param name="logger">Receives the retry lines.</param>
        /// <param name="limiter">The image limiter, or null.</param>
        /// <param name="permitCap">The most permits one call asks for (the local limiter's capacity), or <see cref="int.MaxValue"/>.</param>
        /// <param name="recordPrompts"><see cref="GatewayOptions.RecordPromptsInTelemetry"/>.</param>
        public RetryLoop(TimeProvider time, ILogger logger, RateLimiter? limiter, int permitCap, bool recordPrompts)
        {
            _recordPrompts = recordPrompts;
            _time = time;
            _logger = logger;
            _limiter = limiter;
            _permitCap = permitCap;
        }

        public async Task<T> RunAsync<T>(AttemptSender sender, Uri uri, string path, RequestBody body, int images, JsonValueReader<T> read, CallSettings call, CancellationToken cancellationToken)
            where T : IdeogramResponse
        {
            var permits = Math.Min(Math.Max(1, images), _permitCap);
            // The call's span and metrics (runtime/Telemetry) start before the limiter wait, which they include.
            var telemetry = call.Poll ? null : IdeogramTelemetry.StartCall(path, body, images, uri, _recordPrompts, call.DryRun);
            RateLimitLease? lease = null;
            var retry = call.Retry;
            int counted = 0, yields = 0, attempt = 1;
            try
            {
                // A price quote generates nothing, so it does not count against the images in flight.
                if (_limiter != null && !call.Free) lease = await AcquireAsync(permits, path, cancellationToken).ConfigureAwait(false);
                for (; ; attempt++)
                {
                    try
                    {
                        var result = await sender.SendAsync(uri, path, body, read, call, attempt, cancellationToken).ConfigureAwait(false);
                        telemetry?.Succeeded(result, attempt);
                        return result;
                    }
                    catch (IdeogramGenException ex)
                    {
                        ex.Attempts = attempt;
                        if (call.Free) FreeCallFacts(ex);
                        counted++;
                        if (!retry.Allows(ex) || !body.IsReplayable) throw;
                        var inflight = ex is IdeogramApiException { Kind: IdeogramErrorKind.InflightLimit };
                        if (inflight && lease != null && _inflight.OthersRunning && yields < MaxYields)
                        {
                            // Let a running generation finish first: hand the lease back, wait for a sibling to finish (or the
                            // policy's wait, whichever is first), then queue at the limiter again.
                            var wait = InflightDelay(retry, counted);
                            var sibling = _inflight.NextCompletion;
                            Release(ref lease, finished: false);
                            PipelineLog.WaitingForInflight(_logger, path, attempt, wait.TotalMilliseconds, null);
                            telemetry?.Retrying(attempt, ex, wait);
                            var woken = await WaitAsync(sibling, wait, cancellationToken).ConfigureAwait(false);
                            lease = await AcquireAsync(permits, path, cancellationToken).ConfigureAwait(false);
                            if (woken)
                            {
                                // The turn went to a call that was running: this attempt does not count.
                                counted--;
                                yields++;
                                continue;
                            }
                            if (counted >= retry.MaxAttempts) throw;
                            continue;
                        }
                        if (counted >= retry.MaxAttempts) throw;
                        var delay = inflight && ex.RetryAfter == null ? InflightDelay(retry, counted) : Delay(retry, counted, ex.RetryAfter);
                        if (delay == null)
                        {
                            PipelineLog.RetryAbandoned(_logger, path, ex.RetryAfter?.TotalSeconds ?? 0, null);
                            throw;
                        }
                        PipelineLog.Retrying(_logger, path, attempt, ex.GetType().Name, delay.Value.TotalMilliseconds, null);
                        telemetry?.Retrying(attempt, ex, delay.Value);
                        await DelayAsync(delay.Value, cancellationToken).ConfigureAwait(false);
                    }
                    catch (IdeogramCanceledException canceled)
                    {
                        canceled.Attempts = attempt;
                        throw;
                    }
                }
            }
            catch (Exception ex) when (telemetry != null)
            {
                telemetry.Failed(ex, attempt);
                throw;
            }
            finally
            {
                if (lease != null) Release(ref lease, finished: true);
            }
        }

        /// <summary>
        /// A failed price quote or poll ran nothing and billed nothing ("dry_run": "nothing is generated, stored, or billed",
        /// Ideogram API reference, Price quotes; Errors, "Outcomes and billing"; a poll only reads a generation's state),
        /// so sending it again cannot pay twice.
        /// </summary>
        internal static void FreeCallFacts(IdeogramGenException ex)
        {
            ex.MayHaveBeenBilled = false;
            ex.IsRetrySafe = true;
            ex.RecoveryPath = IdeogramRecoveryPath.None;
            ex.RecoveryAdvice = null;
        }

        private async Task<RateLimitLease> AcquireAsync(int permits, string path, CancellationToken cancellationToken)
        {
            RateLimitLease lease;
            try
            {
                lease = await _limiter!.AcquireAsync(permits, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                // More permits than the limiter can ever grant (a ConcurrencyLimiter's PermitLimit, say).
                throw new ImageLimiterRejectedException(
                    $"GatewayOptions.ImageLimiter cannot grant {permits.ToString(System.Globalization.CultureInfo.InvariantCulture)} image permit(s) for {path}: {ex.Message} Nothing was sent; ask for fewer images per call or raise the limiter's limit.",
                    null)
                {
                    RequestPath = path, IsTransient = false,
                };
            }
            if (!lease.IsAcquired)
            {
                lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
                lease.Dispose();
                throw new ImageLimiterRejectedException(
                    $"GatewayOptions.ImageLimiter refused {permits.ToString(System.Globalization.CultureInfo.InvariantCulture)} image permit(s) for {path} (its queue is full or it cannot grant that many); nothing was sent.",
                    retryAfter == TimeSpan.Zero ? (TimeSpan?)null : retryAfter)
                {
                    RequestPath = path,
                };
            }
            _inflight.Enter();
            return lease;
        }

        private void Release(ref RateLimitLease? lease, bool finished)
        {
            var l = lease;
            lease = null;
            if (l == null) return;
            l.Dispose();
            _inflight.Leave(finished);
        }

        /// <summary>True when <paramref name="sibling"/> finished first; false when the wait ran out.</summary>
        private async Task<bool> WaitAsync(Task sibling, TimeSpan wait, CancellationToken cancellationToken)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timer = DelayAsync(wait, stop.Token);
            var first = await Task.WhenAny(sibling, timer).ConfigureAwait(false);
            stop.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
            return first == sibling;
        }

        private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => Waits.DelayAsync(_time, delay, cancellationToken);

        /// <summary>Exponential backoff from <see cref="IdeogramRetryPolicy.BaseDelay"/> (+0–20 % jitter), or the server's <c>Retry-After</c>; null when that is longer than MaxDelay.</summary>
        internal static TimeSpan? Delay(IdeogramRetryPolicy retry, int attempt, TimeSpan? retryAfter)
        {
            if (retryAfter is TimeSpan ra)
                return ra > retry.MaxDelay ? (TimeSpan?)null : ra;
            return Backoff(retry.BaseDelay, attempt, 0.2, retry.MaxDelay);
        }

        /// <summary>
        /// The wait after <c>inflight_limit</c>: <see cref="IdeogramRetryPolicy.InflightLimitDelay"/> doubled per retry,
        /// +0–50 % jitter (so callers refused together do not come back together), at most MaxDelay.
        /// </summary>
        internal static TimeSpan InflightDelay(IdeogramRetryPolicy retry, int attempt) => Backoff(retry.InflightLimitDelay, attempt, 0.5, retry.MaxDelay);

        private static TimeSpan Backoff(TimeSpan first, int attempt, double spread, TimeSpan max)
        {
            var backoff = TimeSpan.FromTicks(first.Ticks * (1L << Math.Min(Math.Max(attempt - 1, 0), 16)));
            var total = backoff + TimeSpan.FromTicks((long)(backoff.Ticks * spread * Waits.Jitter()));
            return total > max ? max : total;
        }

    }
}
