using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SkiaSharp;

namespace IdeogramGen.Testing.Internal
{
    /// <summary>What one image link shows: its size, the seed it derives from, and whether it has a transparent background.</summary>
    internal readonly record struct ImageSpec(int Width, int Height, int Seed, int Variant, bool Transparent);

    internal enum ImageLookup { Found, NotFound, BadSignature, Expired }

    /// <summary>
    /// Issues signed, expiring image links (<c>{root}ephemeral/&lt;id&gt;.png?exp=&lt;unix seconds&gt;&amp;sig=&lt;hex&gt;</c>, the shape of
    /// Ideogram's own links) and renders their PNGs on first download. <c>sig</c> is HMAC-SHA256 over <c>id:exp</c> with a
    /// per-emulator random key, so a link cannot be re-dated or forged.
    /// </summary>
    internal sealed class ImageStore
    {
        private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
        private readonly ConcurrentDictionary<string, ImageSpec> _links = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<ImageSpec, Lazy<byte[]>> _png = new();

        public string CreateLink(Uri root, ImageSpec spec, DateTimeOffset expires)
        {
            string id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            _links[id] = spec;
            long exp = expires.ToUnixTimeSeconds();
            return root.AbsoluteUri + "ephemeral/" + id + ".png?exp=" + exp.ToString(CultureInfo.InvariantCulture) + "&sig=" + Sign(id, exp);
        }

        public ImageLookup Resolve(string id, string? exp, string? sig, DateTimeOffset now, out ImageSpec spec)
        {
            spec = default;
            if (!_links.TryGetValue(id, out spec)) return ImageLookup.NotFound;
            if (exp is null || sig is null || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out long expSeconds))
                return ImageLookup.BadSignature;
            byte[] expected = Encoding.ASCII.GetBytes(Sign(id, expSeconds));
            byte[] given = Encoding.ASCII.GetBytes(sig.ToLowerInvariant());
            if (!CryptographicOperations.FixedTimeEquals(expected, given)) return ImageLookup.BadSignature;
            if (now.ToUnixTimeSeconds() > expSeconds) return ImageLookup.Expired;
            return ImageLookup.Found;
        }

        /// <summary>The PNG of <paramref name="spec"/>, encoded once and then served from memory.</summary>
        public byte[] GetPng(ImageSpec spec) => _png.GetOrAdd(spec, s => new Lazy<byte[]>(() => Render(s))).Value;

        private string Sign(string id, long exp)
        {
            using var hmac = new HMACSHA256(_key);
            byte[] mac = hmac.ComputeHash(Encoding.ASCII.GetBytes(id + ":" + exp.ToString(CultureInfo.InvariantCulture)));
            return Convert.ToHexString(mac).ToLowerInvariant();
        }

        /// <summary>
        /// A deterministic picture: a two-colour diagonal gradient (or a transparent canvas) with a few circles and
        /// rectangles, every colour and position drawn from a SplitMix64 sequence seeded by seed and variant.
        /// </summary>
        internal static byte[] Render(ImageSpec spec)
        {
            ulong state = ((ulong)(uint)spec.Seed << 20) ^ (ulong)(uint)spec.Variant ^ 0x9E3779B97F4A7C15UL;
            var info = new SKImageInfo(spec.Width, spec.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
            using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException("SkiaSharp could not create a raster surface.");
            var canvas = surface.Canvas;
            canvas.Clear(SKColors.Transparent);
            if (!spec.Transparent)
            {
                var from = NextColor(ref state, 255);
                var to = NextColor(ref state, 255);
                using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(spec.Width, spec.Height),
                    new[] { from, to }, SKShaderTileMode.Clamp);
                using var background = new SKPaint { Shader = shader };
                canvas.DrawRect(0, 0, spec.Width, spec.Height, background);
            }
            using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
            float unit = Math.Min(spec.Width, spec.Height);
            for (int i = 0; i < 4; i++)
            {
                paint.Color = NextColor(ref state, 230);
                float x = (float)(Next(ref state) % (ulong)spec.Width);
                float y = (float)(Next(ref state) % (ulong)spec.Height);
                float size = unit * (0.1f + (Next(ref state) % 25) / 100f);
                if (i % 2 == 0) canvas.DrawCircle(x, y, size, paint);
                else canvas.DrawRect(x - size, y - size / 2, size * 2, size, paint);
            }
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            return data.ToArray();
        }

        private static SKColor NextColor(ref ulong state, byte alpha)
        {
            ulong v = Next(ref state);
            return new SKColor((byte)v, (byte)(v >> 8), (byte)(v >> 16), alpha);
        }

        private static ulong Next(ref ulong state)
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Width and height of an uploaded JPEG, PNG or WebP, or null when it cannot be decoded.</summary>
        public static (int Width, int Height)? Measure(byte[] bytes)
        {
            using var data = SKData.CreateCopy(bytes);
            using var codec = SKCodec.Create(data);
            if (codec is null) return null;
            return (codec.Info.Width, codec.Info.Height);
        }
    }
}
