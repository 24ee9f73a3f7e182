// The shapes of IdeogramGen's one API description. The data itself is in IdeogramApi.g.cs, derived from
// description/ideogram-openapi.json by description/Builder (run `dotnet run --project description/Builder` after replacing the document).
// This file is compiled into every assembly that knows Ideogram's vocabulary: the generator, the analyzers, the
// emulator and the tests.
#nullable enable
using System;
using System.Collections.Generic;

namespace IdeogramGen.ApiDescription
{
    /// <summary>How a request body goes on the wire.</summary>
    internal enum BodyEncoding
    {
        /// <summary>Flat fields; JSON when no file is attached (if the endpoint accepts JSON), multipart otherwise.</summary>
        Flat,
        /// <summary>Legacy <c>/generate</c>: a JSON object whose fields sit inside <c>image_request</c>.</summary>
        JsonWrapped,
        /// <summary>Legacy <c>/remix</c>, <c>/upscale</c>: multipart with a JSON part <c>image_request</c> plus file parts.</summary>
        MultipartWithJsonPart,
    }

    /// <summary>The kind of value a request field or response property carries.</summary>
    internal enum ValueKind
    {
        String,
        Integer,
        Number,
        Boolean,
        DateTime,
        Enum,
        File,
        FileArray,
        StringArray,
        ColorPalette,
        Object,
        ObjectArray,
        EnumArray,
        /// <summary>A list of integers (<c>bbox</c> of an Ideogram 4.0 JSON prompt element).</summary>
        IntegerArray,
    }

    /// <summary>How sources are written in the description.</summary>
    internal static class ApiSources
    {
        /// <summary>The 2026-04-27 document (the vendored <c>ideogram-openapi.json</c>).</summary>
        public const string Document = "openapi";
        /// <summary>Prefix of a fact of the 2026-10-07 document; a JSON pointer follows (<c>openapi 2026-10-07 #/paths/~1v1~1edit/post</c>).</summary>
        public const string Newer = "openapi 2026-10-07";

        /// <summary>True when the source is one of Ideogram's OpenAPI documents (rather than a page or an inference).</summary>
        public static bool IsDocument(string source) => source == Document || source.StartsWith(Newer + " #/", StringComparison.Ordinal);

        /// <summary>The JSON pointer of a 2026-10-07 source (up to the first space after it), or null.</summary>
        public static string? NewerPointer(string source)
        {
            if (!source.StartsWith(Newer + " #/", StringComparison.Ordinal)) return null;
            var rest = source.Substring(Newer.Length + 1);
            var space = rest.IndexOf(' ');
            return space < 0 ? rest : rest.Substring(0, space);
        }
    }

    /// <summary>How an endpoint answers.</summary>
    internal enum EndpointMode
    {
        /// <summary>Answers with the finished result (the images, the description, ...).</summary>
        Sync,
        /// <summary>Answers at once with <c>{generation_id}</c>; the result is polled at <see cref="ApiEndpoint.PollPath"/> (or delivered to a webhook).</summary>
        AsyncSubmit,
        /// <summary><c>GET /v1|v2/generations/{generation_id}</c>: the state and, once completed, the result of an asynchronous generation.</summary>
        Poll,
    }

    /// <summary>A path or query parameter of one endpoint (<c>generation_id</c>, <c>webhook_url</c>, <c>dry_run</c>).</summary>
    internal sealed class ApiParameter
    {
        /// <summary>Wire name, exactly as Ideogram spells it.</summary>
        public string Name { get; set; } = "";
        /// <summary>C# name (<c>GenerationId</c>, <c>WebhookUrl</c>, <c>DryRun</c>).</summary>
        public string Member { get; set; } = "";
        /// <summary><c>"path"</c> or <c>"query"</c>.</summary>
        public string In { get; set; } = "query";
        public ValueKind Kind { get; set; }
        public bool Required { get; set; }
        public int? MaxLength { get; set; }
        /// <summary>The document's <c>format</c> (<c>uri</c> for <c>webhook_url</c>), else null.</summary>
        public string? Format { get; set; }
        public string? Default { get; set; }
        public string Description { get; set; } = "";
        /// <summary>Document date and JSON pointer of the parameter (<c>2026-10-07 #/paths/...</c>).</summary>
        public string Source { get; set; } = "openapi";
    }

