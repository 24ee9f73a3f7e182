using System;

namespace IdeogramGen
{
    /// <summary>
    /// A request was rejected before anything was sent: a value Ideogram would reject. Says which field, what was wrong,
    /// and what is allowed (Ideogram OpenAPI document, 2026-04-27).
    /// </summary>
    public sealed class IdeogramValidationException : ArgumentException
    {
        /// <summary>Creates the exception.</summary>
        public IdeogramValidationException(string field, string problem, string allowed)
            : base($"{field}: {problem}. Allowed: {allowed}.", field)
        {
            Field = field;
            Problem = problem;
            Allowed = allowed;
        }

        /// <summary>The wire name of the field (<c>num_images</c>), or several joined by <c>+</c>.</summary>
        public string Field { get; }

        /// <summary>What was wrong with the value.</summary>
        public string Problem { get; }

        /// <summary>What Ideogram accepts.</summary>
        public string Allowed { get; }
    }
}
