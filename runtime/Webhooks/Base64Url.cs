using System;

namespace IdeogramGen.Webhooks;

/// <summary>base64url (RFC 4648 §5) without padding, as JWK members carry it (RFC 7515 §2).</summary>
internal static class Base64Url
{
    public static byte[]? TryDecode(string value)
    {
        if (value.Length % 4 == 1) return null;
        var chars = new char[value.Length + (4 - value.Length % 4) % 4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9') chars[i] = c;
            else if (c == '-') chars[i] = '+';
            else if (c == '_') chars[i] = '/';
            else return null;
        }
        for (var i = value.Length; i < chars.Length; i++) chars[i] = '=';
        try
        {
            return Convert.FromBase64CharArray(chars, 0, chars.Length);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
