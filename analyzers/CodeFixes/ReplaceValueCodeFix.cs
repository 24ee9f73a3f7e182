using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace IdeogramGen.CodeFixes
{
    /// <summary>
    /// IDG0003, IDG0101, IDG0103, IDG0104, IDG0106: replaces a string literal with the value the analyzer computed (the
    /// lowercase gateway id, the nearest known model or vocabulary value, the replacement of an obsolete value, the v2
    /// path with the model slug it means). IDG0107: replaces the "not set" value of a required field (<c>default</c>,
    /// <c>default(T)</c>, <c>new T()</c>, <c>null</c>) with the vocabulary member of the field's documented default, or
    /// of its first accepted value (<c>IdeogramModel.V2</c>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceValueCodeFix)), Shared]
    public sealed class ReplaceValueCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            Rules.GatewayIdFormatId, Rules.UnknownModelId, Rules.UnknownValueId, Rules.ObsoleteValueId, Rules.UnknownV2ModelId,
            Rules.RequiredValueUnsetId);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Replacement, out var replacement) || replacement == null) continue;
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var title = $"Use '{replacement}'";
                var key = nameof(ReplaceValueCodeFix) + ":" + diagnostic.Id;
                if (diagnostic.Id == Rules.RequiredValueUnsetId)
                {
                    if (!(node is ExpressionSyntax unset)) continue;
                    diagnostic.Properties.TryGetValue(DiagnosticProperties.ReplacementMember, out var member);
                    context.RegisterCodeFix(
                        CodeAction.Create(title, ct => ReplaceAsync(context.Document, unset, Value(replacement, member), ct), key),
                        diagnostic);
                    continue;
                }
                if (!(node is LiteralExpressionSyntax literal) || !literal.IsKind(SyntaxKind.StringLiteralExpression)) continue;
                context.RegisterCodeFix(
                    CodeAction.Create(title, _ =>
                    {
                        var updated = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(replacement))
                            .WithTriviaFrom(literal);
                        return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, updated)));
                    }, key),
                    diagnostic);
            }
        }

        /// <summary>The vocabulary member (<c>global::IdeogramGen.IdeogramModel.V2</c>, simplified), else the literal, which converts implicitly.</summary>
        private static ExpressionSyntax Value(string replacement, string? member)
        {
            if (member != null && SyntaxFactory.ParseExpression(member) is MemberAccessExpressionSyntax access)
                return SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                        access.Expression.WithAdditionalAnnotations(Simplifier.Annotation), access.Name)
                    .WithAdditionalAnnotations(Simplifier.Annotation);
            return SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(replacement));
        }

        private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax old, ExpressionSyntax replacement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root == null) return document;
            var updated = document.WithSyntaxRoot(root.ReplaceNode(old, replacement.WithTriviaFrom(old)));
            return await Simplifier.ReduceAsync(updated, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
