using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace IdeogramGen.Analyzers
{
    /// <summary>One constant string an expression can evaluate to, with the literal it comes from.</summary>
    internal readonly struct FlowValue
    {
        public FlowValue(string? text, SyntaxNode origin)
        {
            Text = text;
            Origin = origin;
        }

        /// <summary>The text; null for the <c>null</c> constant.</summary>
        public string? Text { get; }

        /// <summary>The literal (or the longest literal of a concatenation) the text comes from.</summary>
        public SyntaxNode Origin { get; }
    }

    /// <summary>
    /// A small, bounded data flow over the operation tree: the constant strings an expression can evaluate to. It
    /// follows literals and constants; locals written once (a local written again is not followed: its first value
    /// is usually replaced before use); fields (static or instance) and auto-properties through their initializer and
    /// the constructors' assignments, values that reach a use unless something replaces them; expression-bodied and
    /// block-bodied getters and methods of the same compilation (a virtual one's own body included) through their
    /// <c>return</c>s; the arms of <c>?:</c>, <c>??</c> and switch expressions (each arm that is constant; the others
    /// are skipped); concatenation and interpolation (every part constant). Parameters, abstract members and members
    /// of referenced assemblies end the walk. Depth and the number of values are bounded, cycles end the walk, and
    /// each symbol is resolved once per compilation.
    /// </summary>
    internal sealed class ConstantFlow
    {
        private const int MaxDepth = 10;
        private const int MaxValues = 16;

        private static readonly ImmutableArray<FlowValue> None = ImmutableArray<FlowValue>.Empty;

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<ISymbol, ImmutableArray<FlowValue>> _symbols =
            new ConcurrentDictionary<ISymbol, ImmutableArray<FlowValue>>(SymbolEqualityComparer.Default);

        public ConstantFlow(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>The constant strings <paramref name="operation"/> can evaluate to; empty when none is known.</summary>
        public ImmutableArray<FlowValue> Values(IOperation operation)
        {
            var walk = new Walk();
            var list = Resolve(operation, 0, walk);
            return list.Count == 0 ? None : list.ToImmutableArray();
        }

        /// <summary>The state of one resolution: symbols being resolved (cycle guard) and whether a bound was hit.</summary>
        private sealed class Walk
        {
            public readonly HashSet<ISymbol> InProgress = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            public bool Truncated;
        }

        private List<FlowValue> Resolve(IOperation operation, int depth, Walk walk)
        {
            var result = new List<FlowValue>();
            if (depth > MaxDepth)
            {
                walk.Truncated = true;
                return result;
            }
            switch (operation)
            {
                case ILocalReferenceOperation l when !l.Local.IsConst:
                    result.AddRange(ResolveSymbol(l.Local, depth, walk));
                    return result;
                case IFieldReferenceOperation f:
                    result.AddRange(ResolveSymbol(f.Field, depth, walk));
                    // A constant of a referenced assembly: its declaration is not in this compilation.
                    if (result.Count == 0 && operation.ConstantValue.HasValue) AddConstant(result, operation);
                    return result;
                case ILocalReferenceOperation constLocal:
                    result.AddRange(ResolveSymbol(constLocal.Local, depth, walk));
                    if (result.Count == 0 && operation.ConstantValue.HasValue) AddConstant(result, operation);
                    return result;
            }
            if (operation.ConstantValue.HasValue)
            {
                AddConstant(result, operation);
                return result;
            }
            switch (operation)
            {
                case IConversionOperation c when c.OperatorMethod == null:
                    return Resolve(c.Operand, depth + 1, walk);
                case IParenthesizedOperation p:
                    return Resolve(p.Operand, depth + 1, walk);
                case IBinaryOperation b when b.OperatorKind == BinaryOperatorKind.Add && b.Type?.SpecialType == SpecialType.System_String:
                    return Concatenate(Resolve(b.LeftOperand, depth + 1, walk), Resolve(b.RightOperand, depth + 1, walk), walk);
                case IInterpolatedStringOperation s:
                    var acc = new List<FlowValue> { new FlowValue("", s.Syntax) };
                    foreach (var part in s.Parts)
                    {
                        List<FlowValue> piece;
                        if (part is IInterpolatedStringTextOperation t && t.Text.ConstantValue.Value is string text)
                            piece = new List<FlowValue> { new FlowValue(text, t.Syntax) };
                        else if (part is IInterpolationOperation i && i.Alignment == null && i.FormatString == null)
                            piece = Resolve(i.Expression, depth + 1, walk);
                        else
                            return result;
                        acc = Concatenate(acc, piece, walk);
                        if (acc.Count == 0) return acc;
                    }
                    return acc;
                case IConditionalOperation c when c.WhenFalse != null:
                    AddAll(result, Resolve(c.WhenTrue, depth + 1, walk), walk);
                    AddAll(result, Resolve(c.WhenFalse, depth + 1, walk), walk);
                    return result;
                case ICoalesceOperation c:
                    AddAll(result, Resolve(c.Value, depth + 1, walk), walk);
                    AddAll(result, Resolve(c.WhenNull, depth + 1, walk), walk);
                    return result;
                case ISwitchExpressionOperation s:
                    foreach (var arm in s.Arms) AddAll(result, Resolve(arm.Value, depth + 1, walk), walk);
                    return result;
                case IPropertyReferenceOperation p when p.Arguments.Length == 0:
                    result.AddRange(ResolveSymbol(p.Property, depth, walk));
                    return result;
                case IInvocationOperation call when call.TargetMethod.ReturnType.SpecialType == SpecialType.System_String:
                    result.AddRange(ResolveSymbol(call.TargetMethod, depth, walk));
                    return result;
                default:
                    return result;
            }
        }

        private static void AddConstant(List<FlowValue> result, IOperation operation)
        {
            var value = operation.ConstantValue.Value;
            if (value == null || value is string) result.Add(new FlowValue(value as string, operation.Syntax));
        }

        private static void AddAll(List<FlowValue> into, List<FlowValue> values, Walk walk)
        {
            foreach (var v in values)
            {
                if (into.Count >= MaxValues)
                {
                    walk.Truncated = true;
                    return;
                }
                into.Add(v);
            }
        }

        private static List<FlowValue> Concatenate(List<FlowValue> left, List<FlowValue> right, Walk walk)
        {
            var result = new List<FlowValue>();
            if (left.Count == 0 || right.Count == 0) return result;
            foreach (var l in left)
                foreach (var r in right)
                {
                    if (result.Count >= MaxValues)
                    {
                        walk.Truncated = true;
                        return result;
                    }
                    var origin = (r.Text?.Length ?? 0) > (l.Text?.Length ?? 0) ? r.Origin : l.Origin;
                    result.Add(new FlowValue((l.Text ?? "") + (r.Text ?? ""), origin));
                }
            return result;
        }

        /// <summary>The values of a local, field, property or method, computed once per compilation.</summary>
        private ImmutableArray<FlowValue> ResolveSymbol(ISymbol symbol, int depth, Walk walk)
        {
            if (_symbols.TryGetValue(symbol, out var cached)) return cached;
            if (!walk.InProgress.Add(symbol))
            {
                walk.Truncated = true;
                return None;
            }
            var before = walk.Truncated;
            walk.Truncated = false;
            var values = new List<FlowValue>();
            foreach (var (expression, model) in Sources(symbol))
            {
                var op = model.GetOperation(expression);
                if (op != null) AddAll(values, Resolve(op, depth + 1, walk), walk);
            }
            walk.InProgress.Remove(symbol);
            var result = values.Count == 0 ? None : values.ToImmutableArray();
            // A value cut short by a bound or a cycle depends on where the walk started: keep it out of the cache.
            if (!walk.Truncated) _symbols.TryAdd(symbol, result);
            walk.Truncated |= before;
            return result;
        }

        /// <summary>The expressions whose value a symbol can hold, each with the semantic model of its tree.</summary>
        private IEnumerable<(ExpressionSyntax Expression, SemanticModel Model)> Sources(ISymbol symbol)
        {
            switch (symbol)
            {
                case ILocalSymbol local:
                    if (local.IsRef || local.Type.SpecialType != SpecialType.System_String) yield break;
                    foreach (var r in local.DeclaringSyntaxReferences)
                    {
                        if (!(r.GetSyntax() is VariableDeclaratorSyntax d) || d.Initializer == null) yield break;
                        var scope = d.Parent?.Parent?.Parent;
                        if (scope == null || IsWrittenAgain(scope, d.Identifier.ValueText)) yield break;
                        yield return (d.Initializer.Value, Model(d.SyntaxTree));
                    }
                    yield break;

                case IFieldSymbol field:
                    if (field.Type.SpecialType != SpecialType.System_String) yield break;
                    foreach (var r in field.DeclaringSyntaxReferences)
                        if (r.GetSyntax() is VariableDeclaratorSyntax d && d.Initializer != null)
                            yield return (d.Initializer.Value, Model(d.SyntaxTree));
                    if (!field.IsConst)
                        foreach (var s in ConstructorAssignments(field)) yield return s;
                    yield break;

                case IPropertySymbol property:
                    if (property.Type.SpecialType != SpecialType.System_String || property.GetMethod == null) yield break;
                    foreach (var r in property.DeclaringSyntaxReferences)
                    {
                        switch (r.GetSyntax())
                        {
                            case PropertyDeclarationSyntax p when p.ExpressionBody != null:
                                yield return (p.ExpressionBody.Expression, Model(p.SyntaxTree));
                                break;
                            case PropertyDeclarationSyntax p when p.AccessorList != null:
                                var getter = Accessor(p.AccessorList, SyntaxKind.GetAccessorDeclaration);
                                if (getter == null) break;
                                if (getter.Body == null && getter.ExpressionBody == null)
                                {
                                    // An auto-property: its initializer and the constructors' assignments.
                                    if (p.Initializer != null) yield return (p.Initializer.Value, Model(p.SyntaxTree));
                                    foreach (var s in ConstructorAssignments(property)) yield return s;
                                    break;
                                }
                                foreach (var e in Returns(getter.ExpressionBody, getter.Body)) yield return (e, Model(p.SyntaxTree));
                                break;
                        }
                    }
                    yield break;

                case IMethodSymbol method:
                    if (method.MethodKind == MethodKind.LocalFunction)
                    {
                        foreach (var r in method.DeclaringSyntaxReferences)
                            if (r.GetSyntax() is LocalFunctionStatementSyntax f)
                                foreach (var e in Returns(f.ExpressionBody, f.Body)) yield return (e, Model(f.SyntaxTree));
                        yield break;
                    }
                    if (method.MethodKind != MethodKind.Ordinary || method.IsAbstract || method.IsExtern) yield break;
                    foreach (var r in method.DeclaringSyntaxReferences)
                        if (r.GetSyntax() is MethodDeclarationSyntax m)
                            foreach (var e in Returns(m.ExpressionBody, m.Body)) yield return (e, Model(m.SyntaxTree));
                    yield break;
            }
        }

        private static AccessorDeclarationSyntax? Accessor(AccessorListSyntax list, SyntaxKind kind)
        {
            foreach (var a in list.Accessors)
                if (a.IsKind(kind)) return a;
            return null;
        }

        /// <summary>The returned expressions of a body, leaving out those of nested lambdas and local functions.</summary>
        private static IEnumerable<ExpressionSyntax> Returns(ArrowExpressionClauseSyntax? arrow, BlockSyntax? body)
        {
            if (arrow != null)
            {
                yield return arrow.Expression;
                yield break;
            }
            if (body == null) yield break;
            foreach (var node in body.DescendantNodes(n => !(n is AnonymousFunctionExpressionSyntax) && !(n is LocalFunctionStatementSyntax)))
                if (node is ReturnStatementSyntax r && r.Expression != null)
                    yield return r.Expression;
        }

        /// <summary>Assignments to a field or get-only property inside the constructors of its type.</summary>
        private IEnumerable<(ExpressionSyntax, SemanticModel)> ConstructorAssignments(ISymbol member)
        {
            var constructors = member.IsStatic ? member.ContainingType.StaticConstructors : member.ContainingType.InstanceConstructors;
            foreach (var ctor in constructors)
                foreach (var r in ctor.DeclaringSyntaxReferences)
                {
                    if (!(r.GetSyntax() is ConstructorDeclarationSyntax c)) continue;
                    SyntaxNode? body = (SyntaxNode?)c.Body ?? c.ExpressionBody;
                    if (body == null) continue;
                    foreach (var node in body.DescendantNodesAndSelf(n => !(n is AnonymousFunctionExpressionSyntax) && !(n is LocalFunctionStatementSyntax)))
                        if (node is AssignmentExpressionSyntax a && a.IsKind(SyntaxKind.SimpleAssignmentExpression) && AssignedName(a.Left) == member.Name)
                            yield return (a.Right, Model(c.SyntaxTree));
                }
        }

        private static string? AssignedName(ExpressionSyntax left) => left switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } m => m.Name.Identifier.ValueText,
            _ => null,
        };

        private static bool IsWrittenAgain(SyntaxNode scope, string name)
        {
            foreach (var n in scope.DescendantNodes())
            {
                if (n is AssignmentExpressionSyntax a && a.Left is IdentifierNameSyntax id && id.Identifier.ValueText == name) return true;
                if (n is ArgumentSyntax arg && !arg.RefKindKeyword.IsKind(SyntaxKind.None) && arg.Expression is IdentifierNameSyntax rid && rid.Identifier.ValueText == name) return true;
            }
            return false;
        }

        // The driver hands analyzers a caching semantic model provider, so asking the compilation for the model of
        // another tree reuses the one it already built for that tree.
#pragma warning disable RS1030
        private SemanticModel Model(SyntaxTree tree) => _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
    }
}
