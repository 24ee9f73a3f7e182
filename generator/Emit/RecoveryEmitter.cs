using System.Collections.Generic;
using System.Linq;
using IdeogramGen.ApiDescription;
using static IdeogramGen.Generator.Emit.EmitContext;

namespace IdeogramGen.Generator.Emit
{
    /// <summary>
    /// Writes the client's <c>RecoverAsync(exception)</c>: the endpoint's reader picked by the failed call's path (one
    /// case per sync endpoint this client calls, grouped by response type), handed to
    /// <c>GatewayPipeline.RecoverAsync</c>, which reads the answer back from the gateway's log. The switch is written
    /// once, in the models file; each client passes its own paths to it.
    /// </summary>
    internal static class RecoveryEmitter
    {
        public static void Emit(EmitContext ctx, IReadOnlyList<ApiEndpoint> endpoints)
        {
            var w = ctx.W;
            // Sync calls recover their result; asynchronous submits recover their answer (the generation_id, to resume by).
            var sync = endpoints.Where(e => (e.Mode == EndpointMode.Sync || e.Mode == EndpointMode.AsyncSubmit) && e.Method == "POST").ToList();
            w.Line();
            w.Summary("Recovers the answer of a call of this client that failed after Ideogram ran (and billed) it, when the answer broke on the way"
                    + " (reset, cut or unreadable) or never arrived: reads the answer the gateway logged (Cloudflare API, AI Gateway > Logs > Get Gateway Log Response;"
                    + " the entry found by the call's cf-aig-log-id, else by the cf-aig-event-id it sent) into the endpoint's own typed result."
                    + " Only the logs API is called, so nothing runs or is billed again, and calling it again is safe.",
                "/// <remarks>Needs <see cref=\"" + Rt + "GatewayOptions.Recovery\"/> (a Cloudflare API token with AI Gateway Read). Use it for an exception whose"
                    + " <c>RecoveryPath</c> is <see cref=\"" + Rt + "IdeogramRecoveryPath.GatewayLog\"/>. Lookups that find no log yet are repeated with backoff,"
                    + " since the gateway writes logs asynchronously.</remarks>",
                "/// <param name=\"exception\">The call's exception (an <see cref=\"" + Rt + "IdeogramGenException\"/> or <see cref=\"" + Rt + "IdeogramCanceledException\"/>; an <see cref=\"" + Rt + "IdeogramRecoveryException\"/> stands for its call).</param>",
                "/// <param name=\"cancellationToken\">Cancels the lookups and their waits.</param>",
                "/// <returns>The result the call would have returned (the endpoint's response type), with <c>RecoveredFromGatewayLog</c> true; for an asynchronous submit, its answer, whose <c>GenerationId</c> the client's <c>Resume…Async</c> takes.</returns>",
                "/// <exception cref=\"" + Rt + "IdeogramRecoveryException\">The answer cannot be recovered (not billed, not configured, log not found, an error or no answer logged, ...); <c>Kind</c> says which.</exception>",
                "/// <exception cref=\"" + Rt + "GatewayException\">The logs API refused the token.</exception>",
                "/// <exception cref=\"global::System.ArgumentException\">The exception is not from an IdeogramGen call.</exception>");
            var signature = "global::System.Threading.Tasks.Task<" + Rt + "IdeogramResponse> RecoverAsync(global::System.Exception exception, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))";
            if (sync.Count > 0)
            {
                // The client selects families, so the models file (with the shared body) exists.
                w.Line("public " + signature);
                w.Line("    => " + ctx.Models + ImageClientEmitter.SharedClass + ".RecoverAsync(_pipeline, s_recoveryPaths, exception, cancellationToken);");
                w.Line();
                w.Line("private static readonly string[] s_recoveryPaths = { " + string.Join(", ", sync.Select(e => Lit(e.Path.TrimStart('/')))) + " };");
                return;
            }
            w.Line("public async " + signature);
            w.Open("");
            w.Line("return await _pipeline.RecoverAsync<" + Rt + "IdeogramResponse>(exception, null, cancellationToken).ConfigureAwait(false);");
            w.Close();
        }

        /// <summary>
        /// Writes, in the models file, the body every client's <c>RecoverAsync</c> shares: the reader of the failed call's
        /// endpoint, picked by its path when the calling client has it, handed to <c>GatewayPipeline.RecoverAsync</c>.
        /// </summary>
        /// <param name="ctx">The models file's context, inside the shared class.</param>
        /// <param name="endpoints">The endpoints of every selected family (the synchronous ones and the asynchronous submits are recovered).</param>
        public static void EmitShared(EmitContext ctx, IReadOnlyList<ApiEndpoint> endpoints)
        {
            var w = ctx.W;
            var sync = endpoints.Where(e => (e.Mode == EndpointMode.Sync || e.Mode == EndpointMode.AsyncSubmit) && e.Method == "POST").ToList();
            w.Summary("The body of every client's RecoverAsync: the answer read back with the reader of the failed call's endpoint, when paths (the client's) has the call's path.");
            w.Line("internal static async global::System.Threading.Tasks.Task<" + Rt + "IdeogramResponse> RecoverAsync(" + Rt + "GatewayPipeline pipeline, string[] paths, global::System.Exception exception, global::System.Threading.CancellationToken cancellationToken)");
            w.Open("");
            w.Line("var path = " + Rt + "GatewayPipeline.RequestPathOf(exception);");
            w.Line("switch (path != null && global::System.Array.IndexOf(paths, path) >= 0 ? path : null)");
            w.Open("");
            foreach (var group in sync.GroupBy(e => ctx.SchemaType(e.Response)))
            {
                foreach (var e in group) w.Line("case " + Lit(e.Path.TrimStart('/')) + ":");
                w.Line("    return await pipeline.RecoverAsync<" + group.Key + ">(exception, " + group.Key + ".Read, cancellationToken).ConfigureAwait(false);");
            }
            w.Line("default:");
            w.Line("    return await pipeline.RecoverAsync<" + Rt + "IdeogramResponse>(exception, null, cancellationToken).ConfigureAwait(false);");
            w.Close();
            w.Close();
        }
    }
}
