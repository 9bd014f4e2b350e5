using System.Globalization;
using Epy.Contracts.Reading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Epy.Cli.Configuration;

/// <summary>
/// Reads a configuration YAML file as flat dotted keys (<c>google_cloud.project_id</c>; list items as
/// <c>key.0</c>, <c>key.1</c>) and writes one key back. Keys are the YAML's, lowercase snake_case.
/// </summary>
public static class ConfigYaml
{
    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The keys of <paramref name="file"/> (none when it does not exist), skipping the top-level <paramref name="skip"/> keys.</summary>
    public static SortedDictionary<string, string> Load(string file, params string[] skip)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(file))
            return values;
        if (Root(file, Read(file)) is not { } root)
            return values;
        foreach (var (key, node) in root.Children)
        {
            var name = KeyOf(file, key);
            if (!skip.Contains(name, StringComparer.Ordinal))
                Flatten(file, name, node, values);
        }
        return values;
    }

    /// <summary>Sets <paramref name="key"/> (dotted) to <paramref name="value"/> in <paramref name="file"/>, creating the file and its folders; comments are not kept.</summary>
    public static void Set(string file, string key, string? value, UnixFileMode? createMode = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var stream = File.Exists(file) ? Read(file) : new YamlStream();
        if (stream.Documents.Count == 0)
            stream.Documents.Add(new YamlDocument(new YamlMappingNode()));
        var root = Root(file, stream) ?? throw new ConfigurationException($"{file}: the document is not a mapping", $"fix or remove {file}");
        var segments = key.Split('.');
        var map = root;
        foreach (var segment in segments[..^1])
        {
            if (map.Children.TryGetValue(new YamlScalarNode(segment), out var child) && child is YamlMappingNode inner)
            {
                map = inner;
                continue;
            }
            var created = new YamlMappingNode();
            map.Children[new YamlScalarNode(segment)] = created;
            map = created;
        }
        if (value is null)
            map.Children.Remove(new YamlScalarNode(segments[^1]));
        else
            map.Children[new YamlScalarNode(segments[^1])] = new YamlScalarNode(value);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (createMode is { } mode && !OperatingSystem.IsWindows())
            options.UnixCreateMode = mode;
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(text, assignAnchors: false);
        // YamlDotNet ends the document with "...": valid, but not how people write these files.
        var yaml = text.ToString();
        if (yaml.EndsWith("...\n", StringComparison.Ordinal))
            yaml = yaml[..^4];
        using var writer = new StreamWriter(file, Utf8, options);
        writer.Write(yaml);
    }

    private static YamlStream Read(string file)
    {
        YamlStream yaml;
        try
        {
            yaml = BoundedYaml.LoadFile(file);
        }
        catch (YamlException bad)
        {
            throw new ConfigurationException($"{file}:{bad.Start.Line}:{bad.Start.Column}: not valid YAML: {bad.Message}", $"fix the file (epycloud config edit) or remove it");
        }
        return yaml;
    }

    private static YamlMappingNode? Root(string file, YamlStream yaml)
    {
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return null;
        return yaml.Documents[0].RootNode as YamlMappingNode
            ?? throw new ConfigurationException($"{file}:{yaml.Documents[0].RootNode.Start.Line}: expected a mapping of settings (key: value)", "see 'epycloud config init' for the layout");
    }

    private static void Flatten(string file, string prefix, YamlNode node, SortedDictionary<string, string> values)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                // A bare '~' or 'null' unsets nothing: it is an empty value.
                values[prefix] = scalar.Value is null or "~" or "null" ? "" : scalar.Value;
                break;
            case YamlMappingNode map:
                foreach (var (key, child) in map.Children)
                    Flatten(file, $"{prefix}.{KeyOf(file, key)}", child, values);
                break;
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++)
                    Flatten(file, string.Create(CultureInfo.InvariantCulture, $"{prefix}.{i}"), list.Children[i], values);
                break;
        }
    }

    private static string KeyOf(string file, YamlNode key) =>
        key is YamlScalarNode { Value: { Length: > 0 } name } && !name.Contains('.', StringComparison.Ordinal)
            ? name
            : throw new ConfigurationException($"{file}:{key.Start.Line}:{key.Start.Column}: '{key}' is not a setting name (no dots, not empty)", "use nested mappings instead of dotted keys");
}
