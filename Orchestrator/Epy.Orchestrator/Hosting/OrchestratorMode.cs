using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Local;
using Microsoft.Extensions.Configuration;

namespace Epy.Orchestrator.Hosting;

/// <summary>
/// Which orchestrator a host runs: <see cref="Cloud"/> (Firestore, Cloud Batch, Cloud Storage, Pub/Sub push,
/// set up from configuration) or <see cref="Local"/> (SQLite, child processes, a folder, on one project).
/// </summary>
public abstract record OrchestratorMode
{
    private OrchestratorMode()
    {
    }

    /// <summary>The cloud mode, its settings read from configuration sections and validated at start-up.</summary>
    public sealed record Cloud : OrchestratorMode;

    /// <summary>The local mode with <paramref name="Options"/> and the default policy <paramref name="Defaults"/>.</summary>
    /// <param name="Options">Where the local mode keeps things and how it runs the stage program.</param>
    /// <param name="Defaults">The policy of a run that does not say otherwise.</param>
    public sealed record Local(LocalModeOptions Options, RunPolicy Defaults) : OrchestratorMode;

    /// <summary>
    /// The service's mode: <c>EPY_MODE=cloud</c> is <see cref="Cloud"/>; otherwise <see cref="Local"/> on the
    /// forecast repository named by <c>EPY_PROJECT_DIR</c> (default: the current folder) with the default policy.
    /// </summary>
    public static OrchestratorMode From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.IsCloudMode()
            ? new Cloud()
            : new Local(LocalModeSetup.ForProject(configuration[ServiceDefaults.ProjectDirVariable] ?? Directory.GetCurrentDirectory()), RunPolicy.Default);
    }
}
