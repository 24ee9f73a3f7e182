using System.Collections.Concurrent;
using System.Collections.Generic;
using IdeogramGen.ApiDescription;
using Microsoft.CodeAnalysis;

namespace IdeogramGen.Analyzers
{
    /// <summary>The runtime's types, resolved once per compilation.</summary>
    internal sealed class KnownTypes
    {
        private readonly ConcurrentDictionary<INamedTypeSymbol, ApiEndpoint?> _endpoints =
            new ConcurrentDictionary<INamedTypeSymbol, ApiEndpoint?>(SymbolEqualityComparer.Default);

        private readonly ConcurrentDictionary<INamespaceSymbol, Dictionary<INamedTypeSymbol, ApiRequestSchema>> _requestObjects =
            new ConcurrentDictionary<INamespaceSymbol, Dictionary<INamedTypeSymbol, ApiRequestSchema>>(SymbolEqualityComparer.Default);

        private readonly Compilation _compilation;

        private KnownTypes(Compilation compilation)
        {
            _compilation = compilation;
            GatewayAttribute = Find(compilation, GatewayAttributeNames.MetadataName);
            EndpointAttribute = Find(compilation, "IdeogramGen.IdeogramEndpointAttribute");
            Credentials = Find(compilation, "IdeogramGen.IdeogramCredentials");
            GatewayLogsClient = Find(compilation, "IdeogramGen.GatewayLogsClient");
            GatewayRequestOptions = Find(compilation, "IdeogramGen.GatewayRequestOptions");
            GatewayLogMetadata = Find(compilation, "IdeogramGen.GatewayLogMetadata");
            ColorPalette = Find(compilation, "IdeogramGen.ColorPalette");
            ColorPaletteV2 = Find(compilation, "IdeogramGen.ColorPaletteV2");
            ColorPaletteMember = Find(compilation, "IdeogramGen.ColorPaletteMember");
            TimeSpan = Find(compilation, "System.TimeSpan");
            HttpHeaders = Find(compilation, "System.Net.Http.Headers.HttpHeaders");
            AuthenticationHeaderValue = Find(compilation, "System.Net.Http.Headers.AuthenticationHeaderValue");
            Vocabularies = new Dictionary<INamedTypeSymbol, ApiEnum>(SymbolEqualityComparer.Default);
            foreach (var e in IdeogramApi.Enums)
            {
                var t = Find(compilation, "IdeogramGen." + e.TypeName);
                if (t != null) Vocabularies[t] = e;
            }
        }

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, KnownTypes> ByCompilation =
            new System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, KnownTypes>();

        /// <summary>
        /// The runtime's types in <paramref name="compilation"/>, looked up once and shared by every rule. Call it from
        /// an action on a file, not at compilation start: the first lookup by metadata name makes Roslyn declare every
        /// symbol of the project, which the compiler has done already by the time a file's actions run.
        /// </summary>
        public static KnownTypes For(Compilation compilation) => ByCompilation.GetValue(compilation, c => new KnownTypes(c));

        /// <summary>The class names of the description's nested request objects: a quick no for every other type.</summary>
        private static readonly HashSet<string> RequestObjectNames = BuildRequestObjectNames();

