using System.Globalization;

namespace Epy.Reliability.Tests;

/// <summary>
/// How much the suite runs: <c>EPY_RELIABILITY_RUNS</c> runs per mode (default 100, so 200 in all, a CI-sized
/// pass), or 1,000 per mode with <c>EPY_RELIABILITY_LONG=1</c>; <c>EPY_RELIABILITY_SEED</c> picks another fixed seed.
/// </summary>
public static class ReliabilitySettings
{
    public const int DefaultRuns = 100;
    public const int LongRuns = 1000;
    public const int DefaultSeed = 20261124;

    /// <summary>Runs driven concurrently in one wave.</summary>
    public const int WaveSize = 10;

    /// <summary>Orchestrator processes killed at most per wave.</summary>
    public const int KillsPerWave = 3;

    public static int RunsPerMode =>
        int.TryParse(Environment.GetEnvironmentVariable("EPY_RELIABILITY_RUNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs > 0
            ? runs
            : Environment.GetEnvironmentVariable("EPY_RELIABILITY_LONG") == "1" ? LongRuns : DefaultRuns;

    public static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("EPY_RELIABILITY_SEED"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : DefaultSeed;
}
