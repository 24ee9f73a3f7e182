using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace IdeogramGen
{
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
