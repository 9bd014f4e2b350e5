using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Ports;

/// <summary>A run as the store holds it: state, policy, version and the commands waiting in its outbox.</summary>
/// <param name="State">The run's state.</param>
/// <param name="Policy">The run's policy.</param>
/// <param name="Version">Incremented by every commit; a commit names the version it read.</param>
/// <param name="Outbox">Commands decided but not yet carried out, oldest first.</param>
public sealed record StoredRun(RunState State, RunPolicy Policy, long Version, IReadOnlyList<OutboxEntry> Outbox);
