namespace Epy.Contracts.Outputs;

/// <summary>
/// The hub's verdict on the run's hub file, as <c>outputs/submission_validation.json</c> (JSON, snake_case):
/// written by Stage C beside the hub file, shown by the orchestrator's dashboard.
/// </summary>
/// <param name="Valid">The hub file passed the hub's validation.</param>
/// <param name="Problems">What failed, one line each; empty when valid.</param>
/// <param name="HubConfig">The hub-config folder validated against.</param>
/// <param name="SubmissionFile">
/// The submission file's name under <c>outputs/</c> as the hub names it, <c>{reference_date}-{team}-{model}.csv</c>
/// (a hub fork keeps it under <c>model-output/{ModelId}/</c>); null when the output config names no team and model.
/// </param>
/// <param name="ModelId">The hub's model id, <c>{team_abbr}-{model_abbr}</c>; null without one.</param>
/// <param name="ReferenceDate">The round (yyyy-MM-dd) the submission is for.</param>
public sealed record SubmissionValidationFile(bool? Valid, IReadOnlyList<string>? Problems, string? HubConfig,
    string? SubmissionFile = null, string? ModelId = null, string? ReferenceDate = null)
{
    /// <summary>The file's name under the run's <c>outputs/</c>.</summary>
    public const string FileName = "submission_validation.json";
}