    /// <summary>One endpoint of the Ideogram API, as IdeogramGen covers it.</summary>
    internal sealed class ApiEndpoint
    {
        /// <summary>C# stem: <c>Generate</c> gives <c>GenerateV3Request</c>, <c>GenerateV3Async</c> and <c>Endpoints.GenerateV3</c>.</summary>
        public string Name { get; set; } = "";
        public string Path { get; set; } = "";
        /// <summary>One of <see cref="ApiFamilies"/>.</summary>
        public string Family { get; set; } = "";
        public string OperationId { get; set; } = "";
        public string Summary { get; set; } = "";
        public string Description { get; set; } = "";
        public bool AcceptsJson { get; set; }
        public bool AcceptsMultipart { get; set; }
        public BodyEncoding Encoding { get; set; }
        /// <summary>The wrapper object or JSON part of legacy endpoints (<c>image_request</c>), else null.</summary>
        public string? Wrapper { get; set; }
        public bool Deprecated { get; set; }
        public string? DeprecationMessage { get; set; }
        /// <summary>Name of the response schema in <see cref="IdeogramApi.Schemas"/>.</summary>
        public string Response { get; set; } = "";
        public int[] ErrorStatuses { get; set; } = Array.Empty<int>();
        public ApiField[] Fields { get; set; } = Array.Empty<ApiField>();
        public ApiRule[] Rules { get; set; } = Array.Empty<ApiRule>();
        /// <summary>
        /// Where the endpoint's facts come from: <c>openapi</c> (the 2026-04-27 document), <c>openapi 2026-10-07 #/paths/...</c>
        /// (the newer document, with the operation's JSON pointer), or a named public page.
        /// </summary>
        public string Source { get; set; } = "openapi";
        /// <summary>HTTP method: <c>POST</c>, or <c>GET</c> for the generation polls.</summary>
        public string Method { get; set; } = "POST";
        /// <summary>Path and query parameters, in the document's order.</summary>
        public ApiParameter[] Parameters { get; set; } = Array.Empty<ApiParameter>();
        public EndpointMode Mode { get; set; } = EndpointMode.Sync;
        /// <summary>
        /// Where the result of an asynchronous generation is polled (<c>v1/generations/{generation_id}</c>,
        /// <c>v2/generations/{generation_id}</c>) for <see cref="EndpointMode.AsyncSubmit"/> and
        /// <see cref="AsyncCapable"/> endpoints; else null.
        /// </summary>
        public string? PollPath { get; set; }
        /// <summary>For an <see cref="EndpointMode.AsyncSubmit"/> endpoint: the <see cref="Name"/> of the sync endpoint it mirrors, whose response is the completed result; else null.</summary>
        public string? SyncTwin { get; set; }
        /// <summary>Takes <c>?dry_run=true</c> and then answers a <c>PriceQuote</c> instead of running.</summary>
        public bool DryRun { get; set; }
        /// <summary>A v2 endpoint whose body fields <c>async</c> / <c>webhook_url</c> make it answer <c>{generation_id}</c> instead of the result.</summary>
        public bool AsyncCapable { get; set; }
        /// <summary><c>"v1"</c> (the <c>/v1</c> routes and the unversioned legacy routes) or <c>"v2"</c>.</summary>
        public string ApiVersion { get; set; } = "v1";
        /// <summary>The date of the document the endpoint's shape comes from (<c>2026-04-27</c>, <c>2026-10-07</c>), or a page for endpoints from Ideogram's reference.</summary>
        public string DocumentDate { get; set; } = "";

