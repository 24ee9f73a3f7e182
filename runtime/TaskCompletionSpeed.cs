namespace IdeogramGen
{
    /// <summary>
    /// Ideogram's <c>task_completion_speed</c> vocabulary of a v2 <c>inflight_limit</c> 429 body: the queue the request
    /// resolved to, whose in-flight limit <see cref="IdeogramApiException.MaxInflightRequests"/> gives.
    /// </summary>
    /// <remarks>
    /// Known values are static members; any other string is accepted too, so values Ideogram adds later arrive intact
    /// (<see cref="IsKnown"/> tells them apart). Comparison is ordinal: Ideogram's values are case-sensitive.
    /// <c>default(TaskCompletionSpeed)</c> is "not set": <see cref="IsSet"/> is false and it equals only another unset value.
    /// Source: OpenAPI document of 2026-10-07, schema <c>GenerationErrorResponse</c>, property <c>task_completion_speed</c>; Ideogram API reference, Rate limits, "When you reach the limit".
    /// </remarks>
    [global::System.Diagnostics.DebuggerDisplay("{DebuggerText,nq}")]
    public readonly struct TaskCompletionSpeed : global::System.IEquatable<TaskCompletionSpeed>
    {
        private readonly string? _value;

        /// <summary>Creates a value; prefer the static members for the values Ideogram documents.</summary>
        /// <param name="value">The wire value, as Ideogram spells it (case-sensitive).</param>
        /// <exception cref="global::System.ArgumentException">The value is null, empty or white space (use <c>default</c> for "not set").</exception>
        public TaskCompletionSpeed(string value)
        {
            if (string.IsNullOrWhiteSpace(value))
                throw new global::System.ArgumentException("A TaskCompletionSpeed value must not be empty. Known values: " + KnownValuesText + ". Use default(TaskCompletionSpeed) or null for a value that is not set.", nameof(value));
            _value = value;
        }

        /// <summary>The wire value; an empty string when not set.</summary>
        public string Value => _value ?? string.Empty;

        /// <summary>False for <c>default</c> ("not set"); true for every value made from a string.</summary>
        public bool IsSet => _value != null;

        private string DebuggerText => _value ?? "(not set)";

        /// <summary><c>fast</c>: the fast queue.</summary>
        public static TaskCompletionSpeed Fast { get; } = new TaskCompletionSpeed("fast");
        /// <summary><c>slow</c>: the slow queue.</summary>
        public static TaskCompletionSpeed Slow { get; } = new TaskCompletionSpeed("slow");

        /// <summary>Every value Ideogram's document lists, in its order.</summary>
        public static global::System.Collections.Generic.IReadOnlyList<TaskCompletionSpeed> KnownValues { get; } = new TaskCompletionSpeed[]
        {
            new TaskCompletionSpeed("fast"),
            new TaskCompletionSpeed("slow"),
        };

        internal const string KnownValuesText = "fast, slow";

        /// <summary>True when the value is one Ideogram's document lists.</summary>
        public bool IsKnown
        {
            get
            {
                switch (_value)
                {
                    case "fast":
                    case "slow":
                        return true;
                    default:
                        return false;
                }
            }
        }

        /// <inheritdoc/>
        public bool Equals(TaskCompletionSpeed other) => string.Equals(_value, other._value, global::System.StringComparison.Ordinal);
        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is TaskCompletionSpeed other && Equals(other);
        /// <inheritdoc/>
        public override int GetHashCode() => _value == null ? 0 : global::System.StringComparer.Ordinal.GetHashCode(_value);
        /// <summary>The wire value; an empty string when not set.</summary>
        public override string ToString() => Value;
        /// <summary>Compares wire values ordinally.</summary>
        public static bool operator ==(TaskCompletionSpeed left, TaskCompletionSpeed right) => left.Equals(right);
        /// <summary>Compares wire values ordinally.</summary>
        public static bool operator !=(TaskCompletionSpeed left, TaskCompletionSpeed right) => !left.Equals(right);
        /// <summary>Wraps any string; a null string gives the unset value (<c>default</c>).</summary>
        /// <exception cref="global::System.ArgumentException">The string is empty or white space.</exception>
        public static implicit operator TaskCompletionSpeed(string? value) => value is null ? default(TaskCompletionSpeed) : new TaskCompletionSpeed(value);
    }
}
