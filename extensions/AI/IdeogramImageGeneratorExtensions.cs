using System;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace IdeogramGen.Extensions.AI
{
    /// <summary>Microsoft.Extensions.AI's <see cref="IImageGenerator"/> over a generated IdeogramGen client.</summary>
    public static class IdeogramImageGeneratorExtensions
    {
        /// <summary><see cref="AIContent.AdditionalProperties"/> key of a result: when its link expires (<see cref="DateTimeOffset"/>, from the link's <c>exp</c>).</summary>
        public const string ExpiresAtProperty = "ideogram.expires_at";

        /// <summary><see cref="AIContent.AdditionalProperties"/> key of a result: the seed Ideogram used (<see cref="int"/>).</summary>
        public const string SeedProperty = "ideogram.seed";

        /// <summary><see cref="AIContent.AdditionalProperties"/> key of a result: its resolution as Ideogram writes it (e.g. <c>1024x1024</c>).</summary>
        public const string ResolutionProperty = "ideogram.resolution";

        /// <summary><see cref="AIContent.AdditionalProperties"/> key of a result: the prompt Ideogram used (after MagicPrompt).</summary>
        public const string PromptProperty = "ideogram.prompt";

        /// <summary>Set to <c>true</c> in an original image's <see cref="AIContent.AdditionalProperties"/> to send it as the edit's <c>mask</c> (Ideogram 3.0 edit).</summary>
        public const string MaskProperty = "ideogram.mask";

        /// <summary><see cref="UsageDetails.AdditionalCounts"/> key: images delivered with a link.</summary>
        public const string ImagesCount = "ideogram.images";

        /// <summary><see cref="UsageDetails.AdditionalCounts"/> key: images Ideogram withheld after its safety check (billed, without a link; left out of the contents).</summary>
        public const string WithheldImagesCount = "ideogram.images_withheld";

        /// <summary>
        /// An <see cref="IImageGenerator"/> that sends through <paramref name="client"/> (any class with
        /// <c>[IdeogramGateway]</c>). Without original images a request goes to Ideogram 3.0 generate; model id
        /// <c>V4</c> (the family name; 4.0 takes no <c>model</c> field) selects 4.0 generate, and the other model names (<c>V_2</c>, <c>V_2_TURBO</c>, ...) the legacy
        /// <c>/generate</c>. With original images it goes to 3.0 remix (3.0 edit when one image is marked with
        /// <see cref="MaskProperty"/>), or the legacy <c>/remix</c> for the legacy models.
        /// </summary>
        /// <remarks>
        /// <para>
        /// Options: <see cref="ImageGenerationOptions.Count"/> is <c>num_images</c> (1 to 8);
        /// <see cref="ImageGenerationOptions.ImageSize"/> is the endpoint's <c>resolution</c> when it lists that exact
        /// size, else its nearest <c>aspect_ratio</c>; <see cref="ImageGenerationOptions.RawRepresentationFactory"/> may
        /// return a generated request object (e.g. <c>new GenerateV3Request { RenderingSpeed = RenderingSpeed.Turbo }</c>)
        /// whose type selects the endpoint and whose set fields win. Ideogram chooses no output format: results are PNG,
        /// and <see cref="ImageGenerationOptions.MediaType"/> is not sent.
        /// <see cref="ImageGenerationResponseFormat.Data"/> downloads each image (<see cref="DataContent"/>); otherwise the
        /// results are <see cref="UriContent"/> links, which are temporary: <see cref="ExpiresAtProperty"/> says until when.
        /// </para>
        /// <para>
        /// <see cref="ImageGenerationResponse.RawRepresentation"/> is the generated response (with its gateway metadata:
        /// log id, cache status); <see cref="ImageGenerationResponse.Usage"/> counts delivered and withheld images.
        /// <c>GetService</c> returns <see cref="ImageGeneratorMetadata"/> (provider <c>ideogram</c>, the gateway's
        /// Ideogram base URI, the default model), the client, and its <see cref="GatewayPipeline"/>. Errors are the
        /// client's typed exceptions (<see cref="IdeogramGenException"/>, <see cref="IdeogramValidationException"/>).
        /// </para>
        /// </remarks>
        /// <param name="client">The generated client.</param>
        /// <param name="defaultModelId">The model when <see cref="ImageGenerationOptions.ModelId"/> is not set; <c>V_3</c> when null.</param>
        /// <param name="downloader">Downloads images for <see cref="ImageGenerationResponseFormat.Data"/>; a shared one over a plain <c>HttpClient</c> when null.</param>
        /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
        [Experimental("MEAI001", UrlFormat = "https://aka.ms/dotnet-extensions-warnings/{0}")]
        public static IImageGenerator AsIImageGenerator(this IIdeogramImageClient client, string? defaultModelId = null, ImageDownloader? downloader = null)
        {
            if (client is null) throw new ArgumentNullException(nameof(client));
            return new IdeogramImageGenerator(client, defaultModelId, downloader);
        }
    }
}
