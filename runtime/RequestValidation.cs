using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace IdeogramGen
{
    /// <summary>
    /// Checks used by generated <c>Validate()</c> methods. The limits passed in come from IdeogramGen's API
    /// description (Ideogram's OpenAPI document); each failure throws <see cref="IdeogramValidationException"/> naming
    /// the field, the problem and what is allowed.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class RequestValidation
    {
        /// <summary>A required value is present.</summary>
        public static void Required(object? value, string field, string allowed)
        {
            if (value is null) throw new IdeogramValidationException(field, "is required but not set", allowed);
            if (value is string s && s.Length == 0) throw new IdeogramValidationException(field, "is required but empty", allowed);
        }

        /// <summary>A string is not empty when set (optional fields are left out rather than sent empty).</summary>
        public static void NotEmpty(string? value, string field)
        {
            if (value != null && value.Length == 0)
                throw new IdeogramValidationException(field, "is an empty string", "a non-empty value, or null to leave the field out");
        }

        /// <summary>
        /// Text that can be sent faithfully: no lone UTF-16 surrogate (the body is UTF-8, where one would be replaced by
        /// U+FFFD and Ideogram would receive other text than the caller wrote) and, when the API description states a
        /// limit, at most <paramref name="maxLength"/> Unicode characters. Allocation-free; checks nothing when
        /// <paramref name="value"/> is null.
        /// </summary>
        /// <param name="value">The text, or null when unset.</param>
        /// <param name="field">The wire name.</param>
        /// <param name="maxLength">The documented limit in Unicode characters (code points, as OpenAPI's <c>maxLength</c> counts), or 0 for none.</param>
        /// <exception cref="IdeogramValidationException">The text has a lone surrogate, or is longer than allowed.</exception>
        public static void Text(string? value, string field, int maxLength = 0)
        {
            if (value is null) return;
            int index = LoneSurrogateIndex(value);
            if (index >= 0)
                throw new IdeogramValidationException(field,
                    $"has a lone UTF-16 surrogate U+{((int)value[index]).ToString("X4", CultureInfo.InvariantCulture)} at index {index.ToString(CultureInfo.InvariantCulture)}, which UTF-8 cannot carry (it would arrive as U+FFFD)",
                    "text of whole Unicode characters: surrogates only in high-low pairs");
            if (maxLength > 0 && value.Length > maxLength)
            {
                int characters = CodePoints(value);
                if (characters > maxLength)
                    throw new IdeogramValidationException(field,
                        $"is {characters.ToString(CultureInfo.InvariantCulture)} characters long",
                        $"at most {maxLength.ToString(CultureInfo.InvariantCulture)} characters");
            }
        }

        /// <summary>Every item of a list passes <see cref="Text(string?, string, int)"/>; items are named <c>field[i]</c>.</summary>
        public static void Text(IList<string>? values, string field, int maxLength = 0)
        {
            if (values == null) return;
            for (int i = 0; i < values.Count; i++)
            {
                var item = values[i];
                if (item is null) continue;
                if (LoneSurrogateIndex(item) >= 0 || (maxLength > 0 && item.Length > maxLength))
                    Text(item, field + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", maxLength);
            }
        }

        private static int LoneSurrogateIndex(string value)
        {
#if NET8_0_OR_GREATER
            // Vectorized skip to the first surrogate: most text has none, and the check then costs a few nanoseconds.
            int first = value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
            if (first < 0) return -1;
            for (int i = first; i < value.Length; i++)
#else
            for (int i = 0; i < value.Length; i++)
#endif
            {
                char c = value[i];
                if (c < '\uD800' || c > '\uDFFF') continue;
                if (c <= '\uDBFF' && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
                return i;
            }
            return -1;
        }

        private static int CodePoints(string value)
        {
            int count = 0;
            for (int i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
                count++;
            }
            return count;
        }

        /// <summary>A whole number is within range.</summary>
        public static void Range(long? value, string field, long min, long max)
        {
            if (value is long v && (v < min || v > max))
                throw new IdeogramValidationException(field, $"{v.ToString(CultureInfo.InvariantCulture)} is out of range", $"{min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        }

        /// <summary>A number is within range.</summary>
        public static void Range(double? value, string field, double min, double max)
        {
            if (value is double v && (double.IsNaN(v) || v < min || v > max))
                throw new IdeogramValidationException(field, $"{v.ToString(CultureInfo.InvariantCulture)} is out of range", $"{min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        }

        /// <summary>A number is above <paramref name="min"/> (excluded, the document's <c>exclusiveMinimum</c>) and at most <paramref name="max"/>.</summary>
        public static void RangeAbove(double? value, string field, double min, double max)
        {
            if (value is double v && (double.IsNaN(v) || v <= min || v > max))
                throw new IdeogramValidationException(field, $"{v.ToString(CultureInfo.InvariantCulture)} is out of range", $"more than {min.ToString(CultureInfo.InvariantCulture)}, at most {max.ToString(CultureInfo.InvariantCulture)}");
        }

        /// <summary>A string matches the document's pattern.</summary>
        public static void Pattern(string? value, string field, string pattern, string allowed)
        {
            if (value != null && !Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant))
                throw new IdeogramValidationException(field, $"'{value}' does not match {pattern}", allowed);
        }

        /// <summary>Every string of a list matches the document's pattern.</summary>
        public static void Pattern(IList<string>? values, string field, string pattern, string allowed)
        {
            if (values == null) return;
            for (int i = 0; i < values.Count; i++)
            {
                if (values[i] is null) throw new IdeogramValidationException(field + "[" + i + "]", "is null", allowed);
                if (!Regex.IsMatch(values[i], pattern, RegexOptions.CultureInvariant))
                    throw new IdeogramValidationException(field + "[" + i + "]", $"'{values[i]}' does not match {pattern}", allowed);
            }
        }

        /// <summary>A list of strings has no null item.</summary>
        public static void NoNullItems(IList<string>? values, string field)
        {
            if (values == null) return;
            for (int i = 0; i < values.Count; i++)
                if (values[i] is null) throw new IdeogramValidationException(field + "[" + i + "]", "is null", "a string");
        }

        /// <summary>A list has an allowed number of items.</summary>
        public static void Count<T>(ICollection<T>? values, string field, int min, int max)
        {
            if (values == null) return;
            if (values.Count < min || values.Count > max)
                throw new IdeogramValidationException(field, $"has {values.Count} items", min == max ? $"exactly {min}" : $"{min} to {max} items");
        }

        /// <summary>
        /// A vocabulary value is not empty and not one this endpoint rejects. Values the vocabulary does not know are
        /// sent as they are (Ideogram may have added them); the analyzers flag unknown constants at compile time.
        /// </summary>
        /// <param name="value">The wire value, or null when unset.</param>
        /// <param name="field">The wire name.</param>
        /// <param name="excluded">Documented values this endpoint rejects, or null.</param>
        /// <param name="accepted">The values this endpoint accepts, for the message.</param>
        public static void Value(string? value, string field, string[]? excluded, string accepted)
        {
            if (value is null) return;
            if (value.Length == 0) throw new IdeogramValidationException(field, "is empty", accepted);
            if (excluded != null && Array.IndexOf(excluded, value) >= 0)
                throw new IdeogramValidationException(field, $"'{value}' is not accepted by this endpoint", accepted);
        }

        /// <summary>Two options that exclude each other are not both set.</summary>
        public static void Exclusive(bool firstSet, string first, bool secondSet, string second, string reason)
        {
            if (firstSet && secondSet)
                throw new IdeogramValidationException(first + "+" + second, $"{first} and {second} are both set ({reason})", $"{first} or {second}, not both");
        }

        /// <summary>At least one of two fields is set (Ideogram: "Supply exactly one of a or b"; <see cref="Exclusive"/> checks the "not both").</summary>
        public static void AtLeastOne(bool firstSet, string first, bool secondSet, string second, string reason)
        {
            if (!firstSet && !secondSet)
                throw new IdeogramValidationException(first + "+" + second, $"neither {first} nor {second} is set ({reason})", $"{first} or {second}");
        }

        /// <summary>A list of objects has no null item.</summary>
        public static void NoNullItems<T>(IList<T>? values, string field) where T : class
        {
            if (values == null) return;
            for (int i = 0; i < values.Count; i++)
                if (values[i] == null) throw new IdeogramValidationException(field + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", "is null", "an object");
        }

        /// <summary>Every number of a list lies in the documented range; items are named <c>field[i]</c>.</summary>
        public static void Range(IList<int>? values, string field, long min, long max)
        {
            if (values == null) return;
            for (int i = 0; i < values.Count; i++)
                Range(values[i], field + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", min, max);
        }

        /// <summary>A dependent list has as many items as the list it belongs to.</summary>
        public static void SameCount<T, TOther>(ICollection<T>? primary, string primaryField, ICollection<TOther>? dependent, string dependentField)
        {
            if (dependent == null) return;
            int expected = primary?.Count ?? 0;
            if (dependent.Count != expected)
                throw new IdeogramValidationException(dependentField, $"has {dependent.Count} items but {primaryField} has {expected}", $"as many items as {primaryField}");
        }

        /// <summary>An option is not combined with a model that does not accept it.</summary>
        public static void NotWith(bool set, string field, string? model, string[] models, string reason)
        {
            if (set && model != null && Array.IndexOf(models, model) >= 0)
                throw new IdeogramValidationException(field, $"is not supported with model {model} ({reason})", "models other than " + string.Join(", ", models));
        }

        /// <summary>A file has one of the accepted media types and is not larger than allowed.</summary>
        /// <param name="file">The file, or null when unset.</param>
        /// <param name="field">The wire name.</param>
        /// <param name="mediaTypes">The media types the API description lists for the field (e.g. image/jpeg, image/png, image/webp).</param>
        /// <param name="maxBytes">The largest size, in bytes.</param>
        public static void File(IdeogramFile? file, string field, string[] mediaTypes, long maxBytes)
        {
            if (file == null) return;
            if (Array.IndexOf(mediaTypes, file.MediaType) < 0)
                throw new IdeogramValidationException(field, $"{file.FileName} is {file.MediaType}", string.Join(", ", mediaTypes));
            if (file.Length is long length && length > maxBytes)
                throw new IdeogramValidationException(field, $"{file.FileName} is {length.ToString(CultureInfo.InvariantCulture)} bytes", $"at most {(maxBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MB");
        }

        /// <summary>Every file of a list has an accepted media type and size; with <paramref name="total"/>, <paramref name="maxBytes"/> bounds their sum (the document says "maximum total size").</summary>
        public static void Files(IList<IdeogramFile>? files, string field, string[] mediaTypes, long maxBytes, bool total)
        {
            if (files == null) return;
            long sum = 0;
            for (int i = 0; i < files.Count; i++)
            {
                if (files[i] is null) throw new IdeogramValidationException(field + "[" + i + "]", "is null", "a file");
                File(files[i], field + "[" + i + "]", mediaTypes, maxBytes);
                sum += files[i].Length ?? 0;
            }
            if (total && sum > maxBytes)
                throw new IdeogramValidationException(field, $"the files total {sum.ToString(CultureInfo.InvariantCulture)} bytes", $"at most {(maxBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MB across all of them");
        }
    }
}
