using System;
using System.Collections.Generic;
using System.Globalization;

namespace IdeogramGen
{
    /// <summary>Used by generated code: picks the listed resolution or aspect ratio nearest to a wanted size.</summary>
    public static class ImageShapes
    {
        /// <summary>The listed value naming exactly <paramref name="width"/> x <paramref name="height"/> (e.g. <c>1024x1024</c>, <c>RESOLUTION_1024_1024</c>), or null.</summary>
        public static string? Exact<T>(IReadOnlyList<T> known, int width, int height)
        {
            foreach (var value in known)
                if (Numbers(value?.ToString()) is (int w, int h) && w == width && h == height) return value!.ToString();
            return null;
        }

        /// <summary>The listed value (a resolution, or an aspect ratio such as <c>16x9</c> or <c>ASPECT_16_9</c>) nearest in shape, then in area, to the wanted size; null when none parses.</summary>
        public static string? Nearest<T>(IReadOnlyList<T> known, int width, int height)
        {
            if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), "The image size must be positive.");
            string? best = null;
            double bestShape = double.MaxValue, bestArea = double.MaxValue;
            double wanted = Math.Log((double)width / height);
            foreach (var value in known)
            {
                if (!(Numbers(value?.ToString()) is (int w, int h))) continue;
                double shape = Math.Abs(Math.Log((double)w / h) - wanted);
                double area = Math.Abs(Math.Log((double)w * h / ((double)width * height)));
                if (shape < bestShape - 1e-9 || (Math.Abs(shape - bestShape) <= 1e-9 && area < bestArea))
                {
                    best = value!.ToString();
                    bestShape = shape;
                    bestArea = area;
                }
            }
            return best;
        }

        /// <summary>The two positive whole numbers a value names (<c>16x9</c>, <c>ASPECT_16_9</c>, <c>1280x800</c>), or null.</summary>
        private static (int, int)? Numbers(string? text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            var found = new List<int>(2);
            for (int i = 0; i < text!.Length;)
            {
                if (!char.IsDigit(text[i])) { i++; continue; }
                int start = i;
                while (i < text.Length && char.IsDigit(text[i])) i++;
                if (!int.TryParse(text.Substring(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n == 0) return null;
                found.Add(n);
            }
            return found.Count == 2 ? (found[0], found[1]) : ((int, int)?)null;
        }
    }
}
