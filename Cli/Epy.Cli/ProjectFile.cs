using Cronos;
using Epy.Contracts.Api;
using Epy.Contracts.Reading;
using YamlDotNet.RepresentationModel;

namespace Epy.Cli;

/// <summary>
/// The project file <c>epycloud.yaml</c> in the forecast repository. Every top-level key but
/// <c>schedules</c> is a configuration layer (above the profile, below secrets.yaml: see
/// <see cref="Configuration.ConfigLoader"/>), e.g. <c>defaults: { max_parallelism: 50 }</c>.
/// Its <c>schedules</c> list declares the recurring forecasts of <c>epycloud serve --local</c>:
/// <code>
/// schedules:
///   - name: weekly-flu
///     cron: "0 6 * * 3"
///     time_zone: America/New_York
///     exp_id: flu-example
///     overrides: { max_parallelism: 4, skip_output: false }
/// </code>
/// </summary>
public static class ProjectFile
{
    /// <summary>The configuration settings of <c>{projectDir}/epycloud.yaml</c> (dotted keys; none when the file is absent).</summary>
    public static SortedDictionary<string, string> LoadSettings(string projectDir) =>
        Configuration.ConfigYaml.Load(Path.Combine(projectDir, Configuration.ConfigPaths.ProjectFileName), "schedules");

    /// <summary>The schedules of <c>{projectDir}/epycloud.yaml</c> (none when the file is absent). Errors name the file, line and field.</summary>
    public static IReadOnlyList<ScheduleEntry> LoadSchedules(string projectDir)
    {
        var file = Path.Combine(projectDir, "epycloud.yaml");
        if (!File.Exists(file))
            return [];
        YamlStream yaml;
        try
        {
            yaml = BoundedYaml.LoadFile(file);
        }
        catch (YamlDotNet.Core.YamlException bad)
        {
            throw new FormatException($"{file}:{bad.Start.Line}:{bad.Start.Column}: not valid YAML: {bad.Message}", bad);
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            return [];
        if (!root.Children.TryGetValue(new YamlScalarNode("schedules"), out var node))
            return [];
        if (node is not YamlSequenceNode list)
            throw Error(file, node, "schedules", "expected a list of schedules");
        var schedules = new List<ScheduleEntry>();
        foreach (var item in list)
        {
            if (item is not YamlMappingNode entry)
                throw Error(file, item, "schedules[]", "expected a mapping with name, cron, time_zone, exp_id");
            var name = Text(file, entry, "name");
            var cronText = Text(file, entry, "cron");
            CronExpression cron;
            try
            {
                cron = CronExpression.Parse(cronText);
            }
            catch (CronFormatException bad)
            {
                throw Error(file, entry, "cron", $"'{cronText}' is not a five-field cron expression: {bad.Message}");
            }
            var zoneName = Optional(entry, "time_zone") ?? "UTC";
            TimeZoneInfo zone;
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(zoneName);
            }
            catch (TimeZoneNotFoundException)
            {
                throw Error(file, entry, "time_zone", $"'{zoneName}' is not a known time zone (IANA names like America/New_York)");
            }
            var request = new StartRunRequest(Text(file, entry, "exp_id"));
            if (entry.Children.TryGetValue(new YamlScalarNode("overrides"), out var overrides))
            {
                if (overrides is not YamlMappingNode map)
                    throw Error(file, overrides, "overrides", "expected a mapping");
                request = request with
                {
                    MaxParallelism = Int(file, map, "max_parallelism"),
                    AutoResumes = Int(file, map, "auto_resumes"),
                    SkipOutput = Optional(map, "skip_output") is { } skip ? bool.Parse(skip) : null,
                };
            }
            schedules.Add(new ScheduleEntry(name, cron, zone, request));
        }
        return schedules;
    }

    private static string Text(string file, YamlMappingNode map, string key) =>
        Optional(map, key) ?? throw Error(file, map, key, "is required");

    private static string? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text } ? text : null;

    // A quoted value is text, not a number (max_parallelism: "10" is refused: issue 19).
    private static int? Int(string file, YamlMappingNode map, string key) =>
        !map.Children.TryGetValue(new YamlScalarNode(key), out var node) || Optional(map, key) is not { } text ? null
        : node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : throw Error(file, node, key, node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain }
            ? $"'{text}' is not an integer"
            : $"\"{text}\" is quoted: a number is written without quotes");

    private static FormatException Error(string file, YamlNode node, string field, string message) =>
        new($"{file}:{node.Start.Line}:{node.Start.Column}: {field}: {message}");
}
