using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Ports;

/// <summary>Says whether an experiment exists before a run of it is accepted (where that can be known).</summary>
public interface IExperimentCatalog
{
    /// <summary>Null when the experiment can be run; otherwise why not, in words.</summary>
    Task<string?> ProblemAsync(ExperimentId experiment, CancellationToken cancellationToken);
}
