using YamlDotNet.Serialization;

namespace Epy.Cli.Configuration;

/// <summary>Flat dotted settings as a nested document, to print as YAML or JSON.</summary>
public static class ConfigDocument
{
    /// <summary>The nested form of <paramref name="values"/>.</summary>
    public static SortedDictionary<string, object> Nest(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var root = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            var map = root;
            var parts = key.Split('.');
            foreach (var part in parts[..^1])
            {
                if (!map.TryGetValue(part, out var child) || child is not SortedDictionary<string, object> inner)
                {
                    inner = new SortedDictionary<string, object>(StringComparer.Ordinal);
                    map[part] = inner;
                }
                map = inner;
            }
            map[parts[^1]] = value;
        }
        return root;
    }

    /// <summary><paramref name="values"/> as YAML.</summary>
    public static string Yaml(IReadOnlyDictionary<string, string> values) =>
        new SerializerBuilder().Build().Serialize(Nest(values));
}
