namespace IdeogramGen
{
    /// <summary>One colour of an explicit palette.</summary>
    public sealed class ColorPaletteMember
    {
        /// <summary>Creates a member.</summary>
        /// <param name="colorHex"><c>#RGB</c> or <c>#RRGGBB</c>.</param>
        /// <param name="colorWeight">Optional weight, 0.05 to 1.0; Ideogram recommends descending weights.</param>
        public ColorPaletteMember(string colorHex, double? colorWeight = null)
        {
            ColorHex = colorHex;
            ColorWeight = colorWeight;
        }

        /// <summary><c>color_hex</c>.</summary>
        public string ColorHex { get; }

        /// <summary><c>color_weight</c>.</summary>
        public double? ColorWeight { get; }
    }
}
