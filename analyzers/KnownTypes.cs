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

        private readonly Compilation _compilation;

        private KnownTypes(Compilation compilation)
        {
            _compilation = compilation;
            GatewayAttribute = Find(compilation, "IdeogramGen.IdeogramGatewayAttribute");
            EndpointAttribute = Find(compilation, "IdeogramGen.IdeogramEndpointAttribute");
            Credentials = Find(compilation, "IdeogramGen.IdeogramCredentials");
            GatewayLogsClient = Find(compilation, "IdeogramGen.GatewayLogsClient");
            GatewayRequestOptions = Find(compilation, "IdeogramGen.GatewayRequestOptions");
            GatewayLogMetadata = Find(compilation, "IdeogramGen.GatewayLogMetadata");
            ColorPalette = Find(compilation, "IdeogramGen.ColorPalette");
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

        public static KnownTypes Create(Compilation compilation) => new KnownTypes(compilation);

        /// <summary>
        /// Members that hold a credential: (type metadata name, member, what it holds). Options types that are not
        /// referenced by a compilation are simply absent.
        /// </summary>
        private static readonly (string Type, string Member, SecretKind Kind)[] CredentialMembers =
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
            return _endpoints.GetOrAdd(named, t =>
            {
                foreach (var a in t.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, EndpointAttribute)
                        && a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is string path)
                        return IdeogramApi.FindEndpoint(path);
                }
                return null;
            });
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
