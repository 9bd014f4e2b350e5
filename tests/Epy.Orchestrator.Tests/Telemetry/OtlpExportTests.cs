using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Epy.Orchestrator.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Tests.Telemetry;

/// <summary>With OTEL_EXPORTER_OTLP_ENDPOINT set, the service sends its traces and metrics there (OTLP over HTTP, protobuf).</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task WithAnOtlpEndpoint_TracesAndMetricsArriveAsProtobufPosts()
    {
        var received = new ConcurrentQueue<(string Path, string? ContentType, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((request.Path.Value!, request.ContentType, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Urls.Single(),
            ["OTEL_SERVICE_NAME"] = "epy-otlp-test",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "300",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });

        using var start = await service.Client.PostAsync("/v1/runs",
            new StringContent($$"""{"exp_id": "{{ForecastRepo.Experiment}}"}""", Encoding.UTF8, "application/json"));
        start.StatusCode.ShouldBe(HttpStatusCode.Created);
        var runId = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement.GetProperty("run_id").GetString()!;

        bool Arrived(string path, string text) => received.Any(r => r.Path == path && Contains(r.Body, text));
        await Wait.UntilAsync(() => Arrived("/v1/traces", "handle RunRequested") && Arrived("/v1/traces", runId)
                && Arrived("/v1/traces", "epy-otlp-test") && Arrived("/v1/metrics", "epy.runs.finished"),
            TimeSpan.FromSeconds(30), () => $"received only: {string.Join(", ", received.Select(r => $"{r.Path} {r.Body.Length} B"))}\nthe service wrote:\n{string.Join('\n', service.Lines)}");
        received.ShouldAllBe(r => r.ContentType == "application/x-protobuf");
        received.Select(r => r.Path).Distinct().Order().ShouldBe(["/v1/metrics", "/v1/traces"]);
        Arrived("/v1/traces", "POST /v1/runs").ShouldBeTrue("the request's server span is exported too");
        // Locally the console stays readable: no JSON unless asked.
        service.Lines.ShouldNotContain(line => line.StartsWith('{'));
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
