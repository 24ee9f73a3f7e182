using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace IdeogramGen.Generator
{
    /// <summary>
    /// For each <c>partial</c> class marked <c>[IdeogramGateway(accountId, gatewayId)]</c>, emits the gateway constants
    /// and URL builder, the request and response types of the selected Ideogram endpoints, and the client methods.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class IdeogramGatewayGenerator : IIncrementalGenerator
    {
        /// <summary>The attribute the generator looks for.</summary>
        public const string AttributeMetadataName = "IdeogramGen.IdeogramGatewayAttribute";

        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var specs = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    AttributeMetadataName,
                    static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax
                        || (node is Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StructKeyword)),
                    static (ctx, ct) => GatewaySpec.Create(ctx, ct))
                .WithTrackingName(TrackingNames.Specs)
                .Where(static spec => spec is not null)
                .Select(static (spec, _) => spec!)
                .WithTrackingName(TrackingNames.ValidSpecs);

            var language = context.ParseOptionsProvider
                .Select(static (options, _) => new LanguageSupport(
                    options is CSharpParseOptions cs && cs.LanguageVersion >= LanguageVersion.CSharp8))
                .WithTrackingName(TrackingNames.Language);

            var inputs = specs.Combine(language).WithTrackingName(TrackingNames.Inputs);

            context.RegisterSourceOutput(inputs, static (spc, input) =>
            {
                var (spec, lang) = input;
                var source = Emitter.Emit(spec, lang);
                spc.AddSource(spec.HintName, SourceText.From(source, System.Text.Encoding.UTF8));
            });
        }
    }

    /// <summary>Names of the tracked pipeline steps (for incrementality tests).</summary>
    public static class TrackingNames
    {
        /// <summary>Attribute targets turned into specs (null for unusable classes).</summary>
        public const string Specs = "IdeogramGen.Specs";
        /// <summary>Usable specs.</summary>
        public const string ValidSpecs = "IdeogramGen.ValidSpecs";
        /// <summary>The consumer's language support.</summary>
        public const string Language = "IdeogramGen.Language";
        /// <summary>Specs combined with language support.</summary>
        public const string Inputs = "IdeogramGen.Inputs";
    }
}
