using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdeogramGen.Analyzers
{
    /// <summary>
    /// The names an attribute application in one file can give <c>[IdeogramGateway]</c>, so that only the declarations
    /// that apply one of them are bound. An attribute named <c>X</c> binds to a type named <c>X</c> or <c>XAttribute</c>
    /// (C# specification, §23.3 "Attribute specification"), and a using alias is the only way a type gets a second name:
    /// the set is the attribute's own name with and without its suffix, and every alias whose target ends in a name of
    /// the set, to any depth (<c>using A = IdeogramGen.IdeogramGatewayAttribute;</c> then <c>using B = A;</c> in a
    /// namespace). Aliases count from the file itself, at every level, and the global aliases of every file of the
    /// compilation. Scope is not followed, so the set is a superset: a declaration it lets through is still bound and
    /// its attributes compared by symbol. A script submission also sees the aliases of the submissions before it, so
    /// the analyzer does not use the set there.
    /// </summary>
    internal static class GatewayAttributeNames
    {
        /// <summary>The name an application writes without the suffix.</summary>
        internal const string ShortName = "IdeogramGateway";

        private const string Suffix = "Attribute";

        /// <summary>The attribute's type name.</summary>
        internal const string TypeName = ShortName + Suffix;

        /// <summary>The attribute's metadata name, as the rules look it up.</summary>
        internal const string MetadataName = "IdeogramGen." + TypeName;

        private static readonly ConditionalWeakTable<Compilation, HashSet<string>> GlobalNames = new ConditionalWeakTable<Compilation, HashSet<string>>();

        /// <summary>Whether a file of <paramref name="compilation"/> declares a global alias of the attribute, which any file can apply.</summary>
        internal static bool HasGlobalAliases(Compilation compilation) => GlobalNames.GetValue(compilation, ForCompilation).Count > 2;

        /// <summary>Whether an application spelt <paramref name="name"/> is, without any alias, the attribute.</summary>
        internal static bool IsOwnName(string name) => name == ShortName || name == TypeName;

        /// <summary>
        /// The names of the set that <paramref name="root"/>'s file can use: the attribute's own names, the global
        /// aliases of <paramref name="compilation"/> and the file's own aliases, all of them with and without the
        /// suffix.
        /// </summary>
        internal static HashSet<string> ForFile(Compilation compilation, CompilationUnitSyntax root)
        {
            var names = new HashSet<string>(GlobalNames.GetValue(compilation, ForCompilation), System.StringComparer.Ordinal);
            List<UsingDirectiveSyntax>? aliases = null;
            CollectAliases(root.Usings, global: false, ref aliases);
            CollectNamespaceAliases(root.Members, ref aliases);
            if (aliases != null) Close(names, aliases);
            return names;
        }

        /// <summary>The rightmost identifier of an attribute's name: <c>IdeogramGateway</c> of <c>global::IdeogramGen.IdeogramGateway</c>.</summary>
        internal static string? RightmostName(NameSyntax? name)
        {
            while (true)
            {
                switch (name)
                {
                    case SimpleNameSyntax simple:
                        return simple.Identifier.ValueText;
                    case QualifiedNameSyntax qualified:
                        name = qualified.Right;
                        break;
                    case AliasQualifiedNameSyntax aliasQualified:
                        name = aliasQualified.Name;
                        break;
                    default:
                        return null;
                }
            }
        }

        private static HashSet<string> ForCompilation(Compilation compilation)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal) { TypeName, ShortName };
            List<UsingDirectiveSyntax>? aliases = null;
            foreach (var tree in compilation.SyntaxTrees)
                if (tree.GetRoot() is CompilationUnitSyntax root) CollectAliases(root.Usings, global: true, ref aliases);
            if (aliases != null) Close(names, aliases);
            return names;
        }

        private static void CollectAliases(SyntaxList<UsingDirectiveSyntax> usings, bool global, ref List<UsingDirectiveSyntax>? into)
        {
            foreach (var u in usings)
                if (u.Alias != null && u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) == global)
                    (into ??= new List<UsingDirectiveSyntax>()).Add(u);
        }

        private static void CollectNamespaceAliases(SyntaxList<MemberDeclarationSyntax> members, ref List<UsingDirectiveSyntax>? into)
        {
            foreach (var member in members)
            {
                if (member is BaseNamespaceDeclarationSyntax ns)
                {
                    CollectAliases(ns.Usings, global: false, ref into);
                    CollectNamespaceAliases(ns.Members, ref into);
                }
            }
        }

        /// <summary>Adds every alias whose target ends in a name of the set, until no alias adds one.</summary>
        private static void Close(HashSet<string> names, List<UsingDirectiveSyntax> aliases)
        {
            bool added = true;
            while (added)
            {
                added = false;
                foreach (var alias in aliases)
                {
                    var target = RightmostName(alias.Name);
                    if (target == null || !names.Contains(target)) continue;
                    var name = alias.Alias!.Name.Identifier.ValueText;
                    if (names.Add(name)) added = true;
                    if (name.Length > Suffix.Length && name.EndsWith(Suffix, System.StringComparison.Ordinal))
                        names.Add(name.Substring(0, name.Length - Suffix.Length));
                }
            }
        }
    }
}
