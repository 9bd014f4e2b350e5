namespace Epy.Orchestrator.Core.Machine;

/// <summary>What a decision did with its event.</summary>
public enum Outcome
{
    /// <summary>The event moved the run (its state changed, commands may follow).</summary>
    Applied,

    /// <summary>The event was ignored on purpose: a duplicate, a stale job's report, anything after the end.</summary>
    Ignored,

    /// <summary>The event asks for something the run cannot do now (cancel a finished run, resume a running one).</summary>
    Rejected,
}
