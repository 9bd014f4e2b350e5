using Epy.Engine.Model;
using Epy.Engine.Tests.Simulation;

namespace Epy.Engine.Tests.Model;

public class InitialConditionsBuilderTests
{
    private static readonly string[] Compartments = ["S", "I", "R", "V"];

    [Fact]
    public void Scalar_AtLeastOne_IsAHeadCount_BelowOne_AProportion()
    {
        var population = TestModels.OneGroup(1000);

        var initial = new InitialConditionsBuilder(Compartments, population).Scalar("I", 12.4).Scalar("R", 0.25).Rest("S").Build();

        initial["I", 0].ShouldBe(12);
        initial["R", 0].ShouldBe(250);
        initial["S", 0].ShouldBe(738);
    }

    [Fact]
    public void Rest_SeveralCompartments_SplitsEquallyWithTheLeftOverToTheFirst()
    {
        var population = TestModels.OneGroup(1000);

        var initial = new InitialConditionsBuilder(Compartments, population).Counts("I", [2]).Rest("S", ["R", "V"]).Build();

        initial["S", 0].ShouldBe(333);
        initial["R", 0].ShouldBe(333);
        initial["V", 0].ShouldBe(332);
        initial["I", 0].ShouldBe(2);
    }
}
