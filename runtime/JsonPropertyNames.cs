using System;
using System.ComponentModel;
using System.Text;
using System.Text.Json;

namespace IdeogramGen
{
    /// <summary>
    /// The property names a generated reader knows, held as UTF-8 once per type, and the match of a reader's current
    /// property name against them. Names are compared ordinally after unescaping, as
    /// <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/> compares them; a name written without escapes
    /// in one buffer segment (what every answer has) is compared as raw bytes, trying first the name after the last
    /// match (answers list their properties in the documented order), then the names of the same length.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class JsonPropertyNames
    {
        private readonly byte[][] _names;

        /// <summary>Encodes the names as UTF-8; a name's index is its position here.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="names"/> or one of them is null.</exception>
        public JsonPropertyNames(params string[] names)
        {
            if (names is null) throw new ArgumentNullException(nameof(names));
            _names = new byte[names.Length][];
            for (int i = 0; i < names.Length; i++)
                _names[i] = Encoding.UTF8.GetBytes(names[i] ?? throw new ArgumentNullException(nameof(names), "A property name is null."));
        }

        /// <summary>How many names there are.</summary>
        public int Count => _names.Length;

        /// <summary>
        /// The index of the reader's current property name, or -1 when it is none of the names. The reader must be on a
        /// <see cref="JsonTokenType.PropertyName"/> token (it is not moved).
        /// </summary>
        /// <param name="reader">The reader, on a property name.</param>
        /// <param name="next">The index tried first; set to the index after the match (start each object at 0).</param>
        public int Match(ref Utf8JsonReader reader, ref int next)
        {
            var names = _names;
            if (reader.ValueIsEscaped || reader.HasValueSequence) return MatchText(ref reader, ref next);
            var name = reader.ValueSpan;
            int i = next;
            if ((uint)i < (uint)names.Length && name.SequenceEqual(names[i]))
            {
                next = i + 1;
                return i;
            }
            for (i = 0; i < names.Length; i++)
            {
                var candidate = names[i];
                if (candidate.Length == name.Length && name.SequenceEqual(candidate))
                {
                    next = i + 1;
                    return i;
                }
            }
            return -1;
        }

        /// <summary>An escaped name, or one split over buffer segments: the reader unescapes and compares.</summary>
        private int MatchText(ref Utf8JsonReader reader, ref int next)
        {
            for (int i = 0; i < _names.Length; i++)
            {
                if (reader.ValueTextEquals(_names[i]))
                {
                    next = i + 1;
                    return i;
                }
            }
            return -1;
        }
    }
}
