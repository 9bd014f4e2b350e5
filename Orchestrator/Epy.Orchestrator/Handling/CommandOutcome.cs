using Epy.Orchestrator.Core.Events;

namespace Epy.Orchestrator.Handling;

/// <summary>What carrying out a command did.</summary>
/// <param name="Done">True when the command is finished with (done, or failed for good); false leaves it in the outbox.</param>
/// <param name="Result">The event its result is (inputs counted, failed tasks listed, failed permanently), if any.</param>
public sealed record CommandOutcome(bool Done, RunEvent? Result);
