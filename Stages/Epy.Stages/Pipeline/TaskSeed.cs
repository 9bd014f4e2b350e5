using Epy.Engine.Randomness;

namespace Epy.Stages.Pipeline;

/// <summary>
/// The seed of one task, derived from the experiment's seed (the basemodel's <c>random_seed</c>) and
/// the task index with SplitMix64 mixing:
/// <c>Mix(experimentSeed ^ Mix(0x5441534B_00000000 + index))</c> ("TASK" tag in the high word).
/// Tasks get well-separated streams, the same task always gets the same seed, and a re-run of one
/// task reproduces its result.
/// </summary>
public static class TaskSeed
{
    private const ulong TaskStream = 0x5441_534B_0000_0000; // "TASK"

    /// <summary>The seed of task <paramref name="index"/> of an experiment seeded with <paramref name="experimentSeed"/>.</summary>
    public static ulong For(ulong experimentSeed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return SplitMix64.Mix(experimentSeed ^ SplitMix64.Mix(TaskStream + (ulong)index));
    }
}
