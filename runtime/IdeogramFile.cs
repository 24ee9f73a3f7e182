using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;

namespace IdeogramGen
{
    /// <summary>
    /// A file to upload (an image, a mask, a font): from bytes, a stream or a path, with its file name and media type.
    /// The media type is taken from the content's first bytes (JPEG, PNG, WebP, TTF/OTF, WOFF, WOFF2) or, failing that,
    /// from the file name's extension. Size and type are checked against the endpoint's limits before anything is sent
    /// (Ideogram OpenAPI: images ≤ 10 MB, JPEG/PNG/WebP; fonts ≤ 5 MB, .ttf/.otf/.woff/.woff2).
    /// </summary>
    public sealed class IdeogramFile
    {
        private readonly byte[]? _bytes;
        private readonly string? _path;
        private readonly Stream? _stream;
        private long _streamStart;

        private IdeogramFile(string fileName, string mediaType, byte[]? bytes, string? path, Stream? stream, long? length)
        {
            FileName = fileName;
            MediaType = mediaType;
            _bytes = bytes;
            _path = path;
            _stream = stream;
            Length = length;
        }

        /// <summary>The file name sent in the part's <c>Content-Disposition</c>.</summary>
        public string FileName { get; }

        /// <summary>The media type sent as the part's <c>Content-Type</c> (<c>image/png</c>).</summary>
        public string MediaType { get; }

        /// <summary>The size in bytes, when known before sending.</summary>
        public long? Length { get; }

        /// <summary>True when the content can be sent again (bytes, a path, or a seekable stream).</summary>
        public bool IsReplayable => _bytes != null || _path != null || (_stream != null && _stream.CanSeek);

        /// <summary>A file from memory.</summary>
        /// <param name="content">The file's bytes (not copied; do not change them until the call ends).</param>
        /// <param name="fileName">The name to send, e.g. <c>cat.png</c>.</param>
        /// <param name="mediaType">The media type; detected from the bytes when null.</param>
        public static IdeogramFile FromBytes(byte[] content, string fileName, string? mediaType = null)
        {
            if (content is null) throw new ArgumentNullException(nameof(content));
            CheckName(fileName);
            return new IdeogramFile(fileName, mediaType ?? MediaTypes.Detect(content, fileName), content, null, null, content.Length);
        }

        /// <summary>A file on disk, read when the request is sent.</summary>
        /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
        public static IdeogramFile FromPath(string path, string? mediaType = null)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            var info = new FileInfo(path);
            if (!info.Exists) throw new FileNotFoundException($"The file to upload does not exist: {info.FullName}", path);
            CheckName(info.Name);
            var head = new byte[16];
            int read;
            using (var fs = info.OpenRead()) read = fs.Read(head, 0, head.Length);
            Array.Resize(ref head, read);
            return new IdeogramFile(info.Name, mediaType ?? MediaTypes.Detect(head, info.Name), null, info.FullName, null, info.Length);
        }

        /// <summary>A file from a stream, read from its current position when the request is sent. The stream is not disposed.</summary>
        /// <remarks>A non-seekable stream can be sent only once: the client then never retries the call.</remarks>
        public static IdeogramFile FromStream(Stream content, string fileName, string? mediaType = null)
        {
            if (content is null) throw new ArgumentNullException(nameof(content));
            if (!content.CanRead) throw new ArgumentException("The stream must be readable.", nameof(content));
            CheckName(fileName);
            long? length = null;
            string type;
            if (content.CanSeek)
            {
                length = content.Length - content.Position;
                var start = content.Position;
                var head = new byte[16];
                int read = content.Read(head, 0, head.Length);
                content.Position = start;
                Array.Resize(ref head, read);
                type = mediaType ?? MediaTypes.Detect(head, fileName);
                var file = new IdeogramFile(fileName, type, null, null, content, length) { _streamStart = start };
                return file;
            }
            type = mediaType ?? MediaTypes.FromExtension(fileName) ?? "application/octet-stream";
            return new IdeogramFile(fileName, type, null, null, content, null);
        }

        internal HttpContent CreateContent()
        {
            HttpContent content;
            if (_bytes != null) content = new ByteArrayContent(_bytes);
            else if (_path != null) content = new StreamContent(new UploadStream(new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true), owns: true));
            else
            {
                if (_stream!.CanSeek) _stream.Position = _streamStart;
                content = new StreamContent(new UploadStream(_stream, owns: false));
            }
            content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
            return content;
        }

        /// <inheritdoc/>
        public override string ToString() => $"{FileName} ({MediaType}{(Length is long l ? ", " + l + " bytes" : "")})";

        private static void CheckName(string fileName)
        {
            if (string.IsNullOrWhiteSpace(fileName)) throw new ArgumentException("A file name is required (e.g. image.png).", nameof(fileName));
            if (fileName.IndexOfAny(new[] { '"', '\r', '\n' }) >= 0) throw new ArgumentException("The file name must not contain quotes or line breaks.", nameof(fileName));
        }
    }

    internal static class MediaTypes
    {
        public const string Jpeg = "image/jpeg";
        public const string Png = "image/png";
        public const string Webp = "image/webp";

        public static string Detect(byte[] head, string fileName) => Sniff(head) ?? FromExtension(fileName) ?? "application/octet-stream";

        public static string? Sniff(byte[] h)
        {
            if (h.Length >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF) return Jpeg;
            if (h.Length >= 8 && h[0] == 0x89 && h[1] == 0x50 && h[2] == 0x4E && h[3] == 0x47 && h[4] == 0x0D && h[5] == 0x0A && h[6] == 0x1A && h[7] == 0x0A) return Png;
            if (h.Length >= 12 && h[0] == 'R' && h[1] == 'I' && h[2] == 'F' && h[3] == 'F' && h[8] == 'W' && h[9] == 'E' && h[10] == 'B' && h[11] == 'P') return Webp;
            if (h.Length >= 4 && h[0] == 'w' && h[1] == 'O' && h[2] == 'F' && h[3] == 'F') return "font/woff";
            if (h.Length >= 4 && h[0] == 'w' && h[1] == 'O' && h[2] == 'F' && h[3] == '2') return "font/woff2";
            if (h.Length >= 4 && h[0] == 'O' && h[1] == 'T' && h[2] == 'T' && h[3] == 'O') return "font/otf";
            if (h.Length >= 4 && h[0] == 0 && h[1] == 1 && h[2] == 0 && h[3] == 0) return "font/ttf";
            return null;
        }

        public static string? FromExtension(string fileName)
        {
            switch (Path.GetExtension(fileName).ToLowerInvariant())
            {
                case ".jpg":
                case ".jpeg": return Jpeg;
                case ".png": return Png;
                case ".webp": return Webp;
                case ".ttf": return "font/ttf";
                case ".otf": return "font/otf";
                case ".woff": return "font/woff";
                case ".woff2": return "font/woff2";
                default: return null;
            }
        }
    }
}
