using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Timeout;

namespace IdeogramGen.Extensions.Internal
{
    /// <summary>
    /// Sits outside the resilience handler and turns its refusals into the exceptions <c>HttpClient</c> itself throws,
    /// which the client maps to its typed errors: a refusal before sending (open circuit, rate limiter) becomes an
    /// <see cref="HttpRequestException"/> the client reports as "not sent, safe to retry"; a strategy timeout becomes a
    /// <see cref="TaskCanceledException"/> the client reports as a timeout (may have been billed).
    /// </summary>
    internal sealed class PollyRefusalTranslator : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutRejectedException ex)
            {
                throw new TaskCanceledException("The resilience handler's timeout expired before the answer came.", ex);
            }
            catch (ExecutionRejectedException ex)
            {
                throw new HttpRequestException("The resilience handler refused to send the request (" + ex.GetType().Name + "); nothing was sent.", ex);
            }
        }
    }
}
