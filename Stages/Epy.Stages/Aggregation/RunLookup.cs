using Epy.Contracts.Runs;
using Epy.Stages.Pipeline;
using Epy.Stages.Storage;

namespace Epy.Stages.Aggregation;

/// <summary>
/// Finds an experiment's runs in the artifact store (the bucket, or the local folder laid out like it):
/// <c>{dir_prefix}{exp_id}/{run_id}/...</c>. Run ids sort by start time, so the newest successful run
/// is the greatest id whose folder <see cref="RunVerdict.Judge"/> accepts.
/// </summary>
public static class RunLookup
{
    /// <summary>Every run id under <c>{dirPrefix}{expId}/</c>, newest first (folders whose name is not a run id are skipped).</summary>
    /// <remarks>The store's listing pages through every object (never stopping at a page of 1000).</remarks>
    public static async Task<IReadOnlyList<RunId>> RunsAsync(IArtifactStore store, string dirPrefix, ExperimentId expId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dirPrefix);
        var prefix = $"{dirPrefix}{expId}/";
        var runs = new SortedSet<string>(StringComparer.Ordinal);
        string? last = null;
        await foreach (var name in store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            var rest = name.AsSpan(prefix.Length);
            var slash = rest.IndexOf('/');
            if (slash <= 0)
                continue;
            var folder = rest[..slash];
            // Names come in order: one run's objects are consecutive, so most are skipped without parsing.
            if (last is not null && folder.SequenceEqual(last))
                continue;
            last = folder.ToString();
            if (RunId.TryParse(last, out _))
                runs.Add(last);
        }
        return [.. runs.Reverse().Select(RunId.Parse)];
    }

    /// <summary>Whether the run at <paramref name="paths"/> succeeded (see <see cref="RunVerdict.Judge"/>).</summary>
    public static async Task<RunVerdict> VerdictAsync(IArtifactStore store, ArtifactPaths paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(paths);
        var folder = new RunFolder(store, paths);
        var record = await folder.ReadBytesAsync(paths.RunRecord, cancellationToken).ConfigureAwait(false);
        var metadata = record is null && await store.ExistsAsync(paths.RunMetadata, cancellationToken).ConfigureAwait(false);
        return RunVerdict.Judge(record, metadata);
    }

    /// <summary>The newest run of <paramref name="expId"/> that succeeded, and how many runs it has; null run when none succeeded.</summary>
    public static async Task<(RunId? Run, int RunCount)> LatestSuccessfulAsync(IArtifactStore store, string dirPrefix, ExperimentId expId,
        CancellationToken cancellationToken = default)
    {
        var runs = await RunsAsync(store, dirPrefix, expId, cancellationToken).ConfigureAwait(false);
        foreach (var run in runs)
        {
            var verdict = await VerdictAsync(store, new ArtifactPaths(dirPrefix, expId, run), cancellationToken).ConfigureAwait(false);
            if (verdict.Succeeded)
                return (run, runs.Count);
        }
        return (null, runs.Count);
    }
}
