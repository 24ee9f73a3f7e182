using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using IdeogramGen.ApiDescription;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IdeogramGen.Analyzers
{
    /// <summary>
    /// IDG0101–IDG0105, IDG0107 and IDG0201–IDG0203: vocabulary literals (models, aspect ratios, resolutions, ...), values
    /// a given endpoint rejects, required vocabulary fields set to "not set", numbers out of range, malformed strings and
    /// options that exclude each other. Every fact comes from the API description in <c>description/Api</c>; a request
    /// type is tied to its endpoint by the <c>[IdeogramEndpoint(path)]</c> the generator puts on it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RequestValueAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ConcurrentDictionary<string, Regex> Patterns = new ConcurrentDictionary<string, Regex>(StringComparer.Ordinal);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Rules.UnknownModel, Rules.ModelNotAccepted, Rules.UnknownValue, Rules.ObsoleteValue, Rules.ValueNotAccepted,
            Rules.RequiredValueUnset, Rules.OutOfRange, Rules.PatternMismatch, Rules.MutuallyExclusive);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var palette = IdeogramGen.ApiDescription.IdeogramApi.ColorPalette;
                start.RegisterSemanticModelAction(OperationRules.Action(Concerns.RequestValues,
                    compilation => KnownTypes.For(compilation) is { HasRuntime: true } types ? types : null, (c, types) =>
                {
                    switch (c.Operation.Kind)
                    {
                        case OperationKind.Conversion: AnalyzeConversion(c, types); break;
                        case OperationKind.ObjectCreation: AnalyzeCreation(c, types, palette); break;
                        case OperationKind.Invocation: AnalyzeInvocation(c, types, palette); break;
                        case OperationKind.SimpleAssignment: AnalyzeAssignment(c, types); break;
                        case OperationKind.ObjectOrCollectionInitializer: AnalyzeInitializer(c, types); break;
                    }
                }, OperationKind.Conversion, OperationKind.ObjectCreation, OperationKind.Invocation, OperationKind.SimpleAssignment, OperationKind.ObjectOrCollectionInitializer));
            });
        }

        private static void AnalyzeConversion(OperationSite context, KnownTypes types)
        {
            var conversion = (IConversionOperation)context.Operation;
            if (conversion.OperatorMethod == null) return;
            var vocabulary = types.VocabularyOf(conversion.OperatorMethod.ContainingType);
            if (vocabulary == null) return;
            if (conversion.Operand.ConstantValue.HasValue && conversion.Operand.ConstantValue.Value is string value)
                CheckLiteral(context, vocabulary, value, conversion.Operand);
        }

        private static void AnalyzeCreation(OperationSite context, KnownTypes types, IdeogramGen.ApiDescription.ApiPalette palette)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var type = creation.Constructor?.ContainingType;
            if (type == null) return;
            var vocabulary = types.VocabularyOf(type);
            if (vocabulary != null)
            {
                if (creation.Arguments.Length == 1 && creation.Arguments[0].Value.ConstantValue.Value is string value)
                    CheckLiteral(context, vocabulary, value, creation.Arguments[0].Value);
                return;
            }
            if (SymbolEqualityComparer.Default.Equals(type, types.ColorPaletteMember))
            {
                var hex = Operations.Argument(creation.Arguments, "colorHex");
                if (hex != null && hex.Value.ConstantValue.Value is string h && !Pattern(palette.HexPattern).IsMatch(h))
                    context.ReportDiagnostic(Diagnostic.Create(Rules.PatternMismatch, hex.Value.Syntax.GetLocation(), h, "color_hex", palette.HexPattern));
                var weight = Operations.Argument(creation.Arguments, "colorWeight");
                if (weight != null && weight.ArgumentKind == ArgumentKind.Explicit && Operations.Number(weight.Value) is double w
                    && (w < palette.MinWeight || w > palette.MaxWeight))
                    context.ReportDiagnostic(Diagnostic.Create(Rules.OutOfRange, weight.Value.Syntax.GetLocation(),
                        "color_weight", Vocabulary.Number(w), Vocabulary.Number(palette.MinWeight) + " to " + Vocabulary.Number(palette.MaxWeight)));
            }
        }

        private static void AnalyzeInvocation(OperationSite context, KnownTypes types, IdeogramGen.ApiDescription.ApiPalette palette)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != "FromMembers"
                || !(SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, types.ColorPalette)
                     || SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, types.ColorPaletteV2))
                || invocation.Arguments.Length != 1)
                return;
            var elements = Operations.Elements(invocation.Arguments[0].Value);
            if (elements == null) return;
            if (elements.Count < palette.MinMembers || elements.Count > palette.MaxMembers)
                context.ReportDiagnostic(Diagnostic.Create(Rules.OutOfRange, invocation.Syntax.GetLocation(),
                    "the number of color_palette members", elements.Count.ToString(CultureInfo.InvariantCulture),
                    palette.MinMembers.ToString(CultureInfo.InvariantCulture) + " to " + palette.MaxMembers.ToString(CultureInfo.InvariantCulture)));
        }

        private static void CheckLiteral(OperationSite context, ApiEnum vocabulary, string value, IOperation valueOperation)
        {
            var location = valueOperation.Syntax.GetLocation();
            var properties = ImmutableDictionary<string, string?>.Empty;
            if (Vocabulary.Contains(vocabulary, value))
            {
                var reason = vocabulary.ObsoleteReason(value);
                if (reason == null) return;
                var replacement = Vocabulary.ReplacementForObsolete(vocabulary, reason);
                if (replacement != null) properties = properties.Add(DiagnosticProperties.Replacement, replacement);
                context.ReportDiagnostic(Diagnostic.Create(Rules.ObsoleteValue, location, properties, value, reason));
                return;
            }

            var suggestion = Vocabulary.Suggest(vocabulary, value);
            var detail = "";
            var families = Vocabulary.FamiliesOf(value, vocabulary);
            if (suggestion.Elsewhere != null) detail += $" ({suggestion.Elsewhere})";
            else if (families.Count > 0) detail += $" (it is a {families[0].TypeName} value)";
            if (suggestion.Replacement != null)
            {
                detail += $"; did you mean '{suggestion.Replacement}'?";
                properties = properties.Add(DiagnosticProperties.Replacement, suggestion.Replacement);
            }
            if (vocabulary.TypeName == Vocabulary.ModelTypeName)
                context.ReportDiagnostic(Diagnostic.Create(Rules.UnknownModel, location, properties, value, detail));
            else
                context.ReportDiagnostic(Diagnostic.Create(Rules.UnknownValue, location, properties, value, vocabulary.TypeName, detail));
        }

        private static (ApiEndpoint Endpoint, ApiField Field)? FieldOf(IOperation target, KnownTypes types)
        {
            if (!(target is IPropertyReferenceOperation property)) return null;
            var endpoint = types.EndpointOf(property.Property.ContainingType);
            if (endpoint == null) return null;
            foreach (var f in endpoint.Fields)
                if (f.Member == property.Property.Name) return (endpoint, f);
            return null;
        }

        private static void AnalyzeAssignment(OperationSite context, KnownTypes types)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            CheckRequiredSet(context, assignment, types);
            var target = FieldOf(assignment.Target, types);
            if (target == null || Operations.IsNull(assignment.Value)) return;
            var (endpoint, field) = target.Value;
            var value = assignment.Value;

            switch (field.Kind)
            {
                case ValueKind.Integer:
                case ValueKind.Number:
                    if (Operations.Number(value) is double n) CheckRange(context, field, n, value);
                    break;
                case ValueKind.String:
                    if (field.Pattern != null && Operations.Unwrap(value).ConstantValue.Value is string s && !Pattern(field.Pattern).IsMatch(s))
                        context.ReportDiagnostic(Diagnostic.Create(Rules.PatternMismatch, value.Syntax.GetLocation(), s, field.Name, field.Pattern));
                    break;
                case ValueKind.StringArray:
                case ValueKind.FileArray:
                case ValueKind.EnumArray:
                case ValueKind.ObjectArray:
                    CheckItems(context, field, value);
                    break;
                case ValueKind.Enum:
                    CheckAllowed(context, endpoint, field, value, types);
                    break;
            }
        }

        /// <summary>
        /// IDG0107: a field the description marks required, of a vocabulary type, given the value that means "not set"
        /// (<c>default</c>, <c>default(T)</c>, <c>new T()</c>, <c>null</c>), in an initializer or an assignment. The
        /// property is mapped to its field like the other value rules, through the request type's endpoint, and for nested
        /// request objects through <see cref="KnownTypes.RequestObjectOf"/>.
        /// </summary>
        private static void CheckRequiredSet(OperationSite context, ISimpleAssignmentOperation assignment, KnownTypes types)
        {
            if (!(assignment.Target is IPropertyReferenceOperation property)) return;
            var target = types.RequestFieldOf(property.Property);
            if (target == null) return;
            var (owner, field) = target.Value;
            if (!field.Required || field.Kind != ValueKind.Enum || field.Enum == null) return;
            var vocabulary = IdeogramApi.FindEnum(field.Enum);
            if (vocabulary == null || types.VocabularyOf(property.Property.Type) != vocabulary || !IsUnset(assignment.Value, vocabulary, types)) return;

            var accepted = new List<string>();
            foreach (var v in field.AllowedValues ?? vocabulary.Values)
                if (Vocabulary.Contains(vocabulary, v) && vocabulary.ObsoleteReason(v) == null) accepted.Add(v);
            if (accepted.Count == 0) return;
            // The field's documented default, else the vocabulary's, else the first accepted value.
            var replacement = field.Default != null && accepted.Contains(field.Default) ? field.Default
                : vocabulary.Default != null && accepted.Contains(vocabulary.Default) ? vocabulary.Default
                : accepted[0];
            var shown = new List<string> { replacement };
            foreach (var v in accepted)
                if (v != replacement && shown.Count < 5) shown.Add(v);
            var such = Vocabulary.Join(shown) + (accepted.Count > shown.Count ? ", ..." : "");

            var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Replacement, replacement);
            var index = Array.IndexOf(vocabulary.Values, replacement);
            var structType = VocabularyStruct(property.Property.Type);
            if (structType != null && index >= 0 && index < vocabulary.Members.Length)
                properties = properties.Add(DiagnosticProperties.ReplacementMember,
                    structType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + vocabulary.Members[index]);
            var where = owner.StartsWith("/", StringComparison.Ordinal) ? "on " + owner : "in " + owner;
            context.ReportDiagnostic(Diagnostic.Create(Rules.RequiredValueUnset, assignment.Value.Syntax.GetLocation(), properties,
                property.Property.ContainingType.Name + "." + property.Property.Name, field.Name, where, assignment.Value.Syntax.ToString(), such));
        }

        /// <summary>True when the value is the "not set" value of the vocabulary: null, <c>default</c>, <c>default(T)</c>, <c>new T()</c>, or a null string converted to it.</summary>
        private static bool IsUnset(IOperation value, ApiEnum vocabulary, KnownTypes types)
        {
            if (Operations.IsNull(value)) return true;
            var op = Operations.Unwrap(value);
            switch (op)
            {
                case IDefaultValueOperation d:
                    return types.VocabularyOf(d.Type) == vocabulary;
                case IObjectCreationOperation o:
                    return o.Arguments.Length == 0 && o.Initializer == null && types.VocabularyOf(o.Type) == vocabulary;
                case IConversionOperation c when c.OperatorMethod != null && types.VocabularyOf(c.OperatorMethod.ContainingType) == vocabulary:
                    var operand = Operations.Unwrap(c.Operand);
                    return operand.ConstantValue.HasValue && operand.ConstantValue.Value == null;
                default:
                    return false;
            }
        }

        /// <summary>The vocabulary struct of a property type (<c>IdeogramModel</c> for <c>IdeogramModel?</c>).</summary>
        private static INamedTypeSymbol? VocabularyStruct(ITypeSymbol type)
        {
            if (!(type is INamedTypeSymbol named)) return null;
            if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && named.TypeArguments.Length == 1)
                return named.TypeArguments[0] as INamedTypeSymbol;
            return named;
        }

        private static void CheckRange(OperationSite context, ApiField field, double n, IOperation value)
        {
            double? min = field.Minimum ?? field.MinimumNumber;
            double? max = field.Maximum ?? field.MaximumNumber;
            if ((min != null && n < min) || (max != null && n > max))
            {
                var range = min != null && max != null ? Vocabulary.Number(min.Value) + " to " + Vocabulary.Number(max.Value)
                    : min != null ? "at least " + Vocabulary.Number(min.Value)
                    : "at most " + Vocabulary.Number(max!.Value);
                context.ReportDiagnostic(Diagnostic.Create(Rules.OutOfRange, value.Syntax.GetLocation(), field.Name, Vocabulary.Number(n), range));
            }
        }

        private static void CheckItems(OperationSite context, ApiField field, IOperation value)
        {
            var elements = Operations.Elements(value);
            if (elements == null) return;
            if ((field.MinItems != null && elements.Count < field.MinItems) || (field.MaxItems != null && elements.Count > field.MaxItems))
            {
                var range = field.MinItems != null && field.MaxItems != null ? $"{field.MinItems} to {field.MaxItems} items"
                    : field.MinItems != null ? $"at least {field.MinItems} items" : $"at most {field.MaxItems} items";
                context.ReportDiagnostic(Diagnostic.Create(Rules.OutOfRange, value.Syntax.GetLocation(),
                    "the number of " + field.Name, elements.Count.ToString(CultureInfo.InvariantCulture), range));
            }
            if (field.Pattern == null) return;
            foreach (var e in elements)
                if (e.ConstantValue.Value is string s && !Pattern(field.Pattern).IsMatch(s))
                    context.ReportDiagnostic(Diagnostic.Create(Rules.PatternMismatch, e.Syntax.GetLocation(), s, field.Name + " entry", field.Pattern));
        }

        private static void CheckAllowed(OperationSite context, ApiEndpoint endpoint, ApiField field, IOperation value, KnownTypes types)
        {
            if (field.AllowedValues == null || field.Enum == null) return;
            var vocabulary = IdeogramApi.FindEnum(field.Enum);
            if (vocabulary == null) return;
            var known = KnownValue(value, vocabulary, types);
            if (known == null || !Vocabulary.Contains(vocabulary, known) || Array.IndexOf(field.AllowedValues, known) >= 0) return;
            // Name what to use instead: the accepted values that are not obsolete.
            var allowed = Vocabulary.Join(Array.FindAll(field.AllowedValues, v => vocabulary.ObsoleteReason(v) == null));
            if (vocabulary.TypeName == Vocabulary.ModelTypeName)
                context.ReportDiagnostic(Diagnostic.Create(Rules.ModelNotAccepted, value.Syntax.GetLocation(),
                    $"Model '{known}' is not accepted by {endpoint.Path}; it accepts {allowed}"));
            else
                context.ReportDiagnostic(Diagnostic.Create(Rules.ValueNotAccepted, value.Syntax.GetLocation(), field.Name, known, endpoint.Path, allowed));
        }

        /// <summary>The vocabulary value an expression stands for: a converted literal, a constructor call or a static member.</summary>
        internal static string? KnownValue(IOperation value, ApiEnum vocabulary, KnownTypes types)
        {
            var op = Operations.Unwrap(value);
            switch (op)
            {
                case IConversionOperation c when c.OperatorMethod != null && types.VocabularyOf(c.OperatorMethod.ContainingType) == vocabulary:
                    return c.Operand.ConstantValue.Value as string;
                case IObjectCreationOperation o when types.VocabularyOf(o.Type) == vocabulary && o.Arguments.Length == 1:
                    return o.Arguments[0].Value.ConstantValue.Value as string;
                case IPropertyReferenceOperation p when p.Property.IsStatic && types.VocabularyOf(p.Property.ContainingType) == vocabulary:
                    return Vocabulary.ValueOfMember(vocabulary, p.Property.Name);
                default:
                    return null;
            }
        }

        private static void AnalyzeInitializer(OperationSite context, KnownTypes types)
        {
            var initializer = (IObjectOrCollectionInitializerOperation)context.Operation;
            if (!(initializer.Parent is IObjectCreationOperation creation)) return;
            var endpoint = types.EndpointOf(creation.Type);
            if (endpoint == null) return;

            var set = new Dictionary<string, ISimpleAssignmentOperation>(StringComparer.Ordinal);
            foreach (var i in initializer.Initializers)
            {
                if (!(i is ISimpleAssignmentOperation a) || Operations.IsNull(a.Value)) continue;
                var target = FieldOf(a.Target, types);
                if (target != null) set[target.Value.Field.Name] = a;
            }
            if (set.Count < 2) return;

            foreach (var rule in endpoint.Rules)
            {
                switch (rule.Kind)
                {
                    case RuleKind.MutuallyExclusive when rule.Fields.Length == 2:
                        if (set.TryGetValue(rule.Fields[0], out var first) && set.TryGetValue(rule.Fields[1], out var second))
                        {
                            var later = first.Syntax.SpanStart > second.Syntax.SpanStart ? first : second;
                            context.ReportDiagnostic(Diagnostic.Create(Rules.MutuallyExclusive, later.Syntax.GetLocation(),
                                rule.Fields[0], rule.Fields[1], endpoint.Path, rule.Message));
                        }
                        break;
                    case RuleKind.NotWithValues when rule.Fields.Length == 1 && rule.WhenField != null:
                        if (set.TryGetValue(rule.Fields[0], out var field) && set.TryGetValue(rule.WhenField, out var when))
                        {
                            var whenField = endpoint.Field(rule.WhenField);
                            var vocabulary = whenField?.Enum != null ? IdeogramApi.FindEnum(whenField.Enum) : null;
                            var known = vocabulary != null ? KnownValue(when.Value, vocabulary, types) : null;
                            if (known != null && Array.IndexOf(rule.WhenValues, known) >= 0)
                                context.ReportDiagnostic(Diagnostic.Create(Rules.ModelNotAccepted, field.Syntax.GetLocation(),
                                    $"{rule.Fields[0]} cannot be used with {rule.WhenField} '{known}' on {endpoint.Path}: {rule.Message}"));
                        }
                        break;
                }
            }
        }

        private static Regex Pattern(string pattern) =>
            Patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
    }
}
