using Epy.Cli;
using Epy.Cli.Logs;
using Epy.Cli.Storage;
using Epy.Cli.Tools;
using Epy.Cli.Validation;
using Epy.Contracts.Runs;

namespace Epy.Cli.Tests;

/// <summary>The pure pieces of the CLI's commands: globs, durations, the Cloud Logging filter, shell quoting, experiment folders.</summary>
public sealed class CliArgumentTests
{
    [Theory]
    [InlineData("flu-*", "flu-example", true)]
    [InlineData("flu-*", "covid/flu-x", false)]
    [InlineData("*", "covid/weekly", false)]
    [InlineData("**", "covid/weekly", true)]
    [InlineData("covid/*", "covid/weekly", true)]
    [InlineData("outputs/*.csv.gz", "outputs/quantiles.csv.gz", true)]
    [InlineData("outputs/*.csv.gz", "outputs/sub/quantiles.csv.gz", false)]
    [InlineData("run_metadata.json", "run_metadataXjson", false)]
    [InlineData("flu-202?", "flu-2024", true)]
    public void Glob_StarStaysInASegment_DoubleStarCrosses(string pattern, string name, bool matches) =>
        new GlobPattern(pattern).IsMatch(name).ShouldBe(matches);

    [Theory]
    [InlineData("covid/w*", "covid/")]
    [InlineData("flu-*", "")]
    [InlineData("a/b/c", "a/b/")]
    public void Glob_LiteralFolder_IsWhereEveryMatchStarts(string pattern, string folder) =>
        new GlobPattern(pattern).LiteralFolder.ShouldBe(folder);

    [Fact]
    public void Since_TakesDurationsBackFromNow_OrATime_AndRefusesTheRest()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

        LogArguments.Since("90s", now).ShouldBe(now.AddSeconds(-90));
        LogArguments.Since("2h", now).ShouldBe(now.AddHours(-2));
        LogArguments.Since("1d", now).ShouldBe(now.AddDays(-1));
        LogArguments.Since("2026-11-24T10:00:00Z", now).ShouldBe(now.AddHours(-2));
        LogArguments.Since(null, now).ShouldBeNull();
        Should.Throw<CliException>(() => LogArguments.Since("last week", now)).ExitCode.ShouldBe(ExitCodes.ConfigurationError);
        LogArguments.Level("warn").ShouldBe("WARNING");
        Should.Throw<CliException>(() => LogArguments.Level("loud")).Hint!.ShouldContain("ERROR");
    }

    [Fact]
    public void CloudLoggingFilter_NamesTheTaskLogAndTheRunsLabels_AndReadsTaskIds()
    {
        var query = new LogQuery(RunId.Parse("20261124-101500-a1b2c3d4"), Stage.Output, Level: "INFO", Since: new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

        CloudLoggingFilter.Build("p", query).ShouldBe(
            "logName=\"projects/p/logs/batch_task_logs\" AND labels.run_id=\"20261124-101500-a1b2c3d4\" AND labels.stage=\"output\" AND severity>=INFO AND timestamp>=\"2026-11-24T10:00:00.0000000Z\"");
        CloudLoggingFilter.TaskIndexOf("task/stage-b-20261124-101500-a1b2c3d4-1-0a1b-group0-17/0/0").ShouldBe(17);
        CloudLoggingFilter.TaskIndexOf("something else").ShouldBeNull();
    }

    [Fact]
    public void CommandLine_QuotesOnlyWhatTheShellWouldSplit()
    {
        var invocation = new ToolInvocation("gcloud", ["builds", "submit", "--substitutions=_A=x,_B=y", "it's here", ""], new Dictionary<string, string> { ["TF_VAR_x"] = "a b" }, "/repo");

        invocation.CommandLine().ShouldBe("cd /repo && TF_VAR_x='a b' gcloud builds submit --substitutions=_A=x,_B=y 'it'\\''s here' ''");
    }

    [Fact]
    public void ExperimentLocation_FromAnExperimentFolderOrItsConfig_FindsTheRepositoryAndANestedId()
    {
        using var folder = new TempFolder();
        var config = folder.Combine("repo", "experiments", "covid", "weekly", "config");
        Directory.CreateDirectory(config);

        ExperimentLocation.FromPath(config).ShouldBe(new ExperimentLocation(folder.Combine("repo"), "covid/weekly"));
        ExperimentLocation.FromPath(Path.GetDirectoryName(config)!).ShouldBe(new ExperimentLocation(folder.Combine("repo"), "covid/weekly"));
    }
}