        public ApiField? Field(string wireName)
        {
            foreach (var f in Fields) if (f.Name == wireName) return f;
            return null;
        }

        public ApiParameter? Parameter(string wireName)
        {
            foreach (var p in Parameters) if (p.Name == wireName) return p;
            return null;
        }
    }

    /// <summary>A request field of one endpoint.</summary>
    internal sealed class ApiField
    {
        /// <summary>Wire name, exactly as Ideogram spells it (<c>aspect_ratio</c>).</summary>
        public string Name { get; set; } = "";
        /// <summary>C# property name (<c>AspectRatio</c>).</summary>
        public string Member { get; set; } = "";
        public ValueKind Kind { get; set; }
        /// <summary>The vocabulary schema name for <see cref="ValueKind.Enum"/> fields (<c>AspectRatioV3</c>).</summary>
        public string? Enum { get; set; }
        /// <summary>
        /// For <see cref="ValueKind.Object"/> and <see cref="ValueKind.ObjectArray"/> fields: the name of the nested
        /// request object's schema in <see cref="IdeogramApi.RequestSchemas"/> (<c>AssetIdentifier</c>, <c>V4JsonPrompt</c>).
        /// </summary>
        public string? Ref { get; set; }
        /// <summary>
        /// For <see cref="ValueKind.ColorPalette"/> fields: the palette's <c>oneOf</c> schema, a key of
        /// <see cref="IdeogramApi.Palettes"/> (<c>ColorPaletteWithPresetNameOrMembers</c> on v1, <c>IdeogramColorPalette</c> on v2).
        /// </summary>
        public string? Palette { get; set; }
        public bool Required { get; set; }
        /// <summary>True when the field travels inside the endpoint's <see cref="ApiEndpoint.Wrapper"/>.</summary>
        public bool InWrapper { get; set; }
        public long? Minimum { get; set; }
        public long? Maximum { get; set; }
        public double? MinimumNumber { get; set; }
        /// <summary>True when <see cref="MinimumNumber"/> itself is not accepted (the document's <c>exclusiveMinimum</c>).</summary>
        public bool ExclusiveMinimum { get; set; }
        public double? MaximumNumber { get; set; }
        public string? Pattern { get; set; }
        /// <summary>
        /// For text fields (and the items of text lists): the longest accepted text in Unicode characters, where the
        /// document states one (<c>maxLength</c>), else null.
        /// </summary>
        public int? MaxLength { get; set; }
        public int? MinItems { get; set; }
        public int? MaxItems { get; set; }
        public string? Default { get; set; }
        /// <summary>For enum fields: the values this endpoint accepts when narrower than the vocabulary, else null.</summary>
        public string[]? AllowedValues { get; set; }
        /// <summary>Largest accepted file, in bytes, for file fields.</summary>
        public long? MaxBytes { get; set; }
        /// <summary>For file fields: the media types the document's text names (images: JPEG, PNG, WebP; fonts: TTF, OTF, WOFF, WOFF2).</summary>
        public string[]? MediaTypes { get; set; }
        /// <summary>Content type of the multipart part when it is not plain text or a file (<c>application/json</c>).</summary>
        public string? PartContentType { get; set; }
        public string Description { get; set; } = "";
        public string Source { get; set; } = "openapi";
    }

    /// <summary>The kinds of cross-field rule the description states.</summary>
    internal enum RuleKind
    {
        /// <summary>At most one of <see cref="ApiRule.Fields"/> may be set.</summary>
        MutuallyExclusive,
        /// <summary>When <see cref="ApiRule.Fields"/>[1] is set, its item count must equal that of [0].</summary>
        SameCount,
        /// <summary>Field <see cref="ApiRule.Fields"/>[0] is not accepted when <see cref="ApiRule.WhenField"/> is one of <see cref="ApiRule.WhenValues"/>.</summary>
        NotWithValues,
        /// <summary>At least one of <see cref="ApiRule.Fields"/> must be set.</summary>
        AtLeastOne,
    }

