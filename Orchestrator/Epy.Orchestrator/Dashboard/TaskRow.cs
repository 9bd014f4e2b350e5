namespace Epy.Orchestrator.Dashboard;

/// <summary>One Stage B task as the run pages list it.</summary>
/// <param name="Index">Its index in the run.</param>
/// <param name="JobId">The runner job of its latest attempt (whose logs hold its lines); null before any.</param>
/// <param name="Label">Its location (with its sample row) from the builder's manifest; empty when unknown.</param>
/// <param name="State">PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED, or UNKNOWN when the mode keeps no record of it.</param>
/// <param name="Duration">How long its latest attempt ran (so far); null when unknown.</param>
/// <param name="Attempts">How many times it was started; null when unknown.</param>
/// <param name="ExitCode">Its last exit code; null when it has none or it is unknown.</param>
public sealed record TaskRow(int Index, string? JobId, string Label, string State, TimeSpan? Duration, int? Attempts, int? ExitCode)
{
    /// <summary>Failed first, then running, then the rest, each by index: what needs looking at comes first.</summary>
    public int Urgency => State switch { "FAILED" => 0, "RUNNING" => 1, _ => 2 };
}
