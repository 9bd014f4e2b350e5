using Epy.Reliability.Tests.Faults;

namespace Epy.Reliability.Tests.Harness;

/// <summary>What one mode's pass measured, for the report.</summary>
public sealed record ModeResult(string Mode, int Seed, IReadOnlyList<RunOutcome> Runs, FaultLedger Ledger, int Passes, int Restarts, int Redeliveries, TimeSpan Elapsed, TimeSpan ClockShift);
