using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
    /// Roslyn's analyzer driver build the operation tree of every method, accessor and initializer of the project, and
    /// one that registers a code block action makes it gather every declaration's code blocks; most of them can hold
    /// nothing an IdeogramGen rule reports. These rules register a semantic model action instead, which costs the
    /// driver next to nothing per file: in a file whose tokens concern the rule (<see cref="TreeConcerns"/>), the
    /// operation tree of each member body and initializer is built and each operation of the asked kinds is handed to
    /// the rule as an operation action would have been, implicit operations (conversions, collection initializers'
    /// <c>Add</c> calls) included. Other files are never bound for these rules.
    /// </summary>
    internal static class OperationRules
    {
        /// <summary>
        /// The semantic model action that runs <paramref name="analyze"/> on each operation of <paramref name="kinds"/>
        /// in the executable code of files that concern <paramref name="concern"/>, for a rule that needs the
        /// compilation's symbols (<typeparamref name="TSymbols"/>, e.g. the runtime's types): <paramref name="resolve"/>
        /// runs once, when the first file that concerns the rule is analyzed, not at compilation start. Looking a type
        /// up by metadata name first makes Roslyn declare every symbol of the project; at compilation start that work
        /// is charged to the analyzer (and delays it), while by the time a file's semantic model action runs the
        /// compiler has done it already. A null result turns the rule off for the compilation (the runtime is not
        /// referenced).
        /// </summary>
        public static Action<SemanticModelAnalysisContext> Action<TSymbols>(Concerns concern, Func<Compilation, TSymbols?> resolve,
            Action<OperationSite, TSymbols> analyze, params OperationKind[] kinds) where TSymbols : class
        {
            Lazy<TSymbols?>? symbols = null;
            return context =>
            {
                var model = context.SemanticModel;
                if ((TreeConcerns.Of(model.SyntaxTree) & concern) == 0) return;
                var lazy = symbols;
                if (lazy == null)
                {
                    var compilation = model.Compilation;
                    lazy = new Lazy<TSymbols?>(() => resolve(compilation), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
                    lazy = System.Threading.Interlocked.CompareExchange(ref symbols, lazy, null) ?? lazy;
                }
                var resolved = lazy.Value;
                if (resolved == null) return;
                var report = new Action<Diagnostic>(context.ReportDiagnostic);
                var cancellationToken = context.CancellationToken;
                foreach (var operation in OperationsOf(model, cancellationToken))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (Array.IndexOf(kinds, operation.Kind) >= 0) analyze(new OperationSite(operation, report), resolved);
                }
            };
        }

        /// <summary>
        /// Every operation of the executable code of <paramref name="model"/>'s file, in the order of a walk of each
        /// block's tree: walked once per semantic model and shared by the rules. Roslyn's driver hands every analyzer
        /// of a file the same model, and a walk is most of what a rule costs in a file it concerns (about 0.3 µs an
        /// operation); the list lives as long as the model, which holds the operations anyway. Two rules that ask at
        /// once may both walk; the first list kept is the one every later rule reads.
        /// </summary>
        internal static IReadOnlyList<IOperation> OperationsOf(SemanticModel model, System.Threading.CancellationToken cancellationToken)
        {
            if (Walked.TryGetValue(model, out var known)) return known;
            var operations = new List<IOperation>();
            foreach (var block in CodeBlocks(model.SyntaxTree.GetRoot(cancellationToken)))
            {
                var root = model.GetOperation(block, cancellationToken);
                if (root == null) continue;
                foreach (var operation in root.DescendantsAndSelf())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    operations.Add(operation);
                }
            }
            return Walked.GetValue(model, _ => operations);
        }

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SemanticModel, List<IOperation>> Walked =
            new System.Runtime.CompilerServices.ConditionalWeakTable<SemanticModel, List<IOperation>>();

        /// <summary>
        /// The nodes whose operation is an executable root: member declarations with a body (methods, constructors,
        /// operators, accessors), expression-bodied properties and indexers, property and field initializers, and
        /// top-level statements. Lambdas and local functions are inside them; parameter defaults and enum values are
        /// constants, which no rule reads here.
        /// </summary>
        internal static IEnumerable<SyntaxNode> CodeBlocks(SyntaxNode root)
        {
            var pending = new Stack<SyntaxNode>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var node = pending.Pop();
                switch (node)
                {
                    case CompilationUnitSyntax unit:
                        for (int i = unit.Members.Count - 1; i >= 0; i--) pending.Push(unit.Members[i]);
                        break;
                    case GlobalStatementSyntax global:
                        yield return global.Statement;
                        break;
                    case BaseNamespaceDeclarationSyntax ns:
                        for (int i = ns.Members.Count - 1; i >= 0; i--) pending.Push(ns.Members[i]);
                        break;
                    case TypeDeclarationSyntax type:
                        for (int i = type.Members.Count - 1; i >= 0; i--) pending.Push(type.Members[i]);
                        break;
                    case BaseMethodDeclarationSyntax method:
                        if (method.Body != null || method.ExpressionBody != null || method is ConstructorDeclarationSyntax { Initializer: not null })
                            yield return method;
                        break;
                    case BasePropertyDeclarationSyntax property:
                        if (property.AccessorList != null)
                            foreach (var accessor in property.AccessorList.Accessors)
                                if (accessor.Body != null || accessor.ExpressionBody != null) yield return accessor;
                        if (property is PropertyDeclarationSyntax p)
                        {
                            if (p.ExpressionBody != null) yield return p.ExpressionBody;
                            if (p.Initializer != null) yield return p.Initializer;
                        }
                        else if (property is IndexerDeclarationSyntax indexer && indexer.ExpressionBody != null)
                            yield return indexer.ExpressionBody;
                        break;
                    case BaseFieldDeclarationSyntax field:
                        foreach (var variable in field.Declaration.Variables)
                            if (variable.Initializer != null) yield return variable.Initializer;
                        break;
                }
            }
        }
    }
}
