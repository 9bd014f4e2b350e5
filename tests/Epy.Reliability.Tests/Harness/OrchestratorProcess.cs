using Epy.Orchestrator.Handling;
using Epy.Orchestrator.Reconciling;
using Epy.Orchestrator.Runs;
using Epy.Reliability.Tests.Faults;

namespace Epy.Reliability.Tests.Harness;

/// <summary>One simulated orchestrator process: the real processor, reconciler and run service over its own ports (<paramref name="Jobs"/> its job runner, for the push endpoint's <c>jobs.get</c>).</summary>
public sealed record OrchestratorProcess(int Generation, KillSwitch Life, RunEventProcessor Processor, Reconciler Reconciler, RunService Service, Epy.Orchestrator.Ports.IJobRunner Jobs);
