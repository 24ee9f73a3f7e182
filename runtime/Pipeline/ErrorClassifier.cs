using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdeogramGen.ApiDescription;

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

        public IdeogramGenException FromResponse(int status, ReadOnlyMemory<byte> body, string? contentType, GatewayMetadata gateway, string path, TimeSpan? retryAfter)
        {
            IdeogramGenException ex = TryJson(body, out var root) ? FromJson(status, root) : NotJson(status, body, contentType);
            ex.StatusCode = status;
            ex.Gateway = gateway;
            ex.RequestPath = path;
            ex.RetryAfter = retryAfter;
            return ex;
        }

        private static bool TryJson(ReadOnlyMemory<byte> body, out JsonElement root)
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
            var fact = kind == GatewayErrorKind.Unknown || kind == GatewayErrorKind.RestApi ? null : ErrorFacts.Kind(ErrorSource.Gateway, kind.ToString());
            text.Append(": ").Append(fact?.Text ?? (kind == GatewayErrorKind.RestApi ? "the Cloudflare API rejected the call." : "an error this library does not know."));

            var ex = new GatewayException(text.ToString(), kind, codeValue, entries);
            if (kind == GatewayErrorKind.SpendLimitExceeded && error.ValueKind == JsonValueKind.Object)
            {
                ex.SpendLimitBucket = Str(error, "bucket");
                ex.SpendLimitSpent = Num(error, "spent");
                ex.SpendLimit = Num(error, "limit");
            }
            // Which gateway errors happen before Ideogram is called (so a retry cannot bill twice): the facts table.
            if (fact != null)
            {
                ex.IsRetrySafe = fact.RetrySafe;
                ex.IsTransient = fact.Transient;
                ex.MayHaveBeenBilled = fact.Billed;
            }
            else if (kind == GatewayErrorKind.Unknown)
            {
                ex.MayHaveBeenBilled = status >= 500;
                ex.IsTransient = status >= 500;
            }
            else
            {
                ex.IsRetrySafe = true;
            }
            return ex;
        }

        private static GatewayErrorKind Kind(int status, int? code, JsonElement error)
        {
            if (code is int c && ErrorFacts.GatewayCode(c) is ErrorFact known && Enum.TryParse(known.Kind, out GatewayErrorKind byCode))
                return byCode;
            if (error.ValueKind == JsonValueKind.Object)
            {
                if (status == 429 || error.TryGetProperty("bucket", out _)) return GatewayErrorKind.SpendLimitExceeded;
                if (status == 403) return GatewayErrorKind.PolicyDenied;
            }
            if (status == 429) return GatewayErrorKind.RateLimited;
            if (status == 401) return GatewayErrorKind.Unauthorized;
            return GatewayErrorKind.Unknown;
        }

        private IdeogramApiException Ideogram(int status, JsonElement root, JsonElement error)
        {
            string? message = error.ValueKind == JsonValueKind.String ? error.GetString() : null;
            if (message == null && root.TryGetProperty("detail", out var detail))
                message = detail.ValueKind == JsonValueKind.String ? detail.GetString() : _scrub.ScrubAndCut(detail.GetRawText(), 400);
            if (message == null && root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString();
            if (message != null) message = _scrub.Scrub(message);
            var reject = Str(root, "reject_reason");

            var fact = ErrorFacts.IdeogramStatus(status, reject);
            var kind = fact != null && Enum.TryParse(fact.Kind, out IdeogramErrorKind known) ? known : IdeogramErrorKind.Unknown;

            var text = new StringBuilder("Ideogram answered ").Append(status);
            if (!string.IsNullOrEmpty(message)) text.Append(": ").Append(_scrub.Scrub(message!));
            if (reject != null) text.Append(" (reject_reason: ").Append(reject).Append(')');
            text.Append(text[text.Length - 1] == '.' ? " " : ". ").Append(RejectText(status, reject) ?? fact?.Text ?? "Unexpected answer; the request may have run.");

            var ex = new IdeogramApiException(text.ToString(), kind, message, string.IsNullOrWhiteSpace(reject) ? default(GenerationRejectReason) : new GenerationRejectReason(reject!));
            if (root.TryGetProperty("max_inflight_requests", out var mir) && mir.ValueKind == JsonValueKind.Number && mir.TryGetInt32(out var mirv) && mirv >= 1)
                ex.MaxInflightRequests = mirv;
            var speed = Str(root, "task_completion_speed");
            if (!string.IsNullOrWhiteSpace(speed)) ex.TaskCompletionSpeed = new TaskCompletionSpeed(speed!);
            // The facts table (Ideogram's errors and rate-limits pages); an undescribed status may have run.
            if (fact != null)
            {
                ex.IsRetrySafe = fact.RetrySafe;
                ex.IsTransient = fact.Transient;
                ex.MayHaveBeenBilled = fact.Billed;
            }
            else
            {
                ex.MayHaveBeenBilled = true;
                ex.IsTransient = status >= 500;
            }
            return ex;
        }

        /// <summary>
        /// What a 402's <c>reject_reason</c> means where the 402 row of the facts table (credits) does not say it (Ideogram
        /// API reference, Errors, "Outcomes and billing": rejected before running, not billed; 402 repeats until the
        /// balance or limit changes). Null for other statuses and reasons.
        /// </summary>
        private static string? RejectText(int status, string? reject)
        {
            if (status != 402) return null;
            switch (reject)
            {
                case "daily_limit": return "A daily usage limit is reached; not run, not billed. Retrying won't help until the limit resets.";
                case "subscription_required": return "The request needs a subscription the account does not have; not run, not billed.";
                case "priority_credit_required": return "The request needs priority credits the account does not have; not run, not billed.";
                case "feature_limit": return "The account's plan does not allow this feature or option; not run, not billed.";
                default: return null;
            }
        }

        private IdeogramResponseException NotJson(int status, ReadOnlyMemory<byte> body, string? contentType)
        {
            var excerpt = Excerpt(body.Span);
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
        internal string Excerpt(ReadOnlySpan<byte> body)
        {
            if (body.Length == 0) return "";
            var window = Math.Min(body.Length, 4096);
            var text = _scrub.DropSecretPrefixAtEnd(_scrub.Scrub(Utf8(body.Slice(0, window))));
            text = Space.Replace(Tags.Replace(text, " "), " ").Trim();
            return _scrub.ScrubAndCut(text, ExcerptLength);
        }


        private static string Utf8(ReadOnlySpan<byte> bytes)
        {
#if NETSTANDARD2_0
            return Encoding.UTF8.GetString(bytes.ToArray());
#else
            return Encoding.UTF8.GetString(bytes);
#endif
        }

        private static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static double? Num(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : (double?)null;
    }
}
