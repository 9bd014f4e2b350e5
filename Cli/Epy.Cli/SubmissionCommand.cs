using System.CommandLine;
using System.Text.Json;
using Epy.Stages.Outputs.Hub;

namespace Epy.Cli;

/// <summary>
/// <c>epycloud submission validate FILE</c>: checks a forecast hub submission (CSV) against a hub's
/// configuration the way the hub's validation does, in process (the validator's sources are compiled
/// into the CLI, see Epy.Cli.csproj). Without <c>--hub-config</c>, the FluSight hub's, shipped in
/// <c>data/flusight-hub/</c>.
/// </summary>
public static class SubmissionCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var file = new Argument<string?>("FILE") { Description = "The submission: a hub CSV ({reference_date}-{team}-{model}.csv)", Arity = ArgumentArity.ZeroOrOne };
        var hubConfig = new Option<string?>("--hub-config") { Description = "A hub's hub-config folder (tasks.json, validations.yml; the population table relative to its parent). Default: the FluSight hub's, shipped with epycloud" };
        var output = GlobalOptions.Output();
        var validate = new Command("validate", "Check a submission file the way the hub's validation does: one line per problem; exit 1 when invalid, 0 when valid, 2 on usage errors")
        {
            file, hubConfig, output,
        };
        CliAction.Set(validate, (context, parse, _) =>
        {
            var path = parse.GetValue(file) ?? throw CliException.Configuration("name the submission file", "epycloud submission validate 2025-11-22-team-model.csv");
            if (!File.Exists(path))
                throw CliException.Configuration($"no file {path}");
            var folder = parse.GetValue(hubConfig) ?? HubConfigFolder.Bundled(AppContext.BaseDirectory);
            var problems = Validate(folder, File.ReadAllText(path));
            Print(path, problems, context.Json, context.Out);
            return Task.FromResult(problems.Count == 0 ? ExitCodes.Ok : ExitCodes.RunFailed);
        });
        var command = new Command("submission", "Forecast hub submissions (FluSight by default)");
        command.Subcommands.Add(validate);
        return command;
    }

    /// <summary>Reads the hub configuration in <paramref name="hubConfigDir"/> and validates <paramref name="csv"/> against it.</summary>
    /// <exception cref="CliException">The configuration cannot be read (exit 2).</exception>
    public static IReadOnlyList<SubmissionProblem> Validate(string hubConfigDir, string csv)
    {
        HubConfig config;
        try
        {
            config = HubConfigFolder.Load(hubConfigDir);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            throw CliException.Configuration($"cannot read the hub config: {e.Message}", "pass --hub-config with a hub's hub-config folder");
        }
        SubmissionTable table;
        try
        {
            table = SubmissionTable.Parse(csv);
        }
        catch (FormatException e)
        {
            return [new SubmissionProblem("file_read", "file", $"not a CSV table: {e.Message}")];
        }
        return SubmissionValidator.Validate(config, table);
    }

    /// <summary>Prints one line per problem and a verdict line; or <c>{valid, problems[]}</c> as JSON.</summary>
    public static void Print(string file, IReadOnlyList<SubmissionProblem> problems, bool json, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(output);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new { valid = problems.Count == 0, problems = problems.Select(p => p.ToString()) }));
            return;
        }
        foreach (var problem in problems)
            output.WriteLine(problem.ToString());
        output.WriteLine(problems.Count == 0 ? $"{file}: valid" : $"{file}: invalid: {problems.Count} problem(s)");
    }
}
