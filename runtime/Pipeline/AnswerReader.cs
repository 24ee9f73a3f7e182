using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen
{
    /// <summary>
    /// Reads an answer's body into a buffer rented from <see cref="ArrayPool{T}.Shared"/> (never an array sized to the
    /// body per call), refusing one larger than <see cref="GatewayOptions.MaxResponseBytes"/>.
    /// </summary>
    internal static class AnswerReader
    {
        private const int UnknownLengthStart = 16 * 1024;

        /// <exception cref="AnswerTooLargeException">The body is larger than <paramref name="max"/>.</exception>
        public static async ValueTask<PooledBody> ReadAsync(HttpContent content, long max, CancellationToken cancellationToken)
        {
            var declared = content.Headers.ContentLength;
            if (declared > max) throw new AnswerTooLargeException(content.Headers.ContentType?.MediaType);
            if (declared == 0) return default;
#if NET5_0_OR_GREATER
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            var buffer = ArrayPool<byte>.Shared.Rent(declared is long length ? (int)length : UnknownLengthStart);
            int filled = 0;
            try
            {
                using (stream)
                {
                    while (true)
                    {
                        if (filled == buffer.Length)
                        {
                            // Only when the length was not announced (or was wrong): grow, still from the pool.
                            if (filled >= max) throw new AnswerTooLargeException(content.Headers.ContentType?.MediaType);
                            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(max, (long)buffer.Length * 2));
                            Buffer.BlockCopy(buffer, 0, larger, 0, filled);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = larger;
                        }
#if NETSTANDARD2_0
                        int n = await stream.ReadAsync(buffer, filled, buffer.Length - filled, cancellationToken).ConfigureAwait(false);
#else
                        int n = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
#endif
                        if (n == 0) break;
                        filled += n;
                        if (filled > max) throw new AnswerTooLargeException(content.Headers.ContentType?.MediaType);
                        if (declared == filled) break;
                    }
                }
                return new PooledBody(buffer, filled);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }
    }

    /// <summary>A body in a rented buffer; <see cref="Dispose"/> gives the buffer back (once).</summary>
    internal struct PooledBody : IDisposable
    {
        private byte[]? _buffer;

        public PooledBody(byte[] buffer, int length)
        {
            _buffer = buffer;
            Length = length;
        }

        public int Length { get; }

        public ReadOnlySpan<byte> Span => _buffer == null ? default : new ReadOnlySpan<byte>(_buffer, 0, Length);

        public ReadOnlyMemory<byte> Memory => _buffer == null ? default : new ReadOnlyMemory<byte>(_buffer, 0, Length);

        public void Dispose()
        {
            var b = _buffer;
            _buffer = null;
            if (b != null) ArrayPool<byte>.Shared.Return(b);
        }
    }

    /// <summary>The answer is larger than <see cref="GatewayOptions.MaxResponseBytes"/>.</summary>
    internal sealed class AnswerTooLargeException : Exception
    {
        public AnswerTooLargeException(string? contentType) => ContentType = contentType;

        public string? ContentType { get; }
    }
}
