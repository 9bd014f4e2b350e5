using System.Diagnostics.Metrics;

namespace Epy.Google.Resilience;

/// <summary>
/// The Google adapters' own <see cref="Meter"/>, named <see cref="Name"/>; a host exports it by adding that
/// name (the orchestrator's telemetry does). Its one instrument counts the retries of Google Cloud calls.
/// </summary>
public static class GoogleTelemetry
{
    /// <summary>The meter's name.</summary>
    public const string Name = "Epy.Google";

    private static readonly Meter Meter = new(Name);

    /// <summary>Retries of Google Cloud calls, by <c>service</c> (Batch, Firestore, ...) and <c>retry.reason</c>.</summary>
    public static Counter<long> Retries { get; } = Meter.CreateCounter<long>("epy.retries", "{retry}", "Retries of failed calls");

    /// <summary>Counts one retry of <paramref name="service"/> for <paramref name="reason"/> (<c>http_503</c>, an exception type, <c>contention</c>).</summary>
    public static void Retried(string service, string reason) =>
        Retries.Add(1, new("service", service), new("retry.reason", reason));
}
