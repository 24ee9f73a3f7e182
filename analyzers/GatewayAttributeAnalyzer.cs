using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IdeogramGen.Analyzers
{
    /// <summary>
    /// IDG0001–IDG0005: the class that carries <c>[IdeogramGateway]</c> and the attribute's arguments. These checks
    /// live here rather than in the generator so that the generator stays incremental.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class GatewayAttributeAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Length of a Cloudflare account id.</summary>
        internal const int AccountIdLength = 32;

        /// <summary>Longest gateway id Cloudflare accepts.</summary>
        internal const int MaxGatewayIdLength = 64;

        /// <summary>Diagnostic property: the fix that applies to IDG0001.</summary>
        internal const string FixKindProperty = "FixKind";

        internal const string FixKindPartial = "partial";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Rules.GatewayClassNotExtensible, Rules.AccountIdFormat, Rules.GatewayIdFormat, Rules.NonConstantArgument, Rules.DuplicateAttribute);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            // Most files declare no type with attributes (most hold no '[' at all, see TreeConcerns); the attribute type is
            // looked up only for a file that does (see KnownTypes.For), and a compilation without the runtime has no
            // candidates that carry it.
            context.RegisterSemanticModelAction(AnalyzeTree);
        }

        /// <summary>
        /// The type declarations of one file that carry attributes (most carry none, and those are skipped without a
        /// symbol): each one with <c>[IdeogramGateway]</c> is checked, and the findings located in this file are
        /// reported. Every finding sits on an application of the attribute or on the declaration that carries it, so
        /// a type declared in several files is reported once, by the file of each finding.
        /// </summary>
        private static void AnalyzeTree(SemanticModelAnalysisContext context)
        {
            // A file whose text holds no '[' declares nothing with an attribute, and one that cannot spell the
            // attribute's name applies it only through a global alias of another file.
            var tree = context.SemanticModel.SyntaxTree;
            var concerns = TreeConcerns.Of(tree);
            if ((concerns & Concerns.AttributeLists) == 0) return;
            // A script submission sees the usings and aliases of the submissions before it, which neither its text nor
            // its compilation's files show: there, every declaration with attributes is bound.
            bool script = tree.Options.Kind == SourceCodeKind.Script;
            if (!script && (concerns & Concerns.GatewayName) == 0 && !GatewayAttributeNames.HasGlobalAliases(context.SemanticModel.Compilation)) return;
            var root = (CompilationUnitSyntax)tree.GetRoot(context.CancellationToken);
            List<MemberDeclarationSyntax>? candidates = null;
            Collect(root.Members, ref candidates);
            if (candidates == null) return;
            // Only a declaration that applies an attribute by one of the names [IdeogramGateway] can have in this file
            // is bound: most attributed types carry [Serializable], [Obsolete], [JsonSerializable] and the like.
            if (!script)
            {
                HashSet<string>? names = null;
                int kept = 0;
                for (int i = 0; i < candidates.Count; i++)
                    if (MayApplyGateway(candidates[i], context.SemanticModel.Compilation, root, ref names)) candidates[kept++] = candidates[i];
                if (kept == 0) return;
                candidates.RemoveRange(kept, candidates.Count - kept);
            }
            var attributeType = KnownTypes.For(context.SemanticModel.Compilation).GatewayAttribute;
            if (attributeType != null) AnalyzeCandidates(context, candidates, attributeType);
        }

        private static void AnalyzeCandidates(SemanticModelAnalysisContext context, List<MemberDeclarationSyntax> candidates, INamedTypeSymbol attributeType)
        {
            var tree = context.SemanticModel.SyntaxTree;
            void Report(Diagnostic diagnostic)
            {
                if (diagnostic.Location.SourceTree == tree) context.ReportDiagnostic(diagnostic);
            }
            // Two partial declarations of one class in this file are one class.
            var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var declaration in candidates)
            {
                if (context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is INamedTypeSymbol type && seen.Add(type))
                    AnalyzeType(type, attributeType, Report, context.CancellationToken);
            }
        }

        /// <summary>
        /// Whether one of <paramref name="declaration"/>'s attributes is named so that it can bind to
        /// <c>[IdeogramGateway]</c> (see <see cref="GatewayAttributeNames"/>); the names of aliases are gathered only
        /// when an attribute is not plainly the attribute's own name, once per file.
        /// </summary>
        private static bool MayApplyGateway(MemberDeclarationSyntax declaration, Compilation compilation, CompilationUnitSyntax root, ref HashSet<string>? names)
        {
            foreach (var list in declaration.AttributeLists)
                foreach (var attribute in list.Attributes)
                {
                    var name = GatewayAttributeNames.RightmostName(attribute.Name);
                    if (name == null) continue;
                    if (GatewayAttributeNames.IsOwnName(name)) return true;
                    names ??= GatewayAttributeNames.ForFile(compilation, root);
                    if (names.Contains(name)) return true;
                }
            return false;
        }

        /// <summary>The declarations of named types with attribute lists, nested ones included; no member body is entered.</summary>
        private static void Collect(SyntaxList<MemberDeclarationSyntax> members, ref List<MemberDeclarationSyntax>? into)
        {
            foreach (var member in members)
            {
                switch (member)
                {
                    case BaseNamespaceDeclarationSyntax ns:
                        Collect(ns.Members, ref into);
                        break;
                    case BaseTypeDeclarationSyntax type:
                        if (type.AttributeLists.Count > 0) (into ??= new List<MemberDeclarationSyntax>()).Add(type);
                        if (type is TypeDeclarationSyntax withMembers) Collect(withMembers.Members, ref into);
                        break;
                    case DelegateDeclarationSyntax d when d.AttributeLists.Count > 0:
                        (into ??= new List<MemberDeclarationSyntax>()).Add(d);
                        break;
                }
            }
        }

        private static void AnalyzeType(INamedTypeSymbol type, INamedTypeSymbol attributeType, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            List<AttributeData>? applications = null;
            foreach (var a in type.GetAttributes())
                if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType)) (applications ??= new List<AttributeData>()).Add(a);
            if (applications == null) return;

            CheckDeclaration(report, type, applications[0], cancellationToken);
            for (int i = 1; i < applications.Count; i++)
            {
                var syntax = applications[i].ApplicationSyntaxReference?.GetSyntax(cancellationToken);
                if (syntax != null)
                    report(Diagnostic.Create(Rules.DuplicateAttribute, syntax.GetLocation(), type.Name));
            }
            foreach (var a in applications) CheckArguments(report, a, cancellationToken);
        }

        private static void CheckDeclaration(System.Action<Diagnostic> report, INamedTypeSymbol type, AttributeData attribute, System.Threading.CancellationToken cancellationToken)
        {
            string? reason = null;
            bool partialFixes = false;
            if (type.IsStatic) reason = "a static class cannot receive instance members";
            else if (type.Arity > 0) reason = "the generator does not extend generic classes";
            else if (!AllPartial(type, cancellationToken))
            {
                reason = "the class is not declared partial";
                partialFixes = true;
            }
            else
            {
                for (var outer = type.ContainingType; outer != null; outer = outer.ContainingType)
                {
                    if (outer.Arity > 0)
                    {
                        reason = $"it is nested in the generic type '{outer.Name}'";
                        partialFixes = false;
                        break;
                    }
                    if (!AllPartial(outer, cancellationToken))
                    {
                        reason = $"the containing type '{outer.Name}' is not declared partial";
                        partialFixes = true;
                        break;
                    }
                }
            }
            if (reason == null)
            {
                if (GeneratedNames.Contains(type.Name))
                    reason = $"its name is also the name of a member the generator adds ('{type.Name}'); rename the class";
                else
                    foreach (var member in type.GetMembers())
                        if (!member.IsImplicitlyDeclared && GeneratedNames.Contains(member.Name) && IsUserCode(member))
                        {
                            reason = $"it declares '{member.Name}', a name the generator adds; rename that member";
                            break;
                        }
            }
            if (reason == null) return;

            var location = IdentifierLocation(attribute, cancellationToken) ?? type.Locations[0];
            var properties = partialFixes
                ? ImmutableDictionary<string, string?>.Empty.Add(FixKindProperty, FixKindPartial)
                : ImmutableDictionary<string, string?>.Empty;
            report(Diagnostic.Create(Rules.GatewayClassNotExtensible, location, properties, type.Name, reason));
        }

        private static readonly HashSet<string> GeneratedNames = IdeogramGen.ApiDescription.IdeogramApi.GeneratedNames();

        private static bool IsUserCode(ISymbol member)
        {
            foreach (var r in member.DeclaringSyntaxReferences)
                if (!r.SyntaxTree.FilePath.EndsWith(".Ideogram.g.cs", System.StringComparison.Ordinal)) return true;
            return false;
        }

        private static Location? IdentifierLocation(AttributeData attribute, System.Threading.CancellationToken cancellationToken)
        {
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
            for (var n = syntax; n != null; n = n.Parent)
                if (n is TypeDeclarationSyntax t) return t.Identifier.GetLocation();
            return null;
        }

        private static bool AllPartial(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var r in type.DeclaringSyntaxReferences)
                if (r.GetSyntax(cancellationToken) is TypeDeclarationSyntax t && !t.Modifiers.Any(SyntaxKind.PartialKeyword))
                    return false;
            return true;
        }

        private static void CheckArguments(System.Action<Diagnostic> report, AttributeData attribute, System.Threading.CancellationToken cancellationToken)
        {
            if (!(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)) return;
            var args = syntax.ArgumentList?.Arguments ?? default;
            var positional = new List<AttributeArgumentSyntax>();
            foreach (var a in args)
                if (a.NameEquals == null && a.NameColon == null) positional.Add(a);
                else if (a.NameColon != null) positional.Add(a);
            if (positional.Count < 2) return;

            var accountSyntax = Find(positional, "accountId", 0);
            var gatewaySyntax = Find(positional, "gatewayId", 1);
            var values = attribute.ConstructorArguments;
            string? account = values.Length == 2 ? values[0].Value as string : null;
            string? gateway = values.Length == 2 ? values[1].Value as string : null;
            bool valid = values.Length == 2 && values[0].Kind != TypedConstantKind.Error && values[1].Kind != TypedConstantKind.Error;

            if (!valid || account == null)
                report(Diagnostic.Create(Rules.NonConstantArgument, accountSyntax.Expression.GetLocation(), "accountId"));
            else
                CheckAccount(report, account, accountSyntax.Expression.GetLocation());

            if (!valid || gateway == null)
                report(Diagnostic.Create(Rules.NonConstantArgument, gatewaySyntax.Expression.GetLocation(), "gatewayId"));
            else
                CheckGateway(report, gateway, gatewaySyntax.Expression);
        }

        private static AttributeArgumentSyntax Find(List<AttributeArgumentSyntax> args, string name, int index)
        {
            foreach (var a in args)
                if (a.NameColon != null && a.NameColon.Name.Identifier.ValueText == name) return a;
            return args[index];
        }

        private static void CheckAccount(System.Action<Diagnostic> report, string value, Location location)
        {
            string? problem = null;
            if (value.Length != AccountIdLength) problem = $"has {value.Length} characters";
            else
            {
                foreach (var c in value)
                    if (!IsHex(c))
                    {
                        problem = "contains a character that is not hexadecimal";
                        break;
                    }
            }
            if (problem != null) report(Diagnostic.Create(Rules.AccountIdFormat, location, problem));
        }

        private static void CheckGateway(System.Action<Diagnostic> report, string value, ExpressionSyntax expression)
        {
            var problem = GatewayIdProblem(value);
            if (problem == null) return;
            var properties = ImmutableDictionary<string, string?>.Empty;
            var lower = value.ToLowerInvariant();
            if (expression.IsKind(SyntaxKind.StringLiteralExpression) && lower != value && GatewayIdProblem(lower) == null)
                properties = properties.Add(DiagnosticProperties.Replacement, lower);
            report(Diagnostic.Create(Rules.GatewayIdFormat, expression.GetLocation(), properties, problem));
        }

        internal static string? GatewayIdProblem(string value)
        {
            if (value.Length == 0) return "is empty";
            if (value.Length > MaxGatewayIdLength) return $"has {value.Length} characters; at most {MaxGatewayIdLength} are allowed";
            foreach (var c in value)
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
                    return $"contains '{c}'; only lowercase letters, digits, '-' and '_' are allowed";
            return null;
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
