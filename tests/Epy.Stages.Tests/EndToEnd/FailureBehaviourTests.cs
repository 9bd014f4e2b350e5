using Epy.Contracts.Runs;
using Epy.Stages.Pipeline;

namespace Epy.Stages.Tests.EndToEnd;

/// <summary>
/// Each failure the stages can meet gives one clear bad-input line (exit code 3) and leaves nothing
/// half-done behind: no run folder after a failed build, no result after a failed task, no outputs after
/// a failed aggregation. (A bad YAML and a corrupted input are in <see cref="StagesEndToEndTests"/>.)
/// </summary>
public sealed class FailureBehaviourTests : IDisposable
{
    private readonly ExampleRun _run = new();

    public void Dispose() => _run.Dispose();

    private string RunPath(params string[] parts) => Path.Combine([_run.RunFolder, .. parts]);

    [Fact]
    public void Builder_ExperimentWithoutConfigFolder_ExitsThree_AndWritesNothing()
    {
        _run.Set("EXP_ID", "no-such-experiment");

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("no config folder for experiment 'no-such-experiment'");
        Directory.Exists(Path.Combine(_run.Artifacts, "no-such-experiment")).ShouldBeFalse();
    }

    [Fact]
    public void Builder_MissingBasemodel_ExitsThree_AndWritesNothing()
    {
        File.Delete(Path.Combine(_run.Repo, "experiments", ExampleRun.ExpId, "config", "basemodel.yml"));

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("no basemodel");
        Directory.Exists(_run.RunFolder).ShouldBeFalse();
    }

    [Fact]
    public void Builder_SecondComparison_ExitsThree_NamingFileAndLine_AndWritesNothing()
    {
        _run.EditConfig("modelset.yml", text => text.Replace(
            "    fitting_window:",
            "      - observed_date_column: target_end_date\n        observed_value_column: hospitalizations\n        simulation: [Home_sev_to_Hosp_total]\n\n    fitting_window:",
            StringComparison.Ordinal));

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldMatch(@"modelset\.yml:\d+:\d+");
        _run.Log.ToString().ShouldContain("comparison[1]");
        _run.Log.ToString().ShouldContain("only one comparison is supported");
        Directory.Exists(_run.RunFolder).ShouldBeFalse();
    }

    [Fact]
    public void Builder_ConfigThatIsNotUtf8_ExitsThree_AndWritesNothing()
    {
        var path = Path.Combine(_run.Repo, "experiments", ExampleRun.ExpId, "config", "output.yaml");
        File.WriteAllBytes(path, [.. File.ReadAllBytes(path), .. "\n# caf"u8.ToArray(), 0xE9, (byte)'\n']);

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("output.yaml is not UTF-8 text");
        Directory.Exists(_run.RunFolder).ShouldBeFalse();
    }

    [Fact]
    public void Runner_HalfWrittenInput_ExitsThree_AndWritesNoResult()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        var input = RunPath("builder-artifacts", "input_00000.json.gz");
        var bytes = File.ReadAllBytes(input);
        File.WriteAllBytes(input, bytes[..(bytes.Length / 2)]);

        _run.Stage("runner", 0).ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("input_00000.json.gz is corrupted");
        Directory.Exists(RunPath("runner-artifacts")).ShouldBeFalse();
        File.Exists(RunPath("summaries", "runner_00000.txt")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("false")]
    [InlineData("true")]
    public void Output_HalfWrittenResult_ExitsThree_NamingIt_AndWritesNoOutputs(string allowPartial)
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        _run.Stage("runner", 0).ShouldBe(0, _run.Log.ToString());
        var result = RunPath("runner-artifacts", "result_00000.json.gz");
        var bytes = File.ReadAllBytes(result);
        File.WriteAllBytes(result, bytes[..(bytes.Length / 2)]);
        _run.Set("ALLOW_PARTIAL_RESULTS", allowPartial);

        _run.Stage("output").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("no task result could be read");
        _run.Log.ToString().ShouldContain("result_00000.json.gz is corrupted");
        Directory.Exists(RunPath("outputs")).ShouldBeFalse();
        File.Exists(RunPath("run_metadata.json")).ShouldBeFalse();
    }

    [Fact]
    public void Output_MissingOutputConfigFile_ExitsThree_AndWritesNoOutputs()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        _run.Stage("runner", 0).ShouldBe(0, _run.Log.ToString());
        _run.Set("OUTPUT_CONFIG_FILE", "no-such-output.yaml");

        _run.Stage("output").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("OUTPUT_CONFIG_FILE: no-such-output.yaml");
        Directory.Exists(RunPath("outputs")).ShouldBeFalse();
    }
}
