using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.Testing.Internal
{
    /// <summary>What a successful answer is made of, decided from the request and the description.</summary>
    internal sealed record GenerationPlan
    {
        public required ApiEndpoint Endpoint { get; init; }
        public required string Prompt { get; init; }
        public required int Seed { get; init; }
        /// <summary>True when the request gave the seed: every image reports it. Otherwise image i reports Seed + i.</summary>
        public bool SeedRequested { get; init; }
        public int ImageSeed(int index) => SeedRequested ? Seed : (int)((Seed + (long)index) & int.MaxValue);
        public required int NumImages { get; init; }
        public required int Width { get; init; }
        public required int Height { get; init; }
        public (int Width, int Height)? Upscaled { get; init; }
        public required bool Transparent { get; init; }
        public required bool Withhold { get; init; }
        public string? StyleType { get; init; }
        public DateTimeOffset Now { get; init; }
        /// <summary>The <c>generation_id</c> to answer; null for a fresh one (<see cref="GenerationIds.New"/>).</summary>
        public string? GenerationId { get; init; }
        /// <summary>True for the submit answer of an asynchronous v2 request: <c>data</c> is left out ("Asynchronous requests omit <c>data</c>").</summary>
        public bool OmitData { get; init; }
    }

    /// <summary>Ideogram's generation ids: URL-safe base64 without padding (OpenAPI document of 2026-10-07, <c>generation_id</c>: "URL-safe base64 ID").</summary>
    internal static class GenerationIds
    {
        /// <summary>16 random bytes in URL-safe base64 without padding: 22 characters of <c>[A-Za-z0-9_-]</c>.</summary>
        public static string New() =>
            Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>
    /// Builds success bodies from the endpoint's response schema in the API description: every property of the schema
    /// is considered, required ones are always written, and values follow the request (prompt echo, seed, resolution,
    /// style type, <c>num_images</c> items) or are plausible and deterministic (layout boxes, colours, text).
    /// </summary>
    internal static class ResponseShaper
    {
        // The emulator's own choice when nothing in the request sets a size (Ideogram's default ratio is 1x1).
        private const string DefaultResolution = "1024x1024";
        private static (int, int) DefaultSize => TwoIntegers(DefaultResolution)!.Value;
        private static readonly Regex Integers = new("[0-9]+", RegexOptions.CultureInvariant);
        private static readonly Regex OneOf = new(@"One of: ([^.]+)\.", RegexOptions.CultureInvariant);
        internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static GenerationPlan Plan(ApiEndpoint endpoint, ParsedRequest request, EmulatorOptions options, DateTimeOffset now)
        {
            string prompt = request.Text("prompt") ?? request.Text("text_prompt") ?? JsonPromptText(request) ?? endpoint.Field("prompt")?.Default ?? "";
            int seed = request.Text("seed") is { } s && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsedSeed)
                ? (int)(parsedSeed & int.MaxValue)
                : StableSeed(endpoint.Path + "\n" + prompt);
            int numImages = 1;
            var numField = endpoint.Field("num_images");
            string? numText = request.Text("num_images") ?? numField?.Default;
            if (numText is not null && int.TryParse(numText, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0) numImages = n;

            var (width, height) = Resolution(endpoint, request);
            (int, int)? upscaled = null;
            int factor = UpscaleFactor(endpoint, request);
            if (factor > 1) upscaled = (width * factor, height * factor);

            bool transparent = endpoint.Family == ApiFamilies.RemoveBackground
                || endpoint.Name.StartsWith("RemoveBackground", StringComparison.Ordinal)
                || endpoint.Name.IndexOf("Transparent", StringComparison.Ordinal) >= 0
                || string.Equals(request.Text("transparent_background"), "true", StringComparison.OrdinalIgnoreCase);

            return new GenerationPlan
            {
                Endpoint = endpoint,
                Prompt = prompt,
                Seed = seed,
                SeedRequested = request.Text("seed") is not null,
                NumImages = numImages,
                Width = width,
                Height = height,
                Upscaled = upscaled,
                Transparent = transparent,
                Withhold = Contains(prompt, options.WithheldImageMarker),
                StyleType = request.Text("style_type"),
                Now = now,
            };
        }

        /// <summary>The overall description of an Ideogram 4.0 JSON prompt (<c>json_prompt.high_level_description</c>), or null.</summary>
        private static string? JsonPromptText(ParsedRequest request) =>
            request.Get("json_prompt").FirstOrDefault()?.Json is { ValueKind: JsonValueKind.Object } prompt
                && prompt.TryGetProperty("high_level_description", out var text) && text.ValueKind == JsonValueKind.String
                ? text.GetString()
                : null;

        public static bool Contains(string text, string marker) =>
            !string.IsNullOrEmpty(marker) && text.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>FNV-1a over the text, folded to 0..2147483647: the seed of a request that sent none.</summary>
        public static int StableSeed(string text)
        {
            uint hash = 2166136261;
            foreach (char c in text) { hash ^= c; hash *= 16777619; }
            return (int)(hash & int.MaxValue);
        }

        /// <summary>
        /// The output size: the request's <c>resolution</c>; else the listed resolution nearest to the request's
        /// <c>aspect_ratio</c>; else, for endpoints answering with a listed resolution, the listed one nearest to the
        /// uploaded image's shape, or 1024x1024; else the uploaded image's own size.
        /// </summary>
        private static (int, int) Resolution(ApiEndpoint endpoint, ParsedRequest request)
        {
            if (request.Text("resolution") is { } resolution && TwoIntegers(resolution) is { } explicitSize) return explicitSize;
            string[]? candidates = CandidateResolutions(endpoint);
            if (request.Text("aspect_ratio") is { } aspect && TwoIntegers(aspect) is { } ratio)
                return Nearest(candidates ?? AllV3Resolutions(), (double)ratio.Item1 / ratio.Item2);
            var input = InputImageSize(endpoint, request);
            if (candidates is not null)
            {
                if (input is { } shape) return Nearest(candidates, (double)shape.Width / shape.Height);
                return candidates.Any(c => TwoIntegers(c) == DefaultSize) ? DefaultSize : Nearest(candidates, 1.0);
            }
            if (input is { } size) return (size.Width, size.Height);
            return DefaultSize;
        }

        private static string[]? CandidateResolutions(ApiEndpoint endpoint)
        {
            var field = endpoint.Field("resolution");
            if (field?.Enum is { } e && IdeogramApi.FindEnum(e) is { } fromField) return fromField.Values;
            var item = ItemSchema(endpoint);
            var property = item?.Properties.FirstOrDefault(p => p.Name == "resolution");
            if (property is { Kind: ValueKind.Enum, Ref: { } r } && IdeogramApi.FindEnum(r) is { } fromResponse) return fromResponse.Values;
            return null;
        }

        private static string[] AllV3Resolutions() => IdeogramApi.FindEnum("ResolutionV3")?.Values ?? new[] { DefaultResolution };

        private static (int, int) Nearest(string[] candidates, double ratio)
        {
            (int, int) best = (1024, 1024);
            double bestScore = double.MaxValue;
            foreach (var c in candidates)
            {
                if (TwoIntegers(c) is not { } size) continue;
                double score = Math.Abs(Math.Log((double)size.Item1 / size.Item2) - Math.Log(ratio)) * 1e7
                    + Math.Abs((double)size.Item1 * size.Item2 - 1024.0 * 1024.0) / 1e6;
                if (score < bestScore) { bestScore = score; best = size; }
            }
            return best;
        }

        private static (int, int)? TwoIntegers(string text)
        {
            var m = Integers.Matches(text);
            if (m.Count != 2) return null;
            if (!int.TryParse(m[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int a)
                || !int.TryParse(m[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int b) || a == 0 || b == 0) return null;
            return (a, b);
        }

        private static (int Width, int Height)? InputImageSize(ApiEndpoint endpoint, ParsedRequest request)
        {
            foreach (var field in endpoint.Fields)
            {
                if (field.Kind != ValueKind.File) continue;
                foreach (var v in request.Get(field.Name))
                    if (v.IsFile && RequestValidator.SniffImage(v.Bytes!) is not null && ImageStore.Measure(v.Bytes!) is { } size)
                        return (Math.Min(size.Width, 4096), Math.Min(size.Height, 4096));
            }
            return null;
        }

        /// <summary>The <c>upscale_factor</c> value's number (X2 → 2), or 2 for the upscale endpoint itself; 1 otherwise.</summary>
        private static int UpscaleFactor(ApiEndpoint endpoint, ParsedRequest request)
        {
            if (endpoint.Field("upscale_factor") is not null)
                return request.Text("upscale_factor") is { } f && Integers.Match(f) is { Success: true } m
                    && int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int factor) ? factor : 1;
            return endpoint.Path == "/upscale" ? 2 : 1;
        }

        private static ApiSchema? ItemSchema(ApiEndpoint endpoint)
        {
            var schema = IdeogramApi.FindSchema(endpoint.Response);
            var data = schema?.Properties.FirstOrDefault(p => p.Name == "data");
            return data?.Ref is { } r ? IdeogramApi.FindSchema(r) : null;
        }

        /// <summary>Writes the success body. <paramref name="link"/> issues an image URL for an image index.</summary>
        public static byte[] Build(GenerationPlan plan, Func<int, string> link, out int imageCount)
        {
            var schema = IdeogramApi.FindSchema(plan.Endpoint.Response)
                ?? throw new InvalidOperationException("The API description has no response schema " + plan.Endpoint.Response + ".");
            var state = new BuildState(plan, link);
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms, WriterOptions))
            {
                WriteObject(w, schema, state, 0, 0);
            }
            imageCount = Math.Max(state.DataItems, 1);
            return ms.ToArray();
        }

        /// <summary>The raw JSON of the <c>data</c> array of a success body built by <see cref="Build"/>, and its item count; null when it has none.</summary>
        public static (string Json, int Count)? DataOf(byte[] body)
        {
            using var doc = JsonDocument.Parse(body);
            if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array) return null;
            return (data.GetRawText(), data.GetArrayLength());
        }

        /// <summary>
        /// The <c>data</c> items of a completed always-asynchronous v2 generation (reframe, remove object, replace
        /// background), shaped per <c>GenerationResponse_data_inner</c> (OpenAPI document of 2026-10-07): an endpoint that
        /// takes a prompt answers <c>ImageGenerationObject</c> items (<c>object_type</c> <c>image.generation</c>, <c>url</c>,
        /// <c>prompt</c>, <c>resolution</c>, <c>seed</c>, <c>is_image_safe</c>), the others <c>ImageObjectWithoutPromptOrSeed</c>
        /// (<c>object_type</c> <c>image.without-prompt-or-seed</c>, <c>url</c>, <c>resolution</c>, <c>is_image_safe</c>).
        /// Returns the array's JSON text.
        /// </summary>
        public static string BuildGenerationItems(GenerationPlan plan, Func<int, string> link)
        {
            bool withPrompt = plan.Endpoint.Field("prompt") is not null;
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms, WriterOptions))
            {
                w.WriteStartArray();
                for (int i = 0; i < plan.NumImages; i++)
                {
                    bool withheld = plan.Withhold && i % 2 == 1;
                    w.WriteStartObject();
                    w.WriteString("object_type", withPrompt ? "image.generation" : "image.without-prompt-or-seed");
                    if (withheld) w.WriteNull("url");
                    else w.WriteString("url", link(i));
                    if (withPrompt) w.WriteString("prompt", plan.Prompt);
                    var (width, height) = plan.Upscaled ?? (plan.Width, plan.Height);
                    w.WriteString("resolution", Size(width, height));
                    if (withPrompt) w.WriteNumber("seed", plan.ImageSeed(i));
                    w.WriteBoolean("is_image_safe", !withheld);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            return System.Text.Encoding.UTF8.GetString(ms.ToArray());
        }

        /// <summary>A <c>created</c> date-time as the success bodies write it (UTC, microseconds, <c>+00:00</c>).</summary>
        public static string Created(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

        private sealed class BuildState
        {
            public BuildState(GenerationPlan plan, Func<int, string> link) { Plan = plan; Link = link; }
            public GenerationPlan Plan { get; }
            public Func<int, string> Link { get; }
            public int DataItems { get; set; }
        }

        private static void WriteObject(Utf8JsonWriter w, ApiSchema schema, BuildState state, int index, int depth)
        {
            w.WriteStartObject();
            foreach (var p in schema.Properties)
                WriteProperty(w, schema, p, state, index, depth);
            w.WriteEndObject();
        }

        private static void WriteProperty(Utf8JsonWriter w, ApiSchema owner, ApiProperty p, BuildState state, int index, int depth)
        {
            var plan = state.Plan;
            bool withheld = plan.Withhold && index % 2 == 1;
            switch (p.Name)
            {
                case "created" when p.Kind == ValueKind.DateTime:
                    w.WriteString(p.Name, Created(plan.Now));
                    return;
                case "prompt" when p.Kind == ValueKind.String:
                    w.WriteString(p.Name, plan.Prompt);
                    return;
                case "resolution":
                    // An answer without upscaled_resolution reports the delivered (upscaled) size as its resolution (v2 upscale).
                    if (plan.Upscaled is { } delivered && !owner.Properties.Any(o => o.Name == "upscaled_resolution")) w.WriteString(p.Name, Size(delivered.Width, delivered.Height));
                    else w.WriteString(p.Name, Size(plan.Width, plan.Height));
                    return;
                case "upscaled_resolution":
                    if (plan.Upscaled is { } up) w.WriteString(p.Name, Size(up.Width, up.Height));
                    return;
                case "is_image_safe":
                    w.WriteBoolean(p.Name, !withheld);
                    return;
                case "seed" when p.Kind == ValueKind.Integer:
                    w.WriteNumber(p.Name, plan.ImageSeed(index));
                    return;
                case "style_type" when p.Ref is not null:
                    var vocabulary = IdeogramApi.FindEnum(p.Ref);
                    string? style = plan.StyleType is { } requested && vocabulary is not null && Array.IndexOf(vocabulary.Values, requested) >= 0
                        ? requested
                        : vocabulary?.Default ?? vocabulary?.Values.FirstOrDefault();
                    if (style is not null) w.WriteString(p.Name, style);
                    return;
                case "generation_id" when p.Kind == ValueKind.String && depth == 0:
                    w.WriteString(p.Name, plan.GenerationId ?? GenerationIds.New());
                    return;
                case "width" or "height" when p.Kind == ValueKind.Integer && depth == 0 && owner.Properties.Any(o => o.Name == "generation_id"):
                    // An acknowledgement's resolved output size (ReframeImageAutoResponse: "The resolved output width in pixels").
                    w.WriteNumber(p.Name, p.Name == "width" ? plan.Width : plan.Height);
                    return;
                case "data" when plan.OmitData && depth == 0:
                    return;
                case "data" when p.Kind == ValueKind.ObjectArray && p.Ref is not null && depth == 0:
                    var item = IdeogramApi.FindSchema(p.Ref)!;
                    w.WriteStartArray(p.Name);
                    for (int i = 0; i < plan.NumImages; i++) WriteObject(w, item, state, i, depth + 1);
                    w.WriteEndArray();
                    state.DataItems = plan.NumImages;
                    return;
            }
            if (p.Kind == ValueKind.String && (p.Name == "url" || p.Name.EndsWith("_url", StringComparison.Ordinal)))
            {
                if (withheld) w.WriteNull(p.Name);
                else w.WriteString(p.Name, state.Link(index));
                return;
            }
            if (p.Kind == ValueKind.ObjectArray && p.Ref is not null && depth < 4 && IdeogramApi.FindSchema(p.Ref) is { } child)
            {
                w.WriteStartArray(p.Name);
                WriteObject(w, child, state, 0, depth + 1);
                w.WriteEndArray();
                return;
            }
            if (!p.Required)
            {
                if (p.Kind == ValueKind.String && p.Name == "text") w.WriteString(p.Name, Describe(plan));
                else if (p.Nullable) w.WriteNull(p.Name);
                else if (p.Kind == ValueKind.Number) w.WriteNumber(p.Name, 0);
                return;
            }
            WriteRequired(w, owner, p, plan, index);
        }

        private static void WriteRequired(Utf8JsonWriter w, ApiSchema owner, ApiProperty p, GenerationPlan plan, int index)
        {
            switch (p.Kind)
            {
                case ValueKind.Integer:
                    w.WriteNumber(p.Name, p.Name switch
                    {
                        "x" => plan.Width / 8,
                        "y" => plan.Height / 8 * (index + 1),
                        "width" => plan.Width / 2,
                        "height" => Math.Max(plan.Height / 10, 1),
                        _ => 0,
                    });
                    return;
                case ValueKind.Number:
                    w.WriteNumber(p.Name, 0);
                    return;
                case ValueKind.Boolean:
                    w.WriteBoolean(p.Name, false);
                    return;
                case ValueKind.StringArray:
                case ValueKind.EnumArray:
                case ValueKind.ObjectArray:
                    w.WriteStartArray(p.Name);
                    w.WriteEndArray();
                    return;
                case ValueKind.Object:
                    w.WritePropertyName(p.Name);
                    if (p.Ref is { } objectRef && IdeogramApi.FindRequestSchema(objectRef) is { } shape) WriteRequestObject(w, shape, plan, 0);
                    else
                    {
                        w.WriteStartObject();
                        w.WriteEndObject();
                    }
                    return;
                case ValueKind.Enum:
                    var vocabulary = p.Ref is null ? null : IdeogramApi.FindEnum(p.Ref);
                    w.WriteString(p.Name, vocabulary?.Default ?? vocabulary?.Values.FirstOrDefault() ?? "");
                    return;
                case ValueKind.DateTime:
                    w.WriteString(p.Name, plan.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture));
                    return;
                default:
                    w.WriteString(p.Name, PlausibleString(owner, p, plan, index));
                    return;
            }
        }

        /// <summary>
        /// An answer's object that has the shape of a request object (describe's <c>json_prompt</c>): its required fields,
        /// texts from the prompt, lists with one item, vocabularies at their first value.
        /// </summary>
        private static void WriteRequestObject(Utf8JsonWriter w, ApiRequestSchema shape, GenerationPlan plan, int depth)
        {
            w.WriteStartObject();
            foreach (var f in shape.Fields.Where(f => f.Required))
            {
                switch (f.Kind)
                {
                    case ValueKind.Enum:
                        w.WriteString(f.Name, IdeogramApi.FindEnum(f.Enum!)?.Values.FirstOrDefault() ?? "");
                        break;
                    case ValueKind.Object when f.Ref is not null && IdeogramApi.FindRequestSchema(f.Ref) is { } inner && depth < 4:
                        w.WritePropertyName(f.Name);
                        WriteRequestObject(w, inner, plan, depth + 1);
                        break;
                    case ValueKind.ObjectArray when f.Ref is not null && IdeogramApi.FindRequestSchema(f.Ref) is { } item && depth < 4:
                        w.WriteStartArray(f.Name);
                        WriteRequestObject(w, item, plan, depth + 1);
                        w.WriteEndArray();
                        break;
                    case ValueKind.Integer:
                        w.WriteNumber(f.Name, f.Minimum ?? 0);
                        break;
                    case ValueKind.Boolean:
                        w.WriteBoolean(f.Name, false);
                        break;
                    case ValueKind.StringArray:
                    case ValueKind.IntegerArray:
                    case ValueKind.ObjectArray:
                        w.WriteStartArray(f.Name);
                        w.WriteEndArray();
                        break;
                    default:
                        w.WriteString(f.Name, plan.Prompt.Length > 0 ? plan.Prompt : Describe(plan));
                        break;
                }
            }
            w.WriteEndObject();
        }

        private static string PlausibleString(ApiSchema owner, ApiProperty p, GenerationPlan plan, int index)
        {
            if (p.Pattern is not null && p.Pattern.StartsWith("^#", StringComparison.Ordinal))
                return "#" + ((uint)(plan.Seed * 2654435761u + (uint)index) & 0xFFFFFFu).ToString("X6", CultureInfo.InvariantCulture);
            var options = OneOf.Match(p.Description);
            if (options.Success) return options.Groups[1].Value.Split(',')[0].Trim();
            if (p.Name == "text") return plan.Prompt.Length > 0 ? plan.Prompt : "Sample text";
            if (p.Name == "id") return owner.TypeName.ToLowerInvariant() + "_" + (index + 1).ToString("00", CultureInfo.InvariantCulture);
            return p.Name + "_" + (index + 1).ToString(CultureInfo.InvariantCulture);
        }

        private static string Describe(GenerationPlan plan) =>
            plan.Prompt.Length > 0
                ? "An image of " + plan.Prompt
                : $"A {plan.Width}x{plan.Height} abstract composition of overlapping circles and rectangles over a colour gradient.";

        private static string Size(int width, int height) =>
            width.ToString(CultureInfo.InvariantCulture) + "x" + height.ToString(CultureInfo.InvariantCulture);

        /// <summary>The image a link of item <paramref name="index"/> shows (upscaled size when the answer reports one).</summary>
        public static ImageSpec ImageFor(GenerationPlan plan, int index)
        {
            var (w, h) = plan.Upscaled ?? (plan.Width, plan.Height);
            return new ImageSpec(w, h, plan.Seed, index, plan.Transparent);
        }
    }
}
