namespace Epy.Contracts.Api;

/// <summary>
/// The hub's verdict on a run's submission as <c>GET /v1/runs/{id}</c> shows it (JSON, snake_case), read from the
/// run's <c>outputs/submission_validation.json</c>; absent from the run's view when the run has no such file.
/// </summary>
/// <param name="Valid">The verdict; null when the file could not be read (then <paramref name="Unreadable"/> says why).</param>
/// <param name="Problems">What failed, one line each; empty when valid or unreadable.</param>
/// <param name="SubmissionFile">The submission's name under <c>outputs/</c>, <c>{reference_date}-{team}-{model}.csv</c>; null when the output config names no team and model.</param>
/// <param name="ModelId">The hub's model id, <c>{team_abbr}-{model_abbr}</c>; null without one.</param>
/// <param name="ReferenceDate">The round (yyyy-MM-dd) the submission is for.</param>
/// <param name="HubConfig">The hub-config folder validated against.</param>
/// <param name="Unreadable">Why the verdict file could not be read; null when it was.</param>
public sealed record SubmissionView(
    bool? Valid,
    IReadOnlyList<string> Problems,
    string? SubmissionFile,
    string? ModelId,
    string? ReferenceDate,
    string? HubConfig,
    string? Unreadable);
