using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using IdeogramGen.ApiDescription;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IdeogramGen.Analyzers
{
    /// <summary>
    /// IDG0106: a constant Ideogram path of the v2 API (<c>v2/{content}/{action}/{model}</c>) whose model segment is not
    /// one of the route's model slugs, passed where the library takes an Ideogram path: the generated
    /// <c>Endpoints.For(ideogramPath)</c>, <see cref="T:IdeogramGen.GatewayAddress"/>'s <c>Endpoint(ideogramPath)</c>,
    /// <see cref="T:IdeogramGen.GatewayPipeline"/>'s <c>SendAsync(path, …)</c> and <c>QuoteAsync(path, …)</c>. The v2 API
    /// names the model in the path, in lowercase slugs (<c>ideogram-4-5</c>, not <c>ideogram-v4.5</c> or <c>V_4_5</c>),
    /// and answers any other spelling with HTTP 404. The known routes come from the API description (endpoints with
    /// <c>ApiVersion</c> <c>v2</c>).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class V2RouteAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rules.UnknownV2Model);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (V2Routes.All.Count == 0) return;
                start.RegisterSemanticModelAction(OperationRules.Action(Concerns.V2Routes, RouteTakers.Resolve,
                    (c, takers) => Analyze(c, takers.Address, takers.Pipeline, takers.Gateway), OperationKind.Invocation));
            });
        }

        /// <summary>The runtime types whose methods take an Ideogram path; null when the runtime is not referenced.</summary>
        private sealed class RouteTakers
        {
            public INamedTypeSymbol? Address, Pipeline, Gateway;

            public static RouteTakers? Resolve(Compilation compilation)
            {
                var takers = new RouteTakers
                {
                    Address = compilation.GetTypeByMetadataName("IdeogramGen.GatewayAddress"),
                    Pipeline = compilation.GetTypeByMetadataName("IdeogramGen.GatewayPipeline"),
                    Gateway = compilation.GetTypeByMetadataName(GatewayAttributeNames.MetadataName),
                };
                return takers.Address == null && takers.Pipeline == null && takers.Gateway == null ? null : takers;
            }
        }

        private static void Analyze(OperationSite context, INamedTypeSymbol? address, INamedTypeSymbol? pipeline, INamedTypeSymbol? gateway)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!TakesIdeogramPath(invocation.TargetMethod, address, pipeline, gateway)) return;
            foreach (var argument in invocation.Arguments)
            {
                var parameter = argument.Parameter;
                if (parameter == null || parameter.Type.SpecialType != SpecialType.System_String) continue;
                if (parameter.Name != "ideogramPath" && parameter.Name != "path") continue;
                if (!(argument.Value.ConstantValue.HasValue && argument.Value.ConstantValue.Value is string path)) continue;
                var finding = V2Routes.Check(path);
                if (finding == null) continue;
                var properties = ImmutableDictionary<string, string?>.Empty;
                var detail = "";
                if (finding.Value.Replacement != null)
                {
                    properties = properties.Add(DiagnosticProperties.Replacement, finding.Value.Replacement);
                    detail = "; did you mean '" + finding.Value.Replacement + "'?";
                }
                context.ReportDiagnostic(Diagnostic.Create(Rules.UnknownV2Model, argument.Value.Syntax.GetLocation(), properties,
                    finding.Value.Model, finding.Value.Route, string.Join(", ", finding.Value.Models), detail));
            }
        }

        private static bool TakesIdeogramPath(IMethodSymbol method, INamedTypeSymbol? address, INamedTypeSymbol? pipeline, INamedTypeSymbol? gateway)
        {
            var type = method.ContainingType;
            if (type == null) return false;
            if (SymbolEqualityComparer.Default.Equals(type, address)) return method.Name == "Endpoint";
            if (SymbolEqualityComparer.Default.Equals(type, pipeline)) return method.Name == "SendAsync" || method.Name == "QuoteAsync";
            // The generated URL builder: {client}.Endpoints.For(ideogramPath), on a class with [IdeogramGateway].
            if (method.Name != "For" || type.Name != "Endpoints" || gateway == null || type.ContainingType == null) return false;
            foreach (var a in type.ContainingType.GetAttributes())
                if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, gateway)) return true;
            return false;
        }
    }

    /// <summary>The v2 routes of the API description by <c>{content}/{action}</c>, and the search for a model slug.</summary>
    internal static class V2Routes
    {
        /// <summary>Each <c>v2/{content}/{action}</c> with its model slugs, in the description's order.</summary>
        public static readonly Dictionary<string, List<string>> All = Build();

        private static readonly Regex VersionV = new Regex(@"(?<![a-z0-9])v[\s._\-]*(?=\d)", RegexOptions.CultureInvariant);

        private static readonly Regex PointZero = new Regex(@"(\d+)[.\-_ ]0(?!\d)", RegexOptions.CultureInvariant);

        private static Dictionary<string, List<string>> Build()
        {
            var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var e in IdeogramApi.Endpoints)
            {
                if (e.ApiVersion != "v2") continue;
                var parts = e.Path.TrimStart('/').Split('/');
                if (parts.Length != 4 || parts[1] == "generations" || parts[3].IndexOf('{') >= 0) continue;
                var route = parts[0] + "/" + parts[1] + "/" + parts[2];
                if (!map.TryGetValue(route, out var models)) map[route] = models = new List<string>();
                if (!models.Contains(parts[3])) models.Add(parts[3]);
            }
            return map;
        }

        /// <summary>A finding for a v2 path whose model is not a slug of its route; null for every other string.</summary>
        public static (string Model, string Route, List<string> Models, string? Replacement)? Check(string path)
        {
            int start = path.StartsWith("/", StringComparison.Ordinal) ? 1 : 0;
            int end = path.IndexOfAny(new[] { '?', '#' });
            if (end < 0) end = path.Length;
            var route = path.Substring(start, end - start);
            if (!route.StartsWith("v2/", StringComparison.Ordinal)) return null;
            var parts = route.Split('/');
            if (parts.Length != 4 || parts[3].Length == 0) return null;
            var key = parts[0] + "/" + parts[1] + "/" + parts[2];
            if (!All.TryGetValue(key, out var models) || models.Contains(parts[3])) return null;
            var slug = Suggest(models, parts[3]);
            string? replacement = slug == null ? null : path.Substring(0, start) + key + "/" + slug + path.Substring(end);
            return (parts[3], key + "/{model}", models, replacement);
        }

        /// <summary>
        /// The slug a typed model name means: first the product names people type (<c>Ideogram 4.5</c>,
        /// <c>ideogram-v4.5</c>, <c>v4.5</c>, <c>4.5</c>, <c>Ideogram 4.0</c> → <c>ideogram-4</c>; case, spaces,
        /// punctuation, the word <c>ideogram</c>, a <c>v</c> before the version and a <c>.0</c> minor version ignored),
        /// then the nearest slug by edit distance (at most a third of its length, no tie, and only among slugs of the same
        /// version numbers: <c>ideogram-5</c> is not a typo of <c>ideogram-4</c>).
        /// </summary>
        public static string? Suggest(List<string> models, string input)
        {
            var key = Key(input);
            if (key.Length > 0)
            {
                string? alias = null;
                foreach (var m in models)
                {
                    if (Key(m) != key) continue;
                    if (alias != null) { alias = null; break; }
                    alias = m;
                }
                if (alias != null) return alias;
            }
            var lower = input.Trim().ToLowerInvariant();
            var version = Digits(key);
            string? best = null;
            int bestDistance = int.MaxValue;
            bool tie = false;
            foreach (var m in models)
            {
                // Another version is another model: a typo may be fixed, a version number never changed.
                if (version.Length > 0 && Digits(Key(m)) != version) continue;
                var d = Vocabulary.Distance(lower, m);
                if (d < bestDistance) { bestDistance = d; best = m; tie = false; }
                else if (d == bestDistance) tie = true;
            }
            return best != null && !tie && bestDistance <= Math.Max(1, best.Length / 3) ? best : null;
        }

        private static string Digits(string key)
        {
            var sb = new StringBuilder();
            foreach (var c in key)
                if (char.IsDigit(c)) sb.Append(c);
            return sb.ToString();
        }

        /// <summary>The comparison key of a model name or slug: <c>Ideogram 4.5</c>, <c>ideogram-v4.5</c>, <c>4.5</c> and <c>ideogram-4-5</c> all give <c>45</c>.</summary>
        internal static string Key(string name)
        {
            var s = PointZero.Replace(name.Trim().ToLowerInvariant(), "$1").Replace("ideogram", " ");
            // A "v" that starts a version number ("v4.5", "ideogram-v4", "V_4_5") is not part of the name.
            s = VersionV.Replace(s, "");
            var sb = new StringBuilder(s.Length);
            foreach (var c in s)
                if (char.IsLetterOrDigit(c)) sb.Append(c);
            return sb.ToString();
        }
    }
}
