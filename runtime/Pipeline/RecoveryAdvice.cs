using System.Globalization;

namespace IdeogramGen
{
    /// <summary>
    /// Decides, for a failure that may have been billed, how its result can be had without paying again
    /// (<see cref="IdeogramRecoveryPath"/>), and writes the sentence that ends its message: recoverable from the gateway
    /// log with <c>RecoverAsync</c>, resumable by generation id, or to be looked up in the logs manually.
    /// </summary>
    internal static class RecoveryAdvice
    {
        public static void Apply(IdeogramGenException ex, bool recoveryOn)
        {
            if (!ex.MayHaveBeenBilled || ex.RecoveryPath != IdeogramRecoveryPath.None) return;
            ex.RecoveryPath = Describe(ex.StatusCode, ex.Gateway.LogId, ex.EventId, recoveryOn, out var text);
            ex.RecoveryAdvice = text;
        }

        public static void Apply(IdeogramCanceledException ex, bool recoveryOn)
        {
            if (!ex.MayHaveBeenBilled || ex.RecoveryPath != IdeogramRecoveryPath.None) return;
            ex.RecoveryPath = Describe(ex.StatusCode, ex.Gateway.LogId, ex.EventId, recoveryOn, out var text);
            ex.RecoveryAdvice = text;
        }

        /// <summary>For an asynchronous generation whose id is known: resume it by that id.</summary>
        /// <param name="ex">The failure.</param>
        /// <param name="generationId">The generation's id.</param>
        /// <param name="resumeMethod">The generated method that resumes it, e.g. <c>ResumeGenerateV2Async</c>.</param>
        public static void ResumableByGenerationId(IdeogramGenException ex, string generationId, string resumeMethod)
        {
            ex.RecoveryPath = IdeogramRecoveryPath.GenerationId;
            ex.RecoveryAdvice = ResumeText(generationId, resumeMethod);
        }

        /// <summary>For the wait of an asynchronous generation that the caller cancelled: resume it by its id.</summary>
        public static void ResumableByGenerationId(IdeogramCanceledException ex, string generationId, string resumeMethod)
        {
            ex.RecoveryPath = IdeogramRecoveryPath.GenerationId;
            ex.RecoveryAdvice = ResumeText(generationId, resumeMethod);
        }

        private static string ResumeText(string generationId, string resumeMethod) =>
            "The generation " + generationId + " was accepted and keeps running (it is billed when it completes): resume waiting for it by its generation id with "
            + resumeMethod + "(\"" + generationId + "\") instead of sending the request again; polling is free.";

        private static IdeogramRecoveryPath Describe(int? status, string? logId, string? eventId, bool recoveryOn, out string text)
        {
            if (status is int s && (s < 200 || s > 299))
            {
                text = "The answer was an error (HTTP " + s.ToString(CultureInfo.InvariantCulture) + "), so the gateway log" + (logId != null ? " " + logId : "")
                    + " holds no images to recover: look the call up in the gateway's logs manually (and in Ideogram's usage) before sending it again.";
                return IdeogramRecoveryPath.Manual;
            }
            if (logId == null && eventId == null)
            {
                text = "No cf-aig-log-id arrived and the call sent no cf-aig-event-id, so its gateway log cannot be found by id: look it up in the gateway's logs manually (by time and path) before sending it again. "
                    + "With GatewayOptions.Recovery set, every call sends an event id and can be recovered with RecoverAsync.";
                return IdeogramRecoveryPath.Manual;
            }
            var where = logId != null ? "the gateway log " + logId : "the gateway log of cf-aig-event-id " + eventId;
            text = recoveryOn
                ? "Recover the answer from " + where + " with RecoverAsync(exception) on the client instead of sending the request again."
                : "Recover the answer from " + where + " with RecoverAsync(exception) on the client, after setting GatewayOptions.Recovery (a Cloudflare API token that can read the gateway's logs), instead of sending the request again.";
            return IdeogramRecoveryPath.GatewayLog;
        }
    }
}
