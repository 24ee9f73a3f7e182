using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using IdeogramGen.ApiDescription;
using SkiaSharp;

namespace IdeogramGen.Testing.Tests
{
    /// <summary>A clock the tests move by hand.</summary>
    internal sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now;
        public ManualClock(DateTimeOffset start) => _now = start;
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }

    internal static class Wire
    {
        public const string ApiKey = "ideogram-test-key-0001";
        public const string Generate = "v1/ideogram-v3/generate";

        public static HttpRequestMessage Post(IdeogramEmulator emulator, string ideogramPath, HttpContent? content, string? apiKey = ApiKey)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.GatewayUri(), ideogramPath.TrimStart('/'))) { Content = content };
            if (apiKey is not null) request.Headers.TryAddWithoutValidation("Api-Key", apiKey);
            request.Headers.TryAddWithoutValidation("User-Agent", "IdeogramGen/0.1.0");
            return request;
        }

        public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

        /// <summary>Multipart body: strings become text parts, byte arrays file parts (image/png), JsonPart values JSON parts.</summary>
        public static MultipartFormDataContent Form(params (string Name, object Value)[] parts)
        {
            var form = new MultipartFormDataContent();
            foreach (var (name, value) in parts)
            {
                switch (value)
                {
                    case byte[] bytes:
                        var file = new ByteArrayContent(bytes);
                        file.Headers.ContentType = new MediaTypeHeaderValue(Sniff(bytes));
                        form.Add(file, name, name + ".png");
                        break;
                    case JsonPart json:
                        var part = new StringContent(json.Text, Encoding.UTF8, "application/json");
                        form.Add(part, name);
                        break;
                    default:
                        form.Add(new StringContent(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!), name);
                        break;
                }
            }
            return form;
        }

        private static string Sniff(byte[] b) => b.Length > 2 && b[0] == 0xFF && b[1] == 0xD8 ? "image/jpeg" : "image/png";

        public static byte[] Png(int width = 64, int height = 48, SKColor? color = null)
        {
            using var bitmap = new SKBitmap(width, height);
            bitmap.Erase(color ?? SKColors.CornflowerBlue);
            using var image = SKImage.FromBitmap(bitmap);
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            return data.ToArray();
        }

        public static byte[] Jpeg(int width = 40, int height = 40)
        {
            using var bitmap = new SKBitmap(width, height);
            bitmap.Erase(SKColors.DarkOrange);
            using var image = SKImage.FromBitmap(bitmap);
            using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
            return data.ToArray();
        }

        public static async Task<(int Status, string Body, HttpResponseMessage Response)> SendAsync(HttpClient client, HttpRequestMessage request)
        {
            var response = await client.SendAsync(request);
            string body = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, body, response);
        }

        public static string Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

        /// <summary>Asserts that <paramref name="element"/> has every required property of <paramref name="schemaName"/>, recursively.</summary>
        public static void AssertMatchesSchema(JsonElement element, string schemaName, string where = "$")
        {
            var schema = IdeogramApi.FindSchema(schemaName);
            Assert.True(schema is not null, "no schema " + schemaName);
            Assert.Equal(JsonValueKind.Object, element.ValueKind);
            foreach (var p in schema!.Properties)
            {
                bool present = element.TryGetProperty(p.Name, out var value);
                if (p.Required) Assert.True(present, $"{where}.{p.Name} (required by {schemaName}) is missing");
                if (!present || value.ValueKind == JsonValueKind.Null)
                {
                    if (present && p.Required) Assert.True(p.Nullable, $"{where}.{p.Name} is null but not nullable");
                    continue;
                }
                switch (p.Kind)
                {
                    case ValueKind.String:
                        Assert.Equal(JsonValueKind.String, value.ValueKind);
                        if (p.Pattern is not null) Assert.Matches(p.Pattern, value.GetString()!);
                        break;
                    case ValueKind.Integer:
                        Assert.True(value.TryGetInt64(out _), $"{where}.{p.Name} is not an integer");
                        break;
                    case ValueKind.Number:
                        Assert.Equal(JsonValueKind.Number, value.ValueKind);
                        break;
                    case ValueKind.Boolean:
                        Assert.True(value.ValueKind is JsonValueKind.True or JsonValueKind.False, $"{where}.{p.Name} is not a boolean");
                        break;
                    case ValueKind.DateTime:
                        Assert.True(DateTimeOffset.TryParse(value.GetString(), out _), $"{where}.{p.Name} is not a date-time");
                        break;
                    case ValueKind.Enum:
                        var vocabulary = IdeogramApi.FindEnum(p.Ref!);
                        Assert.Contains(value.GetString(), vocabulary!.Values);
                        break;
                    case ValueKind.ObjectArray:
                        Assert.Equal(JsonValueKind.Array, value.ValueKind);
                        int i = 0;
                        foreach (var item in value.EnumerateArray()) AssertMatchesSchema(item, p.Ref!, $"{where}.{p.Name}[{i++}]");
                        break;
                    case ValueKind.StringArray:
                        Assert.Equal(JsonValueKind.Array, value.ValueKind);
                        break;
                    case ValueKind.Object:
                        Assert.Equal(JsonValueKind.Object, value.ValueKind);
                        if (IdeogramApi.FindRequestSchema(p.Ref!) is { } shape)
                            foreach (var f in shape.Fields.Where(f => f.Required))
                                Assert.True(value.TryGetProperty(f.Name, out _), $"{where}.{p.Name}.{f.Name} (required by {shape.Name}) is missing");
                        else AssertMatchesSchema(value, p.Ref!, $"{where}.{p.Name}");
                        break;
                }
            }
        }

        public static IEnumerable<string> Urls(JsonElement root) =>
            root.GetProperty("data").EnumerateArray().Select(d => d.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : null)
                .Where(u => u is not null)!;
    }

    internal sealed record JsonPart(string Text);
}
