using System;
using System.IO;
using System.Threading.Tasks;

namespace IdeogramGen.Extensions.Tests;

/// <summary>samples/QuickStart: arguments are checked before the emulator starts or anything is sent.</summary>
[Collection(nameof(ConsoleOutput))]
public class QuickStartTests
{
    [Theory(Timeout = 60_000)]
    [InlineData("--num-images", "9", "num_images")]
    [InlineData("--seed", "-1", "seed")]
    public async Task A_bad_argument_is_reported_before_the_emulator_starts(string option, string value, string field)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (outBefore, errBefore) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        int code;
        try
        {
            code = await QuickStart.Program.Main(new[] { option, value, "A lighthouse at dawn" });
        }
        finally
        {
            Console.SetOut(outBefore);
            Console.SetError(errBefore);
        }
        Assert.Equal(2, code);
        Assert.Contains("Invalid request", error.ToString());
        Assert.Contains(field, error.ToString());
        Assert.DoesNotContain("emulator", output.ToString());
    }
}

[CollectionDefinition(nameof(ConsoleOutput), DisableParallelization = true)]
public sealed class ConsoleOutput { }
