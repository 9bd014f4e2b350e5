using Epy.Contracts.Builder;

namespace Epy.Stages.Pipeline;

/// <summary>What Stage C writes as <c>run_metadata.json</c>: how the run went.</summary>
/// <param name="SchemaVersion">The format version, <see cref="TaskInput.CurrentSchema"/>.</param>
/// <param name="ExpId">The experiment id.</param>
/// <param name="RunId">The run id.</param>
/// <param name="ProgramVersion">The stage program's version.</param>
/// <param name="Kind">What the tasks did.</param>
/// <param name="Configs">The config files, with digests (from the manifest).</param>
/// <param name="TaskCount">The number of tasks in the manifest.</param>
/// <param name="ResultsUsed">How many results the outputs aggregate.</param>
/// <param name="MissingResults">The tasks left out, and why.</param>
/// <param name="Outputs">The files written under <c>outputs/</c>.</param>
/// <param name="Warnings">What the outputs had to leave out.</param>
/// <param name="BuiltAt">When the builder finished.</param>
/// <param name="StartedAt">When Stage C started.</param>
/// <param name="FinishedAt">When Stage C finished.</param>
/// <param name="TaskSeconds">The runners' task durations summed.</param>
/// <param name="ForecastRepo">The forecast repository the configs came from (from the manifest).</param>
/// <param name="SubmissionValidation">The hub's verdict on the hub file written (<c>outputs/submission_validation.json</c>); null without one.</param>
public sealed record RunMetadata(
    int SchemaVersion,
    string ExpId,
    string RunId,
    string ProgramVersion,
    TaskKind Kind,
    IReadOnlyList<ArtifactDigest> Configs,
    int TaskCount,
    int ResultsUsed,
    IReadOnlyList<MissingResult> MissingResults,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<string> Warnings,
    DateTimeOffset BuiltAt,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    double TaskSeconds,
    ForecastRepoSource? ForecastRepo = null,
    Epy.Stages.Outputs.Hub.SubmissionVerdict? SubmissionValidation = null);
