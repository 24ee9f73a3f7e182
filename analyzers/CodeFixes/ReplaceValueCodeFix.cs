using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using IdeogramGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdeogramGen.CodeFixes
{
    /// <summary>
    /// IDG0003, IDG0101, IDG0103, IDG0104, IDG0106: replaces a string literal with the value the analyzer computed (the
    /// lowercase gateway id, the nearest known model or vocabulary value, the replacement of an obsolete value, the v2
    /// path with the model slug it means).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceValueCodeFix)), Shared]
    public sealed class ReplaceValueCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            Rules.GatewayIdFormatId, Rules.UnknownModelId, Rules.UnknownValueId, Rules.ObsoleteValueId, Rules.UnknownV2ModelId);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Replacement, out var replacement) || replacement == null) continue;
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (!(node is LiteralExpressionSyntax literal) || !literal.IsKind(SyntaxKind.StringLiteralExpression)) continue;
                var title = $"Use '{replacement}'";
                context.RegisterCodeFix(
                    CodeAction.Create(title, _ =>
                    {
                        var updated = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(replacement))
                            .WithTriviaFrom(literal);
                        return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, updated)));
                    }, nameof(ReplaceValueCodeFix) + ":" + diagnostic.Id),
                    diagnostic);
            }
        }
    }
}
