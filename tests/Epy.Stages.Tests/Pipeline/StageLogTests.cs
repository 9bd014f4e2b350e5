using System.Text.Json;
using Epy.Contracts.Runs;
using Epy.Stages.Pipeline;
using Epy.Stages.Tests.EndToEnd;

namespace Epy.Stages.Tests.Pipeline;

/// <summary>The stage program's lines: JSON entries Cloud Logging can filter by run and task in Batch, plain lines locally.</summary>
public sealed class StageLogTests
{
    [Fact]
    public void InBatch_EveryLineIsAJsonEntry_WithRunExperimentStageAndTheRunsTaskIndex()
    {
        using var run = new ExampleRun();
        run.Set("EPY_JOB_ID", "stage-b-20261124-101500-a1b2c3d4-2");
        run.Stage("builder").ShouldBe(StageExitCodes.Success, run.Log.ToString());
        // A resumed Stage B job: Batch task 1 redoes the run's task 7, whose input does not exist.
        run.Set("BATCH_TASK_INDEX", "1");
        run.Set("TASK_INDEX_MAP", "0,7");

        var exit = run.Stage("runner");

        exit.ShouldNotBe(StageExitCodes.Success);
        var lines = run.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var builderLines = lines.TakeWhile(line => !line.StartsWith('{')).ToList();
        builderLines.ShouldNotBeEmpty("the builder ran locally (no BATCH_TASK_INDEX): plain lines");
        builderLines.ShouldAllBe(line => line.StartsWith("builder: "));
        var entries = lines.Skip(builderLines.Count).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var failure = entries.ShouldHaveSingleItem();
        failure.GetProperty("severity").GetString().ShouldBe("ERROR");
        failure.GetProperty("message").GetString()!.ShouldStartWith("epy-stage runner: ");
        failure.GetProperty("run_id").GetString().ShouldBe(ExampleRun.RunId);
        failure.GetProperty("exp_id").GetString().ShouldBe(ExampleRun.ExpId);
        failure.GetProperty("stage").GetString().ShouldBe("runner");
        failure.GetProperty("task_index").GetInt32().ShouldBe(7);
        failure.GetProperty("job_id").GetString().ShouldBe("stage-b-20261124-101500-a1b2c3d4-2");
        failure.GetProperty("logger").GetString().ShouldBe("epy-stage");
    }

    [Fact]
    public void WithJsonAsked_ProgressLinesAreInfoEntries_AndTheBuilderHasNoTaskIndex()
    {
        using var run = new ExampleRun();
        run.Set("EPY_LOG_FORMAT", "json");

        run.Stage("builder").ShouldBe(StageExitCodes.Success, run.Log.ToString());

        var entries = run.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        entries.ShouldNotBeEmpty();
        entries.ShouldAllBe(e => e.GetProperty("severity").GetString() == "INFO" && e.GetProperty("stage").GetString() == "builder"
            && e.GetProperty("run_id").GetString() == ExampleRun.RunId);
        entries.ShouldNotContain(e => e.EnumerateObject().Any(p => p.Name == "task_index"));
        entries.ShouldContain(e => e.GetProperty("message").GetString()!.StartsWith("builder: "));
    }

    [Fact]
    public void Locally_LinesStayPlain()
    {
        var env = new Dictionary<string, string> { ["TASK_INDEX"] = "3", ["RUN_ID"] = "20261124-101500-a1b2c3d4" };
        var log = new StringWriter();

        StageLog.Open("runner", name => env.GetValueOrDefault(name), log, TimeProvider.System).ShouldBeSameAs(log);
        StageLog.Fields("runner", name => env.GetValueOrDefault(name)).ShouldContain(new KeyValuePair<string, object?>("task_index", 3));
    }
}
