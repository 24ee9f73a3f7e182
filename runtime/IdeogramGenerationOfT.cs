using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen
{
    /// <summary>
    /// An accepted asynchronous generation whose result is a <typeparamref name="T"/>, the same type the synchronous
    /// call returns: what the generated <c>Submit…Async</c> methods answer. <see cref="WaitAsync"/> polls until it is done.
    /// </summary>
    /// <typeparam name="T">The endpoint's result type.</typeparam>
    public sealed class IdeogramGeneration<T> : IdeogramGeneration
        where T : IdeogramResponse
    {
        private readonly GatewayPipeline _pipeline;
        private readonly JsonValueReader<T> _read;
        private readonly string? _resumeMethod;

        internal IdeogramGeneration(GatewayPipeline pipeline, JsonValueReader<T> read, string? resumeMethod, string generationId, string apiVersion, string? requestPath, GatewayMetadata? gateway)
            : base(generationId, apiVersion, requestPath, gateway)
        {
            _pipeline = pipeline;
            _read = read;
            _resumeMethod = resumeMethod;
        }

        /// <summary>
        /// Polls until the generation is completed and returns its result (<see cref="IdeogramResponse.Generation"/> says
        /// which generation it was and what it cost); see <see cref="GatewayPipeline.WaitAsync{T}"/>.
        /// </summary>
        /// <param name="options">Per-call gateway options, timeout per poll and polling settings; the client's when null.</param>
        /// <param name="cancellationToken">Ends the wait (not the generation) with <see cref="IdeogramCanceledException"/>, which carries the generation id.</param>
        /// <exception cref="IdeogramGenerationFailedException">Ideogram reports the generation failed (not billed).</exception>
        /// <exception cref="IdeogramGenerationPendingException">Still pending when <see cref="IdeogramPollingOptions.Timeout"/> ran out.</exception>
        /// <exception cref="IdeogramCanceledException">The token was cancelled.</exception>
        /// <exception cref="IdeogramGenException">A poll failed for good (the id is unknown: 404; the key was refused: 401; ...); <see cref="IdeogramGenException.GenerationId"/> is set.</exception>
        public Task<T> WaitAsync(IdeogramRequestOptions? options = null, CancellationToken cancellationToken = default) =>
            _pipeline.WaitAsync(this, _read, _resumeMethod, options, cancellationToken);
    }
}
