using System.Diagnostics;

namespace Epy.Testing;

/// <summary>Bounded polling: every wait in these tests ends, with a message saying what never happened.</summary>
public static class Wait
{
    /// <summary>Polls <paramref name="probe"/> every <paramref name="every"/> (default 50 ms) until it returns non-null, for at most <paramref name="timeout"/>.</summary>
    public static async Task<T> ForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string> whatNeverHappened, TimeSpan? every = null)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value)
                return value;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"after {timeout.TotalSeconds:0.#} s: {whatNeverHappened()}");
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>Polls <paramref name="condition"/> until true, for at most <paramref name="timeout"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> whatNeverHappened) =>
        ForAsync(() => Task.FromResult(condition() ? "" : null), timeout, whatNeverHappened);
}
