using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Local;

/// <summary>An experiment can run locally when its config folder exists in the forecast repository.</summary>
public sealed class FolderExperimentCatalog(string forecastRepoDir) : IExperimentCatalog
{
    /// <inheritdoc />
    public Task<string?> ProblemAsync(ExperimentId experiment, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(forecastRepoDir, "experiments", experiment.Value, "config");
        return Task.FromResult(Directory.Exists(folder) ? null : $"experiment '{experiment}' not found: {folder} does not exist");
    }
}
