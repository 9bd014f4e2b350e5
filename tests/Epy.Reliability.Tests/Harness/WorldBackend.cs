using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Ports;

namespace Epy.Reliability.Tests.Harness;

/// <summary>
/// One mode's real adapters and the fakes behind them: it builds the ports of a fresh orchestrator process
/// (a new store client, job runner and artifact store, each with its outbound calls faulted), runs jobs
/// as the runs' scenarios say, publishes their notifications on the bus, and answers the checks with what
/// really exists (jobs created, their real states, files written).
/// </summary>
public abstract class WorldBackend : IAsyncDisposable
{
    /// <summary>The mode's name in the report.</summary>
    public abstract string Name { get; }

    /// <summary>The runs' prefix in the bucket or folder.</summary>
    public virtual string DirPrefix => "pipeline/flu/";

    /// <summary>The output files a Stage C task writes under the run's <c>outputs/</c>.</summary>
    public static IReadOnlyList<string> OutputFiles { get; } = ["quantiles.csv.gz", "hub_forecast.csv.gz"];

    /// <summary>What the backend shares with its world.</summary>
    public WorldContext Context { get; protected init; } = null!;

    /// <summary>Starts the fakes.</summary>
    public abstract Task StartAsync();

    /// <summary>The ports of a new orchestrator process (not yet wrapped in its life).</summary>
    public abstract (IRunStore Store, IJobRunner Jobs, IRunArtifacts Artifacts) NewProcess();

    /// <summary>A store without faults, to look at what the orchestrator committed.</summary>
    public abstract IRunStore Observer { get; }

    /// <summary>The ids of the jobs created for <paramref name="run"/> in the job system (deleted ones included).</summary>
    public abstract IReadOnlyList<string> JobsOf(RunId run);

    /// <summary>How many create requests for <paramref name="jobId"/> reached the job system.</summary>
    public abstract int CreateRequests(string jobId);

    /// <summary>The job's real state by its Batch name, or null (never created, or deleted).</summary>
    public abstract string? RealState(string jobId);

    /// <summary>How many times the object at <paramref name="path"/> was written by a stage.</summary>
    public abstract int Writes(string path);

    /// <summary>The text of the object at <paramref name="path"/>, or null.</summary>
    public abstract string? Read(string path);

    /// <summary>
    /// The event the orchestrator handles for <paramref name="delivered"/> as its event path lets it through (the push
    /// endpoint confirms a final state with <c>jobs.get</c> through <paramref name="jobs"/>), or null when refused.
    /// </summary>
    public virtual Task<RunEvent?> ConfirmAsync(RunEvent delivered, IJobRunner jobs, CancellationToken cancellationToken) => Task.FromResult<RunEvent?>(delivered);

    /// <summary>True for an event that was forged (no job system sent it).</summary>
    public virtual bool IsForged(string eventId) => false;

    public abstract ValueTask DisposeAsync();

    /// <summary>The paths of <paramref name="run"/>'s files.</summary>
    public ArtifactPaths Paths(RunId run) => new(DirPrefix, Epy.Contracts.Runs.ExperimentId.Parse(RunScenario.Experiment), run);
}
