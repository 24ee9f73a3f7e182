using System.Collections.Generic;
using IdeogramGen.ApiDescription;
using static IdeogramGen.Generator.Emit.EmitContext;

namespace IdeogramGen.Generator.Emit
{
    /// <summary>
    /// Writes one <c>Quote{Stem}{Tag}Async(request, options, cancellationToken)</c> per endpoint that takes
    /// <c>?dry_run=true</c> (<see cref="ApiEndpoint.DryRun"/>): the same request body as the call itself, sent through
    /// <c>GatewayPipeline.QuoteAsync</c>, answered with a <c>PriceQuote</c>. Called once from <see cref="ClientEmitter"/>.
    /// </summary>
    internal static class QuoteEmitter
    {
        public static void Emit(EmitContext ctx, IReadOnlyList<ApiEndpoint> endpoints)
        {
            foreach (var e in endpoints)
            {
                // Sync routes, and the always-asynchronous v2 routes (their quote is as free; only the call itself is asynchronous).
                if (!e.DryRun || (e.Mode != EndpointMode.Sync && !(e.Mode == EndpointMode.AsyncSubmit && e.SyncTwin == null))) continue;
                ctx.W.Line();
                EmitQuote(ctx, e);
            }
        }

        private static void EmitQuote(EmitContext ctx, ApiEndpoint e)
        {
            var w = ctx.W;
            var n = ctx.N;
            var request = ctx.Models + RequestTypeName(e);
            var path = e.Path.TrimStart('/');
            var call = e.Mode == EndpointMode.Sync ? e.Name + "Async" : "Submit" + e.Name + "Async";
            w.Summary("What " + call + " would cost: POST " + e.Path + "?dry_run=true with the same request, answered with a price quote instead of running.",
                "/// <remarks>The request is validated and priced but not run: nothing is generated, stored or billed, and no safety review is performed"
                    + " (" + Xml(DryRunSource(e)) + "). The body is exactly the one <see cref=\"" + call + "\"/> sends, so the quote reflects the same options."
                    + " A quote takes no image-limiter permits, bypasses the gateway cache, and is re-sent after a transient failure (nothing ran); its exceptions never say it may have been billed.</remarks>",
                "/// <param name=\"request\">The request, as it would be sent to " + call + ".</param>",
                "/// <param name=\"options\">Per-call gateway options, timeout and retry policy; the client's when null.</param>",
                "/// <param name=\"cancellationToken\">Cancels the call; throws <see cref=\"global::System.OperationCanceledException\"/>.</param>",
                "/// <returns>The price: <c>UsdMicros</c> (millionths of a US dollar), <c>CreditMillis</c>, <c>Quantity</c>, <c>BillingIdentifier</c>, <c>Qualifier</c> exact or estimate.</returns>",
                "/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"request\"/> is null.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramValidationException\">The request breaks a documented limit; nothing was sent.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramApiException\">Ideogram refused the request (400 for an invalid one, as the call itself would get; 401; 402/429 account limits).</exception>",
                "/// <exception cref=\"" + Rt + "GatewayException\">The gateway refused or failed the call.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramTimeoutException\">No complete answer within the timeout.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramTransportException\">The network failed.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramResponseException\">The answer is not a price quote.</exception>");
            if (e.Deprecated) w.Line(Obsolete(e));
            w.Line("public global::System.Threading.Tasks.Task<" + Rt + "PriceQuote> Quote" + e.Name + "Async(" + request + " request, " + Rt + "IdeogramRequestOptions" + n + " options = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))");
            w.Open("");
            w.Line("if (request == null) throw new global::System.ArgumentNullException(nameof(request));");
            w.Line("request.Validate();");
            w.Line("return _pipeline.QuoteAsync(" + Lit(path) + ", request.CreateBody(), options, cancellationToken);");
            w.Close();
        }

        private static string DryRunSource(ApiEndpoint e)
        {
            var p = e.Parameter("dry_run");
            return p != null && p.Source.Length > 0 && p.Source != "openapi"
                ? "source: " + p.Source
                : "Ideogram OpenAPI document of 2026-10-07, parameter dry_run";
        }
    }
}
