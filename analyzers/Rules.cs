using Microsoft.CodeAnalysis;

namespace IdeogramGen.Analyzers
{
    /// <summary>The categories of the IdeogramGen rules.</summary>
    internal static class RuleCategories
    {
        public const string Gateway = "IdeogramGen.Gateway";
        public const string Vocabulary = "IdeogramGen.Vocabulary";
        public const string Values = "IdeogramGen.Values";
        public const string Security = "IdeogramGen.Security";
        public const string Usage = "IdeogramGen.Usage";
    }

    /// <summary>The catalog of rule identifiers and descriptors. Every rule of every IdeogramGen analyzer is declared here.</summary>
    internal static class Rules
    {
        public const string HelpLinkBase = "https://github.com/ideogramgen/ideogramgen/blob/main/docs/rules/";

        public const string GatewayClassNotExtensibleId = "IDG0001";
        public const string AccountIdFormatId = "IDG0002";
        public const string GatewayIdFormatId = "IDG0003";
        public const string NonConstantArgumentId = "IDG0004";
        public const string DuplicateAttributeId = "IDG0005";
        public const string UnknownModelId = "IDG0101";
        public const string ModelNotAcceptedId = "IDG0102";
        public const string UnknownValueId = "IDG0103";
        public const string ObsoleteValueId = "IDG0104";
        public const string ValueNotAcceptedId = "IDG0105";
        public const string UnknownV2ModelId = "IDG0106";
        public const string RequiredValueUnsetId = "IDG0107";
        public const string OutOfRangeId = "IDG0201";
        public const string PatternMismatchId = "IDG0202";
        public const string MutuallyExclusiveId = "IDG0203";
        public const string GatewayOptionOutOfRangeId = "IDG0204";
        public const string HardCodedSecretId = "IDG0301";
        public const string SecretInSettingsId = "IDG0302";
        public const string VariableNameAsSecretId = "IDG0303";
        public const string CachingExpiringLinksId = "IDG0401";
        public const string UnsafeResilienceHandlerId = "IDG0402";

        public static string HelpLink(string id) => HelpLinkBase + id + ".md";

        private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description, params string[] tags) =>
            new DiagnosticDescriptor(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLink(id), customTags: tags);

        public static readonly DiagnosticDescriptor GatewayClassNotExtensible = Create(
            GatewayClassNotExtensibleId,
            "The [IdeogramGateway] class cannot be extended by the generator",
            "'{0}' cannot be extended by the IdeogramGen generator: {1}",
            RuleCategories.Gateway, DiagnosticSeverity.Error,
            "The generator adds members to the class that carries [IdeogramGateway]. The class and every type that contains it must be partial, and the class must be neither generic nor static.");

        public static readonly DiagnosticDescriptor AccountIdFormat = Create(
            AccountIdFormatId,
            "Cloudflare account id is not 32 hexadecimal characters",
            "The Cloudflare account id must be 32 hexadecimal characters; this one {0}",
            RuleCategories.Gateway, DiagnosticSeverity.Error,
            "Cloudflare account ids are 32 hexadecimal characters (dashboard, Account home). Any other value gives a gateway URL that answers 404.");

        public static readonly DiagnosticDescriptor GatewayIdFormat = Create(
            GatewayIdFormatId,
            "AI Gateway id is not valid",
            "The AI Gateway id {0}",
            RuleCategories.Gateway, DiagnosticSeverity.Error,
            "A gateway id is 1 to 64 characters of lowercase letters, digits, '-' and '_'.");

        public static readonly DiagnosticDescriptor NonConstantArgument = Create(
            NonConstantArgumentId,
            "[IdeogramGateway] argument is not a compile-time constant",
            "The {0} argument of [IdeogramGateway] must be a compile-time constant string",
            RuleCategories.Gateway, DiagnosticSeverity.Error,
            "The generator reads the account and gateway ids at compile time; they must be constants.");

        public static readonly DiagnosticDescriptor DuplicateAttribute = Create(
            DuplicateAttributeId,
            "[IdeogramGateway] is applied more than once to the same class",
            "'{0}' carries [IdeogramGateway] more than once (across its partial declarations); keep one",
            RuleCategories.Gateway, DiagnosticSeverity.Error,
            "A class describes one gateway. Applying the attribute on several partial declarations makes the generated client ambiguous.");

        public static readonly DiagnosticDescriptor UnknownModel = Create(
            UnknownModelId,
            "Unknown Ideogram model",
            "'{0}' is not an Ideogram model{1}",
            RuleCategories.Vocabulary, DiagnosticSeverity.Warning,
            "IdeogramModel accepts any string so that new models work before the library knows them, but Ideogram rejects names it does not know with HTTP 422.");

