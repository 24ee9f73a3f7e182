// The facts about every error answer the gateway path can give, in one table for the runtime (which classifies answers
// with it), the emulator (which answers with the same statuses, codes, messages and billing) and the README's error
// table (a test renders it from these rows). Sources:
// - Cloudflare AI Gateway docs: Errors, Guardrails (set-up-guardrail: 2016/2017 as 424, 2021 as 402, 7013 as 503),
//   DLP (set-up-dlp: 2029/2030, status not documented), Rate limiting ("429 Too Many Requests", not processed),
//   Policies (403), Spend limits (429); codes 2001/2003/2005/7003 from Cloudflare's own ai-gateway-provider package.
// - Ideogram API reference, Errors: 400/401/402/403/404 "the request doesn't run" and are not billed, 422 (safety) is
//   not billed; Rate limits: an inflight_limit 429 "doesn't run and isn't billed"; a 5xx may come after the work ran.
namespace IdeogramGen.ApiDescription
{
    /// <summary>Who answered with an error.</summary>
    internal enum ErrorSource
    {
        /// <summary>Cloudflare AI Gateway itself (the AiGatewayError envelope or a policy error body).</summary>
        Gateway,

        /// <summary>Ideogram, passed through unchanged by the gateway.</summary>
        Ideogram,
    }

    /// <summary>One row: an error answer and what it means for billing and retrying.</summary>
    internal sealed class ErrorFact
    {
        public ErrorFact(ErrorSource source, string kind, int? code, int? status, string? rejectReason, bool retrySafe, bool transient, bool billed,
            string wireMessage, string text, string reference)
        {
            Source = source;
            Kind = kind;
            Code = code;
            Status = status;
            RejectReason = rejectReason;
            RetrySafe = retrySafe;
            Transient = transient;
            Billed = billed;
            WireMessage = wireMessage;
            Text = text;
            Reference = reference;
        }

        public ErrorSource Source { get; }

        /// <summary>The member name of <c>GatewayErrorKind</c> or <c>IdeogramErrorKind</c>.</summary>
        public string Kind { get; }

        /// <summary>The gateway's numeric code, when it has one.</summary>
        public int? Code { get; }

        /// <summary>The HTTP status; null where the docs do not give one.</summary>
        public int? Status { get; }

        /// <summary>Ideogram's <c>reject_reason</c> that selects this row, when one does.</summary>
        public string? RejectReason { get; }

        /// <summary>The request provably did not run: sending it again cannot bill twice.</summary>
        public bool RetrySafe { get; }

        /// <summary>The same request may succeed later.</summary>
        public bool Transient { get; }

        /// <summary>Ideogram may have run (and billed) the request.</summary>
        public bool Billed { get; }

        /// <summary>The message the server puts in its body (the emulator sends it).</summary>
        public string WireMessage { get; }

        /// <summary>What the client's exception message says about it.</summary>
        public string Text { get; }

        /// <summary>The doc the row comes from.</summary>
        public string Reference { get; }
    }

    internal static class ErrorFacts
    {
        private const string CfErrors = "Cloudflare AI Gateway docs, Errors";
        private const string CfGuardrails = "Cloudflare AI Gateway docs, Guardrails";
        private const string CfDlp = "Cloudflare AI Gateway docs, Data Loss Prevention";
        private const string IdeogramErrors = "Ideogram API reference, Errors";

