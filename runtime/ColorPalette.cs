using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IdeogramGen
{
    /// <summary>
    /// <c>color_palette</c>: either a preset <c>name</c> or 1 to 8 explicit <c>members</c>, never both (Ideogram
    /// OpenAPI <c>ColorPaletteWithPresetNameOrMembers</c>; not supported by V_1, V_1_TURBO, V_2A and V_2A_TURBO).
    /// The factory methods make the "name xor members" rule impossible to break and check every member.
    /// </summary>
    public sealed class ColorPalette
    {
        private static readonly Regex Hex = new Regex(ColorPaletteRules.HexPattern, RegexOptions.CultureInvariant);

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
        public static ColorPalette FromPreset(ColorPalettePreset name)
        {
            if (string.IsNullOrEmpty(name.Value))
                throw new IdeogramValidationException("color_palette.name", "is empty", ColorPalettePreset.KnownValuesText);
            return new ColorPalette(name, null);
        }

        /// <summary>An explicit palette (<c>{"members": [{"color_hex": "#FF0000", "color_weight": 0.5}]}</c>).</summary>
        /// <exception cref="IdeogramValidationException">Fewer than 1 or more than 8 members, a bad hex colour or weight.</exception>
        public static ColorPalette FromMembers(params ColorPaletteMember[] members)
        {
            if (members is null) throw new ArgumentNullException(nameof(members));
            if (members.Length < ColorPaletteRules.MinMembers || members.Length > ColorPaletteRules.MaxMembers)
                throw new IdeogramValidationException("color_palette.members", $"has {members.Length} members",
                    $"{ColorPaletteRules.MinMembers} to {ColorPaletteRules.MaxMembers} members");
            for (int i = 0; i < members.Length; i++)
            {
                var m = members[i] ?? throw new IdeogramValidationException($"color_palette.members[{i}]", "is null", "a member");
                if (m.ColorHex is null || !Hex.IsMatch(m.ColorHex))
                    throw new IdeogramValidationException($"color_palette.members[{i}].color_hex", $"'{m.ColorHex}' is not a hex colour", "#RGB or #RRGGBB");
                if (m.ColorWeight is double w && (double.IsNaN(w) || w < ColorPaletteRules.MinWeight || w > ColorPaletteRules.MaxWeight))
                    throw new IdeogramValidationException($"color_palette.members[{i}].color_weight", $"{w.ToString(CultureInfo.InvariantCulture)} is out of range",
                        $"{ColorPaletteRules.MinWeight.ToString(CultureInfo.InvariantCulture)} to {ColorPaletteRules.MaxWeight.ToString(CultureInfo.InvariantCulture)}");
            }
            return new ColorPalette(null, (ColorPaletteMember[])members.Clone());
        }

        /// <summary>Writes the palette as a JSON object.</summary>
        public void WriteTo(Utf8JsonWriter writer)
        {
            if (writer is null) throw new ArgumentNullException(nameof(writer));
            writer.WriteStartObject();
            if (Name is ColorPalettePreset preset) writer.WriteString("name", preset.Value);
            else
            {
                writer.WriteStartArray("members");
                foreach (var m in Members!)
                {
                    writer.WriteStartObject();
                    writer.WriteString("color_hex", m.ColorHex);
                    if (m.ColorWeight is double w) writer.WriteNumber("color_weight", w);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }

        /// <inheritdoc/>
        public override string ToString() => Name is ColorPalettePreset p ? "ColorPalette(" + p.Value + ")" : $"ColorPalette({Members!.Count} members)";
    }
}
