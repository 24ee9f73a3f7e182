namespace IdeogramGen
{
    /// <summary>The kinds of error Ideogram answers with (Ideogram API reference, errors and rate limits pages).</summary>
    public enum IdeogramErrorKind
    {
        /// <summary>An answer this library does not classify.</summary>
        Unknown = 0,
        /// <summary>400: invalid input; the request did not run.</summary>
        InvalidRequest,
        /// <summary>401: the API key is missing or invalid; the request did not run.</summary>
        Unauthorized,
        /// <summary>403: not authorized (declared instead of 401 on remix and upscale); the request did not run.</summary>
        Forbidden,
        /// <summary>
        /// 402: the balance or plan does not allow the request; <see cref="IdeogramApiException.RejectReason"/> says which
        /// (<c>insufficient_funds</c>, <c>daily_limit</c>, <c>subscription_required</c>, <c>priority_credit_required</c>,
        /// <c>feature_limit</c>). Not run, not billed; retrying won't help until the balance or limit changes.
        /// </summary>
        InsufficientCredits,
        /// <summary>422: the prompt or an input image failed the safety check; not billed.</summary>
        SafetyRejected,
        /// <summary>429 <c>inflight_limit</c>: too many images in progress for the organization; not run, not billed.</summary>
        InflightLimit,
        /// <summary>429 of another kind.</summary>
        RateLimited,
        /// <summary>413: an upload is too large.</summary>
        PayloadTooLarge,
        /// <summary>5xx: Ideogram failed; it may have run the request.</summary>
        ServerError,
        /// <summary>404: no such endpoint at that address (a wrong gateway root or path); the request did not run.</summary>
        NotFound,
    }
}
