using System.Globalization;
using System.Text.Json;

namespace IdeogramGen
{
    /// <summary>
    /// What a v2 request would cost, answered by Ideogram in place of the endpoint's usual response when the request is
    /// sent with <c>?dry_run=true</c> (<see cref="GatewayPipeline.QuoteAsync"/>, the generated <c>Quote…Async</c> methods).
    /// The request was validated and priced but not run: nothing was generated, stored or billed, and no safety review
    /// was performed, so a prompt that would fail Ideogram's safety check can still be quoted.
    /// </summary>
    /// <remarks>
    /// Money is in millionths of a US dollar and credits in thousandths of a credit, so a quote compares with a completed
    /// generation's <c>usage_cost_usd_micros</c> and with credit balances without rounding. Wire shape:
    /// <c>{"object":"price_quote","billing_identifier":…,"quantity":…,"usd_micros":…,"credit_millis":…,"qualifier":"exact"|"estimate","upper_bound_usd_micros":…}</c>.
    /// Source: OpenAPI document of 2026-10-07, schemas <c>PriceQuote</c> and <c>PriceQualifier</c>, parameter
    /// <c>DryRun</c>; Ideogram API reference, Price quotes ("Request a quote", "The PriceQuote fields").
    /// </remarks>
    public sealed class PriceQuote : IdeogramResponse
    {
        private const decimal MicrosPerUsd = 1000000m;
        private const decimal MillisPerCredit = 1000m;

        /// <summary>Creates a quote (for tests and fakes; the client reads quotes from Ideogram's answers).</summary>
        /// <param name="usdMicros"><c>usd_micros</c>: the price in millionths of a US dollar, 0 or more.</param>
        /// <param name="creditMillis"><c>credit_millis</c>: the credit charge in thousandths of a credit, 0 or more.</param>
        /// <param name="quantity"><c>quantity</c>: billable units, usually the image count.</param>
        /// <param name="billingIdentifier"><c>billing_identifier</c>: the catalog product the request would bill.</param>
        /// <param name="qualifier"><c>qualifier</c>: <see cref="PriceQualifier.Exact"/> or <see cref="PriceQualifier.Estimate"/>.</param>
        /// <param name="upperBoundUsdMicros"><c>upper_bound_usd_micros</c>: for estimates, the most the request can cost.</param>
        /// <exception cref="System.ArgumentOutOfRangeException">An amount is negative.</exception>
        /// <exception cref="System.ArgumentNullException"><paramref name="billingIdentifier"/> is null.</exception>
        public PriceQuote(long usdMicros, long creditMillis, int quantity, string billingIdentifier, PriceQualifier qualifier, long? upperBoundUsdMicros = null)
        {
            if (usdMicros < 0) throw new System.ArgumentOutOfRangeException(nameof(usdMicros), usdMicros, "usd_micros is 0 or more.");
            if (creditMillis < 0) throw new System.ArgumentOutOfRangeException(nameof(creditMillis), creditMillis, "credit_millis is 0 or more.");
            if (upperBoundUsdMicros < 0) throw new System.ArgumentOutOfRangeException(nameof(upperBoundUsdMicros), upperBoundUsdMicros, "upper_bound_usd_micros is 0 or more.");
            UsdMicros = usdMicros;
            CreditMillis = creditMillis;
            Quantity = quantity;
            BillingIdentifier = billingIdentifier ?? throw new System.ArgumentNullException(nameof(billingIdentifier));
            Qualifier = qualifier;
            UpperBoundUsdMicros = upperBoundUsdMicros;
        }

        /// <summary><c>usd_micros</c>: the price in millionths of a US dollar (80000 = USD 0.08).</summary>
        public long UsdMicros { get; }

        /// <summary><see cref="UsdMicros"/> in US dollars, exactly (<c>UsdMicros / 1,000,000</c>).</summary>
        public decimal Usd => UsdMicros / MicrosPerUsd;

        /// <summary>
        /// <c>credit_millis</c>: the credit charge for callers funded from credits, in thousandths of a credit at the
        /// caller's own credit rate (1500 = 1.5 credits).
        /// </summary>
        public long CreditMillis { get; }

        /// <summary><see cref="CreditMillis"/> in credits, exactly (<c>CreditMillis / 1,000</c>).</summary>
        public decimal Credits => CreditMillis / MillisPerCredit;

        /// <summary><c>quantity</c>: the billable units the request would consume, usually the image count.</summary>
        public int Quantity { get; }

        /// <summary><c>billing_identifier</c>: the catalog product the request would bill.</summary>
        public string BillingIdentifier { get; }

        /// <summary><c>qualifier</c>: <see cref="PriceQualifier.Exact"/> (what the request would bill) or <see cref="PriceQualifier.Estimate"/>.</summary>
        public PriceQualifier Qualifier { get; }

