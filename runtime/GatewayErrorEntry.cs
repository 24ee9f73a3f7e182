namespace IdeogramGen
{
    /// <summary>One entry of a gateway error body.</summary>
    public sealed class GatewayErrorEntry
    {
        /// <summary>Creates an entry.</summary>
        public GatewayErrorEntry(int? code, string? message)
        {
            Code = code;
            Message = message;
        }

        /// <summary>The numeric code (2009, ...).</summary>
        public int? Code { get; }

        /// <summary>The gateway's message.</summary>
        public string? Message { get; }

        /// <inheritdoc/>
        public override string ToString() => $"{Code}: {Message}";
    }
}
