using System.Linq;
using IdeogramGen.ApiDescription;
using static IdeogramGen.Generator.Emit.EmitContext;

namespace IdeogramGen.Generator.Emit
{
    /// <summary>
    /// Writes the asynchronous methods of an endpoint that has an asynchronous route (a v1 <c>…/async/…</c> twin, a v2
    /// route that takes <c>async</c> / <c>webhook_url</c>, or a v2 route that is always asynchronous): on the request
    /// type, once per compilation, the documented helpers <c>Submit</c>, <c>SubmitAndWait</c> and <c>Resume</c>; on each
    /// client, <c>Submit{Name}Async</c>, <c>Submit{Name}AndWaitAsync</c> and <c>Resume{Name}Async</c>, which inherit
    /// those docs and call them.
    /// </summary>
    internal static class AsyncEmitter
    {
        /// <summary>
        /// The asynchronous route of a request endpoint (one that has a request type): the v1 <c>AsyncSubmit</c> twin of
        /// a sync endpoint, the endpoint itself when it is a v2 <see cref="ApiEndpoint.AsyncCapable"/> route or always
        /// asynchronous; null when it has none.
        /// </summary>
        public static ApiEndpoint? RouteOf(ApiEndpoint e)
        {
            if (e.Mode == EndpointMode.AsyncSubmit || e.AsyncCapable) return e;
            if (e.Mode != EndpointMode.Sync) return null;
            return IdeogramApi.Endpoints.FirstOrDefault(a => a.Mode == EndpointMode.AsyncSubmit && a.SyncTwin == e.Name && a.Family == e.Family);
        }

        /// <summary>The schema a generation of <paramref name="e"/> completes with: the sync answer's, or for an always-asynchronous route the poll's.</summary>
        public static string ResultSchema(ApiEndpoint e) =>
            e.Mode == EndpointMode.AsyncSubmit ? PollResponseSchema : e.Response;

        /// <summary>The response schema of the generation polls (<c>GET /v1|v2/generations/{generation_id}</c>).</summary>
        public static string PollResponseSchema =>
            IdeogramApi.Endpoints.First(p => p.Mode == EndpointMode.Poll).Response;

        private static bool HasWebhook(ApiEndpoint route) => route.Parameter("webhook_url") != null || route.Field("webhook_url") != null;

        private static bool WebhookRequired(ApiEndpoint route) => route.Parameter("webhook_url")?.Required == true || route.Field("webhook_url")?.Required == true;

        /// <summary>The route's <c>maxLength</c> for <c>webhook_url</c> (query parameter or body field), from the description.</summary>
        private static int WebhookMaxLength(ApiEndpoint route) =>
            route.Parameter("webhook_url")?.MaxLength ?? route.Field("webhook_url")?.MaxLength
            ?? throw new System.InvalidOperationException("The description states no maxLength for webhook_url of " + route.Path);

