using System;
using System.Collections.Generic;

namespace IdeogramGen
{
    /// <summary>
    /// The base of every error IdeogramGen raises after a request was attempted. Each says whether retrying can bill
    /// twice (<see cref="IsRetrySafe"/>), whether a retry may succeed (<see cref="IsTransient"/>) and whether Ideogram
    /// may already have run and billed the request (<see cref="MayHaveBeenBilled"/>). Messages never contain the API key
    /// or the gateway token.
    /// </summary>
    public abstract class IdeogramGenException : Exception
    {
        /// <summary>Creates the exception.</summary>
        protected IdeogramGenException(string message, Exception? innerException = null)
            : base(message, innerException)
        {
        }

        /// <summary>The HTTP status of the answer, or null when none arrived.</summary>
        public int? StatusCode { get; internal set; }

        /// <summary>The gateway's <c>cf-aig-*</c> headers of the answer (empty when none arrived).</summary>
        public GatewayMetadata Gateway { get; internal set; } = GatewayMetadata.Empty;

        /// <summary>The Ideogram path that was called (<c>v1/ideogram-v3/generate</c>), or for <see cref="GatewayLogsClient"/> the REST API path (<c>client/v4/accounts/…/logs/{id}</c>).</summary>
        public string? RequestPath { get; internal set; }

        /// <summary>True when sending the same request again cannot run it twice: the first attempt provably did not run.</summary>
        public bool IsRetrySafe { get; internal set; }

        /// <summary>True when the same request may succeed later (rate limits, unavailable services, network faults).</summary>
        public bool IsTransient { get; internal set; }

        /// <summary>True when Ideogram may have run the request (and billed it): a retry could pay twice.</summary>
        public bool MayHaveBeenBilled { get; internal set; }

        /// <summary>How long the server asked to wait before retrying (<c>Retry-After</c>), when it said.</summary>
        public TimeSpan? RetryAfter { get; internal set; }

        /// <summary>How many attempts were made, this one included.</summary>
        public int Attempts { get; internal set; } = 1;
    }

    /// <summary>The kinds of error Cloudflare AI Gateway itself answers with (Cloudflare AI Gateway docs, errors and guardrails pages).</summary>
    public enum GatewayErrorKind
    {
        /// <summary>A gateway error this library does not know.</summary>
        Unknown = 0,
        /// <summary>2001: the gateway does not exist (check account id and gateway id).</summary>
        GatewayNotFound,
        /// <summary>2003 or a gateway 429: the gateway's rate limit; the request was not processed.</summary>
        RateLimited,
        /// <summary>2005: the gateway got no response from Ideogram (HTTP 400); Ideogram may have run the request.</summary>
        ProviderUnreachable,
        /// <summary>2009: missing or invalid <c>cf-aig-authorization</c> on an authenticated gateway.</summary>
        Unauthorized,
        /// <summary>2016: a guardrail blocked the prompt.</summary>
        PromptBlocked,
        /// <summary>2017: a guardrail blocked the response (Ideogram ran the request).</summary>
        ResponseBlocked,
        /// <summary>2021: the guardrails scanner needs credits, or the route needs your own provider key.</summary>
        InsufficientCredits,
        /// <summary>2029: a DLP policy blocked the request.</summary>
        RequestDlpBlocked,
        /// <summary>2030: a DLP policy blocked the response (Ideogram ran the request).</summary>
        ResponseDlpBlocked,
        /// <summary>7003: model not found.</summary>
        ModelNotFound,
        /// <summary>7013: the guardrails scanner is unavailable.</summary>
        GuardrailsUnavailable,
        /// <summary>403 policy error: denied by a gateway policy.</summary>
        PolicyDenied,
        /// <summary>429 policy error: a spending limit was reached.</summary>
        SpendLimitExceeded,
        /// <summary>An error of the Cloudflare v4 REST API (<c>errors</c> array envelope), e.g. every error answer of <see cref="GatewayLogsClient"/>.</summary>
        RestApi,
    }

    /// <summary>One entry of a gateway error body.</summary>
    public sealed class GatewayErrorEntry
    {
        /// <summary>Creates an entry.</summary>
        public GatewayErrorEntry(int? code, string? message)
        {
            Code = code;
            Message = message;
        }

        /// <summary>The numeric code (2009, ...).</summary>
        public int? Code { get; }

        /// <summary>The gateway's message.</summary>
        public string? Message { get; }

        /// <inheritdoc/>
        public override string ToString() => $"{Code}: {Message}";
    }

    /// <summary>
    /// An error answered by Cloudflare AI Gateway itself (not by Ideogram): the <c>AiGatewayError</c> envelope
    /// <c>{"success":false,"error":[{"code":2009,"message":"Unauthorized"}],"name":"AiGatewayError","httpCode":401,"internalCode":2009}</c>,
    /// a policy error <c>{"success":false,"error":{"message":…}}</c>, or the v4 REST envelope <c>{"errors":[…]}</c>.
    /// </summary>
    public sealed class GatewayException : IdeogramGenException
    {
        internal GatewayException(string message, GatewayErrorKind kind, int? code, IReadOnlyList<GatewayErrorEntry> errors)
            : base(message)
        {
            Kind = kind;
            Code = code;
            Errors = errors;
        }