    /// <summary>A rule over several fields of one request.</summary>
    internal sealed class ApiRule
    {
        public RuleKind Kind { get; set; }
        public string[] Fields { get; set; } = Array.Empty<string>();
        public string? WhenField { get; set; }
        public string[] WhenValues { get; set; } = Array.Empty<string>();
        /// <summary>The document's own words for the rule.</summary>
        public string Message { get; set; } = "";
        public string Source { get; set; } = "openapi";
    }

    /// <summary>A closed-in-the-document but open-in-C# vocabulary (model names, aspect ratios, ...).</summary>
    internal sealed class ApiEnum
    {
        /// <summary>The schema name in the OpenAPI document (<c>AspectRatioV3</c>).</summary>
        public string Name { get; set; } = "";
        /// <summary>The C# struct in the runtime (<c>AspectRatioV3</c>, <c>AspectRatioLegacy</c>).</summary>
        public string TypeName { get; set; } = "";
        /// <summary>Prefix for member names of values that start with a digit (<c>Ratio</c> gives <c>Ratio16x9</c>).</summary>
        public string MemberPrefix { get; set; } = "";
        public string[] Values { get; set; } = Array.Empty<string>();
        /// <summary>The C# static member of each value, in the order of <see cref="Values"/> (<c>16x9</c> → <c>Ratio16x9</c>).</summary>
        public string[] Members { get; set; } = Array.Empty<string>();
        public string? Default { get; set; }
        public string Description { get; set; } = "";
        /// <summary>Values still in the document but no longer documented, with the reason.</summary>
        public KeyValuePair<string, string>[] Obsolete { get; set; } = Array.Empty<KeyValuePair<string, string>>();
        /// <summary>Names people type for a value (product names such as <c>Ideogram 3.0</c>) → the value; from the overlay.</summary>
        public KeyValuePair<string, string>[] Aliases { get; set; } = Array.Empty<KeyValuePair<string, string>>();
        public string Source { get; set; } = "openapi";

        /// <summary>The value whose C# member is <paramref name="member"/>, or null.</summary>
        public string? ValueOfMember(string member)
        {
            for (int i = 0; i < Members.Length && i < Values.Length; i++)
                if (Members[i] == member) return Values[i];
            return null;
        }

        public string? ObsoleteReason(string value)
        {
            foreach (var kv in Obsolete) if (kv.Key == value) return kv.Value;
            return null;
        }
    }

    /// <summary>A response object shape.</summary>
    internal sealed class ApiSchema
    {
        public string Name { get; set; } = "";
        public string TypeName { get; set; } = "";
        public string Description { get; set; } = "";
        public ApiProperty[] Properties { get; set; } = Array.Empty<ApiProperty>();
        public string Source { get; set; } = "openapi";
    }

    /// <summary>A nested request object (<c>AssetIdentifier</c>, <c>V4JsonPrompt</c>): its fields, validated like an endpoint's.</summary>
    internal sealed class ApiRequestSchema
    {
        /// <summary>The schema name in the document.</summary>
        public string Name { get; set; } = "";
        /// <summary>The generated C# class in the models namespace.</summary>
        public string TypeName { get; set; } = "";
        public string Description { get; set; } = "";
        public ApiField[] Fields { get; set; } = Array.Empty<ApiField>();
        public ApiRule[] Rules { get; set; } = Array.Empty<ApiRule>();
        /// <summary>Document date and JSON pointer of the schema.</summary>
        public string Source { get; set; } = "openapi";

        public ApiField? Field(string wireName)
        {
            foreach (var f in Fields) if (f.Name == wireName) return f;
            return null;
        }
    }

