using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Cloud;

/// <summary>
/// In the cloud the forecast repository is cloned by the builder, not seen by the service: every
/// well-formed experiment id is accepted, and the builder fails the run (bad input, not retried) when
/// the experiment's configs are missing or invalid.
/// </summary>
public sealed class AnyExperimentCatalog : IExperimentCatalog
{
    /// <inheritdoc />
    public Task<string?> ProblemAsync(ExperimentId experiment, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
