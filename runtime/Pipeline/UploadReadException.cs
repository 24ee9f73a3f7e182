using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen
{
    /// <summary>
    /// Marks a failure of an upload's own stream (not of the connection) while the request body was being sent, so the
    /// attempt sender can tell "the body never finished sending" from a broken connection, whatever HttpClient wraps it in.
    /// </summary>
    internal sealed class UploadReadException : IOException
    {
        public UploadReadException(Exception inner) : base("Reading the upload failed: " + inner.Message, inner) { }

        /// <summary>The marker anywhere in an exception's chain, or null.</summary>
        public static UploadReadException? Find(Exception ex)
        {
            for (Exception? e = ex; e != null; e = e.InnerException)
                if (e is UploadReadException u) return u;
            return null;
        }
    }

    /// <summary>A read-only view of an upload's stream that marks the stream's own failures (and optionally leaves it open).</summary>
    internal sealed class UploadStream : Stream
    {
        private readonly Stream _inner;
        private readonly bool _owns;

        public UploadStream(Stream inner, bool owns)
        {
            _inner = inner;
            _owns = owns;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try { return _inner.Read(buffer, offset, count); }
            catch (Exception ex) when (!(ex is OperationCanceledException)) { throw new UploadReadException(ex); }
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            try { return await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false); }
            catch (Exception ex) when (!(ex is OperationCanceledException)) { throw new UploadReadException(ex); }
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && _owns) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
