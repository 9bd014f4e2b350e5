using Epy.Engine.Demography;

namespace Epy.Engine.Tests.Demography;

public class EpydemixDataAggregateTests
{
    // Three single-year ages with N = 10, 20, 30, grouped as {0} and {1, 2}.
    private static readonly long[] Sizes = [10, 20, 30];
    private static readonly AgeGroup[] Groups = [new("0", 0, 0), new("1+", 1, 2)];

    private static Dictionary<string, double[]> Layers() => new()
    {
        ["home"] = [1, 2, 3, 4, 5, 6, 7, 8, 9],
        ["work"] = [1, 1, 1, 1, 1, 1, 1, 1, 1],
    };

    [Fact]
    public void Aggregate_ThreeAges_MatchesTheHandComputedFormula()
    {
        var population = EpydemixData.Aggregate("tiny", Sizes, Layers(), Groups);

        population.Name.ShouldBe("tiny");
        population.AgeGroups.ShouldBe(["0", "1+"]);
        population.Sizes.ShouldBe([10L, 50L]);
        // home: C_AA = 10·1/10 = 1; C_AB = 10·(2+3)/10 = 5;
        //       C_BA = (20·4 + 30·7)/50 = 290/50 = 5.8; C_BB = (20·(5+6) + 30·(8+9))/50 = 730/50 = 14.6.
        population.Layers["home"].Values.ToArray().ShouldBe([1.0, 5.0, 5.8, 14.6], tolerance: 1e-15);
        // work (all ones): a row sums the ones of the contacted ages, whatever the weights.
        population.Layers["work"].Values.ToArray().ShouldBe([1.0, 2.0, 1.0, 2.0], tolerance: 1e-15);
        population.OverallContacts().Values.ToArray().ShouldBe([2.0, 7.0, 6.8, 16.6], tolerance: 1e-14);
    }

    [Fact]
    public void Aggregate_KeepsTheLayerOrderAndLeavesTheInputsAlone()
    {
        var layers = Layers();
        var sizes = Sizes.ToArray();

        var population = EpydemixData.Aggregate("tiny", sizes, layers, Groups);

        population.Layers.Keys.ShouldBe(["home", "work"]);
        sizes.ShouldBe(Sizes);
        layers["home"].ShouldBe([1.0, 2, 3, 4, 5, 6, 7, 8, 9]);
    }

    [Fact]
    public void Aggregate_SingleYearGroups_ReturnTheInputs()
    {
        AgeGroup[] groups = [new("0", 0, 0), new("1", 1, 1), new("2", 2, 2)];

        var population = EpydemixData.Aggregate("tiny", Sizes, Layers(), groups);

        population.Sizes.ShouldBe(Sizes);
        population.Layers["home"].Values.ToArray().ShouldBe([1.0, 2, 3, 4, 5, 6, 7, 8, 9]);
    }

    [Fact]
    public void Aggregate_GroupWithoutPeople_NamesTheGroup()
    {
        var error = Should.Throw<ModelValidationException>(() => EpydemixData.Aggregate("tiny", [0, 5, 5], Layers(), Groups));

        error.Field.ShouldBe("population.sizes[0]");
        error.Reason.ShouldContain("age group 0 has no people");
    }

    [Fact]
    public void Aggregate_GroupsThatDoNotPartitionTheAges_AreRejected()
    {
        Should.Throw<ArgumentException>(() => EpydemixData.Aggregate("tiny", Sizes, Layers(), [new("0", 0, 0), new("1", 1, 1)]));
        Should.Throw<ArgumentException>(() => EpydemixData.Aggregate("tiny", Sizes, Layers(), [new("0", 0, 0), new("2", 2, 2)]));
        Should.Throw<ArgumentException>(() => EpydemixData.Aggregate("tiny", Sizes, Layers(), [new("0-3", 0, 3)]));
    }

    [Fact]
    public void Aggregate_LayerOfTheWrongSize_IsRejected()
    {
        var layers = new Dictionary<string, double[]> { ["home"] = [1, 2, 3, 4] };

        Should.Throw<ArgumentException>(() => EpydemixData.Aggregate("tiny", Sizes, layers, Groups)).Message.ShouldContain("home");
    }
}
