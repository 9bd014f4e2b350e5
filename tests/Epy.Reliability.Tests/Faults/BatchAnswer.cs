namespace Epy.Reliability.Tests.Faults;

/// <summary>What the job system does with a call, as a run's scenario says.</summary>
public enum BatchAnswer
{
    /// <summary>It answers as it would.</summary>
    Answer,

    /// <summary>It refuses without doing anything (503 UNAVAILABLE).</summary>
    Refuse,

    /// <summary>It never answers; only the client's own timeout ends the wait.</summary>
    Hang,
}
