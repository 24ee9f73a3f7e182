using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IdeogramGen
{
    /// <summary>
    /// Turns an error answer into the right exception: the gateway's envelopes (Cloudflare AI Gateway docs; gateway
    /// errors keep the singular <c>error</c> field, the v4 REST API uses <c>errors</c>) or Ideogram's own body.
    /// </summary>
    internal sealed class ErrorClassifier
    {
        private const int ExcerptLength = 200;
        private readonly SecretScrubber _scrub;

        public ErrorClassifier(SecretScrubber scrub) => _scrub = scrub;

        public IdeogramGenException FromResponse(int status, byte[] body, string? contentType, GatewayMetadata gateway, string path, TimeSpan? retryAfter)
        {
            IdeogramGenException ex = TryJson(body, out var root) ? FromJson(status, root) : NotJson(status, body, contentType);
            ex.StatusCode = status;
            ex.Gateway = gateway;
            ex.RequestPath = path;
            ex.RetryAfter = retryAfter;
            return ex;
        }

        private static bool TryJson(byte[] body, out JsonElement root)
        {
            root = default;
            if (body.Length == 0) return false;
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) return false;
                root = doc.RootElement.Clone();
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private IdeogramGenException FromJson(int status, JsonElement root)
        {
            bool gatewayName = root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == "AiGatewayError";
            root.TryGetProperty("error", out var error);
            bool errorArray = error.ValueKind == JsonValueKind.Array;
            bool errorsArray = root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array;
            bool successFalse = root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False;

            if (gatewayName || errorArray || errorsArray || (successFalse && error.ValueKind == JsonValueKind.Object))
                return Gateway(status, root, errorsArray && !errorArray ? errors : error, errorsArray && !errorArray);

            return Ideogram(status, root, error);
        }

        private GatewayException Gateway(int status, JsonElement root, JsonElement error, bool restEnvelope)
        {
            var entries = new List<GatewayErrorEntry>();
            string? policyMessage = null;
            if (error.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in error.EnumerateArray())
                {
                    if (e.ValueKind != JsonValueKind.Object) continue;
                    int? code = e.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var ci) ? ci : (int?)null;
                    var entryMessage = Str(e, "message");
                    entries.Add(new GatewayErrorEntry(code, entryMessage == null ? null : _scrub.Scrub(entryMessage)));
                }
            }
            else if (error.ValueKind == JsonValueKind.Object)
            {
                policyMessage = Str(error, "message");
                if (policyMessage != null) policyMessage = _scrub.Scrub(policyMessage);
                entries.Add(new GatewayErrorEntry(null, policyMessage));
            }

            int? internalCode = root.TryGetProperty("internalCode", out var ic) && ic.ValueKind == JsonValueKind.Number && ic.TryGetInt32(out var icv) ? icv : (int?)null;
            int? codeValue = internalCode ?? (entries.Count > 0 ? entries[0].Code : null);
            var kind = restEnvelope ? GatewayErrorKind.RestApi : Kind(status, codeValue, error);

            var text = new StringBuilder("Cloudflare AI Gateway answered ").Append(status);
            if (codeValue != null) text.Append(" with code ").Append(codeValue.Value.ToString(CultureInfo.InvariantCulture));
            var firstMessage = entries.Count > 0 ? entries[0].Message : null;
            if (!string.IsNullOrEmpty(firstMessage)) text.Append(" (\"").Append(firstMessage).Append("\")");
            text.Append(": ").Append(Explain(kind));

            var ex = new GatewayException(text.ToString(), kind, codeValue, entries);
            if (kind == GatewayErrorKind.SpendLimitExceeded && error.ValueKind == JsonValueKind.Object)
            {
                ex.SpendLimitBucket = Str(error, "bucket");
                ex.SpendLimitSpent = Num(error, "spent");
                ex.SpendLimit = Num(error, "limit");
            }
            // Which gateway errors happen before Ideogram is called (so a retry cannot bill twice), per the code table.
            switch (kind)
            {
                case GatewayErrorKind.RateLimited:
                case GatewayErrorKind.GuardrailsUnavailable:
                    ex.IsRetrySafe = true;
                    ex.IsTransient = true;
                    break;
                case GatewayErrorKind.ProviderUnreachable:
                    ex.IsTransient = true;
                    ex.MayHaveBeenBilled = true;
                    break;
                case GatewayErrorKind.ResponseBlocked:
                case GatewayErrorKind.ResponseDlpBlocked:
                    ex.MayHaveBeenBilled = true;
                    break;
                case GatewayErrorKind.Unknown:
                    ex.MayHaveBeenBilled = status >= 500;
                    ex.IsTransient = status >= 500;
                    break;
                default:
                    ex.IsRetrySafe = true;
                    break;
            }
            return ex;
        }

        private static GatewayErrorKind Kind(int status, int? code, JsonElement error)
        {
            switch (code)
            {
                case 2001: return GatewayErrorKind.GatewayNotFound;
                case 2003: return GatewayErrorKind.RateLimited;
                case 2005: return GatewayErrorKind.ProviderUnreachable;
                case 2009: return GatewayErrorKind.Unauthorized;
                case 2016: return GatewayErrorKind.PromptBlocked;
                case 2017: return GatewayErrorKind.ResponseBlocked;
                case 2021: return GatewayErrorKind.InsufficientCredits;
                case 2029: return GatewayErrorKind.RequestDlpBlocked;
                case 2030: return GatewayErrorKind.ResponseDlpBlocked;
                case 7003: return GatewayErrorKind.ModelNotFound;
                case 7013: return GatewayErrorKind.GuardrailsUnavailable;
            }
            if (error.ValueKind == JsonValueKind.Object)
            {
                if (status == 429 || error.TryGetProperty("bucket", out _)) return GatewayErrorKind.SpendLimitExceeded;
                if (status == 403) return GatewayErrorKind.PolicyDenied;
            }
            if (status == 429) return GatewayErrorKind.RateLimited;
            if (status == 401) return GatewayErrorKind.Unauthorized;
            return GatewayErrorKind.Unknown;
        }

        private static string Explain(GatewayErrorKind kind)
        {
            switch (kind)
            {
                case GatewayErrorKind.GatewayNotFound: return "the gateway does not exist; check the account id and gateway id. Not sent to Ideogram.";
                case GatewayErrorKind.RateLimited: return "the gateway's rate limit was hit; the request was not processed and can be retried later.";
                case GatewayErrorKind.ProviderUnreachable: return "the gateway got no response from Ideogram; Ideogram may have run (and billed) the request, so it is not retried automatically.";
                case GatewayErrorKind.Unauthorized: return "the gateway is authenticated and the gateway token (cf-aig-authorization) is missing or invalid. Not sent to Ideogram.";
                case GatewayErrorKind.PromptBlocked: return "a gateway guardrail blocked the prompt. Not sent to Ideogram.";
                case GatewayErrorKind.ResponseBlocked: return "a gateway guardrail blocked Ideogram's response; the request ran and may have been billed.";
                case GatewayErrorKind.InsufficientCredits: return "the gateway's guardrails scanner needs credits, or this route needs your own provider key.";
                case GatewayErrorKind.RequestDlpBlocked: return "a gateway DLP policy blocked the request. Not sent to Ideogram.";
                case GatewayErrorKind.ResponseDlpBlocked: return "a gateway DLP policy blocked Ideogram's response; the request ran and may have been billed.";
                case GatewayErrorKind.ModelNotFound: return "the model was not found.";
                case GatewayErrorKind.GuardrailsUnavailable: return "the gateway's guardrails scanner is unavailable; retry later.";
                case GatewayErrorKind.PolicyDenied: return "a gateway policy denied the request. Not sent to Ideogram.";
                case GatewayErrorKind.SpendLimitExceeded: return "a gateway spending limit was reached. Not sent to Ideogram.";
                case GatewayErrorKind.RestApi: return "the Cloudflare API rejected the call.";
                default: return "an error this library does not know.";
            }
        }

        private IdeogramApiException Ideogram(int status, JsonElement root, JsonElement error)
        {
            string? message = error.ValueKind == JsonValueKind.String ? error.GetString() : null;
            if (message == null && root.TryGetProperty("detail", out var detail))
                message = detail.ValueKind == JsonValueKind.String ? detail.GetString() : _scrub.ScrubAndCut(detail.GetRawText(), 400);
            if (message == null && root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString();
            if (message != null) message = _scrub.Scrub(message);
            var reject = Str(root, "reject_reason");

            IdeogramErrorKind kind;
            switch (status)
            {
                case 400: kind = IdeogramErrorKind.InvalidRequest; break;
                case 401: kind = IdeogramErrorKind.Unauthorized; break;
                case 402: kind = IdeogramErrorKind.InsufficientCredits; break;
                case 403: kind = IdeogramErrorKind.Forbidden; break;
                case 413: kind = IdeogramErrorKind.PayloadTooLarge; break;
                case 422: kind = IdeogramErrorKind.SafetyRejected; break;
                case 429: kind = reject == "inflight_limit" ? IdeogramErrorKind.InflightLimit : IdeogramErrorKind.RateLimited; break;
                default: kind = status >= 500 ? IdeogramErrorKind.ServerError : IdeogramErrorKind.Unknown; break;
            }

            var text = new StringBuilder("Ideogram answered ").Append(status);
            if (!string.IsNullOrEmpty(message)) text.Append(": ").Append(_scrub.Scrub(message!));
            if (reject != null) text.Append(" (reject_reason: ").Append(reject).Append(')');
            text.Append(text[text.Length - 1] == '.' ? " " : ". ").Append(Explain(kind));

            var ex = new IdeogramApiException(text.ToString(), kind, message, reject);
            if (root.TryGetProperty("max_inflight_requests", out var mir) && mir.ValueKind == JsonValueKind.Number && mir.TryGetInt32(out var mirv))
                ex.MaxInflightRequests = mirv;
            // Ideogram's errors page: 400/401/402/403/404 and 422 don't run and aren't billed; an inflight_limit 429
            // "doesn't run and isn't billed". A 5xx may come after the work ran.
            switch (kind)
            {
                case IdeogramErrorKind.InflightLimit:
                case IdeogramErrorKind.RateLimited:
                    ex.IsRetrySafe = true;
                    ex.IsTransient = true;
                    break;
                case IdeogramErrorKind.ServerError:
                case IdeogramErrorKind.Unknown:
                    ex.MayHaveBeenBilled = true;
                    ex.IsTransient = status >= 500;
                    break;
                default:
                    ex.IsRetrySafe = true;
                    break;
            }
            return ex;
        }

        private static string Explain(IdeogramErrorKind kind)
        {
            switch (kind)
            {
                case IdeogramErrorKind.InvalidRequest: return "The request did not run.";
                case IdeogramErrorKind.Unauthorized: return "The Ideogram API key (Api-Key) is missing or invalid; the request did not run.";
                case IdeogramErrorKind.Forbidden: return "The Ideogram API key is not authorized for this endpoint; the request did not run.";
                case IdeogramErrorKind.InsufficientCredits: return "Out of credits or over a daily limit; top up the balance. Retrying won't help.";
                case IdeogramErrorKind.SafetyRejected: return "The prompt or an input image failed Ideogram's safety check; not billed.";
                case IdeogramErrorKind.InflightLimit: return "Too many images in progress for the organization (10 by default); not run, not billed, safe to retry later.";
                case IdeogramErrorKind.RateLimited: return "Rate limited; safe to retry later.";
                case IdeogramErrorKind.PayloadTooLarge: return "An uploaded file is too large.";
                case IdeogramErrorKind.ServerError: return "Ideogram failed; it may have run (and billed) the request, so it is not retried automatically.";
                default: return "Unexpected answer; the request may have run.";
            }
        }

        private IdeogramResponseException NotJson(int status, byte[] body, string? contentType)
        {
            var excerpt = Excerpt(body);
            var text = new StringBuilder("The gateway answered ").Append(status).Append(" with ");
            text.Append(body.Length == 0 ? "an empty body" : $"a {contentType ?? "body"} that is not a JSON error ({body.Length} bytes)");
            if (excerpt.Length > 0) text.Append(": \"").Append(excerpt).Append('"');
            text.Append(status >= 500 ? ". The request may have run (and been billed); it is not retried automatically." : ".");
            return new IdeogramResponseException(text.ToString())
            {
                ContentType = contentType,
                BodyExcerpt = excerpt.Length > 0 ? excerpt : null,
                MayHaveBeenBilled = status >= 500,
                IsTransient = status >= 500 || status == 429,
                IsRetrySafe = status < 500 && status != 408,
            };
        }

        private static readonly Regex Tags = new Regex("<[^>]*>", RegexOptions.CultureInvariant);
        private static readonly Regex Space = new Regex(@"\s+", RegexOptions.CultureInvariant);

        /// <summary>The readable start of a body: markup removed, white space folded, secrets scrubbed, at most 200 characters.</summary>
        internal string Excerpt(byte[] body)
        {
            if (body.Length == 0) return "";
            var window = Math.Min(body.Length, 4096);
            var text = _scrub.DropSecretPrefixAtEnd(_scrub.Scrub(Encoding.UTF8.GetString(body, 0, window)));
            text = Space.Replace(Tags.Replace(text, " "), " ").Trim();
            return _scrub.ScrubAndCut(text, ExcerptLength);
        }


        private static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static double? Num(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : (double?)null;
    }
}
