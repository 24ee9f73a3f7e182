using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace IdeogramGen.Tests.Description;

/// <summary>
/// The reduced copy of Ideogram's 2026-10-07 OpenAPI document, its source list, the operations still waiting for their
/// schemas and the facts overlay are consistent: every operation and schema has a source, every reference resolves, nothing
/// is listed that is not there, and every fact names where it comes from.
/// </summary>
public class NewerDocumentTests
{
    private const string DocumentDate = "2026-10-07";
    private static readonly JsonElement Reduced = Load("ideogram-openapi-2026-10-07.reduced.json");
    private static readonly JsonElement Sources = Load("newer-sources.json");
    private static readonly JsonElement Pending = Load("newer-pending-operations.json");
    private static readonly JsonElement Facts = Load("newer-facts.json");
    private static readonly string[] Methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    private static JsonElement Load(string name) => JsonDocument.Parse(File.ReadAllText(TestPaths.InRepo("description", name))).RootElement;

    private static string Pointer(string path, string method) => "#/paths/" + Escape(path) + "/" + method;

    private static string Escape(string token) => token.Replace("~", "~0").Replace("/", "~1");

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
            foreach (var item in path.Value.EnumerateObject())
                if (Methods.Contains(item.Name)) yield return (path.Name, item.Name, item.Value);
    }

    private static bool TryResolve(JsonElement document, string pointer, out JsonElement target)
    {
        target = document;
        if (!pointer.StartsWith("#/", StringComparison.Ordinal)) return false;
        foreach (var raw in pointer.Substring(2).Split('/'))
        {
            var token = raw.Replace("~1", "/").Replace("~0", "~");
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(token, out target)) return false;
        }
        return true;
    }

    /// <summary>Every <c>$ref</c> and every discriminator mapping target below <paramref name="node"/>.</summary>
    private static IEnumerable<string> References(JsonElement node)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in node.EnumerateObject())
                {
                    if (property.Name == "$ref" && property.Value.ValueKind == JsonValueKind.String) yield return property.Value.GetString()!;
                    else if (property.Name == "mapping" && property.Value.ValueKind == JsonValueKind.Object)
                        foreach (var target in property.Value.EnumerateObject()) yield return target.Value.GetString()!;
                    else foreach (var r in References(property.Value)) yield return r;
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                    foreach (var r in References(item)) yield return r;
                break;
        }
    }

    private static IEnumerable<string> KeysOf(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Object)
            foreach (var property in node.EnumerateObject())
            {
                yield return property.Name;
                foreach (var k in KeysOf(property.Value)) yield return k;
            }
        else if (node.ValueKind == JsonValueKind.Array)
            foreach (var item in node.EnumerateArray())
                foreach (var k in KeysOf(item)) yield return k;
    }

    /// <summary>Names of the schemas reachable from <paramref name="start"/>, following references inside the reduced document.</summary>
    private static HashSet<string> ReachableSchemas(IEnumerable<JsonElement> start)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<JsonElement>(start);
        while (queue.Count > 0)
            foreach (var reference in References(queue.Dequeue()))
            {
                const string prefix = "#/components/schemas/";
                if (!reference.StartsWith(prefix, StringComparison.Ordinal)) continue;
                var name = reference.Substring(prefix.Length);
                if (seen.Add(name) && TryResolve(Reduced, reference, out var schema)) queue.Enqueue(schema);
            }
        return seen;
    }

    [Fact]
    public void Reduced_document_is_an_openapi_3_0_document()
    {
        Assert.Equal("3.0.2", Reduced.GetProperty("openapi").GetString());
        Assert.Equal("Ideogram - OpenAPI 3.0", Reduced.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("1.0.0", Reduced.GetProperty("info").GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Object, Reduced.GetProperty("components").GetProperty("schemas").ValueKind);
        Assert.NotEmpty(Operations(Reduced));
        foreach (var (path, method, operation) in Operations(Reduced))
        {
            Assert.StartsWith("/", path);
            Assert.True(operation.TryGetProperty("operationId", out _), $"{method} {path} has no operationId");
            Assert.True(operation.GetProperty("responses").TryGetProperty("200", out _), $"{method} {path} has no 200 response");
        }
    }

    [Fact]
    public void Every_operation_has_exactly_one_source_and_every_source_an_operation()
    {
        var listed = Sources.GetProperty("operations").EnumerateArray().ToList();
        var inDocument = Operations(Reduced).ToDictionary(o => Pointer(o.Path, o.Method), o => o.Operation.GetProperty("operationId").GetString());
        Assert.Equal(inDocument.Count, listed.Count);
        foreach (var entry in listed)
        {
            var source = entry.GetProperty("source");
            Assert.Equal(DocumentDate, source.GetProperty("document").GetString());
            var pointer = source.GetProperty("pointer").GetString()!;
            Assert.Equal(Pointer(entry.GetProperty("path").GetString()!, entry.GetProperty("method").GetString()!), pointer);
            Assert.True(inDocument.TryGetValue(pointer, out var operationId), $"{pointer} is listed but not in the reduced document");
            Assert.Equal(operationId, entry.GetProperty("operationId").GetString());
        }
        Assert.Equal(listed.Count, listed.Select(e => e.GetProperty("source").GetProperty("pointer").GetString()).Distinct().Count());
    }

    [Fact]
    public void Every_reference_resolves_inside_the_reduced_document()
    {
        var unresolved = References(Reduced).Distinct().Where(r => !TryResolve(Reduced, r, out _)).ToList();
        Assert.Empty(unresolved);
    }

    [Fact]
    public void Holds_only_schemas_its_operations_reach_or_that_are_listed_with_a_reason()
    {
        var reached = ReachableSchemas(Operations(Reduced).Select(o => o.Operation));
        var listed = Sources.GetProperty("unreferencedSchemas").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("reason").GetString());
        Assert.All(listed.Values, reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
        reached.UnionWith(ReachableSchemas(listed.Keys.Select(n => Reduced.GetProperty("components").GetProperty("schemas").GetProperty(n))));
        reached.UnionWith(listed.Keys);
        var present = Reduced.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Empty(present.Except(reached));
        Assert.Empty(reached.Except(present));
    }

    [Fact]
    public void Every_schema_and_component_has_a_source_pointer()
    {
        var schemaSources = Sources.GetProperty("schemas").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("source"));
        foreach (var schema in Reduced.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            Assert.True(schemaSources.TryGetValue(schema.Name, out var source), $"schema {schema.Name} has no source");
            Assert.Equal(DocumentDate, source.GetProperty("document").GetString());
            Assert.Equal("#/components/schemas/" + schema.Name, source.GetProperty("pointer").GetString());
        }
        Assert.Equal(Reduced.GetProperty("components").GetProperty("schemas").EnumerateObject().Count(), schemaSources.Count);
        foreach (var entry in Sources.GetProperty("parameters").EnumerateArray().Concat(Sources.GetProperty("securitySchemes").EnumerateArray()))
            Assert.True(TryResolve(Reduced, entry.GetProperty("source").GetProperty("pointer").GetString()!, out _));
    }

    [Fact]
    public void Leaves_out_only_the_keys_it_declares_and_none_of_them_remain()
    {
        var omitted = Sources.GetProperty("omittedKeys").EnumerateArray().Select(k => k.GetString()!).ToHashSet();
        Assert.Contains("example", omitted);
        var present = KeysOf(Reduced).ToHashSet();
        Assert.Empty(present.Intersect(omitted));
        Assert.False(Reduced.TryGetProperty("tags", out _));
    }

    [Fact]
    public void Recorded_hashes_are_the_snapshots()
    {
        var snapshot = File.ReadAllLines(TestPaths.InRepo("description", Sources.GetProperty("document").GetProperty("snapshot").GetString()!))
            .Where(l => l.Contains(':'))
            .ToDictionary(l => l.Substring(0, l.IndexOf(':')).Trim(), l => l.Substring(l.IndexOf(':') + 1).Trim());
        var document = Sources.GetProperty("document");
        Assert.Equal(DocumentDate, snapshot["date"]);
        Assert.Equal(document.GetProperty("url").GetString(), snapshot["source"]);
        Assert.Equal(snapshot["raw_sha256"], document.GetProperty("rawSha256").GetString());
        Assert.Equal(snapshot["normalized_sha256"], document.GetProperty("normalizedSha256").GetString());
        Assert.Equal(long.Parse(snapshot["raw_bytes"]), document.GetProperty("rawBytes").GetInt64());
        Assert.Matches("^[0-9a-f]{64}$", snapshot["raw_sha256"]);
        Assert.Matches("^[0-9a-f]{40}$", document.GetProperty("copy").GetProperty("commit").GetString()!);
    }

    [Fact]
    public void Covers_the_operations_the_issues_name()
    {
        var expected = new[]
        {
            "get /v1/.well-known/jwks.json", "get /v1/generations/{generation_id}", "post /v1/edit",
            "post /v1/ideogram-v4/generate", "post /v1/ideogram-v4/async/generate", "post /v1/ideogram-v4/generate-transparent",
            "post /v1/ideogram-v4/async/generate-transparent", "post /v1/ideogram-v4/remix", "post /v1/ideogram-v4/async/remix",
            "post /v1/ideogram-v4/magic-prompt", "post /v1/ideogram-v4/describe", "post /v1/text-to-image/p-image-ideogram",
            "post /v1/async/text-to-image/p-image-ideogram", "get /v2/generations/{generation_id}",
            "post /v2/image/generate/ideogram-4", "post /v2/image/generate/ideogram-4-5", "post /v2/image/generate/p-image-ideogram",
            "post /v2/image/precise-edit/ideogram-4-5", "post /v2/image/remove-object/ideogram-1",
        };
        var present = Operations(Reduced).Select(o => o.Method + " " + o.Path).ToHashSet();
        Assert.All(expected, e => Assert.Contains(e, present));
    }

    [Fact]
    public void Covered_v2_operations_that_bill_take_the_dry_run_parameter_as_documented()
    {
        var dryRun = Reduced.GetProperty("components").GetProperty("parameters").GetProperty("DryRun");
        foreach (var (path, method, operation) in Operations(Reduced).Where(o => o.Path.StartsWith("/v2/image/", StringComparison.Ordinal) && !o.Path.StartsWith("/v2/image/describe/", StringComparison.Ordinal)))
        {
            var parameter = operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "dry_run");
            Assert.True(JsonElement.DeepEquals(dryRun, parameter), $"{method} {path}: dry_run differs from #/components/parameters/DryRun");
        }
    }

    private static bool IsListedAsUntranscribed(string name) =>
        Pending.GetProperty("operations").EnumerateArray().Any(o => o.GetProperty("untranscribedSchemas").EnumerateArray().Any(s => s.GetString() == name));

    [Fact]
    public void Pending_operations_have_sources_and_name_only_schemas_not_yet_transcribed()
    {
        var reducedPointers = Operations(Reduced).Select(o => Pointer(o.Path, o.Method)).ToHashSet();
        var schemas = Reduced.GetProperty("components").GetProperty("schemas");
        var staged = Pending.GetProperty("schemas");
        Assert.All(staged.EnumerateObject(), s => Assert.False(schemas.TryGetProperty(s.Name, out _), $"{s.Name} is both staged and in the reduced document"));
        Assert.All(References(staged).Select(r => r.Substring("#/components/schemas/".Length)), name =>
            Assert.True(schemas.TryGetProperty(name, out _) || staged.TryGetProperty(name, out _) || IsListedAsUntranscribed(name), $"staged schemas reference {name}, which is nowhere"));
        // Empty once every pending operation has moved into the reduced document (2026-10-07: generate 2a was the last).
        var operations = Pending.GetProperty("operations").EnumerateArray().ToList();
        foreach (var entry in operations)
        {
            var pointer = entry.GetProperty("source").GetProperty("pointer").GetString()!;
            Assert.Equal(DocumentDate, entry.GetProperty("source").GetProperty("document").GetString());
            Assert.Equal(Pointer(entry.GetProperty("path").GetString()!, entry.GetProperty("method").GetString()!), pointer);
            Assert.DoesNotContain(pointer, reducedPointers);
            var missing = entry.GetProperty("untranscribedSchemas").EnumerateArray().Select(s => s.GetString()!).ToList();
            Assert.NotEmpty(missing);
            Assert.All(missing, name => Assert.False(schemas.TryGetProperty(name, out _), $"{name} is transcribed; move {pointer} into the reduced document"));
            var references = References(entry.GetProperty("operation")).Select(r => r.Substring("#/components/schemas/".Length));
            Assert.All(missing, name => Assert.False(staged.TryGetProperty(name, out _), $"{name} is staged yet listed as untranscribed"));
            Assert.All(references, name => Assert.True(schemas.TryGetProperty(name, out _) || staged.TryGetProperty(name, out _) || missing.Contains(name), $"{pointer} references {name}, neither transcribed nor listed"));
        }
    }

    [Fact]
    public void Every_fact_has_a_source_that_exists()
    {
        var pendingPointers = Pending.GetProperty("operations").EnumerateArray().Select(o => o.GetProperty("source").GetProperty("pointer").GetString()).ToHashSet();
        var facts = Facts.GetProperty("facts").EnumerateArray().ToList();
        Assert.NotEmpty(facts);
        Assert.Equal(facts.Count, facts.Select(f => f.GetProperty("id").GetString()).Distinct().Count());
        foreach (var fact in facts)
        {
            var id = fact.GetProperty("id").GetString();
            Assert.False(string.IsNullOrWhiteSpace(fact.GetProperty("statement").GetString()), id);
            var sources = fact.GetProperty("sources").EnumerateArray().ToList();
            Assert.True(sources.Count > 0, $"fact {id} has no source");
            foreach (var source in sources)
            {
                if (source.TryGetProperty("page", out var page))
                {
                    Assert.StartsWith("https://developer.ideogram.ai/", page.GetString());
                    Assert.False(string.IsNullOrWhiteSpace(source.GetProperty("section").GetString()), $"fact {id} names a page without a section");
                }
                else
                {
                    Assert.Equal(DocumentDate, source.GetProperty("document").GetString());
                    var pointer = source.GetProperty("pointer").GetString()!;
                    Assert.True(TryResolve(Reduced, pointer, out _) || pendingPointers.Contains(pointer), $"fact {id} cites {pointer}, which is neither transcribed nor pending");
                }
            }
            if (fact.TryGetProperty("status", out var status)) Assert.Contains(status.GetString(), new[] { "inferred", "not-stated" });
        }
    }

    [Fact]
    public void Webhook_facts_agree_with_the_document()
    {
        var facts = Facts.GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
        var jwksDescription = Reduced.GetProperty("paths").GetProperty("/v1/.well-known/jwks.json").GetProperty("get").GetProperty("description").GetString()!;
        Assert.Contains("request_id\\nuser_id\\ntimestamp\\nsha256_hex(body)", jwksDescription);
        var order = facts["webhook.signed-message"].GetProperty("value").GetProperty("order").EnumerateArray().Select(v => v.GetString()).ToArray();
        Assert.Equal(new[] { "request_id", "user_id", "timestamp", "sha256_hex(body)" }, order);
        var jwk = Reduced.GetProperty("components").GetProperty("schemas").GetProperty("WebhookSigningJwk");
        Assert.Equal(new[] { "alg", "crv", "kid", "kty", "use", "x" }, jwk.GetProperty("required").EnumerateArray().Select(v => v.GetString()));
        Assert.Contains("X-Ideogram-Webhook-Key-Id", jwk.GetProperty("description").GetString());
    }
}
