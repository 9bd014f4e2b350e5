using System.Globalization;

namespace Epy.Reliability.Tests;

/// <summary>
/// How much the suite runs. By default 20 cloud runs and 180 local runs (200 in all, CI-sized: the cloud
/// mode is bound by the Firestore emulator). <c>EPY_RELIABILITY_LONG=1</c> runs 200 cloud and 1,000 local;
/// <c>EPY_RELIABILITY_RUNS=N</c> runs N in each mode; <c>EPY_RELIABILITY_SEED</c> picks another fixed seed.
/// </summary>
public static class ReliabilitySettings
{
    public const int DefaultSeed = 20261124;

    /// <summary>Runs driven concurrently in one wave.</summary>
    public const int WaveSize = 10;

    /// <summary>Orchestrator processes killed at most per wave.</summary>
    public const int KillsPerWave = 3;

    public static bool LongMode => Environment.GetEnvironmentVariable("EPY_RELIABILITY_LONG") == "1";

    /// <summary>The runs of a mode: <paramref name="ci"/> by default, <paramref name="longer"/> in the long mode.</summary>
    public static int Runs(int ci, int longer) =>
        int.TryParse(Environment.GetEnvironmentVariable("EPY_RELIABILITY_RUNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs > 0
            ? runs
            : LongMode ? longer : ci;

    public static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("EPY_RELIABILITY_SEED"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : DefaultSeed;
}
