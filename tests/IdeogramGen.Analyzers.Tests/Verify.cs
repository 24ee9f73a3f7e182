using System.Collections.Immutable;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace IdeogramGen.Analyzers.Tests
{
    /// <summary>Runs an analyzer (and optionally a code fix) over test sources compiled against the real runtime.</summary>
    internal static class Verify
    {
        /// <summary>Request types as the generator emits them, written by hand so these tests do not depend on it.</summary>
        public const string Requests = @"#nullable enable
namespace Sample
{
    using System.Collections.Generic;
    using IdeogramGen;

    [IdeogramEndpoint(""/v1/ideogram-v3/generate"")]
    public sealed class GenerateV3Request
    {
        public string? Prompt { get; set; }
        public IdeogramModel? Model { get; set; }
        public AspectRatioV3? AspectRatio { get; set; }
        public ResolutionV3? Resolution { get; set; }
        public RenderingSpeed? RenderingSpeed { get; set; }
        public MagicPromptOption? MagicPrompt { get; set; }
        public string? NegativePrompt { get; set; }
        public int? NumImages { get; set; }
        public int? Seed { get; set; }
        public IList<string>? StyleCodes { get; set; }
        public StyleTypeV3? StyleType { get; set; }
        public StylePresetV3? StylePreset { get; set; }
        public ColorPalette? ColorPalette { get; set; }
        public IList<IdeogramFile>? StyleReferenceImages { get; set; }
        public IList<IdeogramFile>? CharacterReferenceImages { get; set; }
    }

    [IdeogramEndpoint(""/v1/ideogram-v3/generate-transparent"")]
    public sealed class GenerateTransparentV3Request
    {
        public string? Prompt { get; set; }
        public RenderingSpeed? RenderingSpeed { get; set; }
    }

    [IdeogramEndpoint(""/v1/ideogram-v3/remix"")]
    public sealed class RemixV3Request
    {
        public string? Prompt { get; set; }
        public int? ImageWeight { get; set; }
    }

    [IdeogramEndpoint(""/generate"")]
    public sealed class GenerateLegacyRequest
    {
        public string? Prompt { get; set; }
        public IdeogramModel? Model { get; set; }
        public AspectRatioLegacy? AspectRatio { get; set; }
        public ResolutionLegacy? Resolution { get; set; }
        public StyleTypeLegacy? StyleType { get; set; }
        public string? NegativePrompt { get; set; }
        public ColorPalette? ColorPalette { get; set; }
    }

    [IdeogramEndpoint(""/edit"")]
    public sealed class EditLegacyRequest
    {
        public string? Prompt { get; set; }
        public IdeogramModel? Model { get; set; }
        public StyleTypeLegacy? StyleType { get; set; }
    }

    [IdeogramEndpoint(""/upscale"")]
    public sealed class UpscaleLegacyRequest
    {
        public int? Resemblance { get; set; }
        public int? Detail { get; set; }
    }

    [IdeogramEndpoint(""/describe"")]
    public sealed class DescribeLegacyRequest
    {
        public DescribeModelVersion? DescribeModelVersion { get; set; }
    }

    public sealed class Client
    {
        public System.Threading.Tasks.Task GenerateV3Async(GenerateV3Request request, IdeogramRequestOptions? options = null) => System.Threading.Tasks.Task.CompletedTask;
        public System.Threading.Tasks.Task DescribeLegacyAsync(DescribeLegacyRequest request, IdeogramRequestOptions? options = null) => System.Threading.Tasks.Task.CompletedTask;
    }
}
";

        public static void Configure(SolutionState state, bool withRequests)
        {
            state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(IdeogramCredentials).Assembly.Location));
            state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location));
            if (withRequests) state.Sources.Add(("Requests.cs", Requests));
        }

        public static Task AnalyzerAsync<TAnalyzer>(string source, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new() =>
            AnalyzerAsync<TAnalyzer>(source, withRequests: true, configure: null, expected);

        public static Task AnalyzerAsync<TAnalyzer>(string source, bool withRequests, System.Action<SolutionState>? configure, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new() =>
            AnalyzerAsync<TAnalyzer>(source, withRequests, configure, fullChecks: false, expected);

        /// <summary>
        /// Runs the analyzer. <paramref name="fullChecks"/> also re-runs it with every file marked generated and with
        /// each diagnostic suppressed by pragma (slow; a few tests do it for each analyzer).
        /// </summary>
        public static async Task AnalyzerAsync<TAnalyzer>(string source, bool withRequests, System.Action<SolutionState>? configure, bool fullChecks, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
            {
                ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
                TestCode = source,
                TestBehaviors = fullChecks ? TestBehaviors.None : TestBehaviors.SkipGeneratedCodeCheck | TestBehaviors.SkipSuppressionCheck,
            };
            Configure(test.TestState, withRequests);
            configure?.Invoke(test.TestState);
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }

        public static async Task CodeFixAsync<TAnalyzer, TFix>(string source, string fixedSource, int codeActionIndex, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TFix : CodeFixProvider, new()
        {
            var test = new CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
            {
                ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
                TestCode = source,
                FixedCode = fixedSource,
                CodeActionIndex = codeActionIndex,
            };
            Configure(test.TestState, withRequests: true);
            Configure(test.FixedState, withRequests: true);
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }

        public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new DiagnosticResult(descriptor);
    }
}
