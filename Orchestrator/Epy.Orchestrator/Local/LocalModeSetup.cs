using Epy.Orchestrator.Core.Policy;

namespace Epy.Orchestrator.Local;

/// <summary>Local-mode options from a project folder, with the defaults the CLI and the service share.</summary>
public static class LocalModeSetup
{
    /// <summary>
    /// Options for the forecast repository <paramref name="projectDir"/>: database and bucket folder under
    /// <paramref name="stateDir"/> (default <c>{projectDir}/.epy</c>), the stage program beside this program.
    /// </summary>
    public static LocalModeOptions ForProject(string projectDir, string? stateDir = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var project = Path.GetFullPath(projectDir);
        var state = Path.GetFullPath(stateDir ?? Path.Combine(project, ".epy"));
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var name in new[] { "EPYDEMIX_DATA_DIR", "LOCATION_CODEBOOK", "FLUSIGHT_LOCATIONS" })
        {
            if (!env.ContainsKey(name) && System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
                env[name] = value;
        }
        return new LocalModeOptions
        {
            DatabasePath = Path.Combine(state, "orchestrator.db"),
            BucketRoot = Path.Combine(state, "bucket"),
            LogsRoot = Path.Combine(state, "logs"),
            ForecastRepoDir = project,
            StageCommand = StageProgramLocator.Find(),
            Environment = env,
        };
    }

    /// <summary>The local policy: the defaults, with Stage B's parallelism the machine's cores unless given.</summary>
    public static RunPolicy LocalDefaults(int? maxParallelism = null) =>
        RunPolicy.Default with { MaxParallelism = maxParallelism ?? System.Environment.ProcessorCount };
}
