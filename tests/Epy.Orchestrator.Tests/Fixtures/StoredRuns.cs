using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Tests.Fixtures;

/// <summary>Builds runs as the store holds them.</summary>
public static class StoredRuns
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 15, 0, TimeSpan.Zero);

    /// <summary>A run whose id (started <paramref name="sequence"/> seconds after <see cref="Start"/>) sorts by <paramref name="sequence"/>.</summary>
    public static StoredRun Stored(int sequence, string experiment = ForecastRepo.Experiment, RunStatus status = RunStatus.Pending)
    {
        var id = RunId.New(Start.AddSeconds(sequence), (uint)sequence);
        var state = RunState.New(id, ExperimentId.Parse(experiment), RunRequest.Plain("test"), Start.AddSeconds(sequence)) with { Status = status };
        return new StoredRun(state, RunPolicy.Default, 0, []);
    }
}
