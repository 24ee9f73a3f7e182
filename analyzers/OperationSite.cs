using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IdeogramGen.Analyzers
{
    /// <summary>One operation handed to a rule, and where its findings go: what an operation action's context gives.</summary>
    internal readonly struct OperationSite
    {
        private readonly Action<Diagnostic> _report;

        public OperationSite(IOperation operation, Action<Diagnostic> report)
        {
            Operation = operation;
            _report = report;
        }

        /// <summary>The operation of one of the kinds the rule asked for.</summary>
        public IOperation Operation { get; }

        public void ReportDiagnostic(Diagnostic diagnostic) => _report(diagnostic);
    }

    /// <summary>
    /// Operation rules that only pay for the files they concern. An analyzer that registers an operation action makes
    /// Roslyn's analyzer driver build the operation tree of every method, accessor and initializer of the project, most
    /// of which can hold nothing an IdeogramGen rule reports. These rules register a code block action instead (the
    /// driver then binds nothing for them); in a file whose tokens concern the rule (<see cref="TreeConcerns"/>), the
    /// block's operation tree is built and each operation of the asked kinds is handed to the rule, as an operation
    /// action would have been, implicit operations (conversions, collection initializers' <c>Add</c> calls) included.
    /// </summary>
    internal static class OperationRules
    {
        /// <summary>
        /// The code block action that runs <paramref name="analyze"/> on each operation of <paramref name="kinds"/> in
        /// the code blocks of files that concern <paramref name="concern"/>.
        /// </summary>
        public static Action<CodeBlockAnalysisContext> Action(Concerns concern, Action<OperationSite> analyze, params OperationKind[] kinds) =>
            context =>
            {
                if ((TreeConcerns.Of(context.CodeBlock.SyntaxTree) & concern) == 0) return;
                var root = context.SemanticModel.GetOperation(context.CodeBlock, context.CancellationToken);
                if (root == null) return;
                var report = new Action<Diagnostic>(context.ReportDiagnostic);
                foreach (var operation in root.DescendantsAndSelf())
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    if (Array.IndexOf(kinds, operation.Kind) >= 0) analyze(new OperationSite(operation, report));
                }
            };
    }
}
