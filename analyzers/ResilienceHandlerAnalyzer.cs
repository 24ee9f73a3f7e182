using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IdeogramGen.Analyzers
{
    /// <summary>
    /// IDG0402: <c>AddStandardResilienceHandler()</c> (Microsoft.Extensions.Http.Resilience) chained on the
    /// <c>IHttpClientBuilder</c> that <c>AddIdeogramGateway&lt;T&gt;</c> returns. Its retry strategy re-sends a POST
    /// after a 500 or a timeout, when Ideogram may already have run and billed the generation. Matched by method name
    /// and by the builder's origin: the chain of calls returning <c>IHttpClientBuilder</c> (and locals initialised
    /// once) back to <c>AddIdeogramGateway</c>; neither package needs to be referenced by the analyzer.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ResilienceHandlerAnalyzer : DiagnosticAnalyzer
    {
        internal const string UnsafeMethod = "AddStandardResilienceHandler";
        internal const string SafeMethod = "AddIdeogramResilienceHandler";
        internal const string RegistrationMethod = "AddIdeogramGateway";
        private const string BuilderInterface = "Microsoft.Extensions.DependencyInjection.IHttpClientBuilder";
        private const int MaxDepth = 16;

        /// <summary>Set when the call can be renamed as is (no arguments, or an options delegate the safe method also takes).</summary>
        internal const string RenameProperty = "Rename";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rules.UnsafeResilienceHandler);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                // No HttpClientFactory, no IHttpClientBuilder chain to look at: the resolution gives null.
                start.RegisterSemanticModelAction(OperationRules.Action(Concerns.ResilienceHandler,
                    compilation => compilation.GetTypeByMetadataName(BuilderInterface), Analyze, OperationKind.Invocation));
            });
        }

        private static void Analyze(OperationSite context, INamedTypeSymbol builder)
        {
            var call = (IInvocationOperation)context.Operation;
            if (call.TargetMethod.Name != UnsafeMethod) return;
            var receiver = Receiver(call);
            if (receiver == null || !IsBuilder(receiver.Type, builder) || !FromIdeogramGateway(receiver, builder, 0)) return;
            var properties = ImmutableDictionary<string, string?>.Empty;
            var explicitArguments = 0;
            var delegateOnly = true;
            foreach (var a in call.Arguments)
            {
                if (a.ArgumentKind != ArgumentKind.Explicit || a.Parameter == null || a.Parameter.IsThis || a == call.Arguments[0] && call.TargetMethod.IsExtensionMethod) continue;
                explicitArguments++;
                if (a.Parameter.Type.TypeKind != TypeKind.Delegate) delegateOnly = false;
            }
            if (explicitArguments == 0 || delegateOnly) properties = properties.Add(RenameProperty, SafeMethod);
            var location = call.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
                ? member.Name.GetLocation()
                : call.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(Rules.UnsafeResilienceHandler, location, properties));
        }

        /// <summary>The builder a call is made on: the instance, or the first argument of an extension method.</summary>
        private static IOperation? Receiver(IInvocationOperation call)
        {
            if (call.Instance != null) return Operations.Unwrap(call.Instance);
            if (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0) return Operations.Unwrap(call.Arguments[0].Value);
            return null;
        }

        private static bool IsBuilder(ITypeSymbol? type, INamedTypeSymbol builder)
        {
            if (type == null) return false;
            if (SymbolEqualityComparer.Default.Equals(type, builder)) return true;
            foreach (var i in type.AllInterfaces)
                if (SymbolEqualityComparer.Default.Equals(i, builder)) return true;
            return false;
        }

        /// <summary>True when the builder comes from <c>AddIdeogramGateway</c>, through builder-returning calls and single-assignment locals.</summary>
        private static bool FromIdeogramGateway(IOperation operation, INamedTypeSymbol builder, int depth)
        {
            if (depth > MaxDepth) return false;
            switch (Operations.Unwrap(operation))
            {
                case IInvocationOperation call when IsBuilder(call.Type, builder):
                    if (call.TargetMethod.Name == RegistrationMethod) return true;
                    var receiver = Receiver(call);
                    return receiver != null && IsBuilder(receiver.Type, builder) && FromIdeogramGateway(receiver, builder, depth + 1);
                case ILocalReferenceOperation local when local.SemanticModel != null && !local.Local.IsRef:
                    foreach (var r in local.Local.DeclaringSyntaxReferences)
                    {
                        if (!(r.GetSyntax() is VariableDeclaratorSyntax d) || d.Initializer == null || d.SyntaxTree != local.Syntax.SyntaxTree) return false;
                        var init = local.SemanticModel.GetOperation(d.Initializer.Value);
                        return init != null && FromIdeogramGateway(init, builder, depth + 1);
                    }
                    return false;
                default:
                    return false;
            }
        }
    }
}
