namespace Epy.Orchestrator.Tests.Telemetry;

/// <summary>
/// Tests that listen to every span and measurement of the process run alone, after the others: the
/// orchestrator's source and meter are process-wide, and another test's run must not count here.
/// </summary>
[CollectionDefinition(nameof(TelemetryTestsAlone), DisableParallelization = true)]
public sealed class TelemetryTestsAlone;
