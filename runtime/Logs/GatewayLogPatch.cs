using System;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace IdeogramGen
{
    /// <summary>
    /// The body of <c>PATCH /client/v4/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/logs/{id}</c>
    /// (Cloudflare API reference, AI Gateway &gt; Logs &gt; Patch Gateway Log; AI Gateway docs, Evaluations &gt; Add human
    /// feedback): <c>{"feedback": -1 | 1 | null, "score": 0..100 | null, "metadata": {flat entries} | null}</c>.
    /// Only the properties you assign are sent; assigning null sends <c>null</c>, which clears the value on the entry.
    /// Values are checked when assigned and throw <see cref="IdeogramValidationException"/>.
    /// </summary>
    /// <example><code>await logs.PatchAsync(result, new GatewayLogPatch { Feedback = 1, Score = 90 });</code></example>
    public sealed class GatewayLogPatch
    {
        /// <summary>The smallest <see cref="Score"/>: 0.</summary>
        public const double MinScore = 0;

        /// <summary>The largest <see cref="Score"/>: 100.</summary>
        public const double MaxScore = 100;

        private int? _feedback;
        private double? _score;
        private GatewayLogMetadata? _metadata;

        /// <summary>
        /// <c>feedback</c>: <c>1</c> for positive, <c>-1</c> for negative, null to clear (the Workers binding type is
        /// <c>-1 | 1 | null</c>; the gateway treats 0 as "not evaluated").
        /// </summary>
        /// <exception cref="IdeogramValidationException">Any other value.</exception>
        public int? Feedback
        {
            get => _feedback;
            set
            {
                if (value is int f && f != 1 && f != -1)
                    throw new IdeogramValidationException("feedback", $"{f.ToString(CultureInfo.InvariantCulture)} is not a feedback value", "1 (positive), -1 (negative) or null (clear)");
                _feedback = value;
                HasFeedback = true;
            }
        }

        /// <summary>True when <see cref="Feedback"/> was assigned (and is sent, possibly as null).</summary>
        public bool HasFeedback { get; private set; }

        /// <summary><c>score</c>: a number from 0 to 100 (Cloudflare API reference: minimum 0, maximum 100), or null to clear.</summary>
        /// <exception cref="IdeogramValidationException">Out of range or not finite.</exception>
        public double? Score
        {
            get => _score;
            set
            {
                if (value is double s && (double.IsNaN(s) || s < MinScore || s > MaxScore))
                    throw new IdeogramValidationException("score", $"{s.ToString(CultureInfo.InvariantCulture)} is out of range", "a number from 0 to 100, or null (clear)");
                _score = value;
                HasScore = true;
            }
        }

        /// <summary>True when <see cref="Score"/> was assigned (and is sent, possibly as null).</summary>
        public bool HasScore { get; private set; }

        /// <summary>
        /// <c>metadata</c>: up to 5 flat entries of strings, numbers or booleans (the same rules as <c>cf-aig-metadata</c>,
        /// enforced by <see cref="GatewayLogMetadata"/>), or null to clear. Replaces the entry's metadata as a whole.
        /// </summary>
        public GatewayLogMetadata? Metadata
        {
            get => _metadata;
            set
            {
                _metadata = value;
                HasMetadata = true;
            }
        }

        /// <summary>True when <see cref="Metadata"/> was assigned (and is sent, possibly as null).</summary>
        public bool HasMetadata { get; private set; }

        /// <summary>The JSON body, with only the assigned properties.</summary>
        /// <exception cref="IdeogramValidationException">Nothing was assigned.</exception>
        public string ToJson()
        {
            if (!HasFeedback && !HasScore && !HasMetadata)
                throw new IdeogramValidationException("body", "sets nothing", "at least one of feedback, score, metadata");
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                if (HasFeedback)
                {
                    if (_feedback is int f) w.WriteNumber("feedback", f); else w.WriteNull("feedback");
                }
                if (HasScore)
                {
                    if (_score is double s) w.WriteNumber("score", s); else w.WriteNull("score");
                }
                if (HasMetadata)
                {
                    w.WritePropertyName("metadata");
                    if (_metadata is null) w.WriteNullValue();
                    else
                    {
                        w.WriteStartObject();
                        foreach (var e in _metadata)
                        {
                            switch (e.Value)
                            {
                                case string text: w.WriteString(e.Key, text); break;
                                case long l: w.WriteNumber(e.Key, l); break;
                                case double d: w.WriteNumber(e.Key, d); break;
                                case bool b: w.WriteBoolean(e.Key, b); break;
                            }
                        }
                        w.WriteEndObject();
                    }
                }
                w.WriteEndObject();
            }
            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        /// <summary>Lists the assigned properties and their values.</summary>
        public override string ToString() => "GatewayLogPatch(" + (HasFeedback || HasScore || HasMetadata ? ToJson() : "nothing") + ")";
    }
}
