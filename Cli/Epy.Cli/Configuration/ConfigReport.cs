namespace Epy.Cli.Configuration;

/// <summary>What <c>epycloud config validate</c> found.</summary>
/// <param name="Valid">No errors.</param>
/// <param name="Environment">The environment checked.</param>
/// <param name="Profile">The profile checked.</param>
/// <param name="Errors">What makes the settings unusable, each naming its key and file.</param>
/// <param name="Warnings">What is probably a mistake: unknown keys, an unset orchestrator URL.</param>
public sealed record ConfigReport(bool Valid, string Environment, string Profile, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>Loads and checks the settings of <paramref name="selection"/>.</summary>
    public static ConfigReport Check(ConfigSelection selection, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(selection);
        LoadedConfig loaded;
        try
        {
            loaded = ConfigLoader.Load(selection, variables);
        }
        catch (ConfigurationException unreadable)
        {
            var error = unreadable.Hint is null ? unreadable.Message : $"{unreadable.Message} ({unreadable.Hint})";
            return new ConfigReport(false, selection.Environment ?? "?", selection.Profile ?? "?", [error], []);
        }
        var errors = new List<string>();
        var config = EpycloudConfig.Read(loaded, errors);
        var warnings = new List<string>();
        foreach (var (key, source) in loaded.Sources)
        {
            if (ConfigKey.Find(key) is null && !key.StartsWith("x_", StringComparison.Ordinal))
                warnings.Add($"{key} is not a setting epycloud reads (from {source})");
            if (ConfigKey.IsSecret(key) && loaded.Values[key].Length > 0 && !source.StartsWith("secrets", StringComparison.Ordinal) && !source.StartsWith("variables", StringComparison.Ordinal))
                errors.Add($"{key} is a secret but is set in {source}: move it to secrets.yaml (epycloud config set {key} VALUE --layer secrets)");
        }
        if (config.OrchestratorUrl is null)
            warnings.Add("orchestrator.url is not set: cloud runs and 'runs'/'status' use http://127.0.0.1:8765");
        return new ConfigReport(errors.Count == 0, loaded.Environment, loaded.Profile, errors, warnings);
    }
}
