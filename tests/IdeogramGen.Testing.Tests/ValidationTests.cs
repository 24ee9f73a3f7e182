using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.Testing.Tests
{
    public class ValidationTests : LoopbackEmulatorTest
    {

        private async Task<string> RejectedAsync(string path, HttpContent content)
        {
            var (status, body, _) = await Wire.SendAsync(_client, Wire.Post(_emulator, path, content));
            Assert.Equal(400, status);
            using var doc = JsonDocument.Parse(body);
            string error = doc.RootElement.GetProperty("error").GetString()!;
            Assert.Equal(0, _emulator.BilledRequestCount);
            return error;
        }

        private async Task AcceptedAsync(string path, HttpContent content)
        {
            var (status, body, _) = await Wire.SendAsync(_client, Wire.Post(_emulator, path, content));
            Assert.True(status == 200, body);
        }

        [Theory]
        [InlineData("{\"model\":\"V_3\"}", "prompt: field required")]
        [InlineData("{\"prompt\":\"x\",\"num_images\":9}", "num_images: 9 is out of range 1..8")]
        [InlineData("{\"prompt\":\"x\",\"num_images\":0}", "num_images: 0 is out of range 1..8")]
        [InlineData("{\"prompt\":\"x\",\"seed\":2147483648}", "seed: 2147483648 is out of range 0..2147483647")]
        [InlineData("{\"prompt\":\"x\",\"num_images\":\"two\"}", "num_images: 'two' is not an integer")]
        [InlineData("{\"prompt\":\"x\",\"aspect_ratio\":\"7x3\"}", "aspect_ratio: '7x3' is not a valid AspectRatioV3 value")]
        [InlineData("{\"prompt\":\"x\",\"model\":\"V_9\"}", "model: 'V_9' is not a valid ModelEnum value")]
        [InlineData("{\"prompt\":\"x\",\"aspect_ratio\":\"16x9\",\"resolution\":\"1024x1024\"}", "aspect_ratio: cannot be used in conjunction with resolution")]
        [InlineData("{\"prompt\":\"x\",\"style_codes\":[\"AABBCCDD\",\"nothex!!\"]}", "style_codes: 'nothex!!' does not match the pattern")]
        [InlineData("{\"prompt\":\"x\",\"style_codes\":[\"AABBCCDD\"],\"style_type\":\"GENERAL\"}", "style_codes: cannot be used in conjunction with style_type")]
        [InlineData("{\"prompt\":\"x\",\"color_palette\":{\"name\":\"PASTEL\",\"members\":[{\"color_hex\":\"#fff\"}]}}", "color_palette: name and members cannot be used together")]
        [InlineData("{\"prompt\":\"x\",\"color_palette\":{\"name\":\"NEON\"}}", "color_palette: name 'NEON' is not a valid ColorPalettePresetName value")]
        [InlineData("{\"prompt\":\"x\",\"color_palette\":{\"members\":[{\"color_hex\":\"#12345\"}]}}", "color_palette: members[0].color_hex '#12345' does not match")]
        [InlineData("{\"prompt\":\"x\",\"color_palette\":{\"members\":[{\"color_hex\":\"#123456\",\"color_weight\":0.01}]}}", "color_palette: members[0].color_weight 0.01 is out of range")]
        [InlineData("{\"prompt\":42}", "prompt: must be a string")]
        [InlineData("[1,2]", "body: must be a JSON object")]
        [InlineData("{\"prompt\":", "body: malformed JSON")]
        public async Task Json_generate_rejections(string json, string expectedStart)
        {
            string error = await RejectedAsync(Wire.Generate, Wire.Json(json));
            Assert.StartsWith(expectedStart, error);
        }

        [Fact]
        public async Task V2_palettes_take_lowercase_presets_and_v1_palettes_uppercase_ones()
        {
            const string v2 = "v2/image/generate/ideogram-3";
            string error = await RejectedAsync(v2, Wire.Json("{\"prompt\":\"x\",\"color_palette\":{\"name\":\"PASTEL\"}}"));
            Assert.StartsWith("color_palette: name 'PASTEL' is not a valid IdeogramColorPalettePresetName value; expected one of ember,", error);
            error = await RejectedAsync(Wire.Generate, Wire.Json("{\"prompt\":\"x\",\"color_palette\":{\"name\":\"pastel\"}}"));
            Assert.StartsWith("color_palette: name 'pastel' is not a valid ColorPalettePresetName value", error);
            error = await RejectedAsync(v2, Wire.Json("{\"prompt\":\"x\",\"color_palette\":{\"name\":\"pastel\",\"members\":[{\"color_hex\":\"#fff\"}]}}"));
            Assert.StartsWith("color_palette: name and members cannot be used together", error);
            error = await RejectedAsync(v2, Wire.Json("{\"prompt\":\"x\",\"color_palette\":{\"members\":[{\"color_hex\":\"#123456\",\"color_weight\":1.5}]}}"));
            Assert.StartsWith("color_palette: members[0].color_weight 1.5 is out of range", error);
            await AcceptedAsync(v2, Wire.Json("{\"prompt\":\"x\",\"color_palette\":{\"name\":\"pastel\"}}"));
            await AcceptedAsync(v2, Wire.Json("{\"prompt\":\"x\",\"color_palette\":{\"members\":[{\"color_hex\":\"#1E3A5F\",\"color_weight\":0.7},{\"color_hex\":\"#fff\"}]}}"));
            await AcceptedAsync(Wire.Generate, Wire.Json("{\"prompt\":\"x\",\"color_palette\":{\"name\":\"PASTEL\"}}"));
        }

        [Fact]
        public async Task Flash_is_rejected_on_generate_transparent_but_accepted_on_generate()
        {
            string error = await RejectedAsync("v1/ideogram-v3/generate-transparent", Wire.Json("{\"prompt\":\"logo\",\"rendering_speed\":\"FLASH\"}"));
            Assert.StartsWith("rendering_speed: 'FLASH' is not accepted by this endpoint", error);
            await AcceptedAsync(Wire.Generate, Wire.Json("{\"prompt\":\"logo\",\"rendering_speed\":\"FLASH\"}"));
            await AcceptedAsync("v1/ideogram-v3/generate-transparent", Wire.Json("{\"prompt\":\"logo\",\"rendering_speed\":\"TURBO\"}"));
        }

        [Fact]
        public async Task Every_enum_field_of_every_json_endpoint_rejects_an_unknown_value()
        {
            foreach (var endpoint in IdeogramApi.Endpoints.Where(e => e.AcceptsJson))
            {
                foreach (var field in endpoint.Fields.Where(f => f.Kind == ValueKind.Enum))
                {
                    var body = new Dictionary<string, object> { [field.Name] = "NOT_A_VALUE" };
                    foreach (var required in endpoint.Fields.Where(f => f.Required && f.Name != field.Name))
                        body[required.Name] = required.Name == "custom_model_uri" ? "model/my-custom-model/version/1"
                            : required.Kind == ValueKind.Enum ? (required.AllowedValues ?? IdeogramApi.FindEnum(required.Enum!)!.Values)[0]
                            : "a prompt";
                    string json = JsonSerializer.Serialize(body);
                    if (endpoint.Wrapper is not null) json = "{\"" + endpoint.Wrapper + "\":" + json + "}";
                    var (status, text, _) = await Wire.SendAsync(_client, Wire.Post(_emulator, endpoint.Path, Wire.Json(json)));
                    Assert.True(status == 400, $"{endpoint.Path} {field.Name}: {status} {text}");
                    Assert.StartsWith(field.Name + ": 'NOT_A_VALUE'", JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
                }
            }
            Assert.Equal(0, _emulator.BilledRequestCount);
        }

        [Fact]
        public async Task Legacy_generate_needs_the_image_request_wrapper_and_applies_model_rules()
        {
            Assert.Equal("image_request: field required", await RejectedAsync("generate", Wire.Json("{\"prompt\":\"x\"}")));
            Assert.StartsWith("negative_prompt: not accepted when model is V_3",
                await RejectedAsync("generate", Wire.Json("{\"image_request\":{\"prompt\":\"x\",\"model\":\"V_3\",\"negative_prompt\":\"blur\"}}")));
            Assert.StartsWith("aspect_ratio: '16x9' is not a valid AspectRatio value",
                await RejectedAsync("generate", Wire.Json("{\"image_request\":{\"prompt\":\"x\",\"aspect_ratio\":\"16x9\"}}")));
            await AcceptedAsync("generate", Wire.Json("{\"image_request\":{\"prompt\":\"x\",\"model\":\"V_2\",\"negative_prompt\":\"blur\",\"aspect_ratio\":\"ASPECT_16_9\"}}"));
        }

        [Fact]
        public async Task Content_type_must_be_one_the_endpoint_accepts()
        {
            Assert.StartsWith("content-type: /generate accepts application/json, got multipart/form-data",
                await RejectedAsync("generate", Wire.Form(("image_request", new JsonPart("{\"prompt\":\"x\"}")))));
            Assert.StartsWith("content-type: /v1/ideogram-v3/edit accepts multipart/form-data, got application/json",
                await RejectedAsync("v1/ideogram-v3/edit", Wire.Json("{\"prompt\":\"x\"}")));
        }

        [Fact]
        public async Task Multipart_required_files_formats_and_sizes()
        {
            const string Edit = "v1/ideogram-v3/edit";
            Assert.Equal("mask: field required", await RejectedAsync(Edit, Wire.Form(("image", Wire.Png()), ("prompt", "add a hat"))));
            Assert.Equal("image: unsupported image format; only JPEG, PNG and WebP are accepted",
                await RejectedAsync(Edit, Wire.Form(("image", System.Text.Encoding.ASCII.GetBytes("GIF89a not an image")), ("mask", Wire.Png()), ("prompt", "x"))));
            Assert.Equal("image: must be a file part",
                await RejectedAsync(Edit, Wire.Form(("image", "just text"), ("mask", Wire.Png()), ("prompt", "x"))));
            var big = new byte[10 * 1024 * 1024 + 1];
            Wire.Png().CopyTo(big, 0);
            Assert.Equal("image: file is 10485761 bytes, more than the maximum of 10485760 bytes",
                await RejectedAsync(Edit, Wire.Form(("image", big), ("mask", Wire.Png()), ("prompt", "x"))));
            await AcceptedAsync(Edit, Wire.Form(("image", Wire.Jpeg()), ("mask", Wire.Png(40, 40)), ("prompt", "add a hat")));
        }

        [Fact]
        public async Task Multipart_arrays_rules_and_json_parts()
        {
            const string Remix = "v1/ideogram-v3/remix";
            Assert.StartsWith("character_reference_images_mask: has 2 item(s) but character_reference_images has 1",
                await RejectedAsync(Remix, Wire.Form(("image", Wire.Png()), ("prompt", "x"), ("character_reference_images", Wire.Png()),
                    ("character_reference_images_mask", Wire.Png()), ("character_reference_images_mask", Wire.Png()))));
            Assert.StartsWith("character_reference_images: accepts at most 1 item(s), got 2",
                await RejectedAsync(Remix, Wire.Form(("image", Wire.Png()), ("prompt", "x"), ("character_reference_images", Wire.Png()), ("character_reference_images", Wire.Png()))));
            Assert.StartsWith("image_weight: 101 is out of range 1..100",
                await RejectedAsync(Remix, Wire.Form(("image", Wire.Png()), ("prompt", "x"), ("image_weight", "101"))));
            Assert.StartsWith("color_palette: either name or members is required",
                await RejectedAsync(Remix, Wire.Form(("image", Wire.Png()), ("prompt", "x"), ("color_palette", new JsonPart("{}")))));
            Assert.StartsWith("style_codes: 'xyz' does not match",
                await RejectedAsync(Remix, Wire.Form(("image", Wire.Png()), ("prompt", "x"), ("style_codes", "0A0B0C0D"), ("style_codes", "xyz"))));

            await AcceptedAsync(Remix, Wire.Form(("image", Wire.Png()), ("prompt", "x"), ("style_codes", "0A0B0C0D"), ("style_codes", "DEADBEEF"),
                ("color_palette", new JsonPart("{\"members\":[{\"color_hex\":\"#b470b3\",\"color_weight\":0.49},{\"color_hex\":\"#7a79e3\"}]}")),
                ("unknown_part", "ignored"), ("character_reference_images", Wire.Png()), ("character_reference_images_mask", Wire.Png())));
            var recorded = _emulator.Requests.Last();
            Assert.Equal(200, recorded.StatusCode);
            Assert.Equal(new[] { "0A0B0C0D", "DEADBEEF" }, recorded.Field("style_codes"));
            Assert.Equal(new[] { "ignored" }, recorded.Field("unknown_part"));
            Assert.Equal(3, recorded.Files.Count);
            Assert.All(recorded.Files, f => Assert.Equal("image/png", f.ContentType));
            Assert.Equal(Wire.Png().Length, recorded.Files.First(f => f.Name == "image").Length);
        }

        [Fact]
        public async Task Legacy_multipart_uses_the_image_request_json_part_and_allowed_models()
        {
            Assert.Equal("image_request: field required", await RejectedAsync("remix", Wire.Form(("image_file", Wire.Png()), ("prompt", "x"))));
            Assert.StartsWith("model: 'V_3' is not accepted by this endpoint; expected one of V_2, V_2_TURBO",
                await RejectedAsync("edit", Wire.Form(("image_file", Wire.Png()), ("mask", Wire.Png()), ("prompt", "x"), ("model", "V_3"))));
            await AcceptedAsync("remix", Wire.Form(("image_request", new JsonPart("{\"prompt\":\"x\",\"image_weight\":30}")), ("image_file", Wire.Png())));
            await AcceptedAsync("edit", Wire.Form(("image_file", Wire.Png()), ("mask", Wire.Png()), ("prompt", "x"), ("model", "V_2_TURBO")));
        }

        [Fact]
        public async Task Font_files_are_checked_as_fonts_not_images()
        {
            const string Design = "v1/ideogram-v3/generate-design";
            Assert.StartsWith("font_file_h1: unsupported font format",
                await RejectedAsync(Design, Wire.Form(("prompt", "poster"), ("font_file_h1", Wire.Png()))));
            var ttf = new byte[64];
            ttf[1] = 1; // 00 01 00 00: TrueType
            await AcceptedAsync(Design, Wire.Form(("prompt", "poster"), ("font_file_h1", ttf)));
        }
    }
}
