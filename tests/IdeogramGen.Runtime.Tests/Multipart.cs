using System;
using System.Collections.Generic;
using System.Text;

namespace IdeogramGen.TestSupport;

/// <summary>A minimal multipart/form-data reader for asserting what the client sent.</summary>
internal static class Multipart
{
    internal sealed record Part(string Name, string? FileName, string? ContentType, byte[] Bytes)
    {
        public string Text => Encoding.UTF8.GetString(Bytes);
    }

    public static List<Part> Parse(byte[] body, string boundary)
    {
        var parts = new List<Part>();
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        int pos = IndexOf(body, delimiter, 0);
        while (pos >= 0)
        {
            pos += delimiter.Length;
            if (pos + 2 <= body.Length && body[pos] == '-' && body[pos + 1] == '-') break;
            pos += 2; // CRLF
            int headerEnd = IndexOf(body, "\r\n\r\n"u8.ToArray(), pos);
            var headers = Encoding.UTF8.GetString(body, pos, headerEnd - pos).Split("\r\n");
            int next = IndexOf(body, delimiter, headerEnd + 4);
            var content = body.AsSpan(headerEnd + 4, next - 2 - (headerEnd + 4)).ToArray();
            string? name = null, file = null, type = null;
            foreach (var h in headers)
            {
                if (h.StartsWith("Content-Disposition:", StringComparison.OrdinalIgnoreCase))
                {
                    name = Param(h, "name");
                    file = Param(h, "filename");
                }
                else if (h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))
                    type = h.Substring("Content-Type:".Length).Trim().Split(';')[0];
            }
            parts.Add(new Part(name ?? "", file, type, content));
            pos = next;
        }
        return parts;
    }

    private static string? Param(string header, string name)
    {
        foreach (var piece in header.Split(';'))
        {
            var kv = piece.Trim();
            if (kv.StartsWith(name + "=", StringComparison.Ordinal)) return kv.Substring(name.Length + 1).Trim('"');
        }
        return null;
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int start) =>
        start > haystack.Length ? -1 : haystack.AsSpan(start).IndexOf(needle) is var i && i >= 0 ? i + start : -1;
}
