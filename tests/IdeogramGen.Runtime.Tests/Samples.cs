using System;

namespace IdeogramGen.TestSupport;

/// <summary>Small valid uploads: a PNG (1×1) and a TrueType font header (sniffed as <c>font/ttf</c>).</summary>
internal static class Samples
{
    /// <summary>The bytes of a valid 1×1 PNG.</summary>
    public static byte[] PngBytes() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    public static IdeogramFile Png(string name = "image.png") => IdeogramFile.FromBytes(PngBytes(), name);

    public static IdeogramFile Font(string name = "Heading.ttf")
    {
        // sfnt version 1.0 (00 01 00 00), zero tables: enough for the TrueType signature the client and emulator check.
        var bytes = new byte[64];
        bytes[1] = 1;
        return IdeogramFile.FromBytes(bytes, name);
    }
}
