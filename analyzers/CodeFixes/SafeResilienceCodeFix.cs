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
    /// <summary>IDG0402: <c>.AddStandardResilienceHandler(...)</c> → <c>.AddIdeogramResilienceHandler(...)</c>, arguments kept.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SafeResilienceCodeFix)), Shared]
    public sealed class SafeResilienceCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rules.UnsafeResilienceHandlerId);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(ResilienceHandlerAnalyzer.RenameProperty, out var method) || method == null) continue;
                if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is SimpleNameSyntax name)) continue;
                context.RegisterCodeFix(
                    CodeAction.Create($"Use {method}() (never re-sends a request that may have been billed)", _ =>
                    {
                        var renamed = SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(name.Identifier.LeadingTrivia, method, name.Identifier.TrailingTrivia));
                        return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(name, renamed)));
                    }, nameof(SafeResilienceCodeFix)),
                    diagnostic);
            }
        }
    }
}
