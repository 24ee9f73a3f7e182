using System.Linq;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.Generator.Emit
{
    /// <summary>
    /// Writes the models file: the request and response types of every family some class of the compilation selects,
    /// once, in the models namespace (<see cref="OutputOptions.ModelsNamespace"/>).
    /// </summary>
    internal static class ModelsEmitter
    {
        /// <summary>The hint name of the models file.</summary>
        public const string HintName = "IdeogramGen.Models.g.cs";

        /// <summary>
        /// About how many characters the models file takes per request endpoint and response type it holds (the families
        /// of April 2026 take 512 k characters for 56 of them). The writer starts with that much room: a buffer grown to
        /// the file's size chunk by chunk instead is kept alive, and moved by the collector, while the rest is written,
        /// which took a third of the file's time.
        /// </summary>
        internal const int CharsPerType = 9500;

        public static string Emit(ModelsSpec spec, OutputOptions options)
        {
            var endpoints = FamilySelection.Endpoints(spec.Families).Where(e => e.Mode != EndpointMode.Poll).ToList();
            var requests = FamilySelection.RequestEndpoints(spec.Families);
            // An always-asynchronous route completes with the poll's answer (GenerationResponse): its type is emitted with them.
            var polls = endpoints.Any(e => e.Mode == EndpointMode.AsyncSubmit && e.SyncTwin == null)
                ? IdeogramApi.Endpoints.Where(e => e.Mode == EndpointMode.Poll).Take(1)
                : Enumerable.Empty<ApiEndpoint>();
            var responses = FamilySelection.Schemas(endpoints.Concat(polls));
            var ctx = new EmitContext(options, CharsPerType * (requests.Count + responses.Count));
            var w = ctx.W;
            ctx.Header("the endpoint families the [IdeogramGateway] classes of this assembly select");
            var accessibility = spec.Public ? "public" : "internal";
            using (w.Block("namespace " + options.ModelsNamespace))
            {
                bool first = true;
                foreach (var e in requests)
                {
                    if (!first) w.Line();
                    first = false;
                    RequestEmitter.Emit(ctx, e, accessibility);
                }
                foreach (var r in FamilySelection.RequestSchemas(requests, responses))
                {
                    w.Line();
                    RequestObjectEmitter.Emit(ctx, r, accessibility);
                }
                foreach (var s in responses)
                {
                    w.Line();
                    ResponseEmitter.Emit(ctx, s, accessibility, IdeogramApi.Endpoints.Any(e => e.Response == s.Name));
                }
                // What every client would otherwise compile again: the bodies of RecoverAsync and SendImageRequestAsync.
                var sync = endpoints.Where(e => e.Mode == EndpointMode.Sync).ToList();
                w.Line();
                w.Summary("What every [IdeogramGateway] client of this assembly shares, written once: each client's RecoverAsync and IIdeogramImageClient.SendImageRequestAsync call these with the paths it has.");
                w.Line(EmitContext.GeneratedCode);
                using (w.Block("internal static class " + ImageClientEmitter.SharedClass))
                {
                    RecoveryEmitter.EmitShared(ctx, endpoints);
                    w.Line();
                    ImageClientEmitter.EmitShared(ctx, sync);
                }
            }
            return w.ToString();
        }
    }
}
