using System;
using System.Threading.Tasks;

namespace IdeogramGen.TestSupport;

/// <summary>
/// Waiting for something another thread or process does, without making the machine's speed part of the test: the
/// limits here are hang guards (a broken build stops instead of hanging), never pass conditions.
/// </summary>
internal static class Eventually
{
    /// <summary>How long a wait may take before the test fails as hung.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after <see cref="HangGuard"/>.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + HangGuard;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{what} (hang guard: waited {HangGuard.TotalSeconds} s)");
            await Task.Delay(10);
        }
    }

    /// <summary>Awaits <paramref name="task"/>, failing with a <see cref="TimeoutException"/> instead of hanging past <see cref="HangGuard"/>.</summary>
    public static Task<T> Within<T>(Task<T> task) => task.WaitAsync(HangGuard);

    /// <inheritdoc cref="Within{T}(Task{T})"/>
    public static Task Within(Task task) => task.WaitAsync(HangGuard);
}
