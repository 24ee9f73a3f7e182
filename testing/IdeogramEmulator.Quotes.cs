using System;
using System.Globalization;
using System.Threading.Tasks;
using IdeogramGen.ApiDescription;
using IdeogramGen.Testing.Internal;
using Microsoft.AspNetCore.Http;

namespace IdeogramGen.Testing
{
    /// <summary>
    /// Price quotes: a valid request with <c>?dry_run=true</c> to a route that takes <c>dry_run</c> (every v2 route but
    /// describe and the generation poll) is answered with a <c>PriceQuote</c> instead of running. As at Ideogram ("nothing
    /// is generated, stored, or billed, and no safety review is performed": OpenAPI document of 2026-10-07, parameter
    /// <c>DryRun</c>), the quote is never billed (<see cref="BilledRequestCount"/> and <see cref="BilledImageCount"/> stay
    /// as they are), stores no image, does not count in <see cref="ImagesInFlight"/> and skips the unsafe-prompt check;
    /// the request is still validated (an invalid one gets the same 400 as the generation would). The prices come from
    /// the emulator's price table (Ideogram's published prices where there are some, emulator values elsewhere; see
    /// <see cref="QuotedPriceOf"/>).
    /// </summary>
    public sealed partial class IdeogramEmulator
    {
        /// <summary>
        /// The number of price quotes answered (HTTP 200 to <c>?dry_run=true</c>); none of them is billed. See
        /// <see cref="RecordedRequest.IsDryRun"/> for each request.
        /// </summary>
        public int QuoteCount => System.Threading.Volatile.Read(ref _quotes);

        private int _quotes;

        /// <summary>
        /// What the emulator quotes for a request, as <c>usd_micros</c>: the price table behind its <c>?dry_run=true</c>
        /// answers, for tests that compare a quote with the table. Prices per image (or per call for remove-background,
        /// remove-object and upscale): from Ideogram's API pricing page (ideogram.ai/features/api-pricing) and pricing guide
        /// (ideogram.ai/blog/ideogram-api-pricing, catalog of 2026-11-16) for Ideogram 4.5 (low 0.03, medium 0.06, high
        /// 0.10 USD), precise edit (very low 0.008, low 0.03, medium 0.06, high 0.22), Ideogram 4.0 generate and remix
        /// (turbo 0.03, default 0.06, quality 0.10), replace background 3.0 (0.03 / 0.06 / 0.09), 3.0 transparent
        /// (0.04 / 0.07 / 0.10) and remove background (0.01); emulator values for the rest (4.0 transparent as 3.0
        /// transparent, 4.5 very_low 0.008, P-Image as an estimate, reframe 0.06, upscale 0.06 / 0.08 / 0.10, remove
        /// object 0.02) and for the credit rate (100 credits per US dollar).
        /// </summary>
        /// <param name="ideogramPath">A v2 route that takes <c>dry_run</c>, e.g. <c>v2/image/generate/ideogram-4-5</c>.</param>
        /// <param name="fields">The request's fields that set the price (<c>num_images</c>, <c>quality</c>, <c>rendering_speed</c>, <c>upscale_factor</c>) as their wire text.</param>
        /// <returns>The price in millionths of a US dollar.</returns>
        /// <exception cref="ArgumentException">The path is not a route that takes <c>dry_run</c>, or a field value has no price.</exception>
        public static long QuotedPriceOf(string ideogramPath, params (string Field, string Value)[] fields)
        {
            if (ideogramPath is null) throw new ArgumentNullException(nameof(ideogramPath));
            var endpoint = IdeogramApi.FindEndpoint("/" + ideogramPath.TrimStart('/'));
            if (endpoint is null || !endpoint.DryRun)
                throw new ArgumentException("'" + ideogramPath + "' is not a route that takes dry_run.", nameof(ideogramPath));
            var request = new ParsedRequest();
            foreach (var (field, value) in fields) request.Add(field, new FieldValue { Text = value });
            return (PriceTable.Quote(endpoint, request) ?? throw new ArgumentException("The price table has no price for these field values.", nameof(fields))).UsdMicros;
        }

        /// <summary>True when the request asks for a quote: <c>dry_run=true</c> (or <c>1</c>) in the query and a route that takes it.</summary>
        private static bool IsDryRun(HttpRequest request, ApiEndpoint endpoint)
        {
            if (!endpoint.DryRun) return false;
            string? value = request.Query["dry_run"];
            return string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";
        }

        /// <summary>
        /// Answers a validated dry-run request with its <c>PriceQuote</c>. A pending provider fault for the path applies
        /// (a 5xx, a 429, a reset: what a real quote can meet), never billed.
        /// </summary>
        private async Task AnswerQuoteAsync(GatewayCall call, ApiEndpoint endpoint)
        {
            call.DryRun = true;
            var price = PriceTable.Quote(endpoint, call.Parsed!)
                ?? new QuotedPrice(endpoint.Path.Substring(endpoint.Path.LastIndexOf('/') + 1), 1, 60000, 60000 / PriceTable.UsdMicrosPerCreditMilli, false, null);
            byte[] body = System.Text.Encoding.UTF8.GetBytes(PriceTable.Body(price));
            var fault = Faults.TakeProviderFault(call.IdeogramPath);
            if (fault is not null)
            {
                await AnswerProviderFaultAsync(call, fault, body, price.Quantity, dryRun: true).ConfigureAwait(false);
                return;
            }
            System.Threading.Interlocked.Increment(ref _quotes);
            call.Logged = new LoggedAnswer(200, body, WireBodies.Json);
            Finish(call, 200, 0);
            await WriteAsync(call.Context, 200, body, WireBodies.Json).ConfigureAwait(false);
        }

        /// <summary>The v2 body of a rejection by an account or usage limit (<c>GenerationErrorResponse</c>).</summary>
        private static string GenerationRejected(EmulatorFault fault)
        {
            string message = fault.RejectReason switch
            {
                "insufficient_funds" => "Insufficient credits",
                "inflight_limit" => "Too many requests in flight for this organization.",
                "daily_limit" => "Daily limit reached",
                "subscription_required" => "A subscription is required",
                "priority_credit_required" => "Priority credits are required",
                "feature_limit" => "This feature is not available on your plan",
                _ => "Rejected",
            };
            return "{\"error\":" + WireBodies.Quote(message) + ",\"reject_reason\":" + WireBodies.Quote(fault.RejectReason ?? "")
                + (fault.MaxInflightRequests is int max ? ",\"max_inflight_requests\":" + max.ToString(CultureInfo.InvariantCulture) : "")
                + (fault.TaskCompletionSpeed is { } speed ? ",\"task_completion_speed\":" + WireBodies.Quote(speed) : "")
                + "}";
        }
    }
}
