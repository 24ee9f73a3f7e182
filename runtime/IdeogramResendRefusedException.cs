using System;
using System.Net.Http;

namespace IdeogramGen
{
    /// <summary>
    /// Thrown by <see cref="IdeogramResendGuard"/> when a handler of the <see cref="HttpClient"/> tries to send an
    /// Ideogram call again after a send that may have run (and billed). Nothing was sent for the refused attempt.
    /// </summary>
    public sealed class IdeogramResendRefusedException : InvalidOperationException
    {
        /// <summary>Creates the exception for the call to <paramref name="path"/>.</summary>
        public IdeogramResendRefusedException(string path)
            : base($"A handler of the HttpClient tried to send the Ideogram call {path} again after an attempt that may have run and been billed; the re-send was refused and nothing was sent. " +
                   "Use AddIdeogramResilienceHandler() instead of AddStandardResilienceHandler(), or make your resilience policy's ShouldHandle use IdeogramRequestMark.CanResend.")
        {
            RequestPath = path;
        }

        /// <summary>Ideogram's path of the refused call.</summary>
        public string RequestPath { get; }
    }
}
