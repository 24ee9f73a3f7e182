using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.Testing.Tests
{
    /// <summary>Drives every endpoint of the API description through the emulator, so a new endpoint is covered without new code.</summary>
    public class DescriptionCoverageTests : LoopbackEmulatorTest
    {

        public static TheoryData<string> EndpointPaths()
        {
            var data = new TheoryData<string>();
            // The POST routes; the generation polls (GET) have tests of their own.
            foreach (var e in IdeogramApi.Endpoints.Where(e => e.Method == "POST")) data.Add(e.Path);
            return data;
        }

        private static object SampleValue(ApiField field) => field.Kind switch
        {
            ValueKind.File or ValueKind.FileArray => Wire.Png(),
            ValueKind.Integer => (field.Minimum ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ValueKind.Enum => field.AllowedValues?.First() ?? IdeogramApi.FindEnum(field.Enum!)!.Values.First(),
            // v2 reframe/auto: aspect_ratio is text W:H (pattern ^[1-9][0-9]*:[1-9][0-9]*$).
            ValueKind.String when field.Name == "aspect_ratio" => "16:9",
            // v2 custom-model routes: custom_model_uri (pattern ^model/[^/]+/version/[^/]+$).
            ValueKind.String when field.Name == "custom_model_uri" => "model/my-custom-model/version/1",
            _ => "a red kite over a beach",
        };

        /// <summary>A minimal valid request: only the required fields, multipart unless the endpoint takes JSON only.</summary>
        private static HttpContent MinimalBody(ApiEndpoint endpoint)
        {
            // The required fields, and the first of each "at least one of" pair (Ideogram 4.0: text_prompt or json_prompt).
            var required = endpoint.Fields.Where(f => f.Required || endpoint.Rules.Any(r => r.Kind == RuleKind.AtLeastOne && r.Fields[0] == f.Name)).ToArray();
            if (endpoint.Encoding == BodyEncoding.JsonWrapped || (!endpoint.AcceptsMultipart && endpoint.AcceptsJson))
            {
                var values = required.ToDictionary(f => f.Name, f => SampleValue(f));
                string json = JsonSerializer.Serialize(values);
                return Wire.Json(endpoint.Wrapper is null ? json : "{\"" + endpoint.Wrapper + "\":" + json + "}");
            }
            var parts = new List<(string, object)>();
            if (endpoint.Encoding == BodyEncoding.MultipartWithJsonPart)
            {
                var wrapped = required.Where(f => f.InWrapper).ToDictionary(f => f.Name, f => SampleValue(f));
                parts.Add((endpoint.Wrapper!, new JsonPart(JsonSerializer.Serialize(wrapped))));
                required = required.Where(f => !f.InWrapper).ToArray();
            }
            parts.AddRange(required.Select(f => (f.Name, SampleValue(f))));
            if (parts.Count == 0) parts.Add(("unrelated_part", "ignored")); // a multipart body needs at least one part
            return Wire.Form(parts.ToArray());
        }

        [Theory]
        [MemberData(nameof(EndpointPaths))]
        public async Task Minimal_request_succeeds_and_matches_the_response_schema(string path)
        {
            var endpoint = IdeogramApi.FindEndpoint(path)!;
            // A route that delivers to a webhook only (v1 Ideogram 4.5 async) needs its webhook_url; nothing listens on port 9.
            string query = endpoint.Parameter("webhook_url") is { In: "query", Required: true } ? "?webhook_url=" + Uri.EscapeDataString("http://127.0.0.1:9/hooks") : "";
            var (status, body, response) = await Wire.SendAsync(_client, Wire.Post(_emulator, path + query, MinimalBody(endpoint)));
            Assert.True(status == 200, path + ": " + body);
            using var doc = JsonDocument.Parse(body);
            Wire.AssertMatchesSchema(doc.RootElement, endpoint.Response);
            Assert.Equal("MISS", Wire.Header(response, "cf-aig-cache-status"));
            if (endpoint.Mode == EndpointMode.AsyncSubmit)
            {
                // An asynchronous submit: {generation_id}, billed when the generation completes (at once with the default
                // zero generation time; reading the record completes it), never at the submit itself.
                string id = doc.RootElement.GetProperty("generation_id").GetString()!;
                Assert.Matches("^[A-Za-z0-9_-]{22}$", id);
                var generation = Assert.Single(_emulator.Generations);
                Assert.Equal((id, "completed"), (generation.GenerationId, generation.Status));
                Assert.Equal(id, _emulator.Requests.Single().GenerationId);
            }
            else
            {
                Assert.Empty(_emulator.Generations);
            }
            Assert.True(_emulator.Requests.Single().IsBilled);
            Assert.Equal(1, _emulator.BilledRequestCount);
        }

        [Theory]
        [MemberData(nameof(EndpointPaths))]
        public async Task Each_required_field_is_enforced(string path)
        {
            var endpoint = IdeogramApi.FindEndpoint(path)!;
            foreach (var missing in endpoint.Fields.Where(f => f.Required))
            {
                var trimmed = new ApiEndpoint
                {
                    Path = endpoint.Path, AcceptsJson = endpoint.AcceptsJson, AcceptsMultipart = endpoint.AcceptsMultipart,
                    Encoding = endpoint.Encoding, Wrapper = endpoint.Wrapper, Rules = endpoint.Rules,
                    Fields = endpoint.Fields.Where(f => f != missing).ToArray(),
                };
                var (status, body, _) = await Wire.SendAsync(_client, Wire.Post(_emulator, path, MinimalBody(trimmed)));
                Assert.True(status == 400, $"{path} without {missing.Name}: {status} {body}");
                Assert.Equal(missing.Name + ": field required", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
            }
            Assert.Equal(0, _emulator.BilledRequestCount);
        }
    }
}
