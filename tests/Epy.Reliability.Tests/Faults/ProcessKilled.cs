namespace Epy.Reliability.Tests.Faults;

/// <summary>
/// The simulated death of an orchestrator process. An <see cref="OperationCanceledException"/>, so that no
/// retry, catch-all or resilience pipeline of the orchestrator swallows it: like a real kill, it ends
/// whatever the instance was doing.
/// </summary>
public sealed class ProcessKilled : OperationCanceledException
{
    public ProcessKilled()
        : base("the orchestrator process was killed")
    {
    }

    public ProcessKilled(string message)
        : base(message)
    {
    }

    public ProcessKilled(string message, Exception inner)
        : base(message, inner)
    {
    }
}
