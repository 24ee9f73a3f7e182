using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using IdeogramGen.ApiDescription;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IdeogramGen.Analyzers
{
    /// <summary>
    /// IDG0204: <c>GatewayRequestOptions</c> values outside Cloudflare AI Gateway's limits; IDG0401: gateway caching
    /// opted in for a call whose answer holds expiring image links.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class GatewayOptionsAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Cloudflare AI Gateway limits, from the shared <see cref="IdeogramGen.ApiDescription.GatewayLimits"/>.</summary>
        internal static class Limits
        {
            public static readonly TimeSpan MinCacheTtl = TimeSpan.FromSeconds(IdeogramGen.ApiDescription.GatewayLimits.MinCacheTtlSeconds);
            public static readonly TimeSpan MaxCacheTtl = TimeSpan.FromSeconds(IdeogramGen.ApiDescription.GatewayLimits.MaxCacheTtlSeconds);
            public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(IdeogramGen.ApiDescription.GatewayLimits.MaxRetryDelayMilliseconds);
            public const int MinAttempts = IdeogramGen.ApiDescription.GatewayLimits.MinAttempts;
            public const int MaxAttempts = IdeogramGen.ApiDescription.GatewayLimits.MaxAttempts;
            public const int MaxMetadataEntries = IdeogramGen.ApiDescription.GatewayLimits.MaxMetadataEntries;
            public const string ReservedMetadataPrefix = IdeogramGen.ApiDescription.GatewayLimits.ReservedMetadataPrefix;
        }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Rules.GatewayOptionOutOfRange, Rules.CachingExpiringLinks);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                int maxEntries = Limits.MaxMetadataEntries;
                start.RegisterSemanticModelAction(OperationRules.Action(Concerns.GatewayOptions,
                    compilation => KnownTypes.For(compilation) is { GatewayRequestOptions: not null } types ? types : null, (c, types) =>
                {
                    bool metadata = types.GatewayLogMetadata != null;
                    switch (c.Operation.Kind)
                    {
                        case OperationKind.SimpleAssignment: AnalyzeAssignment(c, types); break;
                        case OperationKind.ObjectCreation when metadata: AnalyzeMetadataCreation(c, types, maxEntries); break;
                        case OperationKind.Invocation when metadata: AnalyzeMetadataAdd(c, types); break;
                    }
                }, OperationKind.SimpleAssignment, OperationKind.ObjectCreation, OperationKind.Invocation));
            });
        }

        private static void AnalyzeAssignment(OperationSite context, KnownTypes types)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation target)
                || !SymbolEqualityComparer.Default.Equals(target.Property.ContainingType, types.GatewayRequestOptions)
                || Operations.IsNull(assignment.Value))
                return;
            var value = assignment.Value;
            var location = value.Syntax.GetLocation();
            switch (target.Property.Name)
            {
                case "CacheTtl":
                    if (TimeSpanValue(value, types) is TimeSpan ttl && (ttl < Limits.MinCacheTtl || ttl > Limits.MaxCacheTtl || ttl.Ticks % TimeSpan.TicksPerSecond != 0))
                        Report(context, location, "CacheTtl", $"is {Seconds(ttl)} s", IdeogramGen.ApiDescription.GatewayLimits.CacheTtlRange);
                    CheckCaching(context, assignment, "CacheTtl", types);
                    break;
                case "CacheKey":
                    CheckCaching(context, assignment, "CacheKey", types);
                    break;
                case "MaxAttempts":
                    if (Operations.Number(value) is double attempts && (attempts < Limits.MinAttempts || attempts > Limits.MaxAttempts))
                        Report(context, location, "MaxAttempts", "is " + Vocabulary.Number(attempts), "1 to 5");
                    break;
                case "RetryDelay":
                    if (TimeSpanValue(value, types) is TimeSpan delay && (delay < TimeSpan.Zero || delay > Limits.MaxRetryDelay || delay.Ticks % TimeSpan.TicksPerMillisecond != 0))
                        Report(context, location, "RetryDelay", $"is {Milliseconds(delay)} ms", IdeogramGen.ApiDescription.GatewayLimits.RetryDelayRange);
                    break;
                case "RequestTimeout":
                    if (TimeSpanValue(value, types) is TimeSpan timeout && (timeout <= TimeSpan.Zero || timeout.Ticks % TimeSpan.TicksPerMillisecond != 0))
                        Report(context, location, "RequestTimeout", $"is {Milliseconds(timeout)} ms", "a positive whole number of milliseconds");
                    break;
            }
        }

        private static void Report(OperationSite context, Location location, string option, string problem, string accepted) =>
            context.ReportDiagnostic(Diagnostic.Create(Rules.GatewayOptionOutOfRange, location, option, problem, accepted));

        private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

        private static string Milliseconds(TimeSpan t) => t.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);

        /// <summary>A constant <see cref="TimeSpan"/>: <c>TimeSpan.FromSeconds(30)</c>, <c>new TimeSpan(0, 0, 30)</c>, <c>TimeSpan.Zero</c>.</summary>
        internal static TimeSpan? TimeSpanValue(IOperation operation, KnownTypes types)
        {
            var op = Operations.Unwrap(operation);
            try
            {
                switch (op)
                {
                    case IInvocationOperation call when SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, types.TimeSpan)
                                                        && call.TargetMethod.IsStatic && call.Arguments.Length == 1
                                                        && Operations.Number(call.Arguments[0].Value) is double n:
                        switch (call.TargetMethod.Name)
                        {
                            case "FromMilliseconds": return TimeSpan.FromTicks((long)Math.Round(n * TimeSpan.TicksPerMillisecond));
                            case "FromSeconds": return TimeSpan.FromTicks((long)Math.Round(n * TimeSpan.TicksPerSecond));
                            case "FromMinutes": return TimeSpan.FromTicks((long)Math.Round(n * TimeSpan.TicksPerMinute));
                            case "FromHours": return TimeSpan.FromTicks((long)Math.Round(n * TimeSpan.TicksPerHour));
                            case "FromDays": return TimeSpan.FromTicks((long)Math.Round(n * TimeSpan.TicksPerDay));
                            case "FromTicks": return TimeSpan.FromTicks((long)n);
                            default: return null;
                        }
                    case IObjectCreationOperation create when SymbolEqualityComparer.Default.Equals(create.Type, types.TimeSpan):
                        var args = new List<long>();
                        foreach (var a in create.Arguments)
                        {
                            if (!(Operations.Number(a.Value) is double d)) return null;
                            args.Add((long)d);
                        }
                        switch (args.Count)
                        {
                            case 0: return TimeSpan.Zero;
                            case 1: return new TimeSpan(args[0]);
                            case 3: return new TimeSpan((int)args[0], (int)args[1], (int)args[2]);
                            case 4: return new TimeSpan((int)args[0], (int)args[1], (int)args[2], (int)args[3]);
                            case 5: return new TimeSpan((int)args[0], (int)args[1], (int)args[2], (int)args[3], (int)args[4]);
                            default: return null;
                        }
                    case IFieldReferenceOperation field when SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, types.TimeSpan) && field.Field.Name == "Zero":
                        return TimeSpan.Zero;
                    default:
                        return null;
                }
            }
            catch (OverflowException)
            {
                return null;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        private static void CheckCaching(OperationSite context, ISimpleAssignmentOperation assignment, string option, KnownTypes types)
        {
            var endpoint = EndpointOfCall(assignment, types, out var known);
            if (known && (endpoint == null || !ReturnsImageLinks(endpoint))) return;
            var subject = endpoint != null ? "this call to " + endpoint.Path : "the requests it is used for";
            context.ReportDiagnostic(Diagnostic.Create(Rules.CachingExpiringLinks, assignment.Syntax.GetLocation(), option, subject));
        }

        /// <summary>
        /// Walks from an options initializer up to the call it is passed to and finds the request's endpoint.
        /// <paramref name="known"/> is false when the options are not written inline in a call (then the call is unknown).
        /// </summary>
        private static ApiEndpoint? EndpointOfCall(IOperation operation, KnownTypes types, out bool known)
        {
            known = false;
            for (var op = operation.Parent; op != null; op = op.Parent)
            {
                switch (op)
                {
                    case IInvocationOperation call:
                        foreach (var a in call.Arguments)
                        {
                            var endpoint = types.EndpointOf(Operations.Unwrap(a.Value).Type);
                            if (endpoint != null)
                            {
                                known = true;
                                return endpoint;
                            }
                        }
                        return null;
                    case IObjectOrCollectionInitializerOperation _:
                    case IObjectCreationOperation _:
                    case ISimpleAssignmentOperation _:
                    case IConversionOperation _:
                    case IArgumentOperation _:
                    case IParenthesizedOperation _:
                        continue;
                    default:
                        return null;
                }
            }
            return null;
        }

        /// <summary>True when the endpoint's response holds a URL (an image link that expires).</summary>
        internal static bool ReturnsImageLinks(ApiEndpoint endpoint)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            return HasUrl(IdeogramApi.FindSchema(endpoint.Response), seen);
        }

        private static bool HasUrl(ApiSchema? schema, HashSet<string> seen)
        {
            if (schema == null || !seen.Add(schema.Name)) return false;
            foreach (var p in schema.Properties)
            {
                if (p.Kind == ValueKind.String && (p.Name == "url" || p.Name.EndsWith("_url", StringComparison.Ordinal))) return true;
                if ((p.Kind == ValueKind.Object || p.Kind == ValueKind.ObjectArray) && p.Ref != null && HasUrl(IdeogramApi.FindSchema(p.Ref), seen)) return true;
            }
            return false;
        }

        private static void AnalyzeMetadataCreation(OperationSite context, KnownTypes types, int maxEntries)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!SymbolEqualityComparer.Default.Equals(creation.Type, types.GatewayLogMetadata)) return;
            var adds = new List<IOperation>();
            if (creation.Initializer != null)
                foreach (var i in creation.Initializer.Initializers)
                    if (i is IInvocationOperation add && add.TargetMethod.Name == "Add") adds.Add(add);
            IOperation current = creation;
            while (current.Parent is IInvocationOperation next && next.TargetMethod.Name == "Add"
                   && SymbolEqualityComparer.Default.Equals(next.TargetMethod.ContainingType, types.GatewayLogMetadata)
                   && next.Instance == current)
            {
                adds.Add(next);
                current = next;
            }
            if (adds.Count <= maxEntries) return;
            var extra = adds[maxEntries];
            var location = extra is IInvocationOperation inv && inv.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax s
                && s.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member
                ? Location.Create(s.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(member.Name.SpanStart, s.Span.End))
                : extra.Syntax.GetLocation();
            Report(context, location, "Metadata", $"has {adds.Count} entries", $"at most {maxEntries}");
        }

        private static void AnalyzeMetadataAdd(OperationSite context, KnownTypes types)
        {
            var call = (IInvocationOperation)context.Operation;
            if (call.TargetMethod.Name != "Add" || !SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, types.GatewayLogMetadata)) return;
            var key = Operations.Argument(call.Arguments, "key");
            if (key != null && key.Value.ConstantValue.Value is string k && k.StartsWith(Limits.ReservedMetadataPrefix, StringComparison.OrdinalIgnoreCase))
                Report(context, key.Value.Syntax.GetLocation(), "Metadata key", $"'{k}' starts with the reserved prefix 'cf.'", "keys that do not start with 'cf.'");
        }
    }
}
