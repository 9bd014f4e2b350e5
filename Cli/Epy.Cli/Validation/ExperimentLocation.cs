namespace Epy.Cli.Validation;

/// <summary>Where an experiment's configs are: a forecast repository and an experiment id in it.</summary>
/// <param name="ForecastRepo">The repository root (holding <c>experiments/</c>).</param>
/// <param name="ExpId">The experiment: its folder under <c>experiments/</c>.</param>
public sealed record ExperimentLocation(string ForecastRepo, string ExpId)
{
    /// <summary>
    /// The experiment of a folder: <c>experiments/{exp_id}</c> or its <c>config/</c> inside a forecast repository.
    /// </summary>
    public static ExperimentLocation FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var folder = new DirectoryInfo(Path.GetFullPath(path));
        if (!folder.Exists)
            throw CliException.Configuration($"{folder.FullName} does not exist", "pass an experiment folder: {forecast-repo}/experiments/{exp_id}");
        var experiment = folder.Name == "config" && !Directory.Exists(Path.Combine(folder.FullName, "config")) ? folder.Parent! : folder;
        for (var up = experiment.Parent; up is not null; up = up.Parent)
        {
            if (up.Name == "experiments" && up.Parent is { } repo)
                return new ExperimentLocation(repo.FullName, Path.GetRelativePath(up.FullName, experiment.FullName).Replace(Path.DirectorySeparatorChar, '/'));
        }
        throw CliException.Configuration($"{experiment.FullName} is not inside a forecast repository's experiments/ folder",
            "the builder reads {forecast-repo}/experiments/{exp_id}/config/*.yaml and the repository's data/; pass such a folder, or --exp-id with --project-dir");
    }
}
