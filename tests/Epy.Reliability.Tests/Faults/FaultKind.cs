namespace Epy.Reliability.Tests.Faults;

/// <summary>Every fault the suite injects, as the report counts them.</summary>
public enum FaultKind
{
    Http429,
    Http500,
    Http503,
    HttpTimeout,
    ConnectionReset,
    NotificationDuplicated,
    NotificationReordered,
    NotificationDelayed,
    NotificationDropped,
    ConcurrentDelivery,
    KilledBetweenCommitAndCommand,
    KilledDuringCommand,
    KilledBeforeOutboxCleared,
    TaskFailed,
    TaskPreempted,
    JobNeverStarted,
    CancelOvertookSubmit,
    DeadlineDuringStuckResume,
    JobDeleted,
    JobStuckQueued,
    LateSucceededAfterDeadline,
    NotificationForged,
    BatchHung,
}
