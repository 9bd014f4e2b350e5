namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// What Stage C writes as <c>outputs/submission_validation.json</c> (and adds to <c>run_metadata.json</c>):
/// whether the hub file it wrote passes the hub's validation.
/// </summary>
/// <param name="Valid">No problem found.</param>
/// <param name="Problems">One line each (<see cref="SubmissionProblem.ToString"/>).</param>
/// <param name="HubConfig">The hub-config folder validated against.</param>
/// <param name="SubmissionFile">
/// The submission file's name under <c>outputs/</c>, <c>{reference_date}-{team}-{model}.csv</c>; null when the
/// output config names no team and model (then only <c>output_hub_formatted.csv.gz</c> is written).
/// </param>
/// <param name="ModelId">The hub's model id, <c>{team_abbr}-{model_abbr}</c>; null without one.</param>
/// <param name="ReferenceDate">The round (yyyy-MM-dd) the submission is for.</param>
public sealed record SubmissionVerdict(bool Valid, IReadOnlyList<string> Problems, string HubConfig,
    string? SubmissionFile = null, string? ModelId = null, string? ReferenceDate = null)
{
    /// <summary>The file's name under <c>outputs/</c>.</summary>
    public const string FileName = "submission_validation.json";

    /// <summary>The verdict of <paramref name="problems"/>.</summary>
    public static SubmissionVerdict Of(IReadOnlyList<SubmissionProblem> problems, string hubConfig)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return new SubmissionVerdict(problems.Count == 0, problems.Select(p => p.ToString()).ToList(), hubConfig);
    }
}
