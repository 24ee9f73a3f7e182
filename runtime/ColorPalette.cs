using System.Collections.Generic;
using System.Text.Json;

namespace IdeogramGen
{
    /// <summary>
    /// <c>color_palette</c> of the v1 routes: either a preset <c>name</c> (uppercase, <see cref="ColorPalettePreset"/>)
    /// or 1 to 8 explicit <c>members</c>, never both (Ideogram OpenAPI <c>ColorPaletteWithPresetNameOrMembers</c>; not
    /// supported by V_1, V_1_TURBO, V_2A and V_2A_TURBO). The <c>/v2</c> routes take <see cref="ColorPaletteV2"/>.
    /// The factory methods make the "name xor members" rule impossible to break and check every member.
    /// </summary>
    public sealed class ColorPalette
    {
        private ColorPalette(ColorPalettePreset? name, IReadOnlyList<ColorPaletteMember>? members)
        {
            Name = name;
            Members = members;
        }

        /// <summary>The preset, when the palette is a preset.</summary>
        public ColorPalettePreset? Name { get; }

        /// <summary>The members, when the palette is explicit.</summary>
        public IReadOnlyList<ColorPaletteMember>? Members { get; }

        /// <summary>A preset palette (<c>{"name": "PASTEL"}</c>).</summary>
        /// <exception cref="IdeogramValidationException">The preset is not set (<c>default</c>).</exception>
        public static ColorPalette FromPreset(ColorPalettePreset name)
        {
            if (string.IsNullOrEmpty(name.Value))
                throw new IdeogramValidationException("color_palette.name", "is empty", ColorPalettePreset.KnownValuesText);
            return new ColorPalette(name, null);
        }

        /// <summary>An explicit palette (<c>{"members": [{"color_hex": "#FF0000", "color_weight": 0.5}]}</c>).</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="members"/> is null.</exception>
        /// <exception cref="IdeogramValidationException">Fewer than 1 or more than 8 members, a bad hex colour or weight.</exception>
        public static ColorPalette FromMembers(params ColorPaletteMember[] members) => new ColorPalette(null, ColorPaletteMembers.Checked(members));

        /// <summary>Writes the palette as a JSON object.</summary>
        public void WriteTo(Utf8JsonWriter writer) => ColorPaletteMembers.Write(writer, Name?.Value, Members);

        /// <inheritdoc/>
        public override string ToString() => Name is ColorPalettePreset p ? "ColorPalette(" + p.Value + ")" : $"ColorPalette({Members!.Count} members)";
    }
}
