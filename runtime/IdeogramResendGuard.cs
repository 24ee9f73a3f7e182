using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen
{
    /// <summary>
    /// A <see cref="DelegatingHandler"/> that refuses to send an Ideogram call again after a send that may have run:
    /// the last safety net under resilience handlers (retry, hedging) that would otherwise pay for the same images
    /// twice. Place it innermost, right above the primary handler; <c>AddIdeogramGateway</c> (package
    /// IdeogramGen.Extensions) does. Requests without <see cref="IdeogramRequestMark"/> pass untouched.
    /// </summary>
    /// <remarks>
    /// A refused send throws <see cref="IdeogramResendRefusedException"/> (an <see cref="InvalidOperationException"/>:
    /// the handler chain is misconfigured) without sending anything. A send is allowed again only after an outcome that
    /// proves the earlier one did not run (see <see cref="IdeogramRequestMark.CanResend"/>).
    /// </remarks>
    public sealed class IdeogramResendGuard : DelegatingHandler
    {
        /// <summary>Creates the guard; the factory (or you) sets <see cref="DelegatingHandler.InnerHandler"/>.</summary>
        public IdeogramResendGuard() { }

        /// <summary>Creates the guard over <paramref name="innerHandler"/>.</summary>
        public IdeogramResendGuard(HttpMessageHandler innerHandler) : base(innerHandler) { }

        /// <inheritdoc />
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var record = IdeogramRequestMark.Get(request);
            if (record is null) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!record.TryBeginSend()) throw new IdeogramResendRefusedException(record.Path);
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (TransportFailures.FailedBeforeSending(ex))
            {
                record.ProvedNotRun();
                throw;
            }
            if ((int)response.StatusCode == 429) record.ProvedNotRun();
            return response;
        }
    }
}
