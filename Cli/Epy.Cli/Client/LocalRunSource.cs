using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Local;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Runs;

namespace Epy.Cli.Client;

/// <summary>
/// Runs read straight from a local state folder (<c>{project}/.epy/orchestrator.db</c> and its <c>bucket/</c>),
/// with no server: the same views the local server's API gives, built by the same code.
/// </summary>
public sealed class LocalRunSource : IRunSource
{
    private readonly SqliteRunStore _store;
    private readonly FolderRunArtifacts _artifacts;
    private readonly string _stateFolder;

    private LocalRunSource(string stateFolder)
    {
        _stateFolder = stateFolder;
        _store = new SqliteRunStore(new LocalDatabase(Database(stateFolder)), TimeProvider.System);
        _artifacts = new FolderRunArtifacts(Path.Combine(stateFolder, "bucket"));
    }

    /// <inheritdoc/>
    public string Where => _stateFolder;

    /// <summary>The source for <paramref name="stateFolder"/>, or null when no local run was ever stored there.</summary>
    public static LocalRunSource? Open(string stateFolder) =>
        File.Exists(Database(stateFolder)) ? new LocalRunSource(stateFolder) : null;

    /// <inheritdoc/>
    public async Task<RunView> GetAsync(string runId, CancellationToken cancellationToken)
    {
        if (!RunId.TryParse(runId, out var run))
            throw CliException.Configuration($"'{runId}' is not a run id", "run ids look like 20261124-101500-a1b2c3d4; 'epycloud runs list --local' lists them");
        var stored = await _store.GetAsync(run, cancellationToken).ConfigureAwait(false)
            ?? throw new ApiException($"run {runId} is not in {_stateFolder}") { Hint = "'epycloud runs list --local' lists the local runs" };
        return await RunDetails.ReadAsync(stored, string.Empty, _artifacts, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<RunList> ListAsync(string? expId, string? state, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        ExperimentId? experiment = null;
        if (expId is not null)
            experiment = ExperimentId.TryParse(expId, out var parsed, out var reason) ? parsed : throw CliException.Configuration($"--exp-id {reason}");
        RunStatus? status = null;
        if (state is not null)
            status = RunStatuses.TryParse(state, out var parsed) ? parsed : throw CliException.Configuration($"--state '{state}' is not a run state", "PENDING, BUILDING_INPUTS, RUNNING_TASKS, AGGREGATING, SUCCEEDED, FAILED, CANCELLING, CANCELLED");
        RunId? after = pageToken is not null && RunId.TryParse(pageToken, out var token) ? token : null;
        var page = await _store.ListAsync(new RunQuery(experiment, status, pageSize, after), cancellationToken).ConfigureAwait(false);
        var runs = page.Runs.Select(run => RunViews.From(run, string.Empty, outputs: null) with { History = [] }).ToList();
        return new RunList(runs, page.Next?.Value);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private static string Database(string stateFolder) => Path.Combine(stateFolder, "orchestrator.db");
}
