using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Epy.Cli.Targets;
using Epy.Cli.Validation;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Local;
using Epy.Contracts.Stages;

namespace Epy.Cli;

/// <summary>
/// <c>epycloud validate</c>: the builder's own checks of an experiment, run by the stage program
/// (<c>epy-stage validate</c>, which writes nothing), so that the CLI never loads the engine.
/// </summary>
public static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var expId = new Option<string?>("--exp-id") { Description = "The experiment (folder under {project-dir}/experiments/)" };
        var path = new Option<string?>("--path") { Description = "Or the experiment's folder: {forecast-repo}/experiments/{exp_id} (or its config/)" };
        var output = GlobalOptions.OutputWithAliases("-o", "--format");
        var command = new Command("validate", "Check an experiment's configs the way the builder does, without running anything; exit 1 when invalid")
        {
            expId, path, output, TargetOptions.ProjectDir,
        };
        CliAction.Set(command, async (context, parse, ct) =>
        {
            var location = (parse.GetValue(expId), parse.GetValue(path)) switch
            {
                ({ } id, null) => new ExperimentLocation(Path.GetFullPath(parse.GetValue(TargetOptions.ProjectDir)!), id),
                (null, { } folder) => ExperimentLocation.FromPath(folder),
                _ => throw CliException.Configuration("pass either --exp-id or --path", "epycloud validate --exp-id flu-example, or epycloud validate --path experiments/flu-example"),
            };
            var result = await ValidateAsync(location, ct).ConfigureAwait(false);
            Print(result, context.Json, context.Out);
            return result.Valid ? ExitCodes.Ok : ExitCodes.RunFailed;
        }, TargetOptions.ProjectDir);
        return command;
    }

    /// <summary>Runs <c>epy-stage validate</c> on <paramref name="location"/> and reads its report.</summary>
    public static async Task<ValidationResult> ValidateAsync(ExperimentLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!Directory.Exists(Path.Combine(location.ForecastRepo, "experiments")))
            throw CliException.Configuration($"{location.ForecastRepo} is not a forecast repository (no experiments/ folder)", "pass --project-dir, or --path to the experiment's folder");
        IReadOnlyList<string> stage;
        try
        {
            stage = StageProgramLocator.Find();
        }
        catch (FileNotFoundException missing)
        {
            throw CliException.Configuration(missing.Message, "build the solution (dotnet build), or set EPY_STAGE_COMMAND");
        }
        var info = new ProcessStartInfo(stage[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in stage.Skip(1))
            info.ArgumentList.Add(argument);
        info.ArgumentList.Add("validate");
        info.Environment[StageVariables.ForecastRepoDir] = location.ForecastRepo;
        info.Environment[StageVariables.ExpId] = location.ExpId;
        info.Environment[StageVariables.ExecutionMode] = "local";
        using var process = Process.Start(info) ?? throw CliException.Configuration($"could not start {stage[0]}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var text = await output.ConfigureAwait(false);
        // A report comes with success or with bad input (the experiment has errors); any other exit is the program failing.
        if (process.ExitCode is not (StageExitCodes.Success or StageExitCodes.BadInput) || text.Trim().Length == 0)
        {
            var why = (await error.ConfigureAwait(false)).Trim();
            throw CliException.Configuration($"the stage program could not validate (exit {process.ExitCode}): {why.Split('\n')[0]}",
                "check EPYDEMIX_DATA_DIR / LOCATION_CODEBOOK, or set EPY_STAGE_COMMAND to the stage program");
        }
        return JsonSerializer.Deserialize<ValidationResult>(text, CliJson.Options)
            ?? throw CliException.Configuration("the stage program printed no report");
    }

    /// <summary>Prints <paramref name="result"/>: its JSON, or one line when valid, else one line per error and a count.</summary>
    public static void Print(ValidationResult result, bool json, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(result, CliJson.Options));
            return;
        }
        if (result.Valid)
        {
            output.WriteLine($"{result.ExpId}: valid: {result.Kind}, {result.TaskCount} task(s), locations {string.Join(", ", result.Locations)}; {result.Files.Count} config file(s)");
            return;
        }
        foreach (var issue in result.Errors)
            output.WriteLine(issue.ToString());
        output.WriteLine($"{result.ExpId}: invalid: {result.Errors.Count} error(s)");
    }
}
