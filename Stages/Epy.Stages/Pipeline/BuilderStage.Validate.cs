using System.Text.Json;
using Epy.Contracts.Runs;
using Epy.Engine;
using Epy.Stages.Configs;
using Epy.Stages.Validation;
using Epy.Contracts.Stages;

namespace Epy.Stages.Pipeline;

/// <summary><c>epy-stage validate</c>: the builder's checks on a local forecast repository, writing nothing.</summary>
public static partial class BuilderStage
{
    /// <summary>
    /// Loads, validates and expands experiment <c>EXP_ID</c> of the folder <c>FORECAST_REPO_DIR</c> exactly as
    /// the builder does (configs, locations, population data, models, data files), without writing anything.
    /// </summary>
    /// <exception cref="StageException">A setting is missing (<c>FORECAST_REPO_DIR</c>, <c>EXP_ID</c>).</exception>
    public static ValidationReport Validate(StageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var repo = StageSettings.Require(settings.ForecastRepoDir, StageVariables.ForecastRepoDir, "validate reads a local forecast repository");
        var expId = StageSettings.Require(settings.ExpId, StageVariables.ExpId, "the experiment to validate");
        try
        {
            // An aggregation's sources are runs in the artifact store, which validate does not read: the builder resolves them.
            if (AggregationLoader.TryLoad(repo, expId) is { } aggregation)
                return new ValidationReport(expId, true, "aggregation", 0, [], [.. aggregation.Files.Select(f => f.Path)], []);
            var codebookPath = settings.CodebookPath(repo);
            var population = settings.PopulationData(repo);
            var experiment = LoadBounded(repo, expId, codebookPath, population, settings);
            var (kind, tasks) = Expand(experiment, repo, population);
            var errors = new List<ConfigError>();
            if (tasks.Count == 0)
                errors.Add(Whole(repo, "population", $"experiment '{expId}' has no location to model: name one in the modelset's population_names or the basemodel's population.name"));
            if (WorkLimits.TaskRefusal(tasks.Count) is { } tooMany)
                errors.Add(Whole(repo, "population", tooMany));
            foreach (var (name, source) in DataFiles(experiment, repo, codebookPath, settings.FlusightLocationsSearch(repo)))
            {
                if (!File.Exists(source))
                    errors.Add(Whole(source, name, "is missing (the run needs it)"));
            }
            var files = experiment.Files.Select(f => f.Path).ToList();
            return errors.Count > 0
                ? new ValidationReport(expId, false, null, 0, [], files, errors)
                : new ValidationReport(expId, true, kind.ToString().ToLowerInvariant(), tasks.Count, [.. experiment.Locations.Select(l => l.Iso)], files, []);
        }
        catch (ConfigValidationException invalid)
        {
            return new ValidationReport(expId, false, null, 0, [], [], invalid.Errors);
        }
        catch (Exception bad) when (bad is StageException { ExitCode: StageExitCodes.BadInput } or ModelValidationException or JsonException or InvalidDataException or ArgumentException or KeyNotFoundException)
        {
            return new ValidationReport(expId, false, null, 0, [], [], [Whole(repo, "", bad.Message)]);
        }
    }

    /// <summary>Runs <see cref="Validate"/> and prints its report as JSON to <paramref name="output"/>: exit 0 valid, 3 invalid, 2 unusable settings.</summary>
    public static int RunValidate(Func<string, string?> env, TextWriter output, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(log);
        ValidationReport report;
        try
        {
            report = Validate(StageSettings.FromEnvironment(env));
        }
        catch (StageException missing)
        {
            log.WriteLine($"epy-stage validate: {missing.Message}");
            return StageExitCodes.Usage;
        }
        output.WriteLine(JsonSerializer.Serialize(report, ValidationJsonContext.Default.ValidationReport));
        return report.Valid ? StageExitCodes.Success : StageExitCodes.BadInput;
    }

    private static ConfigError Whole(string file, string field, string message) => new(file, 0, 0, field, message);
}
