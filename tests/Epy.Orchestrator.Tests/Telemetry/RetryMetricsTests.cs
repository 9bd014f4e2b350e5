using System.Diagnostics.Metrics;
using System.Net;
using Epy.Google.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Epy.Orchestrator.Tests.Telemetry;

public sealed class RetryMetricsTests
{
    [Fact]
    public async Task CloudResilience_CountsEachRetry_WithTheServiceAndTheAnswer()
    {
        var service = $"test-service-{Guid.NewGuid():N}";
        var retries = new List<(long Value, string? Reason)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == GoogleTelemetry.Name && instrument.Name == "epy.retries")
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var tagList = tags.ToArray();
            if (tagList.Any(t => t.Key == "service" && (string?)t.Value == service))
                lock (retries)
                    retries.Add((value, tagList.First(t => t.Key == "retry.reason").Value as string));
        });
        listener.Start();
        var pipeline = CloudResilience.Http(new CloudResilienceOptions(service) { BaseDelay = TimeSpan.Zero, MaxRetries = 3 }, TimeProvider.System);
        var answers = new Queue<HttpStatusCode>([HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests, HttpStatusCode.OK]);

        using var response = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage(answers.Dequeue())));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        retries.ShouldBe([(1L, "http_503"), (1L, "http_429")]);
    }
}
