using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace IdeogramGen.CodeFixes
{
    /// <summary>
    /// IDG0301: replaces a hard-coded secret with <c>Environment.GetEnvironmentVariable("IDEOGRAM_API_KEY")</c> (or
    /// <c>CF_AIG_TOKEN</c>) and, when an <c>IConfiguration</c> is in scope, offers <c>configuration["Ideogram:ApiKey"]</c>.
    /// An authentication scheme in front of the value (<c>"Bearer " + ...</c>) is kept.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReadSecretCodeFix)), Shared]
    public sealed class ReadSecretCodeFix : CodeFixProvider
    {
        private const string ConfigurationInterface = "Microsoft.Extensions.Configuration.IConfiguration";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rules.HardCodedSecretId);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax expression)) continue;
                diagnostic.Properties.TryGetValue(DiagnosticProperties.EnvironmentVariable, out var variable);
                diagnostic.Properties.TryGetValue(DiagnosticProperties.ConfigurationKey, out var key);
                diagnostic.Properties.TryGetValue(DiagnosticProperties.SchemePrefix, out var prefix);
                if (variable == null || key == null) continue;
                var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                var nonNull = model != null && NeedsNonNull(model, expression, context.CancellationToken);

                context.RegisterCodeFix(
                    CodeAction.Create($"Read the secret from the environment variable {variable}",
                        ct => ReplaceAsync(context.Document, expression, nonNull ? OrThrow(EnvironmentRead(variable), variable) : EnvironmentRead(variable), prefix, ct),
                        nameof(ReadSecretCodeFix) + ":environment"),
                    diagnostic);

                var configuration = await FindConfigurationAsync(context.Document, expression, context.CancellationToken).ConfigureAwait(false);
                if (configuration != null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create($"Read the secret from {configuration}[\"{key}\"]",
                            ct => ReplaceAsync(context.Document, expression, ConfigurationRead(configuration, key), prefix, ct),
                            nameof(ReadSecretCodeFix) + ":configuration"),
                        diagnostic);
                }
            }
        }

        internal static ExpressionSyntax EnvironmentRead(string variable) =>
            SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                        SyntaxFactory.ParseExpression("global::System.Environment").WithAdditionalAnnotations(Simplifier.Annotation),
                        SyntaxFactory.IdentifierName("GetEnvironmentVariable")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                        SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(variable))))))
                .WithAdditionalAnnotations(Simplifier.Annotation);

        /// <summary>
        /// True when the expression goes where nullable analysis wants a non-null string (the
        /// <c>GatewayLogsClient</c> token, a non-nullable property): the read then throws a clear error when unset.
        /// </summary>
        internal static bool NeedsNonNull(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
        {
            if ((model.GetNullableContext(expression.SpanStart) & NullableContext.WarningsEnabled) == 0) return false;
            var operation = model.GetOperation(expression, cancellationToken);
            while (operation?.Parent is IConversionOperation c && c.OperatorMethod == null) operation = c;
            ITypeSymbol? target = operation?.Parent switch
            {
                IArgumentOperation a => a.Parameter?.Type,
                ISimpleAssignmentOperation s when s.Value == operation => s.Target.Type,
                _ => null,
            };
            return target != null && target.SpecialType == SpecialType.System_String && target.NullableAnnotation == NullableAnnotation.NotAnnotated;
        }

        /// <summary><c>read ?? throw new InvalidOperationException("The environment variable X is not set.")</c>.</summary>
        internal static ExpressionSyntax OrThrow(ExpressionSyntax read, string variable) =>
            SyntaxFactory.BinaryExpression(SyntaxKind.CoalesceExpression, read,
                SyntaxFactory.ThrowExpression(SyntaxFactory.ObjectCreationExpression(
                        SyntaxFactory.ParseTypeName("global::System.InvalidOperationException").WithAdditionalAnnotations(Simplifier.Annotation))
                    .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                        SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal($"The environment variable {variable} is not set."))))))));

        private static ExpressionSyntax ConfigurationRead(string configuration, string key) =>
            SyntaxFactory.ElementAccessExpression(
                SyntaxFactory.IdentifierName(configuration),
                SyntaxFactory.BracketedArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                    SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(key))))));

        private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax expression, ExpressionSyntax read, string? prefix, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root == null) return document;
            ExpressionSyntax replacement = read;
            if (!string.IsNullOrEmpty(prefix))
                replacement = SyntaxFactory.BinaryExpression(SyntaxKind.AddExpression,
                    SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(prefix!)), read);
            var updated = document.WithSyntaxRoot(root.ReplaceNode(expression, replacement.WithTriviaFrom(expression)));
            return await Simplifier.ReduceAsync(updated, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The name of a local, parameter, field or property of type <c>IConfiguration</c> visible at the expression.</summary>
        private static async Task<string?> FindConfigurationAsync(Document document, ExpressionSyntax expression, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var configuration = model?.Compilation.GetTypeByMetadataName(ConfigurationInterface);
            if (model == null || configuration == null) return null;
            var inStaticContext = model.GetEnclosingSymbol(expression.SpanStart, cancellationToken)?.IsStatic ?? false;
            foreach (var symbol in model.LookupSymbols(expression.SpanStart))
            {
                ITypeSymbol? type;
                switch (symbol)
                {
                    case ILocalSymbol l: type = l.Type; break;
                    case IParameterSymbol p: type = p.Type; break;
                    case IFieldSymbol f when !inStaticContext || f.IsStatic: type = f.Type; break;
                    case IPropertySymbol pr when !inStaticContext || pr.IsStatic: type = pr.Type; break;
                    default: continue;
                }
                if (type == null) continue;
                if (SymbolEqualityComparer.Default.Equals(type, configuration) || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, configuration)))
                {
                    if (symbol is ILocalSymbol && symbol.Locations.Length > 0 && symbol.Locations[0].SourceSpan.Start > expression.SpanStart) continue;
                    return symbol.Name;
                }
            }
            return null;
        }
    }
}