        /// <summary>What went wrong, from the code.</summary>
        public GatewayErrorKind Kind { get; }

        /// <summary>The gateway's internal code (<c>internalCode</c> or the first <c>error[].code</c>).</summary>
        public int? Code { get; }

        /// <summary>Every entry of the body's <c>error</c> / <c>errors</c> array.</summary>
        public IReadOnlyList<GatewayErrorEntry> Errors { get; }

        /// <summary>For <see cref="GatewayErrorKind.SpendLimitExceeded"/>: the spend-limit bucket id.</summary>
        public string? SpendLimitBucket { get; internal set; }

        /// <summary>For <see cref="GatewayErrorKind.SpendLimitExceeded"/>: the amount spent in the window (USD).</summary>
        public double? SpendLimitSpent { get; internal set; }

        /// <summary>For <see cref="GatewayErrorKind.SpendLimitExceeded"/>: the limit (USD).</summary>
        public double? SpendLimit { get; internal set; }
    }

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
        /// <summary>402: insufficient credits or a daily limit (<c>insufficient_funds</c>, <c>daily_limit</c>); retrying won't help.</summary>
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

    /// <summary>
    /// An error answered by Ideogram and passed through by the gateway: <c>{"error": "...", "reject_reason": "..."}</c>
    /// or a validation body. The message carries Ideogram's own words.
    /// </summary>
    public sealed class IdeogramApiException : IdeogramGenException
    {
        internal IdeogramApiException(string message, IdeogramErrorKind kind, string? errorMessage, string? rejectReason)
            : base(message)
        {
            Kind = kind;
            ErrorMessage = errorMessage;
            RejectReason = rejectReason;
        }

        /// <summary>What went wrong, from the status and <c>reject_reason</c>.</summary>
        public IdeogramErrorKind Kind { get; }

        /// <summary>Ideogram's <c>error</c> text.</summary>
        public string? ErrorMessage { get; }

        /// <summary>Ideogram's <c>reject_reason</c> (<c>inflight_limit</c>, <c>insufficient_funds</c>, <c>daily_limit</c>, ...).</summary>
        public string? RejectReason { get; }

        /// <summary>For <see cref="IdeogramErrorKind.InflightLimit"/>: <c>max_inflight_requests</c> (counts images), when given.</summary>
        public int? MaxInflightRequests { get; internal set; }
    }

    /// <summary>The call did not get a complete answer within its timeout. Ideogram may still have run it.</summary>
    public sealed class IdeogramTimeoutException : IdeogramGenException
    {
        internal IdeogramTimeoutException(string message, TimeSpan timeout, Exception? inner)
            : base(message, inner)
        {
            Timeout = timeout;
        }

        /// <summary>The timeout that expired.</summary>
        public TimeSpan Timeout { get; }
    }

    /// <summary>The network failed: the connection could not be made, or broke while sending or receiving.</summary>
    public sealed class IdeogramTransportException : IdeogramGenException
    {
        internal IdeogramTransportException(string message, Exception? inner)
            : base(message, inner)
        {
        }

        /// <summary>True when the failure happened before the request could reach the gateway (connection refused, DNS).</summary>
        public bool FailedBeforeSending { get; internal set; }
    }

    /// <summary>
    /// An answer arrived but could not be understood: truncated or malformed JSON, an empty or oversized body, or an
    /// error page that is not JSON (an HTML 502, say). On a 2xx answer the generation ran and was billed: the gateway
    /// log (<see cref="IdeogramGenException.Gateway"/>.LogId) keeps the response payload unless logging is off.
    /// </summary>
    public sealed class IdeogramResponseException : IdeogramGenException
    {
        internal IdeogramResponseException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }

        /// <summary>The media type of the body, when given.</summary>
        public string? ContentType { get; internal set; }

        /// <summary>The first characters of a non-JSON body (markup removed), for diagnosis.</summary>
        public string? BodyExcerpt { get; internal set; }
    }

    /// <summary>A download of a generated image failed (expired link, image host error, size limit).</summary>
    public sealed class ImageDownloadException : IdeogramGenException
    {
        internal ImageDownloadException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }

        /// <summary>When the image link expires (its <c>exp</c> query parameter), when known.</summary>
        public DateTimeOffset? ExpiresAt { get; internal set; }

        /// <summary>True when the link had expired before the download started.</summary>
        public bool Expired { get; internal set; }
    }

    /// <summary>
    /// A request was rejected before anything was sent: a value Ideogram would reject. Says which field, what was wrong,
    /// and what is allowed (Ideogram OpenAPI document, 2026-04-27).
    /// </summary>
    public sealed class IdeogramValidationException : ArgumentException
    {
        /// <summary>Creates the exception.</summary>
        public IdeogramValidationException(string field, string problem, string allowed)
            : base($"{field}: {problem}. Allowed: {allowed}.", field)
        {
            Field = field;
            Problem = problem;
            Allowed = allowed;
        }

        /// <summary>The wire name of the field (<c>num_images</c>), or several joined by <c>+</c>.</summary>
        public string Field { get; }

        /// <summary>What was wrong with the value.</summary>
        public string Problem { get; }

        /// <summary>What Ideogram accepts.</summary>
        public string Allowed { get; }
    }
}
