using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using IdeogramGen.ApiDescription;
using static IdeogramGen.Generator.Emit.EmitContext;

namespace IdeogramGen.Generator.Emit
{
    /// <summary>
    /// Writes what depends on one class's <c>[IdeogramGateway]</c>: the account and gateway constants, the base URL and
    /// URI, <c>GatewayAddress</c>, the <c>Endpoints</c> URL builder, the constructors and one method per endpoint. The
    /// request and response types the methods take and return are in the models file (<see cref="ModelsEmitter"/>).
    /// </summary>
    internal static class ClientEmitter
    {
        public static string Emit(GatewaySpec spec, OutputOptions options)
        {
            var ctx = new EmitContext(options);
            var w = ctx.W;
            ctx.Header("[IdeogramGateway] on " + spec.ClassName);

            bool hasNamespace = spec.Namespace.Length > 0;
            if (hasNamespace) w.Open("namespace " + spec.Namespace);
            foreach (var c in spec.Containers) w.Open("partial " + c.Keyword + " " + c.Name);
            w.Open("partial " + spec.ClassKeyword + " " + spec.ClassName + " : " + Rt + "IIdeogramImageClient");
            EmitMembers(ctx, spec, FamilySelection.Endpoints(spec.Endpoints));
            w.Close();
            foreach (var _ in spec.Containers) w.Close();
            if (hasNamespace) w.Close();
            return w.ToString();
        }

