using Epy.Cli;
using Epy.Contracts.Api;

namespace Epy.Cli.Tests;

/// <summary>How <c>epycloud runs show</c> and <c>download --hub-layout</c> put the hub's verdict in words.</summary>
public sealed class RunTableSubmissionTests
{
    [Fact]
    public void SubmissionLines_Valid_IsOneLine_NamingTheFileAndTheHubConfig()
    {
        var lines = RunTable.SubmissionLines(new SubmissionView(true, [], "2025-12-20-MOBS-GLEAM.csv", "MOBS-GLEAM", "2025-12-20", "/hub/hub-config", null));

        lines.ShouldBe(["Submission: valid — 2025-12-20-MOBS-GLEAM.csv (hub config /hub/hub-config)"]);
    }

    [Fact]
    public void SubmissionLines_Invalid_CountsTheProblems_ListsTwenty_AndCountsTheRest()
    {
        var problems = Enumerable.Range(1, 23).Select(i => $"row {i}: value < 0").ToList();

        var lines = RunTable.SubmissionLines(new SubmissionView(false, problems, null, null, null, null, null)).ToList();

        lines[0].ShouldBe("Submission: INVALID, 23 problems");
        lines.Skip(1).Take(20).ShouldBe(problems.Take(20).Select(p => $"  {p}"));
        lines[^1].ShouldBe("  … and 3 more");
        lines.Count.ShouldBe(22);
    }

    [Fact]
    public void SubmissionLines_OneProblem_IsSingular()
    {
        var lines = RunTable.SubmissionLines(new SubmissionView(false, ["missing location 25"], "2025-12-20-MOBS-GLEAM.csv", "MOBS-GLEAM", "2025-12-20", null, null));

        lines.ShouldBe(["Submission: INVALID, 1 problem — 2025-12-20-MOBS-GLEAM.csv", "  missing location 25"]);
    }

    [Fact]
    public void SubmissionLines_Unreadable_SaysWhy()
    {
        var lines = RunTable.SubmissionLines(new SubmissionView(null, [], null, null, null, null, "submission_validation.json has no verdict"));

        lines.ShouldBe(["Submission: unreadable — submission_validation.json has no verdict"]);
    }
}
