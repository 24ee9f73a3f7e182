using System.Collections.Generic;
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
    /// IDG0303: an environment variable's name passed as a secret. <c>new IdeogramCredentials("IDEOGRAM_API_KEY")</c>
    /// becomes <c>IdeogramCredentials.FromEnvironment()</c> (naming the variables only when they are not the defaults);
    /// elsewhere the name is wrapped in <c>Environment.GetEnvironmentVariable</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReadVariableCodeFix)), Shared]
    public sealed class ReadVariableCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rules.VariableNameAsSecretId);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax expression)) continue;
                diagnostic.Properties.TryGetValue(DiagnosticProperties.EnvironmentVariable, out var variable);
                if (variable == null) continue;
                if (diagnostic.Properties.TryGetValue(DiagnosticProperties.ApiKeyVariable, out var key) && key != null
                    && diagnostic.Properties.TryGetValue(DiagnosticProperties.GatewayTokenVariable, out var token) && token != null
                    && expression.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is BaseObjectCreationExpressionSyntax creation)
                {
                    var call = FromEnvironment(key, token);
                    context.RegisterCodeFix(
                        CodeAction.Create($"Use {call.ToString().Replace("global::IdeogramGen.", "")}",
                            ct => ReplaceAsync(context.Document, creation, call, ct),
                            nameof(ReadVariableCodeFix) + ":FromEnvironment"),
                        diagnostic);
                    continue;
                }
                diagnostic.Properties.TryGetValue(DiagnosticProperties.SchemePrefix, out var prefix);
                context.RegisterCodeFix(
                    CodeAction.Create($"Read the environment variable {variable}",
                        ct => ReplaceAsync(context.Document, expression, WithPrefix(prefix, ReadSecretCodeFix.EnvironmentRead(variable)), ct),
                        nameof(ReadVariableCodeFix) + ":environment"),
                    diagnostic);
            }
        }

        private static ExpressionSyntax FromEnvironment(string key, string token)
        {
            var arguments = new List<ArgumentSyntax>();
            if (key != HardCodedSecretAnalyzer.ApiKeyVariable || token != HardCodedSecretAnalyzer.TokenVariable) arguments.Add(Literal(key));
            if (token != HardCodedSecretAnalyzer.TokenVariable) arguments.Add(Literal(token));
            return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                        SyntaxFactory.ParseExpression("global::IdeogramGen.IdeogramCredentials").WithAdditionalAnnotations(Simplifier.Annotation),
                        SyntaxFactory.IdentifierName("FromEnvironment")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)))
                .WithAdditionalAnnotations(Simplifier.Annotation);
        }

        private static ArgumentSyntax Literal(string value) =>
            SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value)));

        private static ExpressionSyntax WithPrefix(string? prefix, ExpressionSyntax read) =>
            string.IsNullOrEmpty(prefix)
                ? read
                : SyntaxFactory.BinaryExpression(SyntaxKind.AddExpression,
                    SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(prefix!)), read);

        private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax old, ExpressionSyntax replacement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root == null) return document;
            var updated = document.WithSyntaxRoot(root.ReplaceNode(old, replacement.WithTriviaFrom(old)));
            return await Simplifier.ReduceAsync(updated, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