        private static void EmitMembers(EmitContext ctx, GatewaySpec spec, IReadOnlyList<ApiEndpoint> all)
        {
            var w = ctx.W;
            // This emitter writes the synchronous endpoints; asynchronous submits (AsyncEmitter), recovery and price quotes
            // are written by their own emitters, called below. The polls have no method of their own: Resume…Async polls.
            var endpoints = all.Where(e => e.Mode == EndpointMode.Sync).ToList();
            // The endpoints with a request type of their own: the sync ones and the always-asynchronous v2 routes.
            var requests = all.Where(e => e.Mode == EndpointMode.Sync || (e.Mode == EndpointMode.AsyncSubmit && e.SyncTwin == null)).ToList();
            var n = ctx.N;
            var baseUrl = "https://gateway.ai.cloudflare.com/v1/" + spec.AccountId + "/" + spec.GatewayId + "/ideogram/";
            w.Summary("The Cloudflare account id this client calls (from [IdeogramGateway]).");
            w.Line("public const string AccountId = " + Lit(spec.AccountId) + ";");
            w.Line();
            w.Summary("The AI Gateway id this client calls (from [IdeogramGateway]).");
            w.Line("public const string GatewayId = " + Lit(spec.GatewayId) + ";");
            w.Line();
            w.Summary("The gateway's Ideogram base URL: https://gateway.ai.cloudflare.com/v1/{account_id}/{gateway_id}/ideogram/ (Cloudflare AI Gateway docs, Providers > Ideogram).");
            w.Line("public const string GatewayBaseUrl = " + Lit(baseUrl) + ";");
            w.Line();
            w.Summary("The gateway's Ideogram base URI; Ideogram's paths are appended unchanged.");
            w.Line("public static global::System.Uri GatewayBaseUri { get; } = new global::System.Uri(GatewayBaseUrl);");
            w.Line();
            w.Summary("The account and gateway as a runtime value.",
                "/// <exception cref=\"global::System.ArgumentException\">The attribute's account id or gateway id does not have the documented shape.</exception>");
            w.Line("public static " + Rt + "GatewayAddress GatewayAddress => new " + Rt + "GatewayAddress(AccountId, GatewayId);");
            w.Line();

            w.Summary("The gateway URL of each Ideogram endpoint this client calls (the endpoint URL builder): GatewayBaseUrl followed by Ideogram's path.");
            w.Line(GeneratedCode);
            using (w.Block("public static partial class Endpoints"))
            {
                foreach (var e in endpoints)
                {
                    w.Summary(e.Method + " " + e.Path + " through this gateway.");
                    if (e.Deprecated) w.Line(Obsolete(e));
                    w.Line("public static global::System.Uri " + e.Name + " { get; } = new global::System.Uri(GatewayBaseUrl + " + Lit(e.Path.TrimStart('/')) + ");");
                }
                foreach (var e in requests)
                {
                    if (!(AsyncEmitter.SeparateSubmitRoute(e) is ApiEndpoint submit)) continue;
                    w.Summary(submit.Method + " " + submit.Path + " (asynchronous submit) through this gateway.");
                    w.Line("public static global::System.Uri Submit" + e.Name + " { get; } = new global::System.Uri(GatewayBaseUrl + " + Lit(submit.Path.TrimStart('/')) + ");");
                }
                w.Line();
                w.Summary("The gateway URL of any Ideogram path, e.g. v1/ideogram-v3/generate.",
                    "/// <param name=\"ideogramPath\">Ideogram's own path, with or without the leading '/'.</param>",
                    "/// <param name=\"gatewayRoot\">Another gateway root (an emulator, a proxy); Cloudflare's when null.</param>");
                w.Line("public static global::System.Uri For(string ideogramPath, global::System.Uri" + n + " gatewayRoot = null) => GatewayAddress.Endpoint(ideogramPath, gatewayRoot);");
            }
            w.Line();

            w.Line("private readonly " + Rt + "GatewayPipeline _pipeline;");
            w.Line();
            w.Summary("Creates a client that calls Ideogram through this gateway with the caller's HttpClient.",
                "/// <param name=\"httpClient\">A long-lived or factory-made client; it is never disposed here.</param>",
                "/// <param name=\"credentials\">The Ideogram API key and, for an authenticated gateway, the gateway token.</param>");
            w.Line("public " + spec.ClassName + "(global::System.Net.Http.HttpClient httpClient, " + Rt + "IdeogramCredentials credentials)");
            w.Line("    : this(httpClient, credentials, null, null)");
            w.Open("");
            w.Close();
            w.Line();
            w.Summary("Creates a client with client-wide options (gateway root, timeout, retries, default gateway headers) and a logger.",
                "/// <param name=\"httpClient\">A long-lived or factory-made client; it is never disposed here.</param>",
                "/// <param name=\"credentials\">The Ideogram API key and, for an authenticated gateway, the gateway token.</param>",
                "/// <param name=\"options\">Client-wide settings; defaults when null.</param>",
                "/// <param name=\"logger\">Receives one line per attempt, never secrets; none when null.</param>");
            w.Line("public " + spec.ClassName + "(global::System.Net.Http.HttpClient httpClient, " + Rt + "IdeogramCredentials credentials, " + Rt + "GatewayOptions" + n + " options, global::Microsoft.Extensions.Logging.ILogger" + n + " logger = null)");
            w.Open("");
            w.Line("_pipeline = new " + Rt + "GatewayPipeline(httpClient, credentials, GatewayAddress, options, logger);");
            w.Close();
            w.Line();
            w.Summary("Creates a client over an existing pipeline (for dependency injection or sharing one pipeline).",
                "/// <exception cref=\"global::System.ArgumentException\">The pipeline calls another account or gateway.</exception>");
            w.Line("public " + spec.ClassName + "(" + Rt + "GatewayPipeline pipeline)");
            w.Open("");
            w.Line("if (pipeline == null) throw new global::System.ArgumentNullException(nameof(pipeline));");
            w.Line("if (!pipeline.Address.Equals(GatewayAddress)) throw new global::System.ArgumentException(\"The pipeline calls gateway \" + pipeline.Address.GatewayId + \" of account \" + pipeline.Address.AccountId + \", not \" + GatewayId + \" of \" + AccountId + \".\", nameof(pipeline));");
            w.Line("_pipeline = pipeline;");
            w.Close();
            w.Line();
            w.Summary("The transport this client sends through.");
            w.Line("public " + Rt + "GatewayPipeline Pipeline => _pipeline;");

            foreach (var e in requests)
            {
                if (e.Mode == EndpointMode.Sync)
                {
                    w.Line();
                    EmitMethod(ctx, e);
                }
                AsyncEmitter.EmitClientMembers(ctx, e);
            }
            RecoveryEmitter.Emit(ctx, all);
            QuoteEmitter.Emit(ctx, requests);
            w.Line();
            ImageClientEmitter.Emit(w, n, endpoints, ctx.Models);
        }

