namespace Epy.Contracts.Outputs;

/// <summary>
/// The hub's verdict on the run's hub file, as <c>outputs/submission_validation.json</c> (JSON, snake_case):
/// written by Stage C beside the hub file, shown by the orchestrator's dashboard.
/// </summary>
/// <param name="Valid">The hub file passed the hub's validation.</param>
/// <param name="Problems">What failed, one line each; empty when valid.</param>
/// <param name="HubConfig">The hub-config folder validated against.</param>
public sealed record SubmissionValidationFile(bool? Valid, IReadOnlyList<string>? Problems, string? HubConfig)
{
    /// <summary>The file's name under the run's <c>outputs/</c>.</summary>
    public const string FileName = "submission_validation.json";
}
