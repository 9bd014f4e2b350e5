using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Telemetry;

/// <summary>The service's console as Cloud Run's log agent reads it: one JSON entry per line, tied to the request's trace.</summary>
public sealed class ServiceLogsTests
{
    [Fact]
    public async Task JsonLogs_AreOneEntryPerLine_AndTheRequestsLinesCarryItsTraceAndTheRun()
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            ["EPY_LOG_FORMAT"] = "json",
            ["GOOGLE_CLOUD_PROJECT"] = "epy-test",
            // ASP.NET Core's request lines are off by default (Warning); the setting turns them back on.
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information",
        });
        var trace = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/runs")
        {
            Content = new StringContent($$"""{"exp_id": "{{ForecastRepo.Experiment}}"}""", Encoding.UTF8, "application/json"),
        };
        // What Cloud Run's front end sends with every request.
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await service.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var runId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("run_id").GetString()!;
        await Wait.UntilAsync(() => service.Lines.Any(line => line.Contains("moved Aggregating -> Succeeded", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), () => $"the run never finished; the service wrote:\n{string.Join('\n', service.Lines)}");
        var entries = service.Lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        entries.ShouldAllBe(e => e.GetProperty("message").ValueKind == JsonValueKind.String
            && new[] { "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL" }.Contains(e.GetProperty("severity").GetString()));
        var inRequest = entries.Where(e => e.TryGetProperty("logging.googleapis.com/trace", out var t) && t.GetString() == $"projects/epy-test/traces/{trace}").ToList();
        inRequest.ShouldContain(e => e.GetProperty("message").GetString()!.StartsWith("Request starting HTTP/1.1 POST", StringComparison.Ordinal));
        var accepted = inRequest.Where(e => e.GetProperty("message").GetString()!.Contains("accepted from", StringComparison.Ordinal))
            .ShouldHaveSingleItem($"the lines of the request's trace:\n{string.Join('\n', inRequest)}\nall lines:\n{string.Join('\n', service.Lines)}");
        accepted.GetProperty("severity").GetString().ShouldBe("INFO");
        accepted.GetProperty("logging.googleapis.com/spanId").GetString()!.Length.ShouldBe(16);
        accepted.GetProperty("logging.googleapis.com/trace_sampled").GetBoolean().ShouldBeTrue();
        accepted.GetProperty("run_id").GetString().ShouldBe(runId);
        accepted.GetProperty("exp_id").GetString().ShouldBe(ForecastRepo.Experiment);
        // Started by the request, or by the start-up reconciler pass when that saw the new run first: the run is on the line either way.
        var started = entries.Single(e => e.GetProperty("message").GetString()!.Contains("RunRequested moved", StringComparison.Ordinal));
        started.GetProperty("run_id").GetString().ShouldBe(runId);
        started.GetProperty("exp_id").GetString().ShouldBe(ForecastRepo.Experiment);
        // The job events are handled outside the request, each in a trace of its own, still with the run on every line.
        var finished = entries.Single(e => e.GetProperty("message").GetString()!.Contains("moved Aggregating -> Succeeded", StringComparison.Ordinal));
        finished.GetProperty("run_id").GetString().ShouldBe(runId);
        finished.GetProperty("stage").GetString().ShouldBe("output");
        finished.GetProperty("logging.googleapis.com/trace").GetString().ShouldNotBe($"projects/epy-test/traces/{trace}");
    }

    [Fact]
    public async Task JsonLogs_ByDefault_LeaveOutAspNetCoresPerRequestLines()
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string> { ["EPY_LOG_FORMAT"] = "json" });

        using var response = await service.Client.GetAsync("/v1/runs");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        service.Lines.ShouldNotContain(line => line.Contains("Request starting", StringComparison.Ordinal) || line.Contains("Microsoft.AspNetCore.Routing", StringComparison.Ordinal));
    }
}
