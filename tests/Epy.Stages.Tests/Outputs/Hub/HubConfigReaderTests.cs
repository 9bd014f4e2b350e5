using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Tests.Outputs.Hub;

public sealed class HubConfigReaderTests
{
    private const string Tasks = """
        {"rounds": [{"round_id_from_variable": false, "round_id": "2025-01-04", "model_tasks": [{
          "task_ids": {"target": {"required": ["cases"], "optional": null}, "horizon": {"required": null, "optional": [1, 2]}},
          "output_type": {"mean": {"output_type_id": {"required": null, "optional": ["NA"]}, "value": {"type": "integer", "minimum": 0}}}
        }]}]}
        """;

    [Fact]
    public void Parse_WithoutValidationsOrAdmin_HasNoOptionalChecks_AndFixedRoundIds()
    {
        var config = HubConfigReader.Parse(Tasks);

        config.Checks.ShouldBe(HubConfigChecks.None);
        config.FileFormats.ShouldBeEmpty();
        config.RoundIds.ShouldBe(["2025-01-04"]);
        var task = config.Rounds[0].ModelTasks[0];
        task.TaskId("target")!.Required.ShouldBe(["cases"]);
        task.TaskId("horizon")!.Numeric.ShouldBeTrue();
        task.TaskId("horizon")!.Allows("2.0").ShouldBeTrue();
        task.OutputType("mean")!.IsRequired.ShouldBeFalse();
        task.OutputType("mean")!.Value.Problem(1.5).ShouldBe("is not an integer (integer)");
    }

    [Fact]
    public void Parse_NotJson_OrWithoutRounds_IsAFormatException()
    {
        Should.Throw<FormatException>(() => HubConfigReader.Parse("{"));
        Should.Throw<FormatException>(() => HubConfigReader.Parse("{}")).Message.ShouldBe("tasks.json has no 'rounds' list");
    }

    [Fact]
    public void ARequiredTarget_NotSubmitted_AndAFixedRound_AreChecked()
    {
        var config = HubConfigReader.Parse(Tasks);
        var table = SubmissionTable.Parse("target,horizon,output_type,output_type_id,value\ndeaths,1,mean,NA,3\n");

        var problems = SubmissionValidator.Validate(config, table).Select(p => p.ToString()).ToList();

        problems.ShouldBe(["line 2: unknown target 'deaths' [tbl_values]", "'cases', target cases: required, but no rows [missing_req_vals]"]);
    }

    [Fact]
    public void SubmissionTable_RefusesRaggedRows_AndUnclosedQuotes()
    {
        Should.Throw<FormatException>(() => SubmissionTable.Parse("a,b\n1\n")).Message.ShouldBe("line 2: 1 cells, the header has 2");
        Should.Throw<FormatException>(() => SubmissionTable.Parse("a,b\n\"1,2\n"));
        SubmissionTable.Parse("a,b\r\n\"x,y\",NA\r\n").Rows[0].Cells.ShouldBe(["x,y", "NA"]);
    }
}
