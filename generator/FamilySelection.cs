using System;
using System.Collections.Generic;
using System.Linq;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.Generator
{
    /// <summary>Which endpoints and response schemas a set of family flags selects, from the API description.</summary>
    internal static class FamilySelection
    {
        /// <summary>The endpoints of the selected families (every mode), in the description's order. The polls belong to no family.</summary>
        public static IReadOnlyList<ApiEndpoint> Endpoints(int flags) =>
            IdeogramApi.Endpoints.Where(e => (ApiFamilies.Flag(e.Family) & flags) != 0).ToList();

        /// <summary>
        /// The endpoints this generator writes a client method for: the synchronous ones. Asynchronous submits, polls
        /// and price quotes have emitters of their own.
        /// </summary>
        public static IReadOnlyList<ApiEndpoint> SyncEndpoints(int flags) =>
            Endpoints(flags).Where(e => e.Mode == EndpointMode.Sync).ToList();

        /// <summary>
        /// The endpoints whose request type the models file holds: the synchronous ones, and the asynchronous ones that
        /// mirror no synchronous route (their twin's request type serves the others).
        /// </summary>
        public static IReadOnlyList<ApiEndpoint> RequestEndpoints(int flags) =>
            Endpoints(flags).Where(e => e.Mode == EndpointMode.Sync || (e.Mode == EndpointMode.AsyncSubmit && e.SyncTwin == null)).ToList();

        /// <summary>The response schemas the endpoints answer with, and those they reach, each once (nested request objects excluded).</summary>
        public static IReadOnlyList<ApiSchema> Schemas(IEnumerable<ApiEndpoint> endpoints)
        {
            var result = new List<ApiSchema>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>(endpoints.Where(e => e.Response.Length > 0).Select(e => e.Response));
            while (queue.Count > 0)
            {
                var name = queue.Dequeue();
                if (!seen.Add(name) || IdeogramApi.FindRequestSchema(name) != null) continue;
                var schema = IdeogramApi.FindSchema(name) ?? throw new InvalidOperationException("Unknown response schema " + name);
                result.Add(schema);
                foreach (var p in schema.Properties)
                    if ((p.Kind == ValueKind.Object || p.Kind == ValueKind.ObjectArray) && p.Ref != null) queue.Enqueue(p.Ref);
            }
            return result;
        }

        /// <summary>The nested request objects the endpoints' fields and responses reach, each once, in the description's order.</summary>
        public static IReadOnlyList<ApiRequestSchema> RequestSchemas(IEnumerable<ApiEndpoint> requestEndpoints, IEnumerable<ApiSchema> responses)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>();
            foreach (var e in requestEndpoints)
                foreach (var f in e.Fields)
                    if (f.Ref != null) queue.Enqueue(f.Ref);
            foreach (var s in responses)
                foreach (var p in s.Properties)
                    if (p.Ref != null && IdeogramApi.FindRequestSchema(p.Ref) != null) queue.Enqueue(p.Ref);
            while (queue.Count > 0)
            {
                var name = queue.Dequeue();
                if (!seen.Add(name)) continue;
                var schema = IdeogramApi.FindRequestSchema(name) ?? throw new InvalidOperationException("Unknown request object " + name);
                foreach (var f in schema.Fields)
                    if (f.Ref != null) queue.Enqueue(f.Ref);
            }
            return IdeogramApi.RequestSchemas.Where(r => seen.Contains(r.Name)).ToList();
        }
    }
}
