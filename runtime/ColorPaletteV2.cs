using System.Collections.Generic;
using System.Text.Json;

namespace IdeogramGen
{
    /// <summary>
    /// <c>color_palette</c> of the <c>/v2</c> routes: either a preset <c>name</c> (lowercase,
    /// <see cref="ColorPalettePresetV2"/>: <c>{"name": "pastel"}</c>) or 1 to 8 explicit <c>members</c>, never both
    /// (Ideogram OpenAPI of 2026-10-07, <c>IdeogramColorPalette</c>: a <c>oneOf</c> of
    /// <c>IdeogramColorPaletteWithPresetName</c> and <c>ColorPaletteWithMembers</c>). The members are the same as v1's;
    /// the presets are not: a v1 <see cref="ColorPalette"/> (<c>PASTEL</c>) does not convert into this type.
    /// </summary>
    public sealed class ColorPaletteV2
    {
        private ColorPaletteV2(ColorPalettePresetV2? name, IReadOnlyList<ColorPaletteMember>? members)
        {
            Name = name;
            Members = members;
        }

        /// <summary>The preset, when the palette is a preset.</summary>
        public ColorPalettePresetV2? Name { get; }

        /// <summary>The members, when the palette is explicit.</summary>
        public IReadOnlyList<ColorPaletteMember>? Members { get; }

        /// <summary>A preset palette (<c>{"name": "pastel"}</c>).</summary>
        /// <exception cref="IdeogramValidationException">The preset is not set (<c>default</c>).</exception>
        public static ColorPaletteV2 FromPreset(ColorPalettePresetV2 name)
        {
            if (string.IsNullOrEmpty(name.Value))
                throw new IdeogramValidationException("color_palette.name", "is empty", ColorPalettePresetV2.KnownValuesText);
            return new ColorPaletteV2(name, null);
        }

        /// <summary>An explicit palette (<c>{"members": [{"color_hex": "#FF0000", "color_weight": 0.5}]}</c>).</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="members"/> is null.</exception>
        /// <exception cref="IdeogramValidationException">Fewer than 1 or more than 8 members, a bad hex colour or weight.</exception>
        public static ColorPaletteV2 FromMembers(params ColorPaletteMember[] members) => new ColorPaletteV2(null, ColorPaletteMembers.Checked(members));

        /// <summary>Writes the palette as a JSON object.</summary>
        public void WriteTo(Utf8JsonWriter writer) => ColorPaletteMembers.Write(writer, Name?.Value, Members);

        /// <inheritdoc/>
        public override string ToString() => Name is ColorPalettePresetV2 p ? "ColorPaletteV2(" + p.Value + ")" : $"ColorPaletteV2({Members!.Count} members)";
    }
}
