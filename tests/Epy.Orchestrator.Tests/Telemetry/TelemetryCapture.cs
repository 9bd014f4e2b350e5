using System.Diagnostics;
using Epy.Orchestrator.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Epy.Orchestrator.Tests.Telemetry;

/// <summary>
/// OpenTelemetry's in-memory exporters on the orchestrator's source and meter (and ASP.NET Core's and
/// HttpClient's spans), for the whole process while it lives.
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;

    public TelemetryCapture()
    {
        _tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource(OrchestratorTelemetry.Name)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddInMemoryExporter(_spans)
            .Build()!;
        _meter = Sdk.CreateMeterProviderBuilder()
            .AddMeter(OrchestratorTelemetry.Name)
            .AddInMemoryExporter(_metrics)
            .Build()!;
    }

    /// <summary>The spans finished so far.</summary>
    public IReadOnlyList<Activity> Spans()
    {
        lock (_spans)
            return [.. _spans];
    }

    /// <summary>The spans of run <paramref name="runId"/>.</summary>
    public IReadOnlyList<Activity> SpansOf(string runId) =>
        [.. Spans().Where(span => span.GetTagItem(OrchestratorTelemetry.RunId) as string == runId)];

    /// <summary>Every metric point collected now: name, attributes, sum (counters) or count (histograms).</summary>
    public IReadOnlyList<Point> Points()
    {
        _meter.ForceFlush();
        var points = new List<Point>();
        lock (_metrics)
        {
            // Cumulative: the newest snapshot of each metric holds everything since the start.
            foreach (var metric in _metrics.GroupBy(m => m.Name).Select(g => g.Last()))
            {
                foreach (var point in metric.MetricPoints)
                {
                    var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var tag in point.Tags)
                        tags[tag.Key] = tag.Value;
                    var value = metric.MetricType switch
                    {
                        MetricType.LongSum => point.GetSumLong(),
                        MetricType.Histogram => point.GetHistogramCount(),
                        _ => 0,
                    };
                    points.Add(new Point(metric.Name, tags, value));
                }
            }
        }
        return points;
    }

    /// <summary>The total of metric <paramref name="name"/> over the points whose attributes include <paramref name="tags"/>.</summary>
    public long Total(string name, params (string Key, string Value)[] tags) =>
        Points().Where(p => p.Name == name && tags.All(t => Equals(p.Tags.GetValueOrDefault(t.Key), t.Value))).Sum(p => p.Value);

    public void Dispose()
    {
        _tracer.Dispose();
        _meter.Dispose();
    }

    public sealed record Point(string Name, IReadOnlyDictionary<string, object?> Tags, long Value)
    {
        public override string ToString() => $"{Name} {{{string.Join(", ", Tags.Select(t => $"{t.Key}={t.Value}"))}}} = {Value}";
    }
}