        private static void EmitMethod(EmitContext ctx, ApiEndpoint e)
        {
            var w = ctx.W;
            var n = ctx.N;
            var response = ctx.SchemaType(e.Response);
            var request = ctx.Models + RequestTypeName(e);
            // The full documentation is on the request's Send (in the models file, once per compilation); the method inherits it.
            w.Line("/// <inheritdoc cref=\"" + request + ".Send\"/>");
            if (e.Deprecated) w.Line(Obsolete(e));
            w.Line("public global::System.Threading.Tasks.Task<" + response + "> " + e.Name + "Async(" + request + " request, " + Rt + "IdeogramRequestOptions" + n + " options = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))");
            w.Line("    => " + request + ".Send(_pipeline, request, options, cancellationToken);");
        }

        /// <summary>The documentation of an endpoint's method, written on its request's <c>Send</c>.</summary>
        internal static void MethodDoc(EmitContext ctx, ApiEndpoint e)
        {
            var w = ctx.W;
            var request = ctx.Models + RequestTypeName(e);
            var summary = (e.Summary.Length > 0 ? e.Summary + ": " : "") + e.Method + " " + e.Path + ". " + FirstParagraph(e.Description);
            w.Summary(summary,
                "/// <remarks>Sent as " + Xml(ContentDoc(e)) + ", after <see cref=\"" + request + ".Validate\"/> (nothing is sent when it throws). Ideogram bills a"
                    + " generation when it runs: the call is re-sent only when the failure proves it did not run. "
                    + "Source: " + SourceDoc(e) + "." + "</remarks>",
                "/// <param name=\"pipeline\">The client's transport.</param>",
                "/// <param name=\"request\">The request.</param>",
                "/// <param name=\"options\">Per-call gateway options, timeout and retry policy; the client's when null.</param>",
                "/// <param name=\"cancellationToken\">Cancels the call; throws <see cref=\"global::System.OperationCanceledException\"/>.</param>",
                "/// <returns>Ideogram's answer with the gateway metadata (log id, cache status) in <c>Gateway</c>.</returns>",
                "/// <exception cref=\"" + Rt + "IdeogramValidationException\">The request breaks a documented limit; nothing was sent.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramApiException\">Ideogram answered " + string.Join("/", e.ErrorStatuses.Select(s => s.ToString(CultureInfo.InvariantCulture))) + " or another error.</exception>",
                "/// <exception cref=\"" + Rt + "GatewayException\">The gateway refused or failed the call (2001, 2003, 2005, 2009, ...).</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramTimeoutException\">No complete answer within the timeout.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramTransportException\">The network failed.</exception>",
                "/// <exception cref=\"" + Rt + "IdeogramResponseException\">The answer could not be read.</exception>");
        }

        private static string ContentDoc(ApiEndpoint e)
        {
            switch (e.Encoding)
            {
                case BodyEncoding.JsonWrapped: return "JSON wrapped in image_request";
                case BodyEncoding.MultipartWithJsonPart: return "multipart/form-data with a JSON part image_request and file parts";
                default:
                    if (e.AcceptsJson && e.AcceptsMultipart) return "JSON when no file is attached, multipart/form-data otherwise";
                    return e.AcceptsJson ? "JSON" : "multipart/form-data";
            }
        }
    }
}
