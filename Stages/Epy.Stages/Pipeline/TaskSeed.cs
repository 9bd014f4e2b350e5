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
    private const ulong SimulationStream = 0x5349_4D53_0000_0000; // "SIMS"

    /// <summary>The seed of task <paramref name="index"/> of an experiment seeded with <paramref name="experimentSeed"/>.</summary>
    public static ulong For(ulong experimentSeed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return SplitMix64.Mix(experimentSeed ^ SplitMix64.Mix(TaskStream + (ulong)index));
    }

    /// <summary>
    /// The seed of stochastic run <paramref name="simulation"/> (0 to <c>n_sims</c> − 1) of a task seeded with
    /// <paramref name="taskSeed"/>: <c>Mix(taskSeed ^ Mix(0x53494D53_00000000 + simulation))</c> ("SIMS" tag).
    /// </summary>
    public static ulong ForSimulation(ulong taskSeed, int simulation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(simulation);
        return SplitMix64.Mix(taskSeed ^ SplitMix64.Mix(SimulationStream + (ulong)simulation));
    }
}