        /// <summary>
        /// <c>upper_bound_usd_micros</c>: the most the request can cost, in millionths of a US dollar; present only on
        /// estimates (null otherwise).
        /// </summary>
        public long? UpperBoundUsdMicros { get; }

        /// <summary>True when <see cref="Qualifier"/> is <see cref="PriceQualifier.Exact"/>.</summary>
        public bool IsExact => Qualifier == PriceQualifier.Exact;

        /// <inheritdoc/>
        public override string ToString() =>
            "PriceQuote(" + BillingIdentifier + " x" + Quantity.ToString(CultureInfo.InvariantCulture) + ": "
            + UsdMicros.ToString(CultureInfo.InvariantCulture) + " usd_micros, " + CreditMillis.ToString(CultureInfo.InvariantCulture)
            + " credit_millis, " + Qualifier.Value
            + (UpperBoundUsdMicros is long upper ? ", at most " + upper.ToString(CultureInfo.InvariantCulture) + " usd_micros" : "") + ")";

        /// <summary>
        /// Reads a <c>PriceQuote</c> object. Unknown properties are skipped; <c>object</c> must be <c>price_quote</c> (an
        /// answer of another shape means the request was not treated as a dry run); the required properties must be there.
        /// </summary>
        /// <exception cref="IdeogramJsonFormatException">The JSON is not a price quote.</exception>
        internal static PriceQuote Read(ref Utf8JsonReader reader)
        {
            const string Root = "PriceQuote";
            IdeogramJson.ExpectObject(ref reader, Root);
            string? obj = null, billing = null, qualifier = null;
            long? usd = null, credits = null, upper = null;
            int? quantity = null;
            while (IdeogramJson.NextProperty(ref reader, Root))
            {
                if (reader.ValueTextEquals("object")) { IdeogramJson.Value(ref reader, "PriceQuote.object"); obj = IdeogramJson.ReadString(ref reader, "PriceQuote.object"); }
                else if (reader.ValueTextEquals("billing_identifier")) { IdeogramJson.Value(ref reader, "PriceQuote.billing_identifier"); billing = IdeogramJson.ReadString(ref reader, "PriceQuote.billing_identifier"); }
                else if (reader.ValueTextEquals("quantity")) { IdeogramJson.Value(ref reader, "PriceQuote.quantity"); quantity = IdeogramJson.ReadInt32OrNull(ref reader, "PriceQuote.quantity"); }
                else if (reader.ValueTextEquals("usd_micros")) { IdeogramJson.Value(ref reader, "PriceQuote.usd_micros"); usd = ReadAmount(ref reader, "PriceQuote.usd_micros"); }
                else if (reader.ValueTextEquals("credit_millis")) { IdeogramJson.Value(ref reader, "PriceQuote.credit_millis"); credits = ReadAmount(ref reader, "PriceQuote.credit_millis"); }
                else if (reader.ValueTextEquals("qualifier")) { IdeogramJson.Value(ref reader, "PriceQuote.qualifier"); qualifier = IdeogramJson.ReadString(ref reader, "PriceQuote.qualifier"); }
                else if (reader.ValueTextEquals("upper_bound_usd_micros")) { IdeogramJson.Value(ref reader, "PriceQuote.upper_bound_usd_micros"); upper = ReadAmount(ref reader, "PriceQuote.upper_bound_usd_micros"); }
                else { IdeogramJson.Value(ref reader, Root); IdeogramJson.Skip(ref reader, Root); }
            }
            if (obj != "price_quote")
                throw new IdeogramJsonFormatException("PriceQuote.object", obj == null
                    ? "the answer is not a price quote (no \"object\": \"price_quote\")"
                    : "the answer is not a price quote (\"object\" is \"" + obj + "\", not \"price_quote\")");
            if (billing == null) throw Missing("billing_identifier");
            if (quantity == null) throw Missing("quantity");
            if (usd == null) throw Missing("usd_micros");
            if (credits == null) throw Missing("credit_millis");
            if (string.IsNullOrWhiteSpace(qualifier)) throw Missing("qualifier");
            return new PriceQuote(usd.Value, credits.Value, quantity.Value, billing, new PriceQualifier(qualifier!), upper);
        }

        private static IdeogramJsonFormatException Missing(string name) =>
            new IdeogramJsonFormatException("PriceQuote." + name, "the price quote has no " + name + " (a required property)");

        /// <summary>A whole, non-negative 64-bit amount (<c>format: int64, minimum: 0</c>), or null.</summary>
        private static long? ReadAmount(ref Utf8JsonReader reader, string path)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) && value >= 0) return value;
            throw new IdeogramJsonFormatException(path, "expected a whole number from 0 to 9223372036854775807, found " + (reader.TokenType == JsonTokenType.Number ? "another number" : reader.TokenType.ToString()));
        }
    }
}
