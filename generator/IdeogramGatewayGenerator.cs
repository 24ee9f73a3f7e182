using IdeogramGen.Generator.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace IdeogramGen.Generator
{
    /// <summary>
    /// For each <c>partial</c> class marked <c>[IdeogramGateway(accountId, gatewayId)]</c>, emits the gateway constants,
    /// the URL builder, the constructors and one method per endpoint of the selected families
    /// (<c>&lt;Class&gt;.Ideogram.g.cs</c>); and once per compilation, the request and response types of every family
    /// some class selects (<c>IdeogramGen.Models.g.cs</c>, in the models namespace).
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
                        || (node is Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword)),
                    static (ctx, ct) => GatewaySpec.Create(ctx, ct))
                .WithTrackingName(TrackingNames.Specs)
                .Where(static spec => spec is not null)
                .Select(static (spec, _) => spec!)
                .WithTrackingName(TrackingNames.ValidSpecs);

            var nullable = context.ParseOptionsProvider
                .Select(static (options, _) => options is CSharpParseOptions cs && cs.LanguageVersion >= LanguageVersion.CSharp8)
                .WithTrackingName(TrackingNames.Language);

            var assemblyName = context.CompilationProvider
                .Select(static (compilation, _) => compilation.AssemblyName)
                .WithTrackingName(TrackingNames.AssemblyName);

            var configured = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) => options.GlobalOptions.TryGetValue(ModelsNamespace.PropertyKey, out var value) ? value : null)
                .WithTrackingName(TrackingNames.ConfiguredNamespace);

            var output = configured.Combine(assemblyName).Combine(nullable)
                .Select(static (input, _) => new OutputOptions(ModelsNamespace.Resolve(input.Left.Left, input.Left.Right), input.Right))
                .WithTrackingName(TrackingNames.Output);

            // Per class: what depends on its attribute.
            context.RegisterSourceOutput(specs.Combine(output).WithTrackingName(TrackingNames.Inputs), static (spc, input) =>
            {
                var (spec, options) = input;
                spc.AddSource(spec.HintName, SourceText.From(ClientEmitter.Emit(spec, options), System.Text.Encoding.UTF8));
            });

            // Once: the models of the union of the selected families.
            var models = specs
                .Select(static (spec, _) => new ModelsSpec(spec.Endpoints, spec.Public))
                .WithTrackingName(TrackingNames.Selections)
                .Collect()
                .Select(static (selections, _) =>
                {
                    int families = 0;
                    bool visible = false;
                    foreach (var s in selections)
                    {
                        families |= s.Families;
                        visible |= s.Public && s.Families != 0;
                    }
                    return new ModelsSpec(families, visible);
                })
                .WithTrackingName(TrackingNames.Models)
                .Combine(output)
                .WithTrackingName(TrackingNames.ModelsInputs);

            context.RegisterSourceOutput(models, static (spc, input) =>
            {
                var (spec, options) = input;
                if (spec.Families == 0) return;
                spc.AddSource(ModelsEmitter.HintName, SourceText.From(ModelsEmitter.Emit(spec, options), System.Text.Encoding.UTF8));
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
        /// <summary>Whether the consumer's language version has nullable annotations.</summary>
        public const string Language = "IdeogramGen.Language";
        /// <summary>The compilation's assembly name.</summary>
        public const string AssemblyName = "IdeogramGen.AssemblyName";
        /// <summary>The MSBuild property IdeogramGenModelsNamespace, when set.</summary>
        public const string ConfiguredNamespace = "IdeogramGen.ConfiguredNamespace";
        /// <summary>The models namespace and language facts every output depends on.</summary>
        public const string Output = "IdeogramGen.Output";
        /// <summary>Specs combined with the output options (one per class output).</summary>
        public const string Inputs = "IdeogramGen.Inputs";
        /// <summary>Each class's selected families and visibility.</summary>
        public const string Selections = "IdeogramGen.Selections";
        /// <summary>The union of the selections (the models file's spec).</summary>
        public const string Models = "IdeogramGen.Models";
        /// <summary>The models spec combined with the output options.</summary>
        public const string ModelsInputs = "IdeogramGen.ModelsInputs";
    }
}
