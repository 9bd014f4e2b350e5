using Epy.Orchestrator.Core.Commands;
using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Local;

/// <summary>A local job as its row in <see cref="LocalJobTable"/> holds it.</summary>
/// <param name="Spec">What the job runs.</param>
/// <param name="State">Its state.</param>
/// <param name="CancelRequested">Whether a cancel was asked for.</param>
public sealed record LocalJobRow(JobSpec Spec, JobState State, bool CancelRequested);
