using System;
using System.ComponentModel;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;

namespace IdeogramGen
{
    /// <summary>
    /// A request body the generated code describes once and the transport can build again for each attempt:
    /// a JSON object (<see cref="Json"/>) or a multipart form (<see cref="Multipart"/>).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract class RequestBody
    {
        /// <summary>A JSON body written by <paramref name="write"/> (which writes one whole value).</summary>
        public static RequestBody Json(Action<Utf8JsonWriter> write) => new JsonBody(write ?? throw new ArgumentNullException(nameof(write)));

        /// <summary>A multipart/form-data body whose parts <paramref name="build"/> adds.</summary>
        public static RequestBody Multipart(Action<MultipartBuilder> build) => new MultipartBody(build ?? throw new ArgumentNullException(nameof(build)));

        /// <summary>True when the body can be built again after a failed attempt (no one-shot stream in it).</summary>
        public abstract bool IsReplayable { get; }

        /// <summary>Builds the HTTP content for one attempt.</summary>
        public abstract HttpContent CreateContent();

        /// <summary>
        /// The <c>model</c> and <c>prompt</c> text fields of the body (top level, or inside the <c>image_request</c> object
        /// or part of the legacy endpoints), for telemetry; read from what is sent, so every endpoint is covered.
        /// </summary>
        internal virtual DescribedFields DescribedFields() => default;

        /// <summary>Reads <c>model</c> and <c>prompt</c> from a JSON object, looking one level into <c>image_request</c>.</summary>
        internal static DescribedFields ReadDescribedFields(byte[] json, DescribedFields found)
        {
            try
            {
                var reader = new Utf8JsonReader(json);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return found;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool model = reader.ValueTextEquals("model"), prompt = reader.ValueTextEquals("prompt"), wrapper = reader.ValueTextEquals("image_request");
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && (model || prompt))
                        found = model ? new DescribedFields(found.Model ?? reader.GetString(), found.Prompt) : new DescribedFields(found.Model, found.Prompt ?? reader.GetString());
                    else if (wrapper && reader.TokenType == JsonTokenType.StartObject)
                    {
                        int depth = reader.CurrentDepth;
                        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
                        {
                            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != depth + 1) continue;
                            bool m = reader.ValueTextEquals("model"), p = reader.ValueTextEquals("prompt");
                            reader.Read();
                            if (reader.TokenType == JsonTokenType.String && (m || p))
                                found = m ? new DescribedFields(found.Model ?? reader.GetString(), found.Prompt) : new DescribedFields(found.Model, found.Prompt ?? reader.GetString());
                            else reader.Skip();
                        }
                    }
                    else reader.Skip();
                }
            }
            catch (JsonException)
            {
                // Telemetry only: a body this library wrote is valid JSON; anything else describes nothing.
            }
            return found;
        }

        /// <summary>The UTF-8 JSON text of <paramref name="write"/>.</summary>
        public static byte[] ToJsonBytes(Action<Utf8JsonWriter> write)
        {
            if (write is null) throw new ArgumentNullException(nameof(write));
            // One buffer and writer per thread, reset for each body: only the resulting array is allocated.
            var cache = t_json;
            if (cache == null || cache.InUse) cache = new JsonScratch();
            else t_json = null;
            try
            {
                cache.InUse = true;
                cache.Buffer.SetLength(0);
                cache.Writer.Reset(cache.Buffer);
                write(cache.Writer);
                cache.Writer.Flush();
                return cache.Buffer.ToArray();
            }
            finally
            {
                cache.InUse = false;
                cache.Writer.Reset(Stream.Null);
                if (cache.Buffer.Capacity <= JsonScratch.MaxKeptCapacity) t_json = cache;
            }
        }

        [ThreadStatic]
        private static JsonScratch? t_json;

        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions
        {
            // Keep non-ASCII prompts and apostrophes as written: Ideogram receives the text as typed.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        private sealed class JsonScratch
        {
            public const int MaxKeptCapacity = 64 * 1024;
            public MemoryStream Buffer { get; } = new MemoryStream(1024);
            public Utf8JsonWriter Writer { get; } = new Utf8JsonWriter(Stream.Null, WriterOptions);
            public bool InUse { get; set; }
        }

        /// <summary>No body: a GET (the generation polls). Its <see cref="CreateContent"/> returns null.</summary>
        internal static readonly RequestBody None = new NoBody();

        private sealed class NoBody : RequestBody
        {
            public override bool IsReplayable => true;

            public override HttpContent CreateContent() => null!;
        }

        private sealed class JsonBody : RequestBody
        {
            private readonly Action<Utf8JsonWriter> _write;
            private byte[]? _bytes;

            public JsonBody(Action<Utf8JsonWriter> write) => _write = write;

            public override bool IsReplayable => true;

            public override HttpContent CreateContent()
            {
                var bytes = _bytes ??= ToJsonBytes(_write);
                var content = new SentByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return content;
            }

            internal override DescribedFields DescribedFields() => ReadDescribedFields(_bytes ??= ToJsonBytes(_write), default);
        }

        private sealed class MultipartBody : RequestBody
        {
            private readonly Action<MultipartBuilder> _build;
            private bool? _replayable;

            public MultipartBody(Action<MultipartBuilder> build) => _build = build;

            public override bool IsReplayable
            {
                get
                {
                    if (_replayable == null)
                    {
                        var probe = new MultipartBuilder(null);
                        _build(probe);
                        _replayable = probe.Replayable;
                    }
                    return _replayable.Value;
                }
            }

            public override HttpContent CreateContent()
            {
                var form = new SentMultipartContent("----IdeogramGen" + Guid.NewGuid().ToString("N"));
                var builder = new MultipartBuilder(form);
                _build(builder);
                _replayable = builder.Replayable;
                return form;
            }

            internal override DescribedFields DescribedFields()
            {
                var probe = new MultipartBuilder(null) { Describe = true };
                _build(probe);
                _replayable = probe.Replayable;
                return probe.Described;
            }
        }
    }

    /// <summary>The <c>model</c> and <c>prompt</c> a request body carries (either may be null).</summary>
    internal readonly struct DescribedFields
    {
        public DescribedFields(string? model, string? prompt)
        {
            Model = model;
            Prompt = prompt;
        }

        public string? Model { get; }

        public string? Prompt { get; }
    }
}
