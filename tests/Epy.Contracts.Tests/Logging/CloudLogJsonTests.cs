using System.Text.Json;
using Epy.Contracts.Logging;

namespace Epy.Contracts.Tests.Logging;

public sealed class CloudLogJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 15, 2, 114, TimeSpan.Zero);

    [Fact]
    public void Line_WithTraceAndProject_WritesTheFieldsCloudLoggingCorrelates()
    {
        var entry = new CloudLogEntry(At, CloudSeverity.Warning, "job stage-b-x-1 failed: \"quota\" <exceeded>")
        {
            Logger = "Epy.Orchestrator.Handling.RunEventProcessor",
            TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
            SpanId = "00f067aa0ba902b7",
            TraceSampled = true,
            Project = "epy-prod",
            Fields = [new(LogFields.RunId, "20261124-101500-a1b2c3d4"), new(LogFields.ExpId, "flu"), new(LogFields.Stage, "runner"), new(LogFields.TaskIndex, 7)],
        };

        var line = CloudLogJson.Line(entry);

        line.ShouldNotContain("\n");
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        root.GetProperty("severity").GetString().ShouldBe("WARNING");
        root.GetProperty("message").GetString().ShouldBe("job stage-b-x-1 failed: \"quota\" <exceeded>");
        root.GetProperty("time").GetString().ShouldBe("2026-11-24T10:15:02.114000Z");
        root.GetProperty("logging.googleapis.com/trace").GetString().ShouldBe("projects/epy-prod/traces/4bf92f3577b34da6a3ce929d0e0e4736");
        root.GetProperty("logging.googleapis.com/spanId").GetString().ShouldBe("00f067aa0ba902b7");
        root.GetProperty("logging.googleapis.com/trace_sampled").GetBoolean().ShouldBeTrue();
        root.GetProperty("run_id").GetString().ShouldBe("20261124-101500-a1b2c3d4");
        root.GetProperty("exp_id").GetString().ShouldBe("flu");
        root.GetProperty("stage").GetString().ShouldBe("runner");
        root.GetProperty("task_index").GetInt32().ShouldBe(7);
        root.GetProperty("logger").GetString().ShouldBe("Epy.Orchestrator.Handling.RunEventProcessor");
    }

    [Fact]
    public void Line_WithoutProjectOrTrace_LeavesTheTraceFieldOut()
    {
        var noProject = JsonDocument.Parse(CloudLogJson.Line(new CloudLogEntry(At, CloudSeverity.Info, "m") { TraceId = "4bf92f3577b34da6a3ce929d0e0e4736", SpanId = "00f067aa0ba902b7" })).RootElement;
        var noTrace = JsonDocument.Parse(CloudLogJson.Line(new CloudLogEntry(At, CloudSeverity.Info, "m") { Project = "p" })).RootElement;

        noProject.TryGetProperty("logging.googleapis.com/trace", out _).ShouldBeFalse();
        noProject.GetProperty("logging.googleapis.com/spanId").GetString().ShouldBe("00f067aa0ba902b7");
        noProject.GetProperty("logging.googleapis.com/trace_sampled").GetBoolean().ShouldBeFalse();
        noTrace.EnumerateObject().Select(p => p.Name).ShouldBe(["severity", "message", "time"]);
    }

    [Fact]
    public void Line_FieldsNeverOverrideTheReservedOnes_AndTheFirstOfANameWins()
    {
        var entry = new CloudLogEntry(At, CloudSeverity.Error, "real") with
        {
            Fields = [new("severity", "DEBUG"), new("message", "fake"), new(LogFields.RunId, "first"), new(LogFields.RunId, "second"), new("ok", true), new("n", 2.5)],
            Exception = "System.IO.IOException: disk\n   at X.Y()",
        };

        var root = JsonDocument.Parse(CloudLogJson.Line(entry)).RootElement;

        root.GetProperty("severity").GetString().ShouldBe("ERROR");
        root.GetProperty("message").GetString().ShouldBe("real");
        root.GetProperty("run_id").GetString().ShouldBe("first");
        root.GetProperty("ok").GetBoolean().ShouldBeTrue();
        root.GetProperty("n").GetDouble().ShouldBe(2.5);
        root.GetProperty("stack_trace").GetString()!.ShouldStartWith("System.IO.IOException: disk");
        root.EnumerateObject().Count(p => p.Name == "run_id").ShouldBe(1);
    }
}
