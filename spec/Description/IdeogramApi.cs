// Look-ups over the derived table in IdeogramApi.g.cs.
#nullable enable

namespace IdeogramGen.Spec
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

        public static ApiEndpoint? FindEndpoint(string path)
        {
            foreach (var e in Endpoints) if (e.Path == path) return e;
            return null;
        }
    }
}
