using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Runs;

/// <summary>A run's full view, as the API's <c>GET /v1/runs/{id}</c> and the dashboard's run page show it: its outputs listed and its submission's verdict read.</summary>
public static class RunDetails
{
    /// <summary>
    /// The view of <paramref name="stored"/> with its outputs and, when it has one, its submission's verdict.
    /// When its files cannot be read (Cloud Storage down), the run without them and a note saying why.
    /// </summary>
    public static async Task<RunView> ReadAsync(StoredRun stored, string dirPrefix, IRunArtifacts artifacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(artifacts);
        var paths = new ArtifactPaths(dirPrefix, stored.State.Experiment, stored.State.Run);
        try
        {
            var outputs = await artifacts.ListOutputsAsync(paths, cancellationToken).ConfigureAwait(false);
            var submission = await SubmissionVerdictReader.ReadAsync(artifacts, paths, outputs, cancellationToken).ConfigureAwait(false);
            return RunViews.From(stored, dirPrefix, outputs) with { Submission = submission };
        }
        catch (CommandFailedException unreadable)
        {
            // The run's state lives in the store: it is worth showing while its files cannot be.
            return RunViews.From(stored, dirPrefix, outputs: null) with { OutputsProblem = $"its files could not be read: {unreadable.Message}" };
        }
    }
}
