using Epy.Reliability.Tests.Faults;

namespace Epy.Reliability.Tests.Harness;

/// <summary>
/// What one mode's pass measured, for the report: with <paramref name="OrphanedJobs"/> the jobs still running at the
/// end of the pass whose run is final, and <paramref name="FinishedWhileRunning"/> the runs committed final while
/// one of their jobs still ran in the job system.
/// </summary>
public sealed record ModeResult(
    string Mode, int Seed, IReadOnlyList<RunOutcome> Runs, FaultLedger Ledger, int Passes, int Restarts, int Redeliveries, TimeSpan Elapsed, TimeSpan ClockShift,
    int OrphanedJobs, int FinishedWhileRunning);
