using System;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IdeogramGen.Analyzers
{
    /// <summary>
    /// IDG0301: a constant Ideogram API key or Cloudflare token that reaches a credential sink. Sinks are known
    /// exactly (the <c>IdeogramCredentials</c> constructor, <c>GatewayRequestOptions.GatewayToken</c>, the
    /// <c>Api-Key</c>, <c>cf-aig-authorization</c> and <c>Authorization</c> headers, <c>AuthenticationHeaderValue</c>);
    /// a member or parameter only named like a credential needs a second signal, a token-shaped high-entropy value.
    /// The value is never put in the message.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HardCodedSecretAnalyzer : DiagnosticAnalyzer
    {
        internal const string ExemptTestProjectsOption = "ideogramgen.secrets.exempt_test_projects";
        internal const string IsTestProjectProperty = "build_property.IsTestProject";
        internal const string ApiKeyVariable = "IDEOGRAM_API_KEY";
        internal const string TokenVariable = "CF_AIG_TOKEN";
        internal const string ApiKeyConfigurationKey = "Ideogram:ApiKey";
        internal const string TokenConfigurationKey = "Ideogram:GatewayToken";

        private static readonly string[] TestFrameworks =
        {
            "xunit.core", "xunit.assert", "xunit.v3.core", "xunit.v3.assert", "nunit.framework",
            "Microsoft.VisualStudio.TestPlatform.TestFramework", "MSTest.TestFramework",
        };

        private const int MaxDepth = 8;

        private enum SecretKind { ApiKey, Token }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rules.HardCodedSecret);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = KnownTypes.Create(start.Compilation);
                var options = start.Options.AnalyzerConfigOptionsProvider;
                bool isTestProject = IsTestProject(start.Compilation, options);
                bool Skip(OperationAnalysisContext c) => isTestProject && TestProjectsExempt(options, c.Operation.Syntax.SyntaxTree);
                start.RegisterOperationAction(c => { if (!Skip(c)) AnalyzeCreation(c, types); }, OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => { if (!Skip(c)) AnalyzeInvocation(c, types); }, OperationKind.Invocation);
                start.RegisterOperationAction(c => { if (!Skip(c)) AnalyzeAssignment(c, types); }, OperationKind.SimpleAssignment);
            });
        }

        internal static bool IsTestProject(Compilation compilation, AnalyzerConfigOptionsProvider options)
        {
            if (options.GlobalOptions.TryGetValue(IsTestProjectProperty, out var v) && string.Equals(v.Trim(), "true", StringComparison.OrdinalIgnoreCase))
                return true;
            foreach (var name in compilation.ReferencedAssemblyNames)
                foreach (var f in TestFrameworks)
                    if (string.Equals(name.Name, f, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        internal static bool TestProjectsExempt(AnalyzerConfigOptionsProvider options, SyntaxTree? tree)
        {
            string? value = null;
            if (tree != null && options.GetOptions(tree).TryGetValue(ExemptTestProjectsOption, out var local)) value = local;
            else if (options.GlobalOptions.TryGetValue(ExemptTestProjectsOption, out var global)) value = global;
            return value == null || !string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase);
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, KnownTypes types)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var type = creation.Constructor?.ContainingType;
            if (type == null) return;
            if (types.Credentials != null && SymbolEqualityComparer.Default.Equals(type, types.Credentials))
            {
                foreach (var a in creation.Arguments)
                {
                    if (a.ArgumentKind != ArgumentKind.Explicit || a.Parameter == null) continue;
                    if (a.Parameter.Name == "apiKey") CheckSink(context, a.Value, SecretKind.ApiKey, "the IdeogramCredentials apiKey parameter");
                    else if (a.Parameter.Name == "gatewayToken") CheckSink(context, a.Value, SecretKind.Token, "the IdeogramCredentials gatewayToken parameter");
                }
                return;
            }
            if (types.AuthenticationHeaderValue != null && SymbolEqualityComparer.Default.Equals(type, types.AuthenticationHeaderValue))
            {
                var parameter = Operations.Argument(creation.Arguments, "parameter");
                if (parameter != null && parameter.ArgumentKind == ArgumentKind.Explicit)
                    CheckSink(context, parameter.Value, SecretKind.Token, "an AuthenticationHeaderValue");
                return;
            }
            CheckNamedArguments(context, creation.Arguments);
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, KnownTypes types)
        {
            var call = (IInvocationOperation)context.Operation;
            var method = call.TargetMethod;
            if ((method.Name == "Add" || method.Name == "TryAddWithoutValidation") && call.Instance != null
                && types.IsOrDerives(call.Instance.Type, types.HttpHeaders))
            {
                var name = Operations.Argument(call.Arguments, "name");
                var value = Operations.Argument(call.Arguments, "value");
                if (name == null || value == null || !(name.Value.ConstantValue.Value is string header)
                    || value.Value.Type?.SpecialType != SpecialType.System_String)
                    return;
                if (string.Equals(header, "Api-Key", StringComparison.OrdinalIgnoreCase))
                    CheckSink(context, value.Value, SecretKind.ApiKey, "the Api-Key header");
                else if (string.Equals(header, "cf-aig-authorization", StringComparison.OrdinalIgnoreCase))
                    CheckSink(context, value.Value, SecretKind.Token, "the cf-aig-authorization header");
                else if (string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase))
                    CheckSink(context, value.Value, SecretKind.Token, "the Authorization header");
                return;
            }
            CheckNamedArguments(context, call.Arguments);
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, KnownTypes types)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            ISymbol? member = assignment.Target switch
            {
                IPropertyReferenceOperation p => p.Property,
                IFieldReferenceOperation f => f.Field,
                _ => null,
            };
            if (member == null || assignment.Value.Type?.SpecialType != SpecialType.System_String) return;
            if (types.GatewayRequestOptions != null && member.Name == "GatewayToken"
                && SymbolEqualityComparer.Default.Equals(member.ContainingType, types.GatewayRequestOptions))
            {
                CheckSink(context, assignment.Value, SecretKind.Token, "GatewayRequestOptions.GatewayToken");
                return;
            }
            if (SecretHeuristics.IsSecretName(member.Name))
                CheckNamed(context, assignment.Value, member.Name);
        }

        private static void CheckNamedArguments(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var a in arguments)
                if (a.ArgumentKind == ArgumentKind.Explicit && a.Parameter != null && a.Parameter.Type.SpecialType == SpecialType.System_String
                    && SecretHeuristics.IsSecretName(a.Parameter.Name))
                    CheckNamed(context, a.Value, a.Parameter.Name);
        }

        private static void CheckSink(OperationAnalysisContext context, IOperation value, SecretKind kind, string sink)
        {
            if (!TryResolve(value, 0, out var text) || text == null) return;
            var secret = SecretHeuristics.StripScheme(text, out var prefix);
            if (SecretHeuristics.IsExempt(secret)) return;
            Report(context, value, kind, sink, prefix);
        }

        private static void CheckNamed(OperationAnalysisContext context, IOperation value, string name)
        {
            if (!TryResolve(value, 0, out var text) || text == null) return;
            var secret = SecretHeuristics.StripScheme(text, out var prefix);
            if (SecretHeuristics.IsExempt(secret) || !SecretHeuristics.LooksLikeToken(secret)) return;
            var kind = name.IndexOf("token", StringComparison.OrdinalIgnoreCase) >= 0 ? SecretKind.Token : SecretKind.ApiKey;
            Report(context, value, kind, "'" + name + "'", prefix);
        }

        private static void Report(OperationAnalysisContext context, IOperation value, SecretKind kind, string sink, string prefix)
        {
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticProperties.EnvironmentVariable, kind == SecretKind.ApiKey ? ApiKeyVariable : TokenVariable)
                .Add(DiagnosticProperties.ConfigurationKey, kind == SecretKind.ApiKey ? ApiKeyConfigurationKey : TokenConfigurationKey)
                .Add(DiagnosticProperties.SchemePrefix, prefix);
            var what = kind == SecretKind.ApiKey ? "Ideogram API key" : "Cloudflare or bearer token";
            context.ReportDiagnostic(Diagnostic.Create(Rules.HardCodedSecret, value.Syntax.GetLocation(), properties, what, sink));
        }

        /// <summary>
        /// The constant text of an expression, following const and static readonly fields initialised with a literal,
        /// locals that are never reassigned, concatenation and interpolation. False when any part is not constant.
        /// </summary>
        internal static bool TryResolve(IOperation operation, int depth, out string? value)
        {
            value = null;
            if (depth > MaxDepth) return false;
            if (operation.ConstantValue.HasValue)
            {
                value = operation.ConstantValue.Value as string;
                return operation.ConstantValue.Value == null || value != null;
            }
            switch (operation)
            {
                case IConversionOperation c when c.OperatorMethod == null:
                    return TryResolve(c.Operand, depth + 1, out value);
                case IParenthesizedOperation p:
                    return TryResolve(p.Operand, depth + 1, out value);
                case IBinaryOperation b when b.OperatorKind == BinaryOperatorKind.Add && b.Type?.SpecialType == SpecialType.System_String:
                    if (TryResolve(b.LeftOperand, depth + 1, out var left) && TryResolve(b.RightOperand, depth + 1, out var right))
                    {
                        value = (left ?? "") + (right ?? "");
                        return true;
                    }
                    return false;
                case IInterpolatedStringOperation s:
                    var sb = new StringBuilder();
                    foreach (var part in s.Parts)
                    {
                        if (part is IInterpolatedStringTextOperation t && t.Text.ConstantValue.Value is string text) sb.Append(text);
                        else if (part is IInterpolationOperation i && i.Alignment == null && i.FormatString == null
                                 && TryResolve(i.Expression, depth + 1, out var piece)) sb.Append(piece);
                        else return false;
                    }
                    value = sb.ToString();
                    return true;
                case IFieldReferenceOperation f when f.Field.IsStatic && f.Field.IsReadOnly && f.Field.Type.SpecialType == SpecialType.System_String:
                    foreach (var r in f.Field.DeclaringSyntaxReferences)
                        if (r.GetSyntax() is VariableDeclaratorSyntax d && d.Initializer != null)
                            return TryEvaluateSyntax(d.Initializer.Value, depth + 1, out value);
                    return false;
                case ILocalReferenceOperation l:
                    return TryResolveLocal(l, depth, out value);
                default:
                    return false;
            }
        }

        private static bool TryResolveLocal(ILocalReferenceOperation reference, int depth, out string? value)
        {
            value = null;
            var local = reference.Local;
            if (local.IsRef || reference.SemanticModel == null) return false;
            foreach (var r in local.DeclaringSyntaxReferences)
            {
                if (!(r.GetSyntax() is VariableDeclaratorSyntax d) || d.Initializer == null) return false;
                if (d.SyntaxTree != reference.Syntax.SyntaxTree) return false;
                var scope = d.Parent?.Parent?.Parent;
                if (scope == null || IsWrittenAgain(scope, d.Identifier.ValueText)) return false;
                var init = reference.SemanticModel.GetOperation(d.Initializer.Value);
                return init != null && TryResolve(init, depth + 1, out value);
            }
            return false;
        }

        private static bool IsWrittenAgain(SyntaxNode scope, string name)
        {
            foreach (var n in scope.DescendantNodes())
            {
                if (n is AssignmentExpressionSyntax a && a.Left is IdentifierNameSyntax id && id.Identifier.ValueText == name) return true;
                if (n is ArgumentSyntax arg && !arg.RefKindKeyword.IsKind(SyntaxKind.None) && arg.Expression is IdentifierNameSyntax rid && rid.Identifier.ValueText == name) return true;
            }
            return false;
        }

        private static bool TryEvaluateSyntax(ExpressionSyntax expression, int depth, out string? value)
        {
            value = null;
            if (depth > MaxDepth) return false;
            switch (expression)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    value = literal.Token.ValueText;
                    return true;
                case ParenthesizedExpressionSyntax p:
                    return TryEvaluateSyntax(p.Expression, depth + 1, out value);
                case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.AddExpression):
                    if (TryEvaluateSyntax(b.Left, depth + 1, out var l) && TryEvaluateSyntax(b.Right, depth + 1, out var r))
                    {
                        value = l + r;
                        return true;
                    }
                    return false;
                case InterpolatedStringExpressionSyntax s:
                    var sb = new StringBuilder();
                    foreach (var c in s.Contents)
                    {
                        if (c is InterpolatedStringTextSyntax t) sb.Append(t.TextToken.ValueText);
                        else return false;
                    }
                    value = sb.ToString();
                    return true;
                default:
                    return false;
            }
        }
    }
}