        /// <summary>The documented helpers on the request type (called from <see cref="RequestEmitter"/>).</summary>
        public static void EmitRequestMembers(EmitContext ctx, ApiEndpoint e)
        {
            var route = RouteOf(e);
            if (route == null) return;
            var w = ctx.W;
            var n = ctx.N;
            var type = RequestTypeName(e);
            var result = ctx.SchemaType(ResultSchema(e));
            var handle = Rt + "IdeogramGeneration<" + result + ">";
            var path = Lit(route.Path.TrimStart('/'));
            var version = Lit(route.ApiVersion);
            var resume = Lit("Resume" + e.Name + "Async");
            var weight = e.Field("num_images") != null ? "request.NumImages ?? 1" : "1";
            bool webhook = HasWebhook(route), required = WebhookRequired(route);
            bool inQuery = route.Parameter("webhook_url") != null;
            var webhookParam = webhook ? "global::System.Uri" + (required ? "" : n) + " webhookUrl, " : "";
            var webhookDoc = webhook
                ? "/// <param name=\"webhookUrl\">" + (required ? "Required by this route: " : "Optional: ") + "where Ideogram POSTs the result once every image is done, signed with Ed25519 (verify it with IdeogramGen.Webhooks); sent as webhook_url"
                    + (inQuery ? " (query parameter)" : " (body field)") + ". An absolute https URI of at most 2048 characters; Ideogram refuses private and loopback hosts.</param>"
                : null;
            var check = webhook
                ? Rt + "GatewayPipeline.WebhookUrl(webhookUrl, " + (required ? "true" : "false") + ", " + WebhookMaxLength(route).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")"
                : "null";
            string body, query;
            // The webhook URL is checked (GatewayPipeline.WebhookUrl) after Validate, inside the call's arguments.
            if (HasAsyncFields(e)) { body = "request.CreateBody(" + (e.Field("async") != null ? "true" : "false") + ", " + check + ")"; query = "null"; }
            else { body = "request.CreateBody()"; query = webhook ? check : "null"; }
            var source = "Source: " + SourceDoc(route) + "; Ideogram API reference, Errors (\"Outcomes and billing\") and Rate limits (polling).";
            var what = (e.Summary.Length > 0 ? e.Summary : e.Name);

            w.Line();
            w.Summary("Submits " + what + " as an asynchronous generation: POST " + route.Path + (route == e && e.Mode == EndpointMode.Sync ? " with async=true" : "")
                    + ", answered at once with its generation_id. Ideogram bills the generation when it completes (a failed one is not billed).",
                "/// <remarks>Nothing waits for the result: call <c>WaitAsync</c> on the returned generation, or store its <c>GenerationId</c> and pick the result up later,"
                    + " also from another process, with <c>Resume" + e.Name + "Async</c>. Like every call that may bill, the submit is re-sent only when the failure proves it did not run."
                    + " " + source + "</remarks>",
                "/// <param name=\"pipeline\">The client's transport.</param>",
                "/// <param name=\"request\">The request.</param>",
                webhookDoc,
                "/// <param name=\"options\">Per-call gateway options, timeout and retry policy; the client's when null.</param>",
                "/// <param name=\"cancellationToken\">Cancels the submit.</param>",
                "/// <returns>The accepted generation: its <c>GenerationId</c> and <c>WaitAsync</c>.</returns>",
                "/// <exception cref=\"" + Rt + "IdeogramValidationException\">The request (or the webhook URL) breaks a documented limit; nothing was sent.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramApiException\">Ideogram refused the submit (" + string.Join("/", route.ErrorStatuses) + ").</exception>",
                "/// <exception cref=\"" + Rt + "GatewayException\">The gateway refused or failed the submit.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramTimeoutException\">No complete answer within the timeout; the generation may have been accepted (recover the answer from the gateway log with RecoverAsync).</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramTransportException\">The network failed.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramResponseException\">The answer could not be read or has no generation_id.</exception>");
            w.Line("internal static global::System.Threading.Tasks.Task<" + handle + "> Submit(" + Rt + "GatewayPipeline pipeline, " + type + n + " request, " + webhookParam
                + Rt + "IdeogramRequestOptions" + n + " options, global::System.Threading.CancellationToken cancellationToken)");
            using (w.Block(""))
            {
                w.Line("if (request == null) throw new global::System.ArgumentNullException(nameof(request));");
                w.Line("request.Validate();");
                w.Line("return pipeline.SubmitAsync<" + result + ">(" + path + ", " + body + ", " + weight + ", " + version + ", " + query + ", " + result + ".Read, " + resume + ", options, cancellationToken);");
            }
            w.Line();
            w.Summary("Submits " + what + " as an asynchronous generation (POST " + route.Path + "), hands the accepted generation to submitted at once, then polls"
                    + " GET /" + route.ApiVersion + "/generations/{generation_id} until it is done and returns the same result as the synchronous call.",
                "/// <remarks>Store the generation's id in <paramref name=\"submitted\"/>: after a crash, a timeout or a cancellation, <c>Resume" + e.Name + "Async(generationId)</c>"
                    + " picks the paid result up without submitting again. Polls are free, bypass the gateway cache and honour Retry-After; waits follow GatewayOptions.Polling. " + source + "</remarks>",
                "/// <param name=\"pipeline\">The client's transport.</param>",
                "/// <param name=\"request\">The request.</param>",
                "/// <param name=\"submitted\">Called once with the accepted generation, before the first poll; null for none.</param>",
                webhookDoc,
                "/// <param name=\"options\">Per-call gateway options, timeout, retry policy and polling; the client's when null.</param>",
                "/// <param name=\"cancellationToken\">Cancels the submit, or the wait (not the generation).</param>",
                "/// <returns>The result, with <c>Generation</c> (id, created, usage_cost_usd_micros) and the gateway metadata of the last poll.</returns>",
                "/// <exception cref=\"" + Rt + "IdeogramValidationException\">The request breaks a documented limit; nothing was sent.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramGenerationFailedException\">Ideogram reports the generation failed (failure_reason; not billed).</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramGenerationPendingException\">Still pending when the polling timeout ran out; resume it by its id.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramCanceledException\">Cancelled after the submit was sent; carries the generation id once accepted.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramGenException\">The submit failed, or a poll failed for good (GenerationId set).</exception>");
            w.Line("internal static global::System.Threading.Tasks.Task<" + result + "> SubmitAndWait(" + Rt + "GatewayPipeline pipeline, " + type + n + " request, global::System.Action<"
                + Rt + "IdeogramGeneration>" + n + " submitted, " + webhookParam + Rt + "IdeogramRequestOptions" + n + " options, global::System.Threading.CancellationToken cancellationToken)");
            using (w.Block(""))
            {
                w.Line("if (request == null) throw new global::System.ArgumentNullException(nameof(request));");
                w.Line("request.Validate();");
                w.Line("return pipeline.SubmitAndWaitAsync<" + result + ">(" + path + ", " + body + ", " + weight + ", " + version + ", " + query + ", " + result + ".Read, " + resume + ", submitted, options, cancellationToken);");
            }
            w.Line();
            w.Summary("Picks up a generation of " + what + " by its generation_id and waits for its result: polls GET /" + route.ApiVersion + "/generations/{generation_id};"
                    + " nothing is submitted, so nothing is generated or billed again.",
                "/// <param name=\"pipeline\">The client's transport.</param>",
                "/// <param name=\"generationId\">The generation_id the submit answered (URL-safe base64).</param>",
                "/// <param name=\"options\">Per-call gateway options, timeout and polling; the client's when null.</param>",
                "/// <param name=\"cancellationToken\">Ends the wait (not the generation).</param>",
                "/// <returns>The result, as <c>Submit" + e.Name + "AndWaitAsync</c> returns it.</returns>",
                "/// <exception cref=\"global::System.ArgumentException\">The id is empty, too long or not URL-safe base64; nothing was sent.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramApiException\">404: Ideogram knows no such generation on the /" + route.ApiVersion + " route.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramGenerationFailedException\">The generation failed (not billed).</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramGenerationPendingException\">Still pending when the polling timeout ran out.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramCanceledException\">The token was cancelled.</exception>");
            w.Line("internal static global::System.Threading.Tasks.Task<" + result + "> Resume(" + Rt + "GatewayPipeline pipeline, string generationId, " + Rt + "IdeogramRequestOptions" + n
                + " options, global::System.Threading.CancellationToken cancellationToken)");
            w.Line("    => pipeline.ResumeAsync<" + result + ">(" + version + ", generationId, " + result + ".Read, " + resume + ", options, cancellationToken);");
        }

