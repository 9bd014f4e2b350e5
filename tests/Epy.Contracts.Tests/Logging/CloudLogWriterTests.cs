using System.Text.Json;
using Epy.Contracts.Logging;

namespace Epy.Contracts.Tests.Logging;

public sealed class CloudLogWriterTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void EveryLine_BecomesOneJsonEntry_WithTheWritersFields()
    {
        var output = new StringWriter();
        var fields = new KeyValuePair<string, object?>[] { new(LogFields.RunId, "20261124-101500-a1b2c3d4"), new(LogFields.TaskIndex, 3) };
        using var writer = new CloudLogWriter(output, new FixedTime(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero)), "epy-stage", fields);

        writer.WriteLine("runner: task 3 done");
        writer.Write("partial ");
        writer.Write("line\r\nnext");
        writer.Flush();
        writer.WriteEntry(CloudSeverity.Error, "epy-stage runner: transient failure: IOException: gone");

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(4);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        entries.Select(e => e.GetProperty("message").GetString()).ShouldBe(
            ["runner: task 3 done", "partial line", "next", "epy-stage runner: transient failure: IOException: gone"]);
        entries.Select(e => e.GetProperty("severity").GetString()).ShouldBe(["INFO", "INFO", "INFO", "ERROR"]);
        entries.ShouldAllBe(e => e.GetProperty("run_id").GetString() == "20261124-101500-a1b2c3d4" && e.GetProperty("task_index").GetInt32() == 3
            && e.GetProperty("logger").GetString() == "epy-stage" && e.GetProperty("time").GetString() == "2026-11-24T10:00:00.000000Z");
    }
}
