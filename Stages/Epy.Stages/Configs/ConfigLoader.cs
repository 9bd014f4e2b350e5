using Epy.Contracts.Reading;

namespace Epy.Stages.Configs;

/// <summary>
/// Reads one epymodelingsuite configuration file (basemodel, modelset or output) into records,
/// reporting every problem it can find in that file with its line, column and field.
/// Checks that need several files are <see cref="ExperimentLoader"/>'s.
/// </summary>
public static class ConfigLoader
{
    /// <summary>Reads the file at <paramref name="path"/> (UTF-8).</summary>
    public static ConfigLoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string yaml;
        try
        {
            yaml = BoundedYaml.ReadText(path);
        }
        catch (YamlDotNet.Core.YamlException tooLarge)
        {
            return new ConfigLoadResult(null, [new ConfigError(path, 1, 1, "(file)", tooLarge.Message)]);
        }
        return Parse(yaml, path);
    }

    /// <summary>Reads <paramref name="yaml"/>, naming <paramref name="file"/> in every error.</summary>
    public static ConfigLoadResult Parse(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        var reader = new ConfigReader(file);
        var document = reader.ReadDocument(yaml);
        return new ConfigLoadResult(document, reader.Errors.ToArray());
    }
}
