using System.Text.Json;
using Epy.Cli;

namespace Epy.Cli.Tests;

/// <summary><c>epycloud validate</c>: the real stage program's builder checks (<c>epy-stage validate</c>) on the bundled example.</summary>
public sealed class ValidateCommandTests
{
    private const string Experiment = "flu-example";

    private static Dictionary<string, string> Data => new() { ["EPYDEMIX_DATA_DIR"] = TestData.EpydemixDataRoot };

    [Fact]
    public async Task TheBundledExample_IsValid_ByIdOrByPath_AndNothingIsWritten()
    {
        using var folder = new TempFolder();
        var repo = ForecastRepo.Example(folder);
        var before = Directory.EnumerateFileSystemEntries(repo, "*", SearchOption.AllDirectories).Count();

        var byId = await Epycloud.RunAsync(["validate", "--exp-id", Experiment, "--project-dir", repo], Data);
        var byPath = await Epycloud.RunAsync(["validate", "--path", Path.Combine(repo, "experiments", Experiment, "config"), "--format", "json"], Data);

        byId.ExitCode.ShouldBe(ExitCodes.Ok, byId.ToString());
        byId.Output.Trim().ShouldBe($"{Experiment}: valid: calibration, 2 task(s), locations US-MA, US-NH; 3 config file(s)");
        byPath.ExitCode.ShouldBe(ExitCodes.Ok, byPath.ToString());
        var report = JsonDocument.Parse(byPath.Output).RootElement;
        report.GetProperty("valid").GetBoolean().ShouldBeTrue();
        report.GetProperty("task_count").GetInt32().ShouldBe(2);
        report.GetProperty("errors").GetArrayLength().ShouldBe(0);
        Directory.EnumerateFileSystemEntries(repo, "*", SearchOption.AllDirectories).Count().ShouldBe(before, "validate writes nothing");
    }

    [Fact]
    public async Task ABrokenConfig_ExitsOne_WithFileLineAndField_InTextAndJson()
    {
        using var folder = new TempFolder();
        var repo = ForecastRepo.Example(folder);
        var basemodel = Path.Combine(repo, "experiments", Experiment, "config", "basemodel.yml");
        await File.WriteAllTextAsync(basemodel, (await File.ReadAllTextAsync(basemodel)).Replace("delta_t: 1.0", "delta_t: fast", StringComparison.Ordinal));

        var text = await Epycloud.RunAsync(["validate", "--exp-id", Experiment, "--project-dir", repo], Data);
        var json = await Epycloud.RunAsync(["validate", "--exp-id", Experiment, "--project-dir", repo, "--output", "json"], Data);

        text.ExitCode.ShouldBe(ExitCodes.RunFailed, text.ToString());
        text.Output.ShouldContain($"{basemodel}:11:");
        text.Output.ShouldContain("delta_t");
        text.Output.Trim().Split('\n')[^1].ShouldStartWith($"{Experiment}: invalid: ");
        json.ExitCode.ShouldBe(ExitCodes.RunFailed, json.ToString());
        var error = JsonDocument.Parse(json.Output).RootElement.GetProperty("errors")[0];
        error.GetProperty("file").GetString().ShouldBe(basemodel);
        error.GetProperty("line").GetInt32().ShouldBe(11);
        error.GetProperty("field").GetString()!.ShouldContain("delta_t");
    }

    [Fact]
    public async Task NotAForecastRepository_OrNeitherOption_ExitsTwo_WithAHint()
    {
        using var folder = new TempFolder();

        var noRepo = await Epycloud.RunAsync(["validate", "--exp-id", Experiment, "--project-dir", folder.Path]);
        var outside = await Epycloud.RunAsync(["validate", "--path", folder.Path]);
        var neither = await Epycloud.RunAsync(["validate"]);

        noRepo.ExitCode.ShouldBe(ExitCodes.ConfigurationError, noRepo.ToString());
        noRepo.Error.ShouldContain("is not a forecast repository (no experiments/ folder)");
        outside.ExitCode.ShouldBe(ExitCodes.ConfigurationError, outside.ToString());
        outside.Error.ShouldContain("is not inside a forecast repository's experiments/ folder");
        neither.ExitCode.ShouldBe(ExitCodes.ConfigurationError, neither.ToString());
        neither.Error.ShouldContain("hint: epycloud validate --exp-id flu-example");
    }
}
