using System.Diagnostics;
using System.Text.Json;
using Epy.Contracts.Logging;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Epy.Orchestrator.Tests.Telemetry;

public sealed class EpyConsoleFormatterTests
{
    private static readonly RunId Run = RunId.Parse("20261124-101500-a1b2c3d4");

    private sealed class Options(EpyConsoleFormatterOptions value) : IOptionsMonitor<EpyConsoleFormatterOptions>
    {
        public EpyConsoleFormatterOptions CurrentValue => value;

        public EpyConsoleFormatterOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<EpyConsoleFormatterOptions, string?> listener) => null;
    }

    [Fact]
    public void Json_InsideASpanAndRunScopes_CarriesSeverityTraceAndTheRunsFields()
    {
        using var source = new ActivitySource("test.formatter");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "test.formatter",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var span = source.StartActivity("request")!;
        var scopes = new LoggerExternalScopeProvider();
        using var outer = scopes.Push(new LogScopeFields([new(LogFields.RunId, Run.Value), new(LogFields.ExpId, "flu")]));
        using var inner = scopes.Push(new LogScopeFields([new(LogFields.Stage, "runner"), new(LogFields.TaskIndex, 4)]));

        var root = JsonDocument.Parse(Write(LogFormat.Json, LogLevel.Warning, "task 4 failed", scopes)).RootElement;

        root.GetProperty("severity").GetString().ShouldBe("WARNING");
        root.GetProperty("message").GetString().ShouldBe("task 4 failed");
        root.GetProperty("logging.googleapis.com/trace").GetString().ShouldBe($"projects/epy-test/traces/{span.TraceId.ToHexString()}");
        root.GetProperty("logging.googleapis.com/spanId").GetString().ShouldBe(span.SpanId.ToHexString());
        root.GetProperty("logging.googleapis.com/trace_sampled").GetBoolean().ShouldBeTrue();
        root.GetProperty("run_id").GetString().ShouldBe(Run.Value);
        root.GetProperty("exp_id").GetString().ShouldBe("flu");
        root.GetProperty("stage").GetString().ShouldBe("runner");
        root.GetProperty("task_index").GetInt32().ShouldBe(4);
        root.GetProperty("logger").GetString().ShouldBe("Epy.Orchestrator.Local.LocalJobRunner");
        root.GetProperty("time").GetString().ShouldBe("2026-11-24T10:15:02.000000Z");
    }

    [Fact]
    public void Json_OutsideAScope_TakesTheRunFromTheMessageArguments_AndHasNoTrace()
    {
        var state = new List<KeyValuePair<string, object?>> { new("Run", Run), new("{OriginalFormat}", "run {Run}: stuck") };

        var line = Write(LogFormat.Json, LogLevel.Error, "run 20261124-101500-a1b2c3d4: stuck", null, state);

        var root = JsonDocument.Parse(line).RootElement;
        root.GetProperty("severity").GetString().ShouldBe("ERROR");
        root.GetProperty("run_id").GetString().ShouldBe(Run.Value);
        root.TryGetProperty("logging.googleapis.com/trace", out _).ShouldBeFalse();
    }

    [Fact]
    public void Text_IsOneReadableLine_WithTheFieldsTheMessageDoesNotName()
    {
        var scopes = new LoggerExternalScopeProvider();
        using var scope = scopes.Push(new LogScopeFields([new(LogFields.RunId, Run.Value), new(LogFields.ExpId, "flu"), new(LogFields.TaskIndex, 4)]));

        var line = Write(LogFormat.Text, LogLevel.Information, $"run {Run}: moved", scopes);

        line.ShouldBe($"10:15:02.000 INFO  LocalJobRunner: run {Run}: moved [exp_id=flu task_index=4]{Environment.NewLine}");
    }

    [Theory]
    [InlineData(LogLevel.Trace, "DEBUG")]
    [InlineData(LogLevel.Debug, "DEBUG")]
    [InlineData(LogLevel.Information, "INFO")]
    [InlineData(LogLevel.Warning, "WARNING")]
    [InlineData(LogLevel.Error, "ERROR")]
    [InlineData(LogLevel.Critical, "CRITICAL")]
    public void Severity_IsCloudLoggingsName(LogLevel level, string severity) => EpyConsoleFormatter.Severity(level).ShouldBe(severity);

    private static string Write(LogFormat format, LogLevel level, string message, IExternalScopeProvider? scopes, IReadOnlyList<KeyValuePair<string, object?>>? state = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 15, 2, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        using var formatter = new EpyConsoleFormatter(new Options(new EpyConsoleFormatterOptions { Format = format, Project = "epy-test" }), time);
        var output = new StringWriter();
        var entry = new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(level, "Epy.Orchestrator.Local.LocalJobRunner", new EventId(1), state ?? [], null, (_, _) => message);
        formatter.Write(entry, scopes, output);
        return output.ToString();
    }
}
