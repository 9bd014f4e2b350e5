using Epy.Contracts.Runs;

namespace Epy.Cli.Storage;

/// <summary>
/// Finds experiments and their runs in a bucket laid out as <c>{dir_prefix}{exp_id}/{run_id}/...</c>. An
/// experiment is a folder whose sub-folders are run ids; experiment ids may hold '/' (<c>covid/weekly</c>).
/// </summary>
public sealed class RunCatalog(IBucketReader bucket, string dirPrefix)
{
    private const int MaxDepth = 4;

    /// <summary>The experiments whose id matches <paramref name="pattern"/>, in id order, each with its runs.</summary>
    public async Task<IReadOnlyList<ExperimentRuns>> FindAsync(GlobPattern pattern, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var found = new List<ExperimentRuns>();
        if (pattern.Text.IndexOfAny(['*', '?']) < 0)
        {
            // An exact id: one listing of its folder.
            var runs = await RunsAsync(pattern.Text.Trim('/') + "/", cancellationToken).ConfigureAwait(false);
            if (runs.Runs.Count > 0)
                found.Add(new ExperimentRuns(pattern.Text.Trim('/'), runs.Runs));
            return found;
        }
        var queue = new Queue<(string Folder, int Depth)>();
        queue.Enqueue((pattern.LiteralFolder, 0));
        while (queue.TryDequeue(out var next))
        {
            var (runs, others) = await RunsAsync(next.Folder, cancellationToken).ConfigureAwait(false);
            if (runs.Count > 0 && next.Folder.Length > 0)
            {
                var expId = next.Folder.TrimEnd('/');
                if (pattern.IsMatch(expId))
                    found.Add(new ExperimentRuns(expId, runs));
                continue;
            }
            if (next.Depth < MaxDepth)
            {
                foreach (var child in others)
                    queue.Enqueue((child, next.Depth + 1));
            }
        }
        found.Sort((a, b) => string.CompareOrdinal(a.ExpId, b.ExpId));
        return found;
    }

    /// <summary>Every object of run <paramref name="run"/> of <paramref name="expId"/>, named relative to the run's folder.</summary>
    public async Task<IReadOnlyList<BucketObject>> FilesAsync(string expId, RunId run, CancellationToken cancellationToken)
    {
        var root = RunRoot(expId, run);
        var listing = await bucket.ListAsync(root, delimited: false, cancellationToken).ConfigureAwait(false);
        return [.. listing.Objects.Select(o => o with { Name = o.Name[root.Length..] })];
    }

    /// <summary>The run's folder in the bucket, ending in '/'.</summary>
    public string RunRoot(string expId, RunId run) => $"{dirPrefix}{expId}/{run}/";

    /// <summary>The run sub-folders of <paramref name="folder"/> (relative to the prefix), newest first, and its other sub-folders.</summary>
    private async Task<(IReadOnlyList<RunId> Runs, IReadOnlyList<string> Others)> RunsAsync(string folder, CancellationToken cancellationToken)
    {
        var listing = await bucket.ListAsync(dirPrefix + folder, delimited: true, cancellationToken).ConfigureAwait(false);
        var runs = new List<RunId>();
        var others = new List<string>();
        foreach (var prefix in listing.Prefixes)
        {
            var relative = prefix[dirPrefix.Length..];
            var name = relative.TrimEnd('/');
            name = name[(name.LastIndexOf('/') + 1)..];
            if (RunId.TryParse(name, out var run))
                runs.Add(run);
            else
                others.Add(relative);
        }
        runs.Sort((a, b) => string.CompareOrdinal(b.Value, a.Value));
        return (runs, others);
    }
}
