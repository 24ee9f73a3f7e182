using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
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

        private sealed class JsonBody : RequestBody
        {
            private readonly Action<Utf8JsonWriter> _write;
            private byte[]? _bytes;

            public JsonBody(Action<Utf8JsonWriter> write) => _write = write;

            public override bool IsReplayable => true;

            public override HttpContent CreateContent()
            {
                var bytes = _bytes ??= ToJsonBytes(_write);
                var content = new ByteArrayContent(bytes);
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
                var form = new MultipartFormDataContent("----IdeogramGen" + Guid.NewGuid().ToString("N"));
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

    /// <summary>Adds the parts of a multipart/form-data body; used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class MultipartBuilder
    {
        private readonly MultipartFormDataContent? _form;

        internal MultipartBuilder(MultipartFormDataContent? form) => _form = form;

        internal bool Replayable { get; private set; } = true;

        /// <summary>When set (on a probe without a form), the <c>model</c> and <c>prompt</c> parts are kept in <see cref="Described"/>.</summary>
        internal bool Describe { get; set; }

        internal DescribedFields Described { get; private set; }

        /// <summary>A text part.</summary>
        public void Text(string name, string value)
        {
            if (Describe && (name == "model" || name == "prompt"))
                Described = name == "model" ? new DescribedFields(Described.Model ?? value, Described.Prompt) : new DescribedFields(Described.Model, Described.Prompt ?? value);
            if (_form == null) return;
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
            part.Headers.ContentType = null;
            _form.Add(part, Quote(name));
        }

        /// <summary>A whole-number part.</summary>
        public void Number(string name, long value) => Text(name, value.ToString(CultureInfo.InvariantCulture));

        /// <summary>A number part.</summary>
        public void Number(string name, double value) => Text(name, value.ToString("R", CultureInfo.InvariantCulture));

        /// <summary>A boolean part (<c>true</c>/<c>false</c>).</summary>
        public void Boolean(string name, bool value) => Text(name, value ? "true" : "false");

        /// <summary>A JSON part (<c>Content-Type: application/json</c>), such as <c>color_palette</c> or <c>image_request</c>.</summary>
        public void Json(string name, Action<Utf8JsonWriter> write)
        {
            if (Describe && name == "image_request") Described = RequestBody.ReadDescribedFields(RequestBody.ToJsonBytes(write), Described);
            if (_form == null) return;
            var part = new ByteArrayContent(RequestBody.ToJsonBytes(write));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            _form.Add(part, Quote(name));
        }

        /// <summary>A file part.</summary>
        public void File(string name, IdeogramFile file)
        {
            if (!file.IsReplayable) Replayable = false;
            if (_form == null) return;
            // Set Content-Disposition by hand: MultipartFormDataContent.Add(content, name, fileName) also writes a
            // filename* parameter built from the quoted name, which RFC 6266 readers prefer and then see with quotes.
            var content = file.CreateContent();
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quote(name), FileName = Quote(AsciiFileName(file.FileName)) };
            _form.Add(content);
        }

        /// <summary>One file part per file, all with the same name (how OpenAPI form arrays of files travel).</summary>
        public void Files(string name, IEnumerable<IdeogramFile> files)
        {
            foreach (var f in files) File(name, f);
        }

        private static string Quote(string s) => "\"" + s + "\"";

        /// <summary>
        /// The file name as printable ASCII: multipart/form-data has no portable way to carry other characters in a part's
        /// file name (RFC 7578 §4.2; an encoded word is taken literally by most servers), and Ideogram does not use it.
        /// </summary>
        private static string AsciiFileName(string fileName)
        {
            var chars = fileName.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
                if (chars[i] < 0x20 || chars[i] > 0x7e || chars[i] == '\\') chars[i] = '_';
            return new string(chars);
        }
    }
}
