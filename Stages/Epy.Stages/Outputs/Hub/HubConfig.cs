namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// A forecast hub's configuration as its validations use it: the rounds and model tasks of
/// <c>tasks.json</c> (hubverse schema), and the extra checks of <c>validations.yml</c>.
/// </summary>
/// <param name="Rounds">The rounds, in file order.</param>
/// <param name="Checks">The optional checks <c>validations.yml</c> turns on.</param>
/// <param name="FileFormats">The submission formats <c>admin.json</c> accepts (<c>csv</c>, <c>parquet</c>); empty when unknown.</param>
public sealed record HubConfig(IReadOnlyList<HubRound> Rounds, HubConfigChecks Checks, IReadOnlyList<string> FileFormats)
{
    /// <summary>The round whose round ids include <paramref name="roundId"/> (a reference date), or null.</summary>
    public HubRound? RoundOf(string roundId) => Rounds.FirstOrDefault(r => r.RoundIds.Contains(roundId, StringComparer.Ordinal));

    /// <summary>Every round id of every round.</summary>
    public IEnumerable<string> RoundIds => Rounds.SelectMany(r => r.RoundIds);
}
