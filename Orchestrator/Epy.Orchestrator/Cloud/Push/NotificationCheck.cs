using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Cloud.Push;

/// <summary>
/// Whether a Batch notification may move a run. A non-final state passes as it is (it cannot end a run);
/// a final state must be confirmed by Batch's own <c>jobs.get</c>: the job exists, its <c>uid</c> matches the
/// notification's <c>JobUID</c> (when both are known), and the state fed is the one Batch reports, not the claim.
/// </summary>
public static class NotificationCheck
{
    /// <summary>The event to handle for <paramref name="notification"/>, given the job's real state <paramref name="real"/> (read for final states only), or null with the reason it is refused.</summary>
    public static JobStateChanged? Confirmed(BatchNotification notification, JobStatus? real, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(notification);
        reason = null;
        var eventId = $"pubsub:{notification.MessageId}";
        if (!notification.State.IsFinal())
            return new JobStateChanged(eventId, notification.Job, notification.State);
        if (real is null)
        {
            reason = $"{notification.State.ToBatchName()} for job {notification.Job}, which Batch does not know";
            return null;
        }
        if (!string.IsNullOrEmpty(notification.JobUid) && real.Uid is { } uid && !string.Equals(uid, notification.JobUid, StringComparison.Ordinal))
        {
            reason = $"JobUID {notification.JobUid} is not job {notification.Job}'s ({uid})";
            return null;
        }
        return new JobStateChanged(eventId, notification.Job, real.State, real.Counts);
    }
}