        public static readonly DiagnosticDescriptor UnknownV2Model = Create(
            UnknownV2ModelId,
            "Unknown model in a v2 path",
            "'{0}' is not a model of {1}, which takes {2}{3}",
            RuleCategories.Vocabulary, DiagnosticSeverity.Warning,
            "Ideogram's v2 API names the model in the path as a lowercase slug (v2/image/generate/ideogram-4-5); any other spelling (ideogram-v4.5, Ideogram 4.5, V_4_5) is not a route and answers HTTP 404.");

        public static readonly DiagnosticDescriptor ModelNotAccepted = Create(
            ModelNotAcceptedId,
            "Model not accepted here",
            "{0}",
            RuleCategories.Vocabulary, DiagnosticSeverity.Warning,
            "Some endpoints accept only some models (the legacy /edit takes V_2 and V_2_TURBO), and some fields are not accepted with some models (style_type with V_1, negative_prompt with V_2A and V_3, color_palette with V_1 and V_2A).");

        public static readonly DiagnosticDescriptor UnknownValue = Create(
            UnknownValueId,
            "Unknown or wrong-family Ideogram value",
            "'{0}' is not a known {1} value{2}",
            RuleCategories.Vocabulary, DiagnosticSeverity.Warning,
            "Ideogram's vocabularies differ between API generations: v3 writes aspect ratios as 16x9 and resolutions as 1024x1024, the legacy endpoints as ASPECT_16_9 and RESOLUTION_1024_1024. A value from another family, or one that does not exist, is rejected with HTTP 422.");

        public static readonly DiagnosticDescriptor ObsoleteValue = Create(
            ObsoleteValueId,
            "Obsolete Ideogram value",
            "'{0}' is obsolete: {1}",
            RuleCategories.Vocabulary, DiagnosticSeverity.Warning,
            "The value is still in Ideogram's OpenAPI document but no longer documented; it may stop working without notice.");

        public static readonly DiagnosticDescriptor ValueNotAccepted = Create(
            ValueNotAcceptedId,
            "Value not accepted by this endpoint",
            "{0} '{1}' is not accepted by {2}; it accepts {3}",
            RuleCategories.Vocabulary, DiagnosticSeverity.Error,
            "Some endpoints accept a subset of a vocabulary (generate-transparent does not take rendering speed FLASH).");

        public static readonly DiagnosticDescriptor RequiredValueUnset = Create(
            RequiredValueUnsetId,
            "Required field set to the \"not set\" value",
            "{0} (wire name '{1}') is required by Ideogram {2}, but '{3}' means \"not set\" and leaves the field out, so the request can never be sent; use a value such as {4}",
            RuleCategories.Vocabulary, DiagnosticSeverity.Error,
            "The default of a vocabulary value (default, default(T), new T(), or null for the nullable property) means \"not set\": the request leaves the field out. Ideogram's API description marks some vocabulary fields as required (model on the legacy /edit and /reframe, resolution on reframe, asset_type of an asset identifier, type of an Ideogram 4.0 prompt element); a request that leaves one of them unset fails validation before it is sent, every time.");

        public static readonly DiagnosticDescriptor OutOfRange = Create(
            OutOfRangeId,
            "Value out of range",
            "{0} is {1}; allowed: {2}",
            RuleCategories.Values, DiagnosticSeverity.Error,
            "Ideogram rejects numbers outside the range its API description states (num_images 1 to 8, image_weight 1 to 100, palette member weight 0.05 to 1, ...).");

        public static readonly DiagnosticDescriptor PatternMismatch = Create(
            PatternMismatchId,
            "Value does not match the expected format",
            "'{0}' is not a valid {1}: expected {2}",
            RuleCategories.Values, DiagnosticSeverity.Error,
            "Some strings have a fixed format: hexadecimal colours (#RGB or #RRGGBB), style codes (8 hexadecimal characters).");

        public static readonly DiagnosticDescriptor MutuallyExclusive = Create(
            MutuallyExclusiveId,
            "Options that exclude each other are set together",
            "{0} and {1} cannot be used together on {2}: {3}",
            RuleCategories.Values, DiagnosticSeverity.Error,
            "Ideogram rejects a request that sets two fields it documents as mutually exclusive (aspect_ratio and resolution; style_codes and style_type or style_reference_images).");

        public static readonly DiagnosticDescriptor GatewayOptionOutOfRange = Create(
            GatewayOptionOutOfRangeId,
            "Gateway option out of range",
            "{0} {1}; the gateway accepts {2}",
            RuleCategories.Values, DiagnosticSeverity.Warning,
            "Cloudflare AI Gateway ignores or rejects request options outside its limits (cache TTL 60 s to one month, 1 to 5 attempts, retry delay up to 5000 ms, at most 5 metadata entries, no keys starting with 'cf.').");

