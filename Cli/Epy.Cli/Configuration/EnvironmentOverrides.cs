namespace Epy.Cli.Configuration;

/// <summary>
/// The <c>EPYCLOUD_*</c> variables as settings. The rule: drop <c>EPYCLOUD_</c>, split the rest on a
/// double underscore <c>__</c> (one level of nesting each), lowercase every part; a single underscore
/// stays part of the key. So <c>EPYCLOUD_GOOGLE_CLOUD__PROJECT_ID</c> is <c>google_cloud.project_id</c>
/// and <c>EPYCLOUD_DEFAULTS__STAGE_B__MACHINE_TYPE</c> is <c>defaults.stage_b.machine_type</c>.
/// <c>EPYCLOUD_ENV</c>, <c>EPYCLOUD_PROFILE</c> and <c>EPYCLOUD_CONFIG_DIR</c> choose the environment,
/// the profile and the folder and are not settings.
/// </summary>
public static class EnvironmentOverrides
{
    /// <summary>The prefix.</summary>
    public const string Prefix = "EPYCLOUD_";

    /// <summary>The variables that select rather than set.</summary>
    public static IReadOnlyList<string> Selectors { get; } = ["EPYCLOUD_ENV", "EPYCLOUD_PROFILE", "EPYCLOUD_CONFIG_DIR"];

    /// <summary>The dotted key of variable <paramref name="name"/>, or null when it is not a setting.</summary>
    public static string? KeyOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || Selectors.Contains(name, StringComparer.Ordinal))
            return null;
        var parts = name[Prefix.Length..].Split("__");
        if (parts.Any(part => part.Length == 0 || part.StartsWith('_') || part.EndsWith('_')))
            return null;
        return string.Join('.', parts.Select(part => part.ToLowerInvariant()));
    }

    /// <summary>The variable that sets <paramref name="key"/>.</summary>
    public static string VariableOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Prefix + string.Join("__", key.Split('.').Select(part => part.ToUpperInvariant()));
    }

    /// <summary>The settings among <paramref name="variables"/>.</summary>
    public static SortedDictionary<string, string> From(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            if (KeyOf(name) is { } key)
                values[key] = value;
        }
        return values;
    }
}
