using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace IdeogramGen
{
    /// <summary>
    /// HTTP content that records when its whole body has been written to the connection. A request whose body never
    /// finished sending cannot have run (its Content-Length or multipart framing is incomplete), so a failure or a
    /// cancellation before that point is reported as "nothing ran".
    /// </summary>
    internal interface ISentContent
    {
        /// <summary>True once the whole body was written to the connection stream.</summary>
        bool BodySent { get; }
    }

    /// <summary>A JSON body as bytes, recording when it was written whole.</summary>
    internal sealed class SentByteArrayContent : ByteArrayContent, ISentContent
    {
        public SentByteArrayContent(byte[] bytes) : base(bytes) { }

        public bool BodySent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await base.SerializeToStreamAsync(stream, context).ConfigureAwait(false);
            BodySent = true;
        }

#if NET5_0_OR_GREATER
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, System.Threading.CancellationToken cancellationToken)
        {
            await base.SerializeToStreamAsync(stream, context, cancellationToken).ConfigureAwait(false);
            BodySent = true;
        }
#endif
    }

    /// <summary>A multipart/form-data body, recording when it was written whole.</summary>
    internal sealed class SentMultipartContent : MultipartFormDataContent, ISentContent
    {
        public SentMultipartContent(string boundary) : base(boundary) { }

        public bool BodySent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await base.SerializeToStreamAsync(stream, context).ConfigureAwait(false);
            BodySent = true;
        }

#if NET5_0_OR_GREATER
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, System.Threading.CancellationToken cancellationToken)
        {
            await base.SerializeToStreamAsync(stream, context, cancellationToken).ConfigureAwait(false);
            BodySent = true;
        }
#endif
    }
}
