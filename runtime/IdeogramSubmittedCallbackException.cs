using System;

namespace IdeogramGen
{
    /// <summary>
    /// The <c>submitted</c> callback of a <c>Submit…AndWaitAsync</c> call threw after Ideogram had accepted the
    /// generation. The generation keeps running and is billed when it completes (Ideogram API reference, Errors,
    /// "Outcomes and billing"), so the exception carries it: <see cref="Generation"/> and
    /// <see cref="IdeogramGenException.GenerationId"/> to resume it with the client's <c>Resume…Async</c>, and the
    /// callback's own exception as <see cref="Exception.InnerException"/>.
    /// </summary>
    public sealed class IdeogramSubmittedCallbackException : IdeogramGenException
    {
        internal IdeogramSubmittedCallbackException(string message, IdeogramGeneration generation, Exception callbackFailure)
            : base(message, callbackFailure)
        {
            Generation = generation;
            GenerationId = generation.GenerationId;
        }

        /// <summary>The accepted generation the callback was given.</summary>
        public IdeogramGeneration Generation { get; }
    }
}
