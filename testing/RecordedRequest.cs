using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace IdeogramGen.Testing
{
    /// <summary>A file part of a recorded multipart request (the bytes themselves are not kept).</summary>
    public sealed class RecordedFile
    {
        internal RecordedFile(string name, string? fileName, long length, string? contentType)
        {
            Name = name;
            FileName = fileName;
            Length = length;
            ContentType = contentType;
        }

        /// <summary>The part name, e.g. <c>image</c> or <c>style_reference_images</c> (repeated parts share a name).</summary>
        public string Name { get; }

        /// <summary>The part's <c>filename</c>, when sent.</summary>
        public string? FileName { get; }

        /// <summary>The part's size in bytes.</summary>
        public long Length { get; }

        /// <summary>The part's <c>Content-Type</c>, when sent.</summary>
        public string? ContentType { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Name} ({Length} bytes, {ContentType ?? "no content type"})";
    }

    /// <summary>
    /// One request that reached the emulator's gateway route (<c>{root}v1/…</c>), as the emulator saw it and answered it.
    /// Secrets are never kept: the values of <c>Api-Key</c>, <c>cf-aig-authorization</c> and <c>Authorization</c> are
    /// replaced by <c>[redacted]</c> in <see cref="Headers"/>.
    /// </summary>
    public sealed class RecordedRequest
    {
        internal const string Redacted = "[redacted]";

        internal RecordedRequest(
            DateTimeOffset receivedAt, string method, string path, string? ideogramPath, string? contentType,
            IReadOnlyDictionary<string, string> headers, IReadOnlyDictionary<string, IReadOnlyList<string>> fields,
            IReadOnlyList<RecordedFile> files, int statusCode, int billedImages, string? cacheStatus, string logId,
            EmulatorFaultKind? fault)
        {
            ReceivedAt = receivedAt;
            Method = method;
            Path = path;
            IdeogramPath = ideogramPath;
            ContentType = contentType;
            Headers = headers;
            Fields = fields;
            Files = files;
            StatusCode = statusCode;
            _billedImages = billedImages;
            CacheStatus = cacheStatus;
            LogId = logId;
            Fault = fault;
        }

        /// <summary>When the request arrived (emulator clock).</summary>
        public DateTimeOffset ReceivedAt { get; }

        /// <summary>The HTTP method.</summary>
        public string Method { get; }

        /// <summary>The query string as sent, with its leading <c>?</c> (e.g. <c>?dry_run=true</c>); empty when there was none.</summary>
        public string Query { get; internal init; } = "";

        /// <summary>True when the request was answered as a price quote (<c>?dry_run=true</c> on a route that takes it): never billed.</summary>
        public bool IsDryRun { get; internal init; }

        /// <summary>The full request path, e.g. <c>/v1/&lt;account&gt;/&lt;gateway&gt;/ideogram/v1/ideogram-v3/generate</c>.</summary>
        public string Path { get; }

        /// <summary>The Ideogram path after the <c>/ideogram</c> provider segment (e.g. <c>/v1/ideogram-v3/generate</c>), or null when the URL did not have the gateway shape.</summary>
        public string? IdeogramPath { get; }

        /// <summary>The request's <c>Content-Type</c> header.</summary>
        public string? ContentType { get; }

        /// <summary>Request headers (names lowercase; repeated headers joined with <c>, </c>); secret values redacted.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>
        /// Non-file fields by wire name: text parts of a multipart body, or properties of a JSON body (inside
        /// <c>image_request</c> for legacy endpoints). Strings are given as sent; numbers, booleans, objects and arrays as
        /// their JSON text; each item of a JSON array or each repeated part is one value. Empty when the answer came before
        /// the body was read (URL, authentication, rate-limit and key errors, injected gateway faults, cache hits).
        /// </summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields { get; }

        /// <summary>File parts, in the order sent.</summary>
        public IReadOnlyList<RecordedFile> Files { get; }

        /// <summary>The HTTP status the emulator answered with (0 when it aborted the connection before a status line).</summary>
        public int StatusCode { get; }

        /// <summary>
        /// The number of images this request was billed for: the images of a successful generation (withheld ones
        /// included), the requested <c>num_images</c> for a billed fault, 1 for a billed non-image answer such as
        /// describe, and 0 for anything that did not run at Ideogram (validation errors, gateway errors, cache hits, 402/422/429,
        /// polls). For an asynchronous submit (<see cref="GenerationId"/> set) this value changes: 0 while its generation is
        /// pending, its images once it completes, and 0 for good when it fails (Ideogram API reference, Errors, "Outcomes and
        /// billing": a request that runs is billed when it completes; a generation that fails is not billed). No separate
        /// record is added at completion.
        /// </summary>
        public int BilledImages => System.Threading.Volatile.Read(ref _billedImages);

        private int _billedImages;

        /// <summary>Bills a completed asynchronous generation on its submit's record.</summary>
        internal void Bill(int images) => System.Threading.Volatile.Write(ref _billedImages, images);

        /// <summary>
        /// For an asynchronous submit that was accepted: the <c>generation_id</c> it was answered with (also when a fault broke
        /// that answer on the way); see <see cref="IdeogramEmulator.Generations"/>. For a poll: the polled id. Else null.
        /// </summary>
        public string? GenerationId { get; internal init; }

        /// <summary>Whether the request ran at Ideogram and was charged (<see cref="BilledImages"/> &gt; 0).</summary>
        public bool IsBilled => BilledImages > 0;

        /// <summary>The <c>cf-aig-cache-status</c> answered (<c>HIT</c> or <c>MISS</c>), or null when the URL was not a gateway URL.</summary>
        public string? CacheStatus { get; }

        /// <summary>The <c>cf-aig-log-id</c> answered.</summary>
        public string LogId { get; }

        /// <summary>The injected fault this request received, if any.</summary>
        public EmulatorFaultKind? Fault { get; }

        /// <summary>The values of field <paramref name="name"/>, or an empty list.</summary>
        public IReadOnlyList<string> Field(string name) => Fields.TryGetValue(name, out var v) ? v : Array.Empty<string>();

        /// <summary>One line: method, path, status, cache status, fields, files and billing. Never contains secret values.</summary>
        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.Append(Method).Append(' ').Append(Path).Append(" -> ").Append(StatusCode);
            if (CacheStatus is not null) sb.Append(" (cache ").Append(CacheStatus).Append(')');
            if (Fault is not null) sb.Append(" [fault ").Append(Fault).Append(']');
            if (Fields.Count > 0) sb.Append("; fields: ").Append(string.Join(", ", Fields.Keys.OrderBy(k => k, StringComparer.Ordinal)));
            if (Files.Count > 0) sb.Append("; files: ").Append(string.Join(", ", Files));
            sb.Append("; billed images: ").Append(BilledImages);
            return sb.ToString();
        }
    }
}
