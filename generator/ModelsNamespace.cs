using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace IdeogramGen.Generator
{
    /// <summary>
    /// Where the request and response types go: <c>IdeogramGen.Generated.&lt;assembly name as an identifier&gt;</c>, or
    /// the namespace the MSBuild property <c>IdeogramGenModelsNamespace</c> names. One namespace per assembly, so two
    /// assemblies that each hold a client never declare the same type, and no user namespace is touched by default.
    /// </summary>
    internal static class ModelsNamespace
    {
        /// <summary>The analyzer-config key of the MSBuild property (made visible by build/IdeogramGen.props).</summary>
        public const string PropertyKey = "build_property.IdeogramGenModelsNamespace";

        /// <summary>The prefix of the default namespace.</summary>
        public const string DefaultPrefix = "IdeogramGen.Generated.";

        /// <summary>
        /// The models namespace: the property's value when set (each dot-separated part made a valid identifier),
        /// otherwise the default for the assembly name.
        /// </summary>
        public static string Resolve(string? property, string? assemblyName)
        {
            var configured = property?.Trim();
            if (!string.IsNullOrEmpty(configured))
            {
                if (configured!.StartsWith("global::", System.StringComparison.Ordinal)) configured = configured.Substring("global::".Length);
                var parts = new List<string>();
                foreach (var part in configured.Split('.'))
                    if (part.Trim().Length > 0) parts.Add(Identifier(part.Trim()));
                if (parts.Count > 0) return string.Join(".", parts);
            }
            return DefaultPrefix + Identifier(string.IsNullOrEmpty(assemblyName) ? "Assembly" : assemblyName!);
        }

        /// <summary>A name as one C# identifier: characters an identifier cannot hold become '_'; keywords get '@'.</summary>
        public static string Identifier(string name)
        {
            var sb = new StringBuilder(name.Length + 1);
            foreach (var c in name) sb.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
            if (sb.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(sb[0])) sb.Insert(0, '_');
            var text = sb.ToString();
            return SyntaxFacts.GetKeywordKind(text) != SyntaxKind.None ? "@" + text : text;
        }
    }
}
