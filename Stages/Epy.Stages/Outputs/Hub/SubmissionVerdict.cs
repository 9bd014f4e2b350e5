namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// What Stage C writes as <c>outputs/submission_validation.json</c> (and adds to <c>run_metadata.json</c>):
/// whether the hub file it wrote passes the hub's validation.
/// </summary>
/// <param name="Valid">No problem found.</param>
/// <param name="Problems">One line each (<see cref="SubmissionProblem.ToString"/>).</param>
/// <param name="HubConfig">The hub-config folder validated against.</param>
public sealed record SubmissionVerdict(bool Valid, IReadOnlyList<string> Problems, string HubConfig)
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
