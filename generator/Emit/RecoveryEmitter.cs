using System.Collections.Generic;
using System.Linq;
using IdeogramGen.ApiDescription;
using static IdeogramGen.Generator.Emit.EmitContext;

namespace IdeogramGen.Generator.Emit
{
    /// <summary>
    /// Writes the client's <c>RecoverAsync(exception)</c>: the endpoint's reader picked by the failed call's path (one
    /// case per sync endpoint this client calls, grouped by response type), handed to
    /// <c>GatewayPipeline.RecoverAsync</c>, which reads the answer back from the gateway's log.
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
            w.Line("public async global::System.Threading.Tasks.Task<" + Rt + "IdeogramResponse> RecoverAsync(global::System.Exception exception, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))");
            w.Open("");
            w.Line("switch (" + Rt + "GatewayPipeline.RequestPathOf(exception))");
            w.Open("");
            foreach (var group in sync.GroupBy(e => ctx.SchemaType(e.Response)))
            {
                foreach (var e in group) w.Line("case " + Lit(e.Path.TrimStart('/')) + ":");
                w.Line("    return await _pipeline.RecoverAsync<" + group.Key + ">(exception, " + group.Key + ".Read, cancellationToken).ConfigureAwait(false);");
            }
            w.Line("default:");
            w.Line("    return await _pipeline.RecoverAsync<" + Rt + "IdeogramResponse>(exception, null, cancellationToken).ConfigureAwait(false);");
            w.Close();
            w.Close();
        }
    }
}
