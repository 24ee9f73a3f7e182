// Look-ups over the derived table in IdeogramApi.g.cs.
#nullable enable

namespace IdeogramGen.ApiDescription
{
    internal static partial class IdeogramApi
    {
        public static ApiEnum? FindEnum(string name)
        {
            foreach (var e in Enums) if (e.Name == name || e.TypeName == name) return e;
            return null;
        }

        public static ApiSchema? FindSchema(string name)
        {
            foreach (var s in Schemas) if (s.Name == name) return s;
            return null;
        }

        /// <summary>
        /// The names the generator adds to an annotated class: its members, its nested <c>Endpoints</c> class and its
        /// methods. A class with one of these names, or declaring a member with one, cannot be extended (analyzer
        /// IDG0001). Request and response types are not among them: they live in the models namespace, outside the class.
        /// </summary>
        public static System.Collections.Generic.HashSet<string> GeneratedNames()
        {
            var names = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal)
            {
                "AccountId", "GatewayId", "GatewayBaseUrl", "GatewayBaseUri", "GatewayAddress", "Endpoints", "Pipeline", "_pipeline",
            };
            foreach (var e in Endpoints)
                if (e.Mode == EndpointMode.Sync) names.Add(e.Name + "Async");
            return names;
        }

        public static ApiRequestSchema? FindRequestSchema(string name)
        {
            foreach (var s in RequestSchemas) if (s.Name == name || s.TypeName == name) return s;
            return null;
        }

        /// <summary>The palette kind of a <see cref="ValueKind.ColorPalette"/> field (by <see cref="ApiField.Palette"/>).</summary>
        public static ApiPalette PaletteOf(ApiField field)
        {
            foreach (var p in Palettes) if (p.Schema == field.Palette) return p;
            throw new System.InvalidOperationException("No palette kind " + (field.Palette ?? "(none)") + " for field " + field.Name);
        }

        public static ApiEndpoint? FindEndpoint(string path)
        {
            foreach (var e in Endpoints) if (e.Path == path) return e;
            return null;
        }
    }
}
