using Epy.Contracts.Logging;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Handling;

namespace Epy.Deployment.Tests.Terraform;

/// <summary>Dashboards and alerts, and the log lines their metrics read.</summary>
public sealed class MonitoringTests
{
    private static readonly TerraformConfig Tf = TerraformConfig.Current;

    [Fact]
    public void RunMetrics_ReadTheLogOfTheClassThatMovesRuns()
    {
        var filter = Hcl.Text(Tf.Locals["orchestrator_logs"])!;

        filter.ShouldContain($"jsonPayload.logger=\\\"{typeof(RunEventProcessor).FullName}\\\"");
        Tf.Resource("google_logging_metric", "run_failures").Text("filter")!.ShouldContain($"-> {RunStatus.Failed},");
        Hcl.Text(Tf.LocalObject("orchestrator_env")["EPY_LOG_FORMAT"]).ShouldBe(LogFormat.Json.ToString().ToLowerInvariant());
    }

    [Fact]
    public void Dashboards_ShowRunsStagesTasksLatencyAndErrors()
    {
        var dashboards = string.Join("\n", Tf.OfType("google_monitoring_dashboard").Select(d => d.Text("dashboard_json")));

        foreach (var title in new[] { "Runs by state", "task duration", "tasks finished", "request latency", "response class", "Dead-lettered" })
            dashboards.ShouldContain(title, Case.Insensitive);
    }

    [Fact]
    public void Alerts_CoverFailedRuns_DeadLetters_AndServerErrors()
    {
        var alerts = Tf.OfType("google_monitoring_alert_policy").ToList();
        var filters = alerts.Select(alert => Hcl.Text(Hcl.Block(alert.Block("conditions"), "condition_threshold")["filter"])!).ToList();

        filters.ShouldContain(filter => filter.Contains("google_logging_metric.run_failures.name", StringComparison.Ordinal));
        filters.ShouldContain(filter => filter.Contains("num_undelivered_messages", StringComparison.Ordinal) && filter.Contains("google_pubsub_subscription.batch_events_dead_letter.name", StringComparison.Ordinal));
        filters.ShouldContain(filter => filter.Contains("request_count", StringComparison.Ordinal) && filter.Contains("5xx", StringComparison.Ordinal));
        alerts.ShouldAllBe(alert => alert.Text("notification_channels") == "${var.alert_notification_channels}");
    }
}
