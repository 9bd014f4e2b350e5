using Epy.Contracts.Runs;

namespace Epy.Reliability.Tests.Harness;

/// <summary>A job notification the bus dropped: which job, which state, and when (reconciler pass, timestamp).</summary>
public sealed record DroppedEvent(RunId Run, JobId Job, JobState State, int AtPass, long AtTimestamp);
