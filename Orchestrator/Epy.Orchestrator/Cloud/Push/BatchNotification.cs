using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Cloud.Push;

/// <summary>
/// A Cloud Batch <c>JOB_STATE_CHANGED</c> notification read from a push message's attributes
/// (<c>Type</c>, <c>JobName</c>, <c>JobUID</c>, <c>NewJobState</c>), mapped to one of our jobs.
/// </summary>
/// <param name="MessageId">The Pub/Sub message id.</param>
/// <param name="Job">Our job (its id names the run).</param>
/// <param name="State">The job's new state.</param>
/// <param name="JobUid">Batch's unique id of the job.</param>
public sealed record BatchNotification(string MessageId, JobId Job, JobState State, string? JobUid)
{
    /// <summary>
    /// Reads <paramref name="envelope"/>: a notification, or null with the reason it is not one of ours
    /// (malformed, another type, a foreign job, an unknown state): such messages are acknowledged and logged.
    /// </summary>
    public static BatchNotification? TryRead(PushEnvelope? envelope, out string? reason)
    {
        reason = null;
        var message = envelope?.Message;
        if (message is null)
        {
            reason = "no message in the push body";
            return null;
        }
        if (string.IsNullOrWhiteSpace(message.MessageId) || message.MessageId.Length > 200)
        {
            reason = "the message has no usable messageId";
            return null;
        }
        var attributes = message.Attributes ?? new Dictionary<string, string>();
        if (!attributes.TryGetValue("Type", out var type) || type != "JOB_STATE_CHANGED")
        {
            reason = $"not a JOB_STATE_CHANGED notification (Type '{(type is null ? "<none>" : Clip(type))}')";
            return null;
        }
        if (!attributes.TryGetValue("JobName", out var name) || !JobId.TryParse(name, out var job))
        {
            reason = $"JobName '{Clip(name ?? "<none>")}' is not a job of this orchestrator";
            return null;
        }
        if (!attributes.TryGetValue("NewJobState", out var stateName) || !JobStates.TryParseBatchName(stateName, out var state))
        {
            reason = $"NewJobState '{Clip(stateName ?? "<none>")}' is not a Batch job state";
            return null;
        }
        attributes.TryGetValue("JobUID", out var uid);
        return new BatchNotification(message.MessageId, job, state, uid);
    }

    private static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