        private static HashSet<string> BuildRequestObjectNames()
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var s in IdeogramApi.RequestSchemas) names.Add(s.TypeName);
            return names;
        }

        /// <summary>
        /// Members that hold a credential: (type metadata name, member, what it holds). Options types that are not
        /// referenced by a compilation are simply absent.
        /// </summary>
        internal static readonly (string Type, string Member, SecretKind Kind)[] CredentialMembers =
        {
            ("IdeogramGen.GatewayRequestOptions", "GatewayToken", SecretKind.GatewayToken),
            ("IdeogramGen.GatewayRecoveryOptions", "LogsApiToken", SecretKind.CloudflareApiToken),
            ("IdeogramGen.Extensions.IdeogramClientOptions", "ApiKey", SecretKind.ApiKey),
            ("IdeogramGen.Extensions.IdeogramClientOptions", "GatewayToken", SecretKind.GatewayToken),
        };

        private Dictionary<(INamedTypeSymbol, string), (SecretKind Kind, string Name)>? _credentialMembers;

        /// <summary>The credential a property or field holds, when it is one of the library's credential members.</summary>
        public (SecretKind Kind, string Name)? CredentialMember(ISymbol member)
        {
            var map = _credentialMembers;
            if (map == null)
            {
                map = new Dictionary<(INamedTypeSymbol, string), (SecretKind, string)>(TypeAndNameComparer.Instance);
                foreach (var (type, name, kind) in CredentialMembers)
                {
                    var t = Find(_compilation, type);
                    if (t != null) map[(t, name)] = (kind, t.Name + "." + name);
                }
                _credentialMembers = map;
            }
            if (map.Count == 0 || member.ContainingType == null) return null;
            return map.TryGetValue((member.ContainingType, member.Name), out var found) ? found : ((SecretKind, string)?)null;
        }

        private sealed class TypeAndNameComparer : IEqualityComparer<(INamedTypeSymbol Type, string Name)>
        {
            public static readonly TypeAndNameComparer Instance = new TypeAndNameComparer();
            public bool Equals((INamedTypeSymbol Type, string Name) x, (INamedTypeSymbol Type, string Name) y) =>
                x.Name == y.Name && SymbolEqualityComparer.Default.Equals(x.Type, y.Type);
            public int GetHashCode((INamedTypeSymbol Type, string Name) obj) =>
                SymbolEqualityComparer.Default.GetHashCode(obj.Type) * 31 + obj.Name.GetHashCode();
        }

        public INamedTypeSymbol? GatewayAttribute { get; }
        public INamedTypeSymbol? EndpointAttribute { get; }
        public INamedTypeSymbol? Credentials { get; }
        public INamedTypeSymbol? GatewayLogsClient { get; }
        public INamedTypeSymbol? GatewayRequestOptions { get; }
        public INamedTypeSymbol? GatewayLogMetadata { get; }
        public INamedTypeSymbol? ColorPalette { get; }
        /// <summary>The <c>/v2</c> routes' palette (lowercase presets; the same members as <see cref="ColorPalette"/>).</summary>
        public INamedTypeSymbol? ColorPaletteV2 { get; }
        public INamedTypeSymbol? ColorPaletteMember { get; }
        public INamedTypeSymbol? TimeSpan { get; }
        public INamedTypeSymbol? HttpHeaders { get; }
        public INamedTypeSymbol? AuthenticationHeaderValue { get; }
        public Dictionary<INamedTypeSymbol, ApiEnum> Vocabularies { get; }

        /// <summary>True when the compilation references the IdeogramGen runtime.</summary>
        public bool HasRuntime => GatewayAttribute != null || EndpointAttribute != null || Vocabularies.Count > 0;

        public ApiEnum? VocabularyOf(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol named)
            {
                if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && named.TypeArguments.Length == 1)
                    named = named.TypeArguments[0] as INamedTypeSymbol ?? named;
                if (Vocabularies.TryGetValue(named, out var e)) return e;
            }
            return null;
        }

        /// <summary>The endpoint a request type is sent to, from its <c>[IdeogramEndpoint(path)]</c>.</summary>
        public ApiEndpoint? EndpointOf(ITypeSymbol? type)
        {
            if (EndpointAttribute == null || !(type is INamedTypeSymbol named)) return null;
            // Looked up first: GetOrAdd with a lambda over this instance would allocate a delegate on every call.
            if (_endpoints.TryGetValue(named, out var known)) return known;
            return _endpoints.GetOrAdd(named, FindEndpoint(named, EndpointAttribute));
        }

        private static ApiEndpoint? FindEndpoint(INamedTypeSymbol type, INamedTypeSymbol endpointAttribute)
        {
            foreach (var a in type.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, endpointAttribute)
                    && a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is string path)
                    return IdeogramApi.FindEndpoint(path);
            }
            return null;
        }

        /// <summary>
        /// The nested request object of the description (<c>AssetIdentifier</c>, <c>V4PromptElement</c>, ...) whose
        /// generated class <paramref name="type"/> is, or null. The generator puts no attribute on these classes; they are
        /// found from the request types of their namespace: a field of an <c>[IdeogramEndpoint]</c> type (or of a nested
        /// object found so) whose <see cref="ApiField.Ref"/> names a request schema has that schema's class as its
        /// property type (or list item type). A class that merely has the same name elsewhere is not one.
        /// </summary>
        public ApiRequestSchema? RequestObjectOf(ITypeSymbol? type)
        {
            if (EndpointAttribute == null || !(type is INamedTypeSymbol named) || named.ContainingNamespace == null
                || !RequestObjectNames.Contains(named.Name)) return null;
            var candidate = IdeogramApi.FindRequestSchema(named.Name);
            if (candidate == null || candidate.TypeName != named.Name) return null;
            var map = _requestObjects.GetOrAdd(named.ContainingNamespace, RequestObjectsIn);
            return map.TryGetValue(named, out var schema) ? schema : null;
        }

        /// <summary>
        /// The description's field behind a property of a generated request type: an endpoint's request (the owner is
        /// the endpoint's path) or a nested request object (the owner is the schema's name), or null.
        /// </summary>
        public (string Owner, ApiField Field)? RequestFieldOf(IPropertySymbol property)
        {
            var type = property.ContainingType;
            ApiField[] fields;
            string owner;
            var endpoint = EndpointOf(type);
            if (endpoint != null)
            {
                fields = endpoint.Fields;
                owner = endpoint.Path;
            }
            else
            {
                var schema = RequestObjectOf(type);
                if (schema == null) return null;
                fields = schema.Fields;
                owner = schema.Name;
            }
            foreach (var f in fields)
                if (f.Member == property.Name) return (owner, f);
            return null;
        }

        private Dictionary<INamedTypeSymbol, ApiRequestSchema> RequestObjectsIn(INamespaceSymbol ns)
        {
            var map = new Dictionary<INamedTypeSymbol, ApiRequestSchema>(SymbolEqualityComparer.Default);
            var queue = new Queue<(INamedTypeSymbol Type, ApiField[] Fields)>();
            foreach (var t in ns.GetTypeMembers())
            {
                var endpoint = EndpointOf(t);
                if (endpoint != null) queue.Enqueue((t, endpoint.Fields));
            }
            while (queue.Count > 0)
            {
                var (owner, fields) = queue.Dequeue();
                foreach (var f in fields)
                {
                    if ((f.Kind != ValueKind.Object && f.Kind != ValueKind.ObjectArray) || f.Ref == null) continue;
                    var schema = IdeogramApi.FindRequestSchema(f.Ref);
                    if (schema == null) continue;
                    foreach (var member in owner.GetMembers(f.Member))
                    {
                        if (!(member is IPropertySymbol p) || !(p.Type is INamedTypeSymbol propertyType)) continue;
                        var t = f.Kind == ValueKind.Object ? propertyType
                            : propertyType.TypeArguments.Length == 1 ? propertyType.TypeArguments[0] as INamedTypeSymbol : null;
                        if (t == null || t.Name != schema.TypeName || map.ContainsKey(t)) continue;
                        map[t] = schema;
                        queue.Enqueue((t, schema.Fields));
                    }
                }
            }
            return map;
        }

        public bool IsOrDerives(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType == null) return false;
            for (var t = type; t != null; t = t.BaseType)
                if (SymbolEqualityComparer.Default.Equals(t, baseType)) return true;
            return false;
        }

        /// <summary>
        /// Resolves a type by metadata name, preferring the compilation's own definition, then the only accessible one
        /// among the references (a plain <c>GetTypeByMetadataName</c> gives null when several assemblies define the name).
        /// </summary>
        private static INamedTypeSymbol? Find(Compilation compilation, string metadataName)
        {
            var direct = compilation.GetTypeByMetadataName(metadataName);
            if (direct != null) return direct;
            INamedTypeSymbol? found = null;
            foreach (var t in compilation.GetTypesByMetadataName(metadataName))
            {
                if (SymbolEqualityComparer.Default.Equals(t.ContainingAssembly, compilation.Assembly)) return t;
                if (found != null) return null;
                found = t;
            }
            return found;
        }
    }
}
