namespace Epy.Stages.Aggregation;

/// <summary>Whether a run can be aggregated: it succeeded, or why not.</summary>
/// <param name="Succeeded">True when the run ended well.</param>
/// <param name="Why">What the run folder says, for a message (<c>its run_record.json says FAILED</c>).</param>
public sealed record RunVerdict(bool Succeeded, string Why)
{
    /// <summary>The orchestrator's word for a run that ended well (<c>run_record.json</c>'s <c>state</c>).</summary>
    public const string SucceededState = "SUCCEEDED";

    /// <summary>
    /// Judges a run from its folder: the orchestrator's <c>run_record.json</c> when there is one
    /// (written at the run's end from the run store, SQLite or Firestore, and replaced after a resume),
    /// else the output stage's <c>run_metadata.json</c> (a run of the stage program without the orchestrator,
    /// or one whose record is not written yet).
    /// </summary>
    /// <param name="runRecord">The bytes of <c>run_record.json</c>, or null when there is none.</param>
    /// <param name="hasRunMetadata">Whether <c>run_metadata.json</c> exists.</param>
    public static RunVerdict Judge(byte[]? runRecord, bool hasRunMetadata)
    {
        if (runRecord is null)
        {
            return hasRunMetadata
                ? new RunVerdict(true, "its output stage finished (run_metadata.json)")
                : new RunVerdict(false, "it is unfinished or failed (neither run_record.json nor run_metadata.json)");
        }
        var state = State(runRecord);
        return state == SucceededState
            ? new RunVerdict(true, $"its run_record.json says {SucceededState}")
            : new RunVerdict(false, state is null ? "its run_record.json is unreadable" : $"its run_record.json says {state}");
    }

    private static string? State(byte[] json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("state", out var state) && state.ValueKind == System.Text.Json.JsonValueKind.String
                ? state.GetString()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
