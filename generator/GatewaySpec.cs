using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdeogramGen.Generator
{
    /// <summary>A type that contains the annotated class (for nested classes), outermost first.</summary>
    internal sealed record ContainingType(string Keyword, string Name) : System.IEquatable<ContainingType>;

    /// <summary>
    /// Everything the generator needs to know about one <c>[IdeogramGateway]</c> class.
    /// </summary>
    /// <remarks>
    /// Equality contract: only strings, numbers and <see cref="EquatableArray{T}"/> of records — no symbols, syntax
    /// nodes, locations or compilations — so an edit that does not change these values leaves the pipeline cached.
    /// </remarks>
    internal sealed record GatewaySpec(
        string Namespace,
        EquatableArray<ContainingType> Containers,
        string ClassName,
        string ClassKeyword,
        string AccountId,
        string GatewayId,
        int Endpoints,
        bool Public,
        string HintName)
    {
        /// <summary>All families (the attribute's default).</summary>
        public static readonly int AllEndpoints = IdeogramGen.ApiDescription.ApiFamilies.AllFlags;

        /// <summary>
        /// Reads the attribute and the class. Returns null for a class the generator cannot extend (not partial, inside a
        /// non-partial type, generic, static) or with non-constant arguments; analyzer IDG0001/IDG0004 report those.
        /// </summary>
        public static GatewaySpec? Create(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax)
                return null;
            if (type.IsStatic || type.IsGenericType || type.IsValueType || !IsPartial(type, cancellationToken)) return null;
            if (GeneratedNames.Contains(type.Name) || HasGeneratedName(type)) return null;

            var containers = new List<ContainingType>();
            for (var outer = type.ContainingType; outer != null; outer = outer.ContainingType)
            {
                if (outer.IsGenericType || !IsPartial(outer, cancellationToken)) return null;
                containers.Insert(0, new ContainingType(Keyword(outer), Escape(outer.Name)));
            }

            if (context.Attributes.Length != 1) return null;
            // The attribute on two declarations of one class (CS0579, IDG0005): generate nothing rather than twice.
            int applied = 0;
            foreach (var a in type.GetAttributes())
                if (a.AttributeClass?.ToDisplayString() == IdeogramGatewayGenerator.AttributeMetadataName) applied++;
            if (applied > 1) return null;
            var attribute = context.Attributes[0];
            if (attribute.ConstructorArguments.Length != 2) return null;
            if (attribute.ConstructorArguments[0].Value is not string accountId || attribute.ConstructorArguments[1].Value is not string gatewayId)
                return null;
            int endpoints = AllEndpoints;
            foreach (var named in attribute.NamedArguments)
                if (named.Key == "Families" && named.Value.Value is int flags) endpoints = flags & AllEndpoints;

            var namespaces = new List<string>();
            for (var n = type.ContainingNamespace; n != null && !n.IsGlobalNamespace; n = n.ContainingNamespace) namespaces.Insert(0, n.Name);
            var outerNames = new List<string>();
            for (var outer = type.ContainingType; outer != null; outer = outer.ContainingType) outerNames.Insert(0, outer.Name);
            var hintName = string.Join(".", namespaces.Concat(outerNames).Concat(new[] { type.Name })) + ".Ideogram.g.cs";
            return new GatewaySpec(string.Join(".", namespaces.Select(Escape)), new EquatableArray<ContainingType>(containers), Escape(type.Name), Keyword(type),
                accountId, gatewayId, endpoints, IsVisibleOutside(type), hintName);
        }

        /// <summary>True when code outside the assembly can see the class (public or protected, in visible containers).</summary>
        private static bool IsVisibleOutside(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? t = type; t != null; t = t.ContainingType)
                if (t.DeclaredAccessibility != Accessibility.Public && t.DeclaredAccessibility != Accessibility.Protected
                    && t.DeclaredAccessibility != Accessibility.ProtectedOrInternal)
                    return false;
            return true;
        }

        private static readonly HashSet<string> GeneratedNames = IdeogramGen.ApiDescription.IdeogramApi.GeneratedNames();

        private static bool HasGeneratedName(INamedTypeSymbol type)
        {
            foreach (var member in type.GetMembers())
                if (!member.IsImplicitlyDeclared && GeneratedNames.Contains(member.Name) && member.Locations.Length > 0 && member.Locations[0].IsInSource
                    && !(member.DeclaringSyntaxReferences.Length > 0 && member.DeclaringSyntaxReferences[0].SyntaxTree.FilePath.EndsWith(".Ideogram.g.cs", System.StringComparison.Ordinal)))
                    return true;
            return false;
        }

        /// <summary>An identifier as C# source: keywords get '@' (<c>@event</c>).</summary>
        private static string Escape(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.VarKeyword ? "@" + name : name;

        private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration)
                    foreach (var modifier in declaration.Modifiers)
                        if (modifier.IsKind(SyntaxKind.PartialKeyword)) return true;
            return false;
        }

        private static string Keyword(INamedTypeSymbol type) =>
            type.IsRecord ? (type.IsValueType ? "record struct" : "record")
            : type.TypeKind == TypeKind.Struct ? "struct"
            : type.TypeKind == TypeKind.Interface ? "interface"
            : "class";
    }

    /// <summary>
    /// What every generated file depends on besides its own class: the models namespace and whether the consumer's
    /// language version has nullable annotations (C# 8 and later).
    /// </summary>
    internal sealed record OutputOptions(string ModelsNamespace, bool NullableAnnotations);

    /// <summary>
    /// What the models file depends on: the union of the families the compilation's classes select, and whether any
    /// of those classes is visible outside the assembly (then the models are public, else internal).
    /// </summary>
    internal sealed record ModelsSpec(int Families, bool Public);
}
