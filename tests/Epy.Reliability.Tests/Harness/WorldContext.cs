using System.Collections.Concurrent;
using Epy.Contracts.Runs;
using Epy.Reliability.Tests.Faults;

namespace Epy.Reliability.Tests.Harness;

/// <summary>What a backend shares with its world: the seeded source, the rates, the ledger, the bus, the runs' scenarios, the orchestrator's clock and a scratch folder.</summary>
public sealed record WorldContext(SeededRandom Random, FaultRates Rates, FaultLedger Ledger, EventBus Bus, ConcurrentDictionary<RunId, RunScenario> Scenarios, ShiftedTime Time, string Folder);
