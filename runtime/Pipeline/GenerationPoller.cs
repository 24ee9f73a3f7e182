using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace IdeogramGen
{
    /// <summary>
    /// Waits for an asynchronous generation: polls <c>GET /v1|v2/generations/{generation_id}</c> through the
    /// <see cref="AttemptSender"/> (one GET per poll, no body, <c>cf-aig-skip-cache: true</c>) with growing waits on
    /// <see cref="GatewayOptions.TimeProvider"/>, until <c>completed</c> (the result, read by the endpoint's reader) or
    /// <c>failed</c>. A poll runs and bills nothing, so a transient failure (429 with <c>Retry-After</c>, 5xx, a timeout,
    /// a broken connection) only means polling again later; any other failure, the caller's cancellation and the end of
    /// <see cref="IdeogramPollingOptions.Timeout"/> leave with the generation id and the method that resumes the wait.
    /// </summary>
    internal sealed class GenerationPoller
    {
        private readonly AttemptSender _sender;
        private readonly TimeProvider _time;
        private readonly ILogger _logger;

        public GenerationPoller(AttemptSender sender, TimeProvider time, ILogger logger)
        {
            _sender = sender;
            _time = time;
            _logger = logger;
        }

        public async Task<T> WaitAsync<T>(IdeogramGeneration generation, Uri uri, JsonValueReader<GenerationState<T>> read, CallSettings call,
            IdeogramPollingOptions polling, string resumeMethod, CancellationToken cancellationToken)
            where T : IdeogramResponse
        {
            var path = generation.PollPath;
            long started = _time.GetTimestamp();
            var wait = polling.FirstDelay;
            IdeogramGenException? lastFailure = null;
            for (int poll = 1; ; poll++)
            {
                var left = Left(polling, started);
                if (left <= TimeSpan.Zero) throw Pending(generation, polling, started, lastFailure, resumeMethod);
                if (wait > left) wait = left;
                if (wait > TimeSpan.Zero)
                {
                    try
                    {
                        await DelayAsync(wait, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
                    {
                        throw Canceled(generation, ex, cancellationToken, resumeMethod);
                    }
                }

                GenerationState<T> state;
                try
                {
                    // A poll with a timeout never outlasts the wait: its timeout is at most the time left (with no per-attempt
                    // timeout, GatewayOptions.Timeout infinite, the caller chose to wait for each answer as long as it takes).
                    var now = Left(polling, started);
                    var attempt = now > TimeSpan.Zero && call.Timeout != Timeout.InfiniteTimeSpan && now < call.Timeout
                        ? new CallSettings(call.Headers, call.EventId, now, call.Retry, call.Errors, poll: true)
                        : call;
                    state = await _sender.SendAsync(uri, path, RequestBody.None, read, attempt, poll, cancellationToken).ConfigureAwait(false);
                }
                catch (IdeogramGenException ex) when (ex.IsTransient)
                {
                    RetryLoop.FreeCallFacts(ex);
                    lastFailure = ex;
                    var next = Next(wait, polling);
                    wait = ex.RetryAfter is TimeSpan asked && asked > next ? (asked > IdeogramPollingOptions.MaxRetryAfter ? IdeogramPollingOptions.MaxRetryAfter : asked) : next;
                    PipelineLog.Polled(_logger, path, ex.GetType().Name, wait.TotalMilliseconds, null);
                    continue;
                }
                catch (IdeogramGenException ex)
                {
                    throw Settled(ex, generation, resumeMethod);
                }
                catch (IdeogramCanceledException ex)
                {
                    throw Canceled(generation, ex, cancellationToken, resumeMethod);
                }
                catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
                {
                    throw Canceled(generation, ex, cancellationToken, resumeMethod);
                }

                lastFailure = null;
                switch (state.Status)
                {
                    case GenerationState<T>.Completed:
                        return Completed(state, generation, path);
                    case GenerationState<T>.Failed:
                        throw Failed(state, generation, path);
                    default:
                        // "pending", or a state this version does not know yet: not done, poll again.
                        wait = Next(wait, polling);
                        PipelineLog.Polled(_logger, path, state.Status ?? GenerationState<T>.Pending, wait.TotalMilliseconds, null);
                        break;
                }
            }
        }

        private static T Completed<T>(GenerationState<T> state, IdeogramGeneration generation, string path)
            where T : IdeogramResponse
        {
            var result = state.Result;
            if (result == null)
                throw new IdeogramResponseException($"The poll of {path} said completed but carried no result; the generation ran and was billed.")
                {
                    StatusCode = state.StatusCode, Gateway = state.Gateway, RequestPath = path, MayHaveBeenBilled = true, GenerationId = generation.GenerationId,
                };
            result.Gateway = state.Gateway;
            result.StatusCode = state.StatusCode;
            result.Generation = new IdeogramGeneration(generation.GenerationId, generation.ApiVersion, generation.RequestPath, generation.Gateway)
            {
                Created = state.Created,
                UsageCostUsdMicros = state.UsageCostUsdMicros,
            };
            return result;
        }

        private static IdeogramGenerationFailedException Failed<T>(GenerationState<T> state, IdeogramGeneration generation, string path)
            where T : IdeogramResponse
        {
            var reason = string.IsNullOrEmpty(state.FailureReason) ? null : state.FailureReason;
            return new IdeogramGenerationFailedException(
                "Ideogram reports that the generation " + generation.GenerationId + " failed (" + (reason != null ? "failure_reason: " + reason : "no failure_reason given")
                + "). A generation that fails is not billed (Ideogram API reference, Errors); submitting the request again starts a new generation.",
                generation.GenerationId, reason)
            {
                StatusCode = state.StatusCode, Gateway = state.Gateway, RequestPath = generation.RequestPath ?? path,
                IsRetrySafe = true, IsTransient = false, MayHaveBeenBilled = false,
            };
        }

        /// <summary>A poll failed for good (401, 404, 400, an unreadable answer): the generation id goes with the exception.</summary>
        private static IdeogramGenException Settled(IdeogramGenException ex, IdeogramGeneration generation, string resumeMethod)
        {
            ex.GenerationId = generation.GenerationId;
            if (ex is IdeogramApiException { Kind: IdeogramErrorKind.NotFound })
            {
                // Ideogram knows no such generation on this version's route: nothing runs under that id.
                ex.MayHaveBeenBilled = false;
                ex.IsRetrySafe = true;
                return ex;
            }
            // Calling Submit…AndWaitAsync again would submit (and bill) a second generation: resume this one instead.
            ex.IsRetrySafe = false;
            // The generation itself was accepted (or is being resumed) and is billed when it completes.
            ex.MayHaveBeenBilled = true;
            RecoveryAdvice.ResumableByGenerationId(ex, generation.GenerationId, resumeMethod);
            return ex;
        }

        private static IdeogramCanceledException Canceled(IdeogramGeneration generation, OperationCanceledException ex, CancellationToken token, string resumeMethod)
        {
            var canceled = new IdeogramCanceledException(
                "Waiting for the generation " + generation.GenerationId + " was canceled; the generation itself was not (Ideogram has no cancel route) and keeps running.",
                ex, token)
            {
                RequestPath = generation.RequestPath ?? generation.PollPath, MayHaveBeenBilled = true, GenerationId = generation.GenerationId,
                Gateway = generation.Gateway,
            };
            RecoveryAdvice.ResumableByGenerationId(canceled, generation.GenerationId, resumeMethod);
            return canceled;
        }

        private IdeogramGenerationPendingException Pending(IdeogramGeneration generation, IdeogramPollingOptions polling, long started, IdeogramGenException? lastFailure, string resumeMethod)
        {
            var waited = _time.GetElapsedTime(started);
            var pending = new IdeogramGenerationPendingException(
                "The generation " + generation.GenerationId + " was not done after " + Seconds(waited) + " s of waiting (IdeogramPollingOptions.Timeout "
                + Seconds(polling.Timeout) + " s)" + (lastFailure != null ? "; the last poll failed with " + lastFailure.GetType().Name + " (see InnerException)" : "") + ".",
                generation.GenerationId, waited, lastFailure)
            {
                RequestPath = generation.RequestPath ?? generation.PollPath, Gateway = generation.Gateway,
                IsTransient = true, IsRetrySafe = false, MayHaveBeenBilled = true,
            };
            RecoveryAdvice.ResumableByGenerationId(pending, generation.GenerationId, resumeMethod);
            return pending;
        }

        private TimeSpan Left(IdeogramPollingOptions polling, long started) =>
            polling.Timeout == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : polling.Timeout - _time.GetElapsedTime(started);

        /// <summary>The next wait: the last one (at least half a second) times the multiplier, plus 0–10 % jitter, at most MaxDelay.</summary>
        internal static TimeSpan Next(TimeSpan last, IdeogramPollingOptions polling)
        {
            var floor = TimeSpan.FromMilliseconds(500);
            var basis = last < floor ? floor : last;
            var grown = TimeSpan.FromTicks((long)Math.Min(basis.Ticks * polling.Multiplier * (1 + 0.1 * Waits.Jitter()), TimeSpan.MaxValue.Ticks / 2));
            return grown > polling.MaxDelay ? polling.MaxDelay : grown;
        }

        private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => Waits.DelayAsync(_time, delay, cancellationToken);

        private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    }
}
