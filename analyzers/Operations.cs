using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IdeogramGen.Analyzers
{
    /// <summary>Small helpers over <see cref="IOperation"/> trees.</summary>
    internal static class Operations
    {
        /// <summary>Strips implicit and explicit conversions and parentheses that do not change a constant.</summary>
        public static IOperation Unwrap(IOperation operation)
        {
            while (true)
            {
                if (operation is IConversionOperation c && c.OperatorMethod == null) operation = c.Operand;
                else if (operation is IParenthesizedOperation p) operation = p.Operand;
                else return operation;
            }
        }

        /// <summary>A constant number (integer or floating point) behind conversions, or null.</summary>
        public static double? Number(IOperation operation)
        {
            var op = Unwrap(operation);
            var value = op.ConstantValue.HasValue ? op.ConstantValue.Value : operation.ConstantValue.HasValue ? operation.ConstantValue.Value : null;
            switch (value)
            {
                case int i: return i;
                case long l: return l;
                case short s: return s;
                case byte b: return b;
                case uint ui: return ui;
                case ulong ul: return ul;
                case double d: return d;
                case float f: return f;
                case decimal m: return (double)m;
                default: return null;
            }
        }

        /// <summary>True when the operation is the constant <c>null</c> (or <c>default</c> of a nullable).</summary>
        public static bool IsNull(IOperation operation)
        {
            var op = Unwrap(operation);
            if (op.ConstantValue.HasValue && op.ConstantValue.Value == null) return true;
            return op is IDefaultValueOperation d && d.Type != null && d.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
        }

        /// <summary>The elements of an array creation, collection expression or collection initializer, or null.</summary>
        public static List<IOperation>? Elements(IOperation operation)
        {
            var op = Unwrap(operation);
            switch (op)
            {
                case IArrayCreationOperation array when array.Initializer != null:
                    return new List<IOperation>(array.Initializer.ElementValues);
                case ICollectionExpressionOperation collection:
                    var list = new List<IOperation>();
                    foreach (var e in collection.Elements)
                    {
                        if (e is ISpreadOperation) return null;
                        list.Add(e);
                    }
                    return list;
                case IObjectCreationOperation creation when creation.Initializer is IObjectOrCollectionInitializerOperation init:
                    var items = new List<IOperation>();
                    foreach (var i in init.Initializers)
                    {
                        if (i is IInvocationOperation add && add.Arguments.Length == 1) items.Add(add.Arguments[0].Value);
                        else return null;
                    }
                    return creation.Arguments.Length == 0 ? items : null;
                default:
                    return null;
            }
        }

        /// <summary>The argument bound to the parameter called <paramref name="name"/>, or null.</summary>
        public static IArgumentOperation? Argument(IEnumerable<IArgumentOperation> arguments, string name)
        {
            foreach (var a in arguments)
                if (a.Parameter?.Name == name) return a;
            return null;
        }
    }
}
