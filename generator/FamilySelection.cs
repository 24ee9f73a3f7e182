using System;
using System.Collections.Generic;
using System.Linq;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.Generator
{
    /// <summary>Which endpoints and response schemas a set of family flags selects, from the API description.</summary>
    internal static class FamilySelection
    {
        /// <summary>The endpoints of the selected families, in the description's order.</summary>
        public static IReadOnlyList<ApiEndpoint> Endpoints(int flags) =>
            IdeogramApi.Endpoints.Where(e => (ApiFamilies.Flag(e.Family) & flags) != 0).ToList();

        /// <summary>The response schemas the endpoints answer with, and those they reach, each once.</summary>
        public static IReadOnlyList<ApiSchema> Schemas(IEnumerable<ApiEndpoint> endpoints)
        {
            var result = new List<ApiSchema>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>(endpoints.Select(e => e.Response));
            while (queue.Count > 0)
            {
                var name = queue.Dequeue();
                if (!seen.Add(name)) continue;
                var schema = IdeogramApi.FindSchema(name) ?? throw new InvalidOperationException("Unknown response schema " + name);
                result.Add(schema);
                foreach (var p in schema.Properties)
                    if ((p.Kind == ValueKind.Object || p.Kind == ValueKind.ObjectArray) && p.Ref != null) queue.Enqueue(p.Ref);
            }
            return result;
        }
    }
}
