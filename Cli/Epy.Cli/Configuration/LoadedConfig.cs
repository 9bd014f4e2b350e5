namespace Epy.Cli.Configuration;

/// <summary>The merged settings before they are read as types: what <c>config show|get</c> print.</summary>
/// <param name="Paths">The configuration folder.</param>
/// <param name="Environment">The environment in use.</param>
/// <param name="Profile">The profile in use.</param>
/// <param name="Layers">Every layer, lowest precedence first.</param>
/// <param name="Values">The merged settings, <c>{environment}</c> and <c>{profile}</c> substituted.</param>
/// <param name="Sources">The layer each setting came from (its name, and its file when it has one).</param>
public sealed record LoadedConfig(
    ConfigPaths Paths,
    string Environment,
    string Profile,
    IReadOnlyList<ConfigLayer> Layers,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> Sources)
{
    /// <summary>The value of <paramref name="key"/>, or null; an empty value counts as unset.</summary>
    public string? Get(string key) => Values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    /// <summary>The settings with secrets masked (<c>****</c> and the last 4 characters of long ones).</summary>
    public SortedDictionary<string, string> Masked()
    {
        var masked = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Values)
            masked[key] = IsSecret(key) ? Mask(value) : value;
        return masked;
    }

    /// <summary>True when <paramref name="key"/> holds a secret: named so, or set by secrets.yaml.</summary>
    public bool IsSecret(string key) =>
        ConfigKey.IsSecret(key) || Sources.TryGetValue(key, out var source) && source.StartsWith("secrets", StringComparison.Ordinal);

    /// <summary><c>****</c>, with the last four characters of a value longer than 12.</summary>
    public static string Mask(string value) =>
        value is null or { Length: 0 } ? "" : value.Length > 12 ? $"****{value[^4..]}" : "****";
}
