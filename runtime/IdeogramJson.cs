using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace IdeogramGen
{
    /// <summary>
    /// Reflection-free JSON reading helpers used by generated response types. Wrong token types throw
    /// <see cref="IdeogramJsonFormatException"/> naming the JSON path; unknown properties are skipped so that fields
    /// Ideogram adds later never break a paid call.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class IdeogramJson
    {
        /// <summary>Moves to the first token of the document.</summary>
        public static void Start(ref Utf8JsonReader reader) => Read(ref reader, "$");

        /// <summary>Checks the reader is on <c>{</c>.</summary>
        public static void ExpectObject(ref Utf8JsonReader reader, string path)
        {
            if (reader.TokenType != JsonTokenType.StartObject) throw Unexpected(ref reader, path, "an object");
        }

        /// <summary>Advances to the next property name; false at the closing <c>}</c>.</summary>
        public static bool NextProperty(ref Utf8JsonReader reader, string path)
        {
            Read(ref reader, path);
            if (reader.TokenType == JsonTokenType.EndObject) return false;
            if (reader.TokenType != JsonTokenType.PropertyName) throw Unexpected(ref reader, path, "a property name");
            return true;
        }

        /// <summary>Moves from a property name to its value.</summary>
        public static void Value(ref Utf8JsonReader reader, string path) => Read(ref reader, path);

        /// <summary>Skips the current value (object and array included).</summary>
        public static void Skip(ref Utf8JsonReader reader, string path)
        {
            try
            {
                if (!reader.TrySkip()) throw new IdeogramJsonFormatException(path, "the body ends inside a value");
            }
            catch (JsonException ex)
            {
                throw new IdeogramJsonFormatException(path, "malformed JSON: " + ex.Message, ex);
            }
        }

        /// <summary>A string or null.</summary>
        public static string? ReadString(ref Utf8JsonReader reader, string path)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.String) throw Unexpected(ref reader, path, "a string");
            return reader.GetString();
        }

        /// <summary>A whole number that fits in 32 bits.</summary>
        public static int ReadInt32(ref Utf8JsonReader reader, string path)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                if (reader.TryGetInt32(out var i)) return i;
                if (reader.TryGetDouble(out var d) && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue) return (int)d;
            }
            throw Unexpected(ref reader, path, "a whole number between -2147483648 and 2147483647");
        }

        /// <summary>A whole number or null.</summary>
        public static int? ReadInt32OrNull(ref Utf8JsonReader reader, string path) =>
            reader.TokenType == JsonTokenType.Null ? (int?)null : ReadInt32(ref reader, path);

        /// <summary>A number.</summary>
        public static double ReadDouble(ref Utf8JsonReader reader, string path)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var d)) return d;
            throw Unexpected(ref reader, path, "a number");
        }

        /// <summary>A number or null.</summary>
        public static double? ReadDoubleOrNull(ref Utf8JsonReader reader, string path) =>
            reader.TokenType == JsonTokenType.Null ? (double?)null : ReadDouble(ref reader, path);

        /// <summary>A boolean.</summary>
        public static bool ReadBoolean(ref Utf8JsonReader reader, string path)
        {
            if (reader.TokenType == JsonTokenType.True) return true;
            if (reader.TokenType == JsonTokenType.False) return false;
            throw Unexpected(ref reader, path, "true or false");
        }

        /// <summary>A boolean or null.</summary>
        public static bool? ReadBooleanOrNull(ref Utf8JsonReader reader, string path) =>
            reader.TokenType == JsonTokenType.Null ? (bool?)null : ReadBoolean(ref reader, path);

        /// <summary>An ISO 8601 date-time string, or null.</summary>
        public static DateTimeOffset? ReadDateTime(ref Utf8JsonReader reader, string path)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType == JsonTokenType.String)
            {
                if (reader.TryGetDateTimeOffset(out var dto)) return dto;
                var s = reader.GetString();
                if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out dto)) return dto;
            }
            throw Unexpected(ref reader, path, "a date-time string");
        }

        /// <summary>An array of values, or null.</summary>
        public static List<T>? ReadArray<T>(ref Utf8JsonReader reader, string path, JsonValueReader<T> item)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.StartArray) throw Unexpected(ref reader, path, "an array");
            var list = new List<T>();
            while (true)
            {
                Read(ref reader, path);
                if (reader.TokenType == JsonTokenType.EndArray) return list;
                list.Add(item(ref reader));
            }
        }

        /// <summary>An array of integers, or null.</summary>
        public static List<int>? ReadInt32Array(ref Utf8JsonReader reader, string path)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.StartArray) throw Unexpected(ref reader, path, "an array");
            var list = new List<int>();
            while (true)
            {
                Read(ref reader, path);
                if (reader.TokenType == JsonTokenType.EndArray) return list;
                list.Add(ReadInt32(ref reader, path + "[" + list.Count.ToString(CultureInfo.InvariantCulture) + "]"));
            }
        }

        /// <summary>An array of strings, or null; null items are dropped.</summary>
        public static List<string>? ReadStringArray(ref Utf8JsonReader reader, string path)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.StartArray) throw Unexpected(ref reader, path, "an array");
            var list = new List<string>();
            while (true)
            {
                Read(ref reader, path);
                if (reader.TokenType == JsonTokenType.EndArray) return list;
                var s = ReadString(ref reader, path + "[" + list.Count.ToString(CultureInfo.InvariantCulture) + "]");
                if (s != null) list.Add(s);
            }
        }

        /// <summary>Checks nothing but white space follows the document.</summary>
        public static void End(ref Utf8JsonReader reader)
        {
            try
            {
                if (reader.Read()) throw new IdeogramJsonFormatException("$", "unexpected data after the JSON document");
            }
            catch (JsonException ex)
            {
                throw new IdeogramJsonFormatException("$", "malformed JSON after the document: " + ex.Message, ex);
            }
        }

        private static void Read(ref Utf8JsonReader reader, string path)
        {
            try
            {
                if (!reader.Read()) throw new IdeogramJsonFormatException(path, "the body ends too early (truncated JSON)");
            }
            catch (JsonException ex)
            {
                throw new IdeogramJsonFormatException(path, "malformed JSON: " + ex.Message, ex);
            }
        }

        private static IdeogramJsonFormatException Unexpected(ref Utf8JsonReader reader, string path, string expected) =>
            new IdeogramJsonFormatException(path, $"expected {expected}, found {reader.TokenType}");
    }
}
