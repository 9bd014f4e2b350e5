namespace Epy.Orchestrator.Dashboard;

/// <summary>What the run page says about the hub's verdict on the run's submission.</summary>
/// <param name="Valid">The verdict; null when the file could not be read.</param>
/// <param name="Problems">What failed, when invalid.</param>
/// <param name="Note">Why the verdict is unreadable.</param>
public sealed record SubmissionCheck(bool? Valid, IReadOnlyList<string> Problems, string? Note)
{
    /// <summary>Problems listed on the page; the rest are counted.</summary>
    public const int Shown = 20;

    /// <summary>An unreadable verdict, for <paramref name="why"/>.</summary>
    public static SubmissionCheck Unreadable(string why) => new(null, [], why);
}