    /// <summary>A property of a response object.</summary>
    internal sealed class ApiProperty
    {
        public string Name { get; set; } = "";
        public string Member { get; set; } = "";
        public ValueKind Kind { get; set; }
        /// <summary>Enum or schema name for enum, object and array kinds.</summary>
        public string? Ref { get; set; }
        public bool Required { get; set; }
        public bool Nullable { get; set; }
        public string? Pattern { get; set; }
        public string Description { get; set; } = "";
    }

    /// <summary>
    /// One kind of <c>color_palette</c>: a <c>oneOf</c> of a preset <c>name</c> and explicit <c>members</c>, with the
    /// members' limits (schemas <c>ColorPaletteWithMembers</c> and <c>ColorPaletteMember</c>, which both kinds share).
    /// </summary>
    internal sealed class ApiPalette
    {
        /// <summary>The palette's <c>oneOf</c> schema (<c>ColorPaletteWithPresetNameOrMembers</c>, <c>IdeogramColorPalette</c>).</summary>
        public string Schema { get; set; } = "";
        /// <summary>The runtime class (<c>ColorPalette</c>, <c>ColorPaletteV2</c>).</summary>
        public string TypeName { get; set; } = "";
        public string Source { get; set; } = "openapi";
        public int MinMembers { get; set; }
        public int MaxMembers { get; set; }
        public double MinWeight { get; set; }
        public double MaxWeight { get; set; }
        public string HexPattern { get; set; } = "";
        /// <summary>The vocabulary of preset names.</summary>
        public string PresetEnum { get; set; } = "";
    }

    /// <summary>Media types of uploads, as the document's field descriptions name them.</summary>
    internal static class ApiMediaTypes
    {
        public static readonly string[] Images = { "image/jpeg", "image/png", "image/webp" };
        public static readonly string[] Fonts = { "font/ttf", "font/otf", "font/woff", "font/woff2" };

        public static bool IsFont(ApiField field) => field.MediaTypes != null && field.MediaTypes.Length > 0 && field.MediaTypes[0].StartsWith("font/", System.StringComparison.Ordinal);
    }

    /// <summary>
    /// The endpoint families, the one table of them: <c>[IdeogramGateway(Families = ...)]</c> selects among them by
    /// <see cref="Flag"/>. The runtime's <c>EndpointFamilies</c> enum has one member per family with the same name and
    /// value (a test compares them).
    /// </summary>
    internal static class ApiFamilies
    {
        public const string V3 = "V3";
        public const string V4 = "V4";
        public const string InstructionEdit = "InstructionEdit";
        public const string Legacy = "Legacy";
        public const string RemoveBackground = "RemoveBackground";
        /// <summary>v1 Ideogram 4.5: <c>/v1/ideogram-v45/*</c> (flag 32).</summary>
        public const string V45 = "V45";
        /// <summary>v1 P-Image: <c>/v1/text-to-image/p-image-ideogram</c>, <c>/v1/p-image-ideogram/*</c> (flag 64).</summary>
        public const string PImage = "PImage";
        /// <summary><c>/v1/remove-object</c> (flag 128).</summary>
        public const string RemoveObject = "RemoveObject";
        /// <summary>Every <c>/v2</c> route (flag 256).</summary>
        public const string V2 = "V2";

        /// <summary>Every family with its flag, in flag order.</summary>
        public static readonly (string Name, int Flag)[] All =
        {
            (V3, 1), (V4, 2), (InstructionEdit, 4), (Legacy, 8), (RemoveBackground, 16),
            (V45, 32), (PImage, 64), (RemoveObject, 128), (V2, 256),
        };

        /// <summary>The flags of every family together (the attribute's default).</summary>
        public static int AllFlags
        {
            get
            {
                int flags = 0;
                foreach (var family in All) flags |= family.Flag;
                return flags;
            }
        }

        /// <summary>The flag of a family; 0 for an unknown name.</summary>
        public static int Flag(string family)
        {
            foreach (var f in All)
                if (f.Name == family) return f.Flag;
            return 0;
        }
    }
}
