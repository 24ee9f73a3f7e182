using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
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
        internal const string CloudflareApiTokenVariable = "CF_API_TOKEN";
        internal const string CloudflareApiTokenConfigurationKey = "Ideogram:CloudflareApiToken";

        private static readonly string[] TestFrameworks =
        {
            "xunit.core", "xunit.assert", "xunit.v3.core", "xunit.v3.assert", "nunit.framework",
            "Microsoft.VisualStudio.TestPlatform.TestFramework", "MSTest.TestFramework",
        };

        /// <summary>The headers that carry a credential, and which: Ideogram's key, the AI Gateway token, a Cloudflare API token.</summary>
        internal static readonly (string Header, SecretKind Kind)[] CredentialHeaders =
        {
            ("Api-Key", SecretKind.ApiKey),
            ("cf-aig-authorization", SecretKind.GatewayToken),
            ("Authorization", SecretKind.CloudflareApiToken),
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rules.HardCodedSecret, Rules.VariableNameAsSecret);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var flow = new ConstantFlow(start.Compilation);
                var options = start.Options.AnalyzerConfigOptionsProvider;
                bool isTestProject = IsTestProject(start.Compilation, options);
                var analyze = OperationRules.Action(Concerns.Secrets, KnownTypes.For, (c, types) =>
                {
                    switch (c.Operation.Kind)
                    {
                        case OperationKind.ObjectCreation: AnalyzeCreation(c, types, flow); break;
                        case OperationKind.Invocation: AnalyzeInvocation(c, types, flow); break;
                        case OperationKind.SimpleAssignment: AnalyzeAssignment(c, types, flow); break;
                    }
                }, OperationKind.ObjectCreation, OperationKind.Invocation, OperationKind.SimpleAssignment);
                // The test-project exemption is a file's option: asked once per file, not per operation.
                start.RegisterSemanticModelAction(c =>
                {
                    if (!(isTestProject && TestProjectsExempt(options, c.SemanticModel.SyntaxTree))) analyze(c);
                });
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

        private static void AnalyzeCreation(OperationSite context, KnownTypes types, ConstantFlow flow)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var type = creation.Constructor?.ContainingType;
            if (type == null) return;
            if (types.Credentials != null && SymbolEqualityComparer.Default.Equals(type, types.Credentials))
            {
                foreach (var a in creation.Arguments)
                {
                    if (a.ArgumentKind != ArgumentKind.Explicit || a.Parameter == null) continue;
                    if (a.Parameter.Name == "apiKey") CheckSink(context, flow, a.Value, SecretKind.ApiKey, "the IdeogramCredentials apiKey parameter", creation);
                    else if (a.Parameter.Name == "gatewayToken") CheckSink(context, flow, a.Value, SecretKind.GatewayToken, "the IdeogramCredentials gatewayToken parameter", creation);
                }
                return;
            }
            if (types.AuthenticationHeaderValue != null && SymbolEqualityComparer.Default.Equals(type, types.AuthenticationHeaderValue))
            {
                var parameter = Operations.Argument(creation.Arguments, "parameter");
                if (parameter != null && parameter.ArgumentKind == ArgumentKind.Explicit)
                    CheckSink(context, flow, parameter.Value, SecretKind.CloudflareApiToken, "an AuthenticationHeaderValue", null);
                return;
            }
            if (types.GatewayLogsClient != null && SymbolEqualityComparer.Default.Equals(type, types.GatewayLogsClient))
            {
                var token = Operations.Argument(creation.Arguments, "apiToken");
                if (token != null && token.ArgumentKind == ArgumentKind.Explicit)
                    CheckSink(context, flow, token.Value, SecretKind.CloudflareApiToken, "the GatewayLogsClient apiToken parameter", null);
                return;
            }
            CheckNamedArguments(context, flow, creation.Arguments);
        }

        private static void AnalyzeInvocation(OperationSite context, KnownTypes types, ConstantFlow flow)
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
                foreach (var (known, kind) in CredentialHeaders)
                    if (string.Equals(header, known, StringComparison.OrdinalIgnoreCase))
                    {
                        CheckSink(context, flow, value.Value, kind, "the " + known + " header", null);
                        break;
                    }
                return;
            }
            CheckNamedArguments(context, flow, call.Arguments);
        }

        private static void AnalyzeAssignment(OperationSite context, KnownTypes types, ConstantFlow flow)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            ISymbol? member = assignment.Target switch
            {
                IPropertyReferenceOperation p => p.Property,
                IFieldReferenceOperation f => f.Field,
                _ => null,
            };
            if (member == null || assignment.Value.Type?.SpecialType != SpecialType.System_String) return;
            var sink = types.CredentialMember(member);
            if (sink != null)
            {
                CheckSink(context, flow, assignment.Value, sink.Value.Kind, sink.Value.Name, null);
                return;
            }
            if (SecretHeuristics.IsSecretName(member.Name))
                CheckNamed(context, flow, assignment.Value, member.Name);
        }

        private static void CheckNamedArguments(OperationSite context, ConstantFlow flow, ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var a in arguments)
                if (a.ArgumentKind == ArgumentKind.Explicit && a.Parameter != null && a.Parameter.Type.SpecialType == SpecialType.System_String
                    && SecretHeuristics.IsSecretName(a.Parameter.Name))
                    CheckNamed(context, flow, a.Value, a.Parameter.Name);
        }

        /// <summary>
        /// A known credential sink: any constant that is not an obvious stand-in is reported (IDG0301); an environment
        /// variable's name is reported as such (IDG0303).
        /// </summary>
        private static void CheckSink(OperationSite context, ConstantFlow flow, IOperation value, SecretKind kind, string sink, IObjectCreationOperation? credentials)
        {
            if (Operations.IsNull(value)) return;
            FlowValue? secret = null, variable = null;
            string prefix = "";
            foreach (var v in flow.Values(value))
            {
                if (v.Text == null) continue;
                var text = SecretHeuristics.StripScheme(v.Text, out var p);
                if (SecretHeuristics.IsEnvironmentVariableName(text))
                {
                    if (variable == null) variable = v;
                    continue;
                }
                if (SecretHeuristics.IsExempt(text) || secret != null) continue;
                secret = v;
                prefix = p;
            }
            if (secret != null) Report(context, value, secret.Value, kind, sink, prefix);
            else if (variable != null) ReportVariable(context, value, variable.Value, kind, sink, credentials);
        }

        /// <summary>A member or parameter only named like a credential: reported when a value also looks like a token.</summary>
        private static void CheckNamed(OperationSite context, ConstantFlow flow, IOperation value, string name)
        {
            if (Operations.IsNull(value)) return;
            foreach (var v in flow.Values(value))
            {
                if (v.Text == null) continue;
                var secret = SecretHeuristics.StripScheme(v.Text, out var prefix);
                if (SecretHeuristics.IsExempt(secret) || !SecretHeuristics.LooksLikeToken(secret)) continue;
                Report(context, value, v, SecretHeuristics.KindOfName(name), "'" + name + "'", prefix);
                return;
            }
        }

        private static IEnumerable<Location> Origin(IOperation value, FlowValue v) =>
            v.Origin.SyntaxTree == value.Syntax.SyntaxTree && value.Syntax.Span.Contains(v.Origin.Span)
                ? Array.Empty<Location>()
                : new[] { v.Origin.GetLocation() };

        private static void Report(OperationSite context, IOperation value, FlowValue v, SecretKind kind, string sink, string prefix)
        {
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticProperties.EnvironmentVariable, EnvironmentVariable(kind))
                .Add(DiagnosticProperties.ConfigurationKey, ConfigurationKey(kind))
                .Add(DiagnosticProperties.SchemePrefix, prefix);
            context.ReportDiagnostic(Diagnostic.Create(Rules.HardCodedSecret, value.Syntax.GetLocation(), Origin(value, v), properties, Describe(kind), sink));
        }

        private static void ReportVariable(OperationSite context, IOperation value, FlowValue v, SecretKind kind, string sink, IObjectCreationOperation? credentials)
        {
            var name = SecretHeuristics.StripScheme(v.Text!, out var prefix);
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticProperties.EnvironmentVariable, name)
                .Add(DiagnosticProperties.SchemePrefix, prefix);
            if (credentials != null && FromEnvironmentArguments(credentials) is (string key, string token))
                properties = properties
                    .Add(DiagnosticProperties.ApiKeyVariable, key)
                    .Add(DiagnosticProperties.GatewayTokenVariable, token);
            context.ReportDiagnostic(Diagnostic.Create(Rules.VariableNameAsSecret, value.Syntax.GetLocation(), Origin(value, v), properties,
                name, Describe(kind), sink));
        }

        /// <summary>
        /// The variables <c>IdeogramCredentials.FromEnvironment</c> should read in place of this constructor call, when
        /// each argument is an environment variable's name (or absent / null, which keeps the default).
        /// </summary>
        private static (string Key, string Token)? FromEnvironmentArguments(IObjectCreationOperation creation)
        {
            string key = ApiKeyVariable, token = TokenVariable;
            foreach (var a in creation.Arguments)
            {
                if (a.ArgumentKind != ArgumentKind.Explicit || a.Parameter == null) continue;
                string? name;
                if (Operations.IsNull(a.Value)) name = null;
                else if (Operations.Unwrap(a.Value).ConstantValue.Value is string s && SecretHeuristics.IsEnvironmentVariableName(s)) name = s;
                else return null;
                if (a.Parameter.Name == "apiKey")
                {
                    if (name == null) return null;
                    key = name;
                }
                else if (a.Parameter.Name == "gatewayToken" && name != null) token = name;
            }
            return (key, token);
        }

        private static string Describe(SecretKind kind) => kind switch
        {
            SecretKind.ApiKey => "Ideogram API key",
            SecretKind.GatewayToken => "AI Gateway token",
            _ => "Cloudflare API token",
        };

        internal static string EnvironmentVariable(SecretKind kind) => kind switch
        {
            SecretKind.ApiKey => ApiKeyVariable,
            SecretKind.GatewayToken => TokenVariable,
            _ => CloudflareApiTokenVariable,
        };

        internal static string ConfigurationKey(SecretKind kind) => kind switch
        {
            SecretKind.ApiKey => ApiKeyConfigurationKey,
            SecretKind.GatewayToken => TokenConfigurationKey,
            _ => CloudflareApiTokenConfigurationKey,
        };
    }

    /// <summary>What a secret is for; it decides the environment variable and configuration key the fixes read.</summary>
    internal enum SecretKind
    {
        /// <summary>The Ideogram API key (<c>Api-Key</c> header).</summary>
        ApiKey,
        /// <summary>The AI Gateway token of an authenticated gateway (<c>cf-aig-authorization</c>).</summary>
        GatewayToken,
        /// <summary>A Cloudflare API token for the REST API (<c>Authorization: Bearer</c>, the logs API).</summary>
        CloudflareApiToken,
    }
}
