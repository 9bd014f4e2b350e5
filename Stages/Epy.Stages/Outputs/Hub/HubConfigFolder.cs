using System.Globalization;
using Epy.Contracts.Reading;

namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// Reads a hub's <c>hub-config/</c> folder (<c>tasks.json</c>; <c>validations.yml</c> and
/// <c>admin.json</c> when there) and the population table its validations name, relative to the
/// hub's root (the folder's parent). The FluSight hub's is shipped beside the program in
/// <c>data/flusight-hub/</c> (see its NOTICE.md).
/// </summary>
public static class HubConfigFolder
{
    /// <summary>The FluSight hub-config folder shipped under <paramref name="programFolder"/> (<c>data/flusight-hub/hub-config</c>).</summary>
    public static string Bundled(string programFolder) => Path.Combine(programFolder, "data", "flusight-hub", "hub-config");

    /// <summary>Reads the configuration in <paramref name="hubConfigDir"/>.</summary>
    /// <exception cref="FileNotFoundException">tasks.json, or the population table validations.yml names, is missing.</exception>
    /// <exception cref="FormatException">A file does not have the hubverse shape.</exception>
    public static HubConfig Load(string hubConfigDir)
    {
        ArgumentNullException.ThrowIfNull(hubConfigDir);
        var tasks = Path.Combine(hubConfigDir, "tasks.json");
        if (!File.Exists(tasks))
            throw new FileNotFoundException($"{hubConfigDir} has no tasks.json (is it a hub's hub-config folder?)", tasks);
        var config = HubConfigReader.Parse(Text(tasks), Optional(hubConfigDir, "validations.yml"), Optional(hubConfigDir, "admin.json"));
        if (config.Checks.CountsBelowPopulation is not { } population)
            return config;
        var root = Path.GetDirectoryName(Path.GetFullPath(hubConfigDir).TrimEnd(Path.DirectorySeparatorChar)) ?? ".";
        var file = Path.Combine(root, population.PopulationFile);
        if (!File.Exists(file))
            throw new FileNotFoundException($"validations.yml checks counts against {population.PopulationFile}, which is not at {file}", file);
        var populations = HubConfigReader.Populations(Text(file));
        return config with { Checks = config.Checks with { CountsBelowPopulation = population with { Populations = populations } } };
    }

    private static string? Optional(string folder, string name) =>
        File.Exists(Path.Combine(folder, name)) ? Text(Path.Combine(folder, name)) : null;

    // A hub's files are a few kilobytes to a few megabytes: the YAML bound serves them all.
    private static string Text(string path) =>
        BoundedFile.ReadAllBytes(path, InputLimits.MaxYamlBytes) is { } bytes
            ? System.Text.Encoding.UTF8.GetString(bytes)
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path} is larger than {InputLimits.MaxYamlBytes / (1024 * 1024)} MiB, the most a hub config file may be"));
}
