namespace IdeogramGen
{
    /// <summary>
    /// Ideogram's <c>PriceQualifier</c> vocabulary (<c>qualifier</c> of a <see cref="PriceQuote"/>): whether a quoted price
    /// is what the request would bill (<c>exact</c>) or a computed estimate for a product priced from provider cost after
    /// inference (<c>estimate</c>, with <see cref="PriceQuote.UpperBoundUsdMicros"/> as the most it can cost).
    /// </summary>
    /// <remarks>
    /// Known values are static members; any other string is accepted too, so values Ideogram adds later arrive intact
    /// (<see cref="IsKnown"/> tells them apart). Comparison is ordinal: Ideogram's values are case-sensitive.
    /// <c>default(PriceQualifier)</c> is "not set": <see cref="IsSet"/> is false and it equals only another unset value.
    /// Source: OpenAPI document of 2026-10-07, schema <c>PriceQualifier</c>; Ideogram API reference, Price quotes, "The PriceQuote fields".
    /// </remarks>
    [global::System.Diagnostics.DebuggerDisplay("{DebuggerText,nq}")]
    public readonly struct PriceQualifier : global::System.IEquatable<PriceQualifier>
    {
        private readonly string? _value;

        /// <summary>Creates a value; prefer the static members for the values Ideogram documents.</summary>
        /// <param name="value">The wire value, as Ideogram spells it (case-sensitive).</param>
        /// <exception cref="global::System.ArgumentException">The value is null, empty or white space (use <c>default</c> for "not set").</exception>
        public PriceQualifier(string value)
        {
            if (string.IsNullOrWhiteSpace(value))
                throw new global::System.ArgumentException("A PriceQualifier value must not be empty. Known values: " + KnownValuesText + ". Use default(PriceQualifier) or null for a value that is not set.", nameof(value));
            _value = value;
        }

        /// <summary>The wire value; an empty string when not set.</summary>
        public string Value => _value ?? string.Empty;

        /// <summary>False for <c>default</c> ("not set"); true for every value made from a string.</summary>
        public bool IsSet => _value != null;

        private string DebuggerText => _value ?? "(not set)";

        /// <summary><c>exact</c>: the price is what the request would bill.</summary>
        public static PriceQualifier Exact { get; } = new PriceQualifier("exact");
        /// <summary><c>estimate</c>: a computed estimate; the bill can differ, up to <see cref="PriceQuote.UpperBoundUsdMicros"/>.</summary>
        public static PriceQualifier Estimate { get; } = new PriceQualifier("estimate");

        /// <summary>Every value Ideogram's document lists, in its order.</summary>
        public static global::System.Collections.Generic.IReadOnlyList<PriceQualifier> KnownValues { get; } = new PriceQualifier[]
        {
            new PriceQualifier("exact"),
            new PriceQualifier("estimate"),
        };

        internal const string KnownValuesText = "exact, estimate";

        /// <summary>True when the value is one Ideogram's document lists.</summary>
        public bool IsKnown
        {
            get
            {
                switch (_value)
                {
                    case "exact":
                    case "estimate":
                        return true;
                    default:
                        return false;
                }
            }
        }

        /// <inheritdoc/>
        public bool Equals(PriceQualifier other) => string.Equals(_value, other._value, global::System.StringComparison.Ordinal);
        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is PriceQualifier other && Equals(other);
        /// <inheritdoc/>
        public override int GetHashCode() => _value == null ? 0 : global::System.StringComparer.Ordinal.GetHashCode(_value);
        /// <summary>The wire value; an empty string when not set.</summary>
        public override string ToString() => Value;
        /// <summary>Compares wire values ordinally.</summary>
        public static bool operator ==(PriceQualifier left, PriceQualifier right) => left.Equals(right);
        /// <summary>Compares wire values ordinally.</summary>
        public static bool operator !=(PriceQualifier left, PriceQualifier right) => !left.Equals(right);
        /// <summary>Wraps any string; a null string gives the unset value (<c>default</c>).</summary>
        /// <exception cref="global::System.ArgumentException">The string is empty or white space.</exception>
        public static implicit operator PriceQualifier(string? value) => value is null ? default(PriceQualifier) : new PriceQualifier(value);
    }
}
