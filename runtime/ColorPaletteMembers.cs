using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IdeogramGen
{
    /// <summary>
    /// The <c>members</c> branch both palette kinds share (OpenAPI <c>ColorPaletteWithMembers</c> and
    /// <c>ColorPaletteMember</c>, the same schemas in the 2026-04-27 and 2026-10-07 documents): the checks and the JSON.
    /// </summary>
    internal static class ColorPaletteMembers
    {
        private static readonly Regex Hex = new Regex(ColorPaletteRules.HexPattern, RegexOptions.CultureInvariant);

        /// <summary>Checks the members and returns a copy the caller cannot change afterwards.</summary>
        /// <exception cref="IdeogramValidationException">Fewer than 1 or more than 8 members, a null member, a bad hex colour or weight.</exception>
        public static ColorPaletteMember[] Checked(ColorPaletteMember[] members)
        {
            if (members is null) throw new ArgumentNullException(nameof(members));
            if (members.Length < ColorPaletteRules.MinMembers || members.Length > ColorPaletteRules.MaxMembers)
                throw new IdeogramValidationException("color_palette.members", $"has {members.Length} members",
                    $"{ColorPaletteRules.MinMembers} to {ColorPaletteRules.MaxMembers} members");
            var copy = (ColorPaletteMember[])members.Clone();
            for (int i = 0; i < copy.Length; i++)
            {
                var m = copy[i] ?? throw new IdeogramValidationException($"color_palette.members[{i}]", "is null", "a member");
                if (m.ColorHex is null || !Hex.IsMatch(m.ColorHex))
                    throw new IdeogramValidationException($"color_palette.members[{i}].color_hex", $"'{m.ColorHex}' is not a hex colour", "#RGB or #RRGGBB");
                if (m.ColorWeight is double w && (double.IsNaN(w) || w < ColorPaletteRules.MinWeight || w > ColorPaletteRules.MaxWeight))
                    throw new IdeogramValidationException($"color_palette.members[{i}].color_weight", $"{w.ToString(CultureInfo.InvariantCulture)} is out of range",
                        $"{ColorPaletteRules.MinWeight.ToString(CultureInfo.InvariantCulture)} to {ColorPaletteRules.MaxWeight.ToString(CultureInfo.InvariantCulture)}");
            }
            return copy;
        }

        /// <summary>Writes <c>{"name": preset}</c> or <c>{"members": [...]}</c>.</summary>
        public static void Write(Utf8JsonWriter writer, string? preset, IReadOnlyList<ColorPaletteMember>? members)
        {
            if (writer is null) throw new ArgumentNullException(nameof(writer));
            writer.WriteStartObject();
            if (preset != null) writer.WriteString("name", preset);
            else
            {
                writer.WriteStartArray("members");
                foreach (var m in members!)
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
    }
}
