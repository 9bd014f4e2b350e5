using Epy.Stages.Configs;
using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Pipeline;

public static partial class BuilderStage
{
    /// <summary>The hub-config files a run ships besides its tasks.json, when the folder has them.</summary>
    private static readonly string[] OptionalHubConfigFiles = ["validations.yml", "admin.json"];

    /// <summary>
    /// The repository-relative files of <c>flusight_format.hub_config</c> that Stage C reads: tasks.json,
    /// validations.yml and admin.json when there, and the population table validations.yml names (relative to
    /// the hub's root, the folder's parent). Read here first, so a folder Stage C could not use fails the build.
    /// </summary>
    /// <exception cref="StageException">The folder is not a readable hub config (bad input, naming the config key).</exception>
    private static List<string> HubConfigFiles(FlusightFormatConfig hub, string repo)
    {
        if (hub.HubConfig is not { } folder)
            return [];
        HubConfig config;
        try
        {
            config = HubConfigFolder.Load(Path.Combine(repo, folder.Value));
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            throw StageException.BadInput($"{folder.Span}: output.flusight_format.hub_config: '{folder.Value}' is not a readable hub config: {e.Message}", e);
        }
        // The hub config Stage C will read is this one: a reference date that is not one of its rounds fails now, before any runner.
        if (hub.ReferenceDate is { } date && ReferenceDates.Refusal(date.Value, [.. ReferenceDates.Rounds(config)]) is { } refusal)
            throw StageException.BadInput($"{date.Span}: output.flusight_format.reference_date: {refusal} (hub config {folder.Value})");
        var names = new List<string> { $"{folder.Value}/tasks.json" };
        names.AddRange(OptionalHubConfigFiles.Where(f => File.Exists(Path.Combine(repo, folder.Value, f))).Select(f => $"{folder.Value}/{f}"));
        if (config.Checks.CountsBelowPopulation is { } population)
        {
            var root = Path.GetDirectoryName(folder.Value.Replace('/', Path.DirectorySeparatorChar)) ?? string.Empty;
            names.Add(Path.Combine(root, population.PopulationFile).Replace('\\', '/'));
        }
        return names;
    }
}
