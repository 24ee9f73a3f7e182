using System;
using System.Security.Cryptography;

namespace IdeogramGen.Testing.Internal
{
    /// <summary>
    /// RFC 9562 version 7 UUIDs in Cloudflare's spelling (lowercase, hyphenated): 48 bits of Unix time in milliseconds,
    /// the version nibble 7, the variant bits 10, and random bits. Written here because net8.0 lacks <c>Guid.CreateVersion7</c>.
    /// </summary>
    internal static class Uuid7
    {
        public static string New(DateTimeOffset now)
        {
            Span<byte> b = stackalloc byte[16];
            RandomNumberGenerator.Fill(b);
            long ms = now.ToUnixTimeMilliseconds();
            b[0] = (byte)(ms >> 40);
            b[1] = (byte)(ms >> 32);
            b[2] = (byte)(ms >> 24);
            b[3] = (byte)(ms >> 16);
            b[4] = (byte)(ms >> 8);
            b[5] = (byte)ms;
            b[6] = (byte)((b[6] & 0x0F) | 0x70);
            b[8] = (byte)((b[8] & 0x3F) | 0x80);
            Span<char> chars = stackalloc char[36];
            int c = 0;
            for (int i = 0; i < 16; i++)
            {
                if (i is 4 or 6 or 8 or 10) chars[c++] = '-';
                chars[c++] = Hex(b[i] >> 4);
                chars[c++] = Hex(b[i] & 0xF);
            }
            return new string(chars);
        }

        private static char Hex(int v) => (char)(v < 10 ? '0' + v : 'a' + v - 10);
    }
}
