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
        }
        errors.AddRange(SecretsOutsideSecretsFile(loaded.Layers));
        if (!ConfigLoader.AllowsProjectUrls(loaded.Layers))
        {
            foreach (var layer in loaded.Layers.Where(l => l.Name == ConfigLoader.ProjectLayer))
            {
                foreach (var key in ConfigKey.UserOnly.Where(layer.Values.ContainsKey))
                    warnings.Add($"{key} in {layer.File} is ignored: a project file may not choose where your tokens go (allow it with 'epycloud config set {ConfigKey.AllowProjectUrls} true')");
            }
        }
        if (config.OrchestratorUrl is null)
            warnings.Add("orchestrator.url is not set: cloud runs and 'runs'/'status' use http://127.0.0.1:8765");
        return new ConfigReport(errors.Count == 0, loaded.Environment, loaded.Profile, errors, warnings);
    }

    /// <summary>
    /// Every secret in a layer other than secrets.yaml and the variables: a key named as a secret, or a value that looks
    /// like a token, in any layer (also one a later layer overrides, since the file still holds it).
    /// </summary>
    public static IEnumerable<string> SecretsOutsideSecretsFile(IEnumerable<ConfigLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers.Where(l => l.Name is not ("secrets" or "variables")))
        {
            foreach (var (key, value) in layer.Values)
            {
                if (value.Length > 0 && (ConfigKey.IsSecret(key) || ConfigKey.LooksLikeSecret(value)))
                    yield return $"{key} is a secret but is set in {layer.Name} ({layer.File}): move it to secrets.yaml (epycloud config set {key} - --layer secrets, then paste it)";
            }
        }
    }
}
