namespace IdeogramGen
{
    /// <summary>
    /// Ideogram's <c>GenerationRejectReason</c> vocabulary (<c>reject_reason</c> of a v2 402 or 429 body, also sent by the
    /// v1 routes): the account or usage limit that rejected a generation request. A rejected request did not run and is not
    /// billed (Ideogram API reference, Errors, "Outcomes and billing").
    /// </summary>
    /// <remarks>
    /// Known values are static members; any other string is accepted too, so values Ideogram adds later arrive intact
    /// (<see cref="IsKnown"/> tells them apart). Comparison is ordinal: Ideogram's values are case-sensitive.
    /// <c>default(GenerationRejectReason)</c> is "not set": <see cref="IsSet"/> is false and it equals only another unset value.
    /// Source: OpenAPI document of 2026-10-07, schemas <c>GenerationRejectReason</c> and <c>GenerationErrorResponse</c>; Ideogram API reference, Errors and Rate limits.
    /// </remarks>
    [global::System.Diagnostics.DebuggerDisplay("{DebuggerText,nq}")]
    public readonly struct GenerationRejectReason : global::System.IEquatable<GenerationRejectReason>
    {
        private readonly string? _value;

        /// <summary>Creates a value; prefer the static members for the values Ideogram documents.</summary>
        /// <param name="value">The wire value, as Ideogram spells it (case-sensitive).</param>
        /// <exception cref="global::System.ArgumentException">The value is null, empty or white space (use <c>default</c> for "not set").</exception>
        public GenerationRejectReason(string value)
        {
            if (string.IsNullOrWhiteSpace(value))
                throw new global::System.ArgumentException("A GenerationRejectReason value must not be empty. Known values: " + KnownValuesText + ". Use default(GenerationRejectReason) or null for a value that is not set.", nameof(value));
            _value = value;
        }

        /// <summary>The wire value; an empty string when not set.</summary>
        public string Value => _value ?? string.Empty;

        /// <summary>False for <c>default</c> ("not set"); true for every value made from a string.</summary>
        public bool IsSet => _value != null;

        private string DebuggerText => _value ?? "(not set)";

        /// <summary><c>insufficient_funds</c>: the balance does not cover the request (402); retrying returns 402 again until the balance changes.</summary>
        public static GenerationRejectReason InsufficientFunds { get; } = new GenerationRejectReason("insufficient_funds");
        /// <summary><c>subscription_required</c>: the request needs a subscription the account does not have.</summary>
        public static GenerationRejectReason SubscriptionRequired { get; } = new GenerationRejectReason("subscription_required");
        /// <summary><c>daily_limit</c>: a daily usage limit is reached (402); retrying returns 402 again until the limit resets.</summary>
        public static GenerationRejectReason DailyLimit { get; } = new GenerationRejectReason("daily_limit");
        /// <summary><c>priority_credit_required</c>: the request needs priority credits the account does not have.</summary>
        public static GenerationRejectReason PriorityCreditRequired { get; } = new GenerationRejectReason("priority_credit_required");
        /// <summary><c>inflight_limit</c>: too many images or videos are still generating for the organization (429, 10 by default); safe to retry once one finishes.</summary>
        public static GenerationRejectReason InflightLimit { get; } = new GenerationRejectReason("inflight_limit");
        /// <summary><c>feature_limit</c>: the account's plan does not allow the requested feature.</summary>
        public static GenerationRejectReason FeatureLimit { get; } = new GenerationRejectReason("feature_limit");

        /// <summary>Every value Ideogram's document lists, in its order.</summary>
        public static global::System.Collections.Generic.IReadOnlyList<GenerationRejectReason> KnownValues { get; } = new GenerationRejectReason[]
        {
            new GenerationRejectReason("insufficient_funds"),
            new GenerationRejectReason("subscription_required"),
            new GenerationRejectReason("daily_limit"),
            new GenerationRejectReason("priority_credit_required"),
            new GenerationRejectReason("inflight_limit"),
            new GenerationRejectReason("feature_limit"),
        };

        internal const string KnownValuesText = "insufficient_funds, subscription_required, daily_limit, priority_credit_required, inflight_limit, feature_limit";

        /// <summary>True when the value is one Ideogram's document lists.</summary>
        public bool IsKnown
        {
            get
            {
                switch (_value)
                {
                    case "insufficient_funds":
                    case "subscription_required":
                    case "daily_limit":
                    case "priority_credit_required":
                    case "inflight_limit":
                    case "feature_limit":
                        return true;
                    default:
                        return false;
                }
            }
        }

        /// <inheritdoc/>
        public bool Equals(GenerationRejectReason other) => string.Equals(_value, other._value, global::System.StringComparison.Ordinal);
        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is GenerationRejectReason other && Equals(other);
        /// <inheritdoc/>
        public override int GetHashCode() => _value == null ? 0 : global::System.StringComparer.Ordinal.GetHashCode(_value);
        /// <summary>The wire value; an empty string when not set.</summary>
        public override string ToString() => Value;
        /// <summary>Compares wire values ordinally.</summary>
        public static bool operator ==(GenerationRejectReason left, GenerationRejectReason right) => left.Equals(right);
        /// <summary>Compares wire values ordinally.</summary>
        public static bool operator !=(GenerationRejectReason left, GenerationRejectReason right) => !left.Equals(right);
        /// <summary>Wraps any string; a null string gives the unset value (<c>default</c>).</summary>
        /// <exception cref="global::System.ArgumentException">The string is empty or white space.</exception>
        public static implicit operator GenerationRejectReason(string? value) => value is null ? default(GenerationRejectReason) : new GenerationRejectReason(value);
    }
}
