using System.Diagnostics;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Handling;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Telemetry;
using Epy.Orchestrator.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Epy.Orchestrator.Tests.Telemetry;

/// <summary>A run through the real local pipeline (HTTP API, SQLite, child processes of the fake stage) seen through its spans and metrics.</summary>
[Collection(nameof(TelemetryTestsAlone))]
public sealed class RunTelemetryTests
{
    [Fact]
    public async Task ARun_IsTracedFromTheRequestThroughEveryEvent_AndCountedInTheMetrics()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2).Holding(0));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        await server.WaitForAsync(run.RunId, r => r.State == "RUNNING_TASKS" && r.Jobs.Any(j => j.Stage == "runner" && j.State == "RUNNING"), "ran its tasks");
        // Pub/Sub delivers twice now and then: the same report of the running job, twice.
        var id = RunId.Parse(run.RunId);
        var active = (await server.Services.GetRequiredService<IRunStore>().GetAsync(id, default))!.State.ActiveJob!;
        var processor = server.Services.GetRequiredService<RunEventProcessor>();
        var repeat = new JobStateChanged("redelivered-1", active.Id, active.State!.Value, active.Counts);
        (await processor.HandleAsync(id, repeat, default)).Decision!.Outcome.ShouldBe(Core.Machine.Outcome.Ignored);
        await processor.HandleAsync(id, repeat, default);
        server.Fake!.Release(0);
        await server.WaitForEndAsync(run.RunId, "SUCCEEDED");
        // The API shows the commit; the event's span ends once its commands are carried out too.
        await Wait.UntilAsync(() => telemetry.SpansOf(run.RunId).Any(s => s.Events.Any(e => e.Tags.Any(t => t.Key == OrchestratorTelemetry.RunState && (string?)t.Value == "SUCCEEDED"))),
            TimeSpan.FromSeconds(10), () => "the span of the last event never ended");

        var spans = telemetry.SpansOf(run.RunId);
        var handled = spans.Where(s => s.DisplayName.StartsWith("handle ", StringComparison.Ordinal)).ToList();
        handled.ShouldContain(s => s.DisplayName == "handle RunRequested");
        handled.ShouldContain(s => s.DisplayName == "handle JobStateChanged");
        handled.ShouldContain(s => s.DisplayName == "handle InputsCounted");
        handled.ShouldAllBe(s => (string?)s.GetTagItem(OrchestratorTelemetry.ExpId) == ForecastRepo.Experiment
            && s.GetTagItem(OrchestratorTelemetry.EventType) != null && s.GetTagItem(OrchestratorTelemetry.Outcome) != null);
        var transitions = handled.SelectMany(s => s.Events).Where(e => e.Name == OrchestratorTelemetry.TransitionEvent)
            .Select(e => e.Tags.First(t => t.Key == OrchestratorTelemetry.RunState).Value as string).ToHashSet();
        new[] { "BUILDING_INPUTS", "RUNNING_TASKS", "AGGREGATING", "SUCCEEDED" }.ShouldBeSubsetOf(transitions);
        spans.Where(s => s.DisplayName == "command SubmitJob").Select(s => ((string)s.GetTagItem(OrchestratorTelemetry.JobId)!)[..7]).Order()
            .ShouldBe(["stage-a", "stage-b", "stage-c"]);
        spans.ShouldContain(s => s.DisplayName == "command CountInputs");

        // The request's server span is the parent of the first event's span: one trace from HTTP in to the submit.
        var requested = handled.Single(s => s.DisplayName == "handle RunRequested");
        var request = telemetry.Spans().Single(s => s.Kind == ActivityKind.Server && s.SpanId == requested.ParentSpanId);
        request.DisplayName.ShouldBe("POST /v1/runs");
        spans.Single(s => s.DisplayName == "command SubmitJob" && ((string)s.GetTagItem(OrchestratorTelemetry.JobId)!).StartsWith("stage-a", StringComparison.Ordinal))
            .TraceId.ShouldBe(request.TraceId);

        var exp = (OrchestratorTelemetry.ExpId, ForecastRepo.Experiment);
        var points = string.Join("\n", telemetry.Points());
        telemetry.Total("epy.runs.started", exp).ShouldBe(1, points);
        telemetry.Total("epy.runs.finished", exp, (OrchestratorTelemetry.RunState, "SUCCEEDED")).ShouldBe(1, points);
        foreach (var stage in new[] { "builder", "runner", "output" })
        {
            telemetry.Total("epy.stage.duration", exp, ("stage", stage), (OrchestratorTelemetry.JobState, "SUCCEEDED")).ShouldBe(1, points);
            telemetry.Total("epy.job.queue_time", exp, ("stage", stage)).ShouldBe(1, points);
            telemetry.Total("epy.job.run_time", exp, ("stage", stage)).ShouldBe(1, points);
        }
        telemetry.Total("epy.event.lag", ("event.source", "local")).ShouldBeGreaterThanOrEqualTo(3, points);
        telemetry.Total("epy.events.duplicates", (OrchestratorTelemetry.EventType, "JobStateChanged")).ShouldBe(2, points);
        telemetry.Total("epy.events.handled", (OrchestratorTelemetry.Outcome, "applied")).ShouldBeGreaterThanOrEqualTo(8, points);
    }

    [Fact]
    public async Task AReconcilerPass_IsASpan_AndWhatItHealsIsCounted()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1).Sleeping(60));
        // 0.0005 h = 1.8 s: the deadline passes while the task sleeps, and only a reconciler pass notices.
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, DeadlineHours: 0.0005));
        await Wait.UntilAsync(() => TimeProvider.System.GetUtcNow() > run.Deadline!.Value.AddMilliseconds(100), TimeSpan.FromSeconds(10), () => "the deadline never passed");

        using var response = await server.Client.PostAsync("/v1/reconcile", null);

        response.EnsureSuccessStatusCode();
        await server.WaitForEndAsync(run.RunId, "FAILED", seconds: 10);
        await Wait.UntilAsync(() => telemetry.SpansOf(run.RunId).Any(s => s.DisplayName == "handle DeadlinePassed"), TimeSpan.FromSeconds(10),
            () => "the deadline's span never ended");
        var points = string.Join("\n", telemetry.Points());
        telemetry.Total("epy.reconciler.heals", ("heal.kind", "deadline")).ShouldBeGreaterThanOrEqualTo(1, points);
        telemetry.Total("epy.runs.finished", (OrchestratorTelemetry.ExpId, ForecastRepo.Experiment), (OrchestratorTelemetry.RunState, "FAILED")).ShouldBe(1, points);
        var healing = telemetry.Spans().Where(s => s.DisplayName == "reconcile" && (int)s.GetTagItem("reconcile.healed")! >= 1).Select(s => s.SpanId).ToList();
        healing.ShouldNotBeEmpty();
        telemetry.SpansOf(run.RunId).ShouldContain(s => s.DisplayName == "handle DeadlinePassed" && healing.Contains(s.ParentSpanId));
    }
}