        /// <summary>The client's three methods, each one expression-bodied line that inherits the request type's docs (called from <see cref="ClientEmitter"/>).</summary>
        public static void EmitClientMembers(EmitContext ctx, ApiEndpoint e)
        {
            var route = RouteOf(e);
            if (route == null) return;
            var w = ctx.W;
            var n = ctx.N;
            var request = ctx.Models + RequestTypeName(e);
            var result = ctx.SchemaType(ResultSchema(e));
            bool webhook = HasWebhook(route), required = WebhookRequired(route);
            string webhookParam = !webhook ? "" : required ? "global::System.Uri webhookUrl, " : "global::System.Uri" + n + " webhookUrl = null, ";
            string webhookArg = webhook ? "webhookUrl, " : "";
            const string Tail = "global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))";
            var options = Rt + "IdeogramRequestOptions" + n + " options = null, ";
            var obsolete = e.Deprecated ? Obsolete(e) : null;

            w.Line();
            w.Line("/// <inheritdoc cref=\"" + request + ".Submit\"/>");
            if (obsolete != null) w.Line(obsolete);
            w.Line("public global::System.Threading.Tasks.Task<" + Rt + "IdeogramGeneration<" + result + ">> Submit" + e.Name + "Async(" + request + " request, " + webhookParam + options + Tail
                + " => " + request + ".Submit(_pipeline, request, " + webhookArg + "options, cancellationToken);");
            w.Line();
            w.Line("/// <inheritdoc cref=\"" + request + ".SubmitAndWait\"/>");
            if (obsolete != null) w.Line(obsolete);
            var submitted = "global::System.Action<" + Rt + "IdeogramGeneration>" + n + " submitted = null, ";
            // A required webhook URL comes before the optional parameters.
            var parameters = required ? webhookParam + submitted : submitted + webhookParam;
            w.Line("public global::System.Threading.Tasks.Task<" + result + "> Submit" + e.Name + "AndWaitAsync(" + request + " request, " + parameters + options + Tail
                + " => " + request + ".SubmitAndWait(_pipeline, request, submitted, " + webhookArg + "options, cancellationToken);");
            w.Line();
            w.Line("/// <inheritdoc cref=\"" + request + ".Resume\"/>");
            if (obsolete != null) w.Line(obsolete);
            w.Line("public global::System.Threading.Tasks.Task<" + result + "> Resume" + e.Name + "Async(string generationId, " + options + Tail
                + " => " + request + ".Resume(_pipeline, generationId, options, cancellationToken);");
        }

        /// <summary>The gateway URL of a submit route that is not also a sync route, for the <c>Endpoints</c> builder; null otherwise.</summary>
        public static ApiEndpoint? SeparateSubmitRoute(ApiEndpoint e)
        {
            var route = RouteOf(e);
            if (route == null) return null;
            // A v1 async twin has a path of its own; an always-asynchronous v2 route has no sync URL to share.
            return route.Path != e.Path || e.Mode == EndpointMode.AsyncSubmit ? route : null;
        }
    }
}