        /// <summary>Every row, gateway rows first.</summary>
        public static readonly ErrorFact[] All =
        {
            new ErrorFact(ErrorSource.Gateway, "GatewayNotFound", 2001, 400, null, true, false, false, "Gateway not found",
                "the gateway does not exist; check the account id and gateway id. Not sent to Ideogram.", CfErrors),
            new ErrorFact(ErrorSource.Gateway, "RateLimited", 2003, 429, null, true, true, false, "Rate limited",
                "the gateway's rate limit was hit; the request was not processed and can be retried later.", "Cloudflare AI Gateway docs, Rate limiting"),
            new ErrorFact(ErrorSource.Gateway, "ProviderUnreachable", 2005, 400, null, false, true, true, "Failed to get response from provider",
                "the gateway got no response from Ideogram; Ideogram may have run (and billed) the request, so it is not retried automatically.", CfErrors),
            new ErrorFact(ErrorSource.Gateway, "Unauthorized", 2009, 401, null, true, false, false, "Unauthorized",
                "the gateway is authenticated and the gateway token (cf-aig-authorization) is missing or invalid. Not sent to Ideogram.", "Cloudflare AI Gateway docs, Authenticated gateway"),
            new ErrorFact(ErrorSource.Gateway, "PromptBlocked", 2016, 424, null, true, false, false, "Prompt blocked due to security configurations",
                "a gateway guardrail blocked the prompt. Not sent to Ideogram.", CfGuardrails),
            new ErrorFact(ErrorSource.Gateway, "ResponseBlocked", 2017, 424, null, false, false, true, "Response blocked due to security configurations",
                "a gateway guardrail blocked Ideogram's response; the request ran and may have been billed.", CfGuardrails),
            new ErrorFact(ErrorSource.Gateway, "InsufficientCredits", 2021, 402, null, true, false, false, "Insufficient credits",
                "the gateway's guardrails scanner needs credits, or this route needs your own provider key.", CfGuardrails),
            new ErrorFact(ErrorSource.Gateway, "RequestDlpBlocked", 2029, null, null, true, false, false, "Request content blocked due to DLP policy violations",
                "a gateway DLP policy blocked the request. Not sent to Ideogram.", CfDlp),
            new ErrorFact(ErrorSource.Gateway, "ResponseDlpBlocked", 2030, null, null, false, false, true, "Response content blocked due to DLP policy violations",
                "a gateway DLP policy blocked Ideogram's response; the request ran and may have been billed.", CfDlp),
            new ErrorFact(ErrorSource.Gateway, "ModelNotFound", 7003, 404, null, true, false, false, "Model not found",
                "the model was not found.", CfErrors),
            new ErrorFact(ErrorSource.Gateway, "GuardrailsUnavailable", 7013, 503, null, true, true, false, "Guardrails scanner unavailable",
                "the gateway's guardrails scanner is unavailable; retry later.", CfGuardrails),
            new ErrorFact(ErrorSource.Gateway, "PolicyDenied", null, 403, null, true, false, false, "Access denied by policy",
                "a gateway policy denied the request. Not sent to Ideogram.", "Cloudflare AI Gateway docs, Policies"),
            new ErrorFact(ErrorSource.Gateway, "SpendLimitExceeded", null, 429, null, true, false, false, "Spending limit exceeded",
                "a gateway spending limit was reached. Not sent to Ideogram.", "Cloudflare AI Gateway docs, Spend limits"),

            new ErrorFact(ErrorSource.Ideogram, "InvalidRequest", null, 400, null, true, false, false, "Invalid request",
                "The request did not run.", IdeogramErrors),
            new ErrorFact(ErrorSource.Ideogram, "Unauthorized", null, 401, null, true, false, false, "Invalid API key",
                "The Ideogram API key (Api-Key) is missing or invalid; the request did not run.", IdeogramErrors),
            new ErrorFact(ErrorSource.Ideogram, "InsufficientCredits", null, 402, "insufficient_funds", true, false, false, "Insufficient credits",
                "Out of credits or over a daily limit; top up the balance. Retrying won't help.", IdeogramErrors),
            new ErrorFact(ErrorSource.Ideogram, "Forbidden", null, 403, null, true, false, false, "Forbidden",
                "The Ideogram API key is not authorized for this endpoint; the request did not run.", IdeogramErrors),
            new ErrorFact(ErrorSource.Ideogram, "NotFound", null, 404, null, true, false, false, "Not Found",
                "No such endpoint at this address (check GatewayOptions.GatewayRoot and the Ideogram path); the request did not run.", IdeogramErrors),
            new ErrorFact(ErrorSource.Ideogram, "PayloadTooLarge", null, 413, null, true, false, false, "Payload too large",
                "An uploaded file is too large; the request did not run.", IdeogramErrors),
            new ErrorFact(ErrorSource.Ideogram, "SafetyRejected", null, 422, null, true, false, false, "Prompt provided failed safety check due to the inclusion of prohibited content.",
                "The prompt or an input image failed Ideogram's safety check; not billed.", IdeogramErrors),
            new ErrorFact(ErrorSource.Ideogram, "InflightLimit", null, 429, "inflight_limit", true, true, false, "Too many images in progress",
                "Too many images in progress for the organization (10 by default); not run, not billed, safe to retry later.", "Ideogram API reference, Rate limits"),
            new ErrorFact(ErrorSource.Ideogram, "RateLimited", null, 429, null, true, true, false, "Too many requests",
                "Rate limited; safe to retry later.", "Ideogram API reference, Rate limits"),
            new ErrorFact(ErrorSource.Ideogram, "ServerError", null, 500, null, false, true, true, "Internal server error",
                "Ideogram failed; it may have run (and billed) the request, so it is not retried automatically.", IdeogramErrors),
        };

        /// <summary>The gateway row of a code, or null.</summary>
        public static ErrorFact? GatewayCode(int code)
        {
            foreach (var f in All)
                if (f.Source == ErrorSource.Gateway && f.Code == code) return f;
            return null;
        }

        /// <summary>The row of a kind name of one source.</summary>
        public static ErrorFact Kind(ErrorSource source, string kind)
        {
            foreach (var f in All)
                if (f.Source == source && f.Kind == kind) return f;
            throw new System.ArgumentException("No error fact for " + source + "." + kind, nameof(kind));
        }

        /// <summary>
        /// Ideogram's row for a status and <c>reject_reason</c>: the exact status (any 5xx is <c>ServerError</c>), the
        /// reject reason preferred where it selects a row; null for statuses the reference does not describe.
        /// </summary>
        public static ErrorFact? IdeogramStatus(int status, string? rejectReason)
        {
            if (status >= 500 && status <= 599) status = 500;
            ErrorFact? any = null;
            foreach (var f in All)
            {
                if (f.Source != ErrorSource.Ideogram || f.Status != status) continue;
                if (f.RejectReason != null && f.RejectReason == rejectReason && status == 429) return f;
                if (f.RejectReason == null || status != 429) any ??= f;
            }
            return any;
        }
    }
}
