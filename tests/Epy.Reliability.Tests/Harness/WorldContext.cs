using System.Collections.Concurrent;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;
using Epy.Reliability.Tests.Faults;

namespace Epy.Reliability.Tests.Harness;

/// <summary>
/// What a backend shares with its world: the seeded source, the rates, the ledger, the bus, the runs' scenarios, the
/// orchestrator's clock, a scratch folder, what the job system does to each run (<see cref="ScenarioControl"/>), and
/// a delivery straight to the orchestrator until it is acknowledged (for pushes that do not come from the job system).
/// </summary>
public sealed record WorldContext(
    SeededRandom Random, FaultRates Rates, FaultLedger Ledger, EventBus Bus, ConcurrentDictionary<RunId, RunScenario> Scenarios, ShiftedTime Time, string Folder,
    ScenarioControl Control, Func<RunId, RunEvent, Task> Deliver);