        public static readonly DiagnosticDescriptor HardCodedSecret = Create(
            HardCodedSecretId,
            "Hard-coded secret",
            "A hard-coded {0} reaches {1}; read it from configuration or the environment",
            RuleCategories.Security, DiagnosticSeverity.Warning,
            "A constant Ideogram API key or Cloudflare token in source ends up in version control, build logs and every copy of the binary. The value is never shown in this message.");

        public static readonly DiagnosticDescriptor SecretInSettings = Create(
            SecretInSettingsId,
            "Secret in a settings file",
            "'{0}' in {1} holds a secret value; keep it in user secrets or the environment",
            RuleCategories.Security, DiagnosticSeverity.Warning,
            "appsettings files are committed with the code. An Ideogram API key or gateway token in them leaks with the repository.");

        public static readonly DiagnosticDescriptor VariableNameAsSecret = Create(
            VariableNameAsSecretId,
            "Environment variable name passed as a secret",
            "'{0}' is the name of an environment variable, passed where the {1} itself belongs ({2}); read the variable instead",
            RuleCategories.Security, DiagnosticSeverity.Warning,
            "A value such as \"IDEOGRAM_API_KEY\" at a credential sink is sent as the key itself and every call fails with 401. Read the variable (IdeogramCredentials.FromEnvironment, Environment.GetEnvironmentVariable).");

        public static readonly DiagnosticDescriptor CachingExpiringLinks = Create(
            CachingExpiringLinksId,
            "Gateway cache on a call that returns expiring image links",
            "{0} opts {1} into the gateway cache: a cache HIT replays image links that may have expired",
            RuleCategories.Usage, DiagnosticSeverity.Info,
            "Ideogram answers with temporary image URLs. A cached answer returns the same URLs later, after they may have stopped working. Download the images at once, or do not cache image-generation calls.");

        public static readonly DiagnosticDescriptor UnsafeResilienceHandler = Create(
            UnsafeResilienceHandlerId,
            "Standard resilience handler on an Ideogram client",
            "AddStandardResilienceHandler re-sends a generation that may already have been billed; use AddIdeogramResilienceHandler",
            RuleCategories.Usage, DiagnosticSeverity.Warning,
            "The standard handler of Microsoft.Extensions.Http.Resilience retries POSTs after a 5xx answer or a timeout. Ideogram may have run (and billed) the generation before such an answer; AddIdeogramResilienceHandler keeps the standard pipeline but re-sends only requests that did not run.");

        /// <summary>Every descriptor of the catalog, in identifier order.</summary>
        public static readonly DiagnosticDescriptor[] All =
        {
            GatewayClassNotExtensible, AccountIdFormat, GatewayIdFormat, NonConstantArgument, DuplicateAttribute,
            UnknownModel, ModelNotAccepted, UnknownValue, ObsoleteValue, ValueNotAccepted, UnknownV2Model, RequiredValueUnset,
            OutOfRange, PatternMismatch, MutuallyExclusive, GatewayOptionOutOfRange,
            HardCodedSecret, SecretInSettings, VariableNameAsSecret,
            CachingExpiringLinks, UnsafeResilienceHandler,
        };
    }

    /// <summary>Keys of <see cref="Diagnostic.Properties"/> read by the code fixes.</summary>
    internal static class DiagnosticProperties
    {
        /// <summary>The literal value that replaces the flagged one.</summary>
        public const string Replacement = "Replacement";
        /// <summary>IDG0107: the static member that stands for <see cref="Replacement"/> (<c>global::IdeogramGen.IdeogramModel.V2</c>).</summary>
        public const string ReplacementMember = "ReplacementMember";
        /// <summary>The environment variable that holds the secret.</summary>
        public const string EnvironmentVariable = "EnvironmentVariable";
        /// <summary>The configuration key that holds the secret.</summary>
        public const string ConfigurationKey = "ConfigurationKey";
        /// <summary>An authentication scheme prefix ("Bearer ") kept in front of the secret.</summary>
        public const string SchemePrefix = "SchemePrefix";
        /// <summary>IDG0303: the variable <c>IdeogramCredentials.FromEnvironment</c> reads for the API key.</summary>
        public const string ApiKeyVariable = "ApiKeyVariable";
        /// <summary>IDG0303: the variable <c>IdeogramCredentials.FromEnvironment</c> reads for the gateway token.</summary>
        public const string GatewayTokenVariable = "GatewayTokenVariable";
    }
}
