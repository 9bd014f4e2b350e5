using Epy.Stages.Configs;

namespace Epy.Stages.Tests.Configs;

public sealed class SpellingTests
{
    [Theory]
    [InlineData("n_trajectorie", "n_trajectories")]
    [InlineData("strat_date", "start_date")]
    [InlineData("Delta_T", "delta_t")]
    [InlineData("compartmnets", "compartments")]
    public void Closest_ATypo_IsTheKeyMeant(string typo, string meant) =>
        Spelling.Closest(typo, ["start_date", "end_date", "delta_t", "n_trajectories", "compartments", "transitions"]).ShouldBe(meant);

    [Theory]
    [InlineData("step_length")]
    [InlineData("xyz")]
    [InlineData("end_date")] // the word itself is not a suggestion
    public void Closest_NothingNear_IsNull(string word) =>
        Spelling.Closest(word, ["start_date", "end_date", "delta_t"]).ShouldBeNull();

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ab", "ba", 1)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void Distance_CountsEditsAndSwaps(string a, string b, int expected) => Spelling.Distance(a, b).ShouldBe(expected);
}
