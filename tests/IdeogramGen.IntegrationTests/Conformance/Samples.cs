using System;

namespace IdeogramGen.IntegrationTests.Conformance;

/// <summary>Small valid uploads: a PNG (1×1) and a TrueType font header (sniffed as <c>font/ttf</c>).</summary>
internal static class Samples
{
    public static IdeogramFile Png(string name = "image.png") => IdeogramFile.FromBytes(WireTests.Png(), name);

    public static IdeogramFile Font(string name = "Heading.ttf")
    {
        // sfnt version 1.0 (00 01 00 00), zero tables: enough for the TrueType signature the client and emulator check.
        var bytes = new byte[64];
        bytes[1] = 1;
        return IdeogramFile.FromBytes(bytes, name);
    }
}
