using System.Text.Json;
using Epy.Cli;

namespace Epy.Cli.Tests;

/// <summary><c>epycloud submission validate</c>: the real tool on the hub's example submission and a broken copy.</summary>
public sealed class SubmissionCommandTests
{
    private static readonly string Fixtures = Path.Combine(TestData.RepositoryRoot, "tests", "Shared", "flusight-hub");
    private static readonly string Example = Path.Combine(Fixtures, "2025-10-18-example-submission.csv");
    private static readonly string ExampleRound = Path.Combine(Fixtures, "example-round", "hub-config");

    [Fact]
    public async Task TheHubsExample_WithTheConfigOfItsRound_IsValid_ExitZero()
    {
        var text = await Epycloud.RunAsync(["submission", "validate", Example, "--hub-config", ExampleRound]);
        var json = await Epycloud.RunAsync(["submission", "validate", Example, "--hub-config", ExampleRound, "--output", "json"]);

        text.ExitCode.ShouldBe(ExitCodes.Ok, text.ToString());
        text.Output.Trim().ShouldBe($"{Example}: valid");
        json.ExitCode.ShouldBe(ExitCodes.Ok, json.ToString());
        JsonDocument.Parse(json.Output).RootElement.GetProperty("valid").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task ABrokenCopy_ExitsOne_OneLinePerProblem()
    {
        using var folder = new TempFolder();
        var lines = (await File.ReadAllLinesAsync(Example)).ToList();
        lines.Add(lines[5]);
        var broken = Path.Combine(folder.Path, "2025-10-18-team-model.csv");
        await File.WriteAllLinesAsync(broken, lines);

        var result = await Epycloud.RunAsync(["submission", "validate", broken, "--hub-config", ExampleRound]);

        result.ExitCode.ShouldBe(ExitCodes.RunFailed, result.ToString());
        var output = result.Output.Trim().Split('\n');
        output.ShouldContain($"lines 6, {lines.Count} (2 rows): the same row repeats: target 'wk flu hosp rate change', horizon 0, location US, target_end_date 2025-10-18, pmf large_increase [rows_unique]");
        output.ShouldContain(l => l.Contains("pmf values sum to 1.16", StringComparison.Ordinal) && l.EndsWith("[value_col_sum1]", StringComparison.Ordinal));
        output[^1].ShouldBe($"{broken}: invalid: 2 problem(s)");
    }

    [Fact]
    public async Task TheBundledFluSightConfig_IsTheDefault_AndRefusesTheExamplesRound()
    {
        var result = await Epycloud.RunAsync(["submission", "validate", Example]);

        result.ExitCode.ShouldBe(ExitCodes.RunFailed, result.ToString());
        result.Output.ShouldContain("column reference_date: 2025-10-18 is not a round of the hub (89 rounds, 2023-10-07 to 2026-05-30) [valid_round_id]");
    }

    [Fact]
    public async Task NoFile_AMissingFile_OrNoHubConfig_ExitTwo()
    {
        using var folder = new TempFolder();

        var none = await Epycloud.RunAsync(["submission", "validate"]);
        var missing = await Epycloud.RunAsync(["submission", "validate", Path.Combine(folder.Path, "nothing.csv")]);
        var noConfig = await Epycloud.RunAsync(["submission", "validate", Example, "--hub-config", folder.Path]);

        none.ExitCode.ShouldBe(ExitCodes.ConfigurationError, none.ToString());
        none.Error.ShouldContain("name the submission file");
        missing.ExitCode.ShouldBe(ExitCodes.ConfigurationError, missing.ToString());
        noConfig.ExitCode.ShouldBe(ExitCodes.ConfigurationError, noConfig.ToString());
        noConfig.Error.ShouldContain("has no tasks.json");
    }
}
