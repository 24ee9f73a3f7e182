using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace IdeogramGen.Extensions.AI
{
    /// <summary>
    /// <see cref="IImageGenerator"/> over a generated IdeogramGen client (see <see cref="IdeogramImageGeneratorExtensions.AsIImageGenerator"/>).
    /// </summary>
    internal sealed class IdeogramImageGenerator : IImageGenerator
    {
        internal const string GenerateV3 = "/v1/ideogram-v3/generate";
        internal const string GenerateV4 = "/v1/ideogram-v4/generate";
        internal const string GenerateLegacy = "/generate";
        internal const string RemixV3 = "/v1/ideogram-v3/remix";
        internal const string EditV3 = "/v1/ideogram-v3/edit";
        internal const string RemixLegacy = "/remix";

        private static readonly Lazy<ImageDownloader> SharedDownloader = new Lazy<ImageDownloader>(() => new ImageDownloader(new HttpClient()));

        private readonly IIdeogramImageClient _client;
        private readonly ImageDownloader? _downloader;
        private readonly string? _defaultModelId;
        private readonly ImageGeneratorMetadata _metadata;

        public IdeogramImageGenerator(IIdeogramImageClient client, string? defaultModelId, ImageDownloader? downloader)
        {
            _client = client;
            _defaultModelId = defaultModelId;
            _downloader = downloader;
            _metadata = new ImageGeneratorMetadata(IdeogramTelemetry.ProviderName, client.Pipeline.BaseUri, defaultModelId ?? IdeogramModel.V3.Value);
        }

        public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            var neutral = new IdeogramImageRequest
            {
                RawRequest = options?.RawRepresentationFactory?.Invoke(this),
                Prompt = request.Prompt,
                NumImages = options?.Count,
            };
            if (options?.ImageSize is System.Drawing.Size size) neutral.Size = (size.Width, size.Height);
            var model = options?.ModelId ?? _defaultModelId;
            var originals = request.OriginalImages?.ToList() ?? new List<AIContent>();
            if (originals.Count == 0)
            {
                neutral.Path = GeneratePath(model);
            }
            else
            {
                var images = new List<IdeogramFile>();
                foreach (var content in originals)
                {
                    var file = ToFile(content);
                    if (IsMask(content)) neutral.Mask = file;
                    else images.Add(file);
                }
                neutral.Images = images;
                neutral.Path = EditPath(model, neutral.Mask != null);
            }
            if (neutral.Path == GenerateLegacy || neutral.Path == RemixLegacy) neutral.Model = model;

            var response = await _client.SendImageRequestAsync(neutral, null, cancellationToken).ConfigureAwait(false);
            return await ToResponseAsync(response, options?.ResponseFormat, cancellationToken).ConfigureAwait(false);
        }

        public object? GetService(Type serviceType, object? serviceKey = null)
        {
            if (serviceType is null) throw new ArgumentNullException(nameof(serviceType));
            if (serviceKey != null) return null;
            if (serviceType == typeof(ImageGeneratorMetadata)) return _metadata;
            if (serviceType.IsInstanceOfType(this)) return this;
            if (serviceType.IsInstanceOfType(_client)) return _client;
            if (serviceType == typeof(GatewayPipeline)) return _client.Pipeline;
            return null;
        }

        public void Dispose()
        {
            // The generated client and its HttpClient belong to the caller.
        }

        /// <summary>
        /// The model id that selects Ideogram 4.0: its family name. The 4.0 endpoint takes no <c>model</c> field, so
        /// Ideogram's model vocabulary (<see cref="IdeogramModel"/>) has no value for it.
        /// </summary>
        internal const string V4ModelId = nameof(EndpointFamilies.V4);

        /// <summary>The endpoint for a text-to-image request: Ideogram 3.0 by default, 4.0 for <c>V4</c>, the legacy <c>/generate</c> for the other model names.</summary>
        private string GeneratePath(string? model)
        {
            if (model is null || model == IdeogramModel.V3.Value) return GenerateV3;
            if (model == V4ModelId) return GenerateV4;
            return GenerateLegacy;
        }

        /// <summary>The endpoint for an edit: 3.0 edit (with a mask) or remix, or the legacy remix for the legacy models.</summary>
        private static string EditPath(string? model, bool masked)
        {
            if (model is null || model == IdeogramModel.V3.Value) return masked ? EditV3 : RemixV3;
            if (model == V4ModelId)
                throw new NotSupportedException("Ideogram 4.0 (model id V4) has no edit endpoint; use model V_3 (remix, or edit with a mask) or a legacy model (remix).");
            if (masked)
                throw new NotSupportedException("A masked edit needs Ideogram 3.0 (model V_3 or none); legacy models remix the whole image.");
            return RemixLegacy;
        }

        private static bool IsMask(AIContent content) =>
            content.AdditionalProperties?.TryGetValue(IdeogramImageGeneratorExtensions.MaskProperty, out var flag) == true && flag is true;

        private static IdeogramFile ToFile(AIContent content)
        {
            if (content is DataContent data)
            {
                var media = data.MediaType;
                var name = data.Name ?? "image" + Extension(media);
                return IdeogramFile.FromBytes(data.Data.ToArray(), name, media);
            }
            throw new NotSupportedException("Ideogram needs the original image's bytes: pass a DataContent (e.g. await DataContent.LoadFromAsync(path)), not a "
                + content.GetType().Name + ".");
        }

        private static string Extension(string mediaType) =>
            mediaType == "image/jpeg" ? ".jpg" : mediaType == "image/webp" ? ".webp" : ".png";

        private async Task<ImageGenerationResponse> ToResponseAsync(IdeogramResponse response, ImageGenerationResponseFormat? format, CancellationToken cancellationToken)
        {
            var contents = new List<AIContent>();
            int delivered = 0, withheld = 0;
            if (response is IIdeogramImageResponse images)
            {
                foreach (var image in images.Images)
                {
                    if (image.IsWithheld || string.IsNullOrEmpty(image.Url))
                    {
                        withheld++;
                        continue;
                    }
                    delivered++;
                    AIContent content;
                    if (format == ImageGenerationResponseFormat.Data)
                    {
                        var downloader = _downloader ?? SharedDownloader.Value;
                        using var buffer = new MemoryStream();
                        await downloader.DownloadAsync(image.Url, buffer, null, cancellationToken).ConfigureAwait(false);
                        content = new DataContent(buffer.ToArray(), "image/png");
                    }
                    else
                    {
                        content = new UriContent(new Uri(image.Url!), "image/png");
                    }
                    var properties = content.AdditionalProperties ??= new AdditionalPropertiesDictionary();
                    if (image.ExpiresAt is DateTimeOffset expires) properties[IdeogramImageGeneratorExtensions.ExpiresAtProperty] = expires;
                    if (image.Seed is int seed) properties[IdeogramImageGeneratorExtensions.SeedProperty] = seed;
                    if (image.Resolution != null) properties[IdeogramImageGeneratorExtensions.ResolutionProperty] = image.Resolution;
                    if (image.Prompt != null) properties[IdeogramImageGeneratorExtensions.PromptProperty] = image.Prompt;
                    content.RawRepresentation = image;
                    contents.Add(content);
                }
            }
            var usage = new UsageDetails { AdditionalCounts = new AdditionalPropertiesDictionary<long>() };
            usage.AdditionalCounts[IdeogramImageGeneratorExtensions.ImagesCount] = delivered;
            usage.AdditionalCounts[IdeogramImageGeneratorExtensions.WithheldImagesCount] = withheld;
            return new ImageGenerationResponse(contents) { RawRepresentation = response, Usage = usage };
        }
    }
}
