namespace IdeogramGen
{
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
}
