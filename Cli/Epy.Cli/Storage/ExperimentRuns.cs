using System.Globalization;
using Epy.Contracts.Runs;

namespace Epy.Cli.Storage;

/// <summary>An experiment found in the bucket, with its runs newest first.</summary>
/// <param name="ExpId">The experiment id (its folder under the prefix).</param>
/// <param name="Runs">Its runs, newest first (run ids sort by their UTC start time).</param>
public sealed record ExperimentRuns(string ExpId, IReadOnlyList<RunId> Runs)
{
    /// <summary>When <paramref name="run"/> started, from its id (UTC, to the second).</summary>
    public static DateTimeOffset StartedAt(RunId run) =>
        DateTimeOffset.ParseExact(run.Value[..15], "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
