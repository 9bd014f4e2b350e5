namespace Epy.Orchestrator.Ports;

/// <summary>What a commit did.</summary>
public enum CommitResult
{
    /// <summary>Written.</summary>
    Committed,

    /// <summary>Someone else committed since the read: read, decide and try again.</summary>
    Conflict,

    /// <summary>The event was already processed: nothing written.</summary>
    AlreadyProcessed,
}
