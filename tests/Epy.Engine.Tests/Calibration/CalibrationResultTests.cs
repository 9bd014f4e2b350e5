using System.Text.Json;
using Epy.Engine.Calibration;
using Epy.Engine.Sampling;

namespace Epy.Engine.Tests.Calibration;

public class CalibrationResultTests
{
    private static CalibrationResult Fixed(params double[] weights) => new(AbcStrategy.Smc, ["a"], [SampleTarget.Parameter],
        CalibrationStopReason.Completed,
        [new CalibrationGeneration(0, 1.0, [.. weights.Select((_, i) => (double)i)], weights, [.. weights.Select(_ => 0.5)], weights.Length, 0, 1.0, 0.0)]);

    [Fact]
    public void Json_RoundTrip_PreservesEverything()
    {
        var result = Toy.Run(Toy.Smc(particles: 30, generations: 3), new NormalMeanModel(1.5), quantities: Toy.MeanAndCount(0, 4));

        var json = result.ToJson();
        var back = CalibrationResult.FromJson(json);

        back.ShouldBeIdentical(result);
        back.Generations.Select(g => g.WallTimeSeconds).ShouldBe(result.Generations.Select(g => g.WallTimeSeconds));
    }

    [Fact]
    public void Json_IsCompactSnakeCaseWithNamedEnumsAndInfinity()
    {
        var result = Toy.Run(Toy.Smc(particles: 5, generations: 2), new NormalMeanModel(1.5), quantities: Toy.MeanAndCount(0, 4));

        var json = result.ToJson();

        json.ShouldStartWith("{\"strategy\":\"smc\",\"quantities\":[\"mu\",\"k\"],\"targets\":[\"parameter\",\"start_date_offset\"],\"stop_reason\":\"completed\",\"generations\":[{\"index\":0,\"epsilon\":\"Infinity\",\"particles\":[");
        json.ShouldContain("\"prior_rejections\":");
        json.ShouldContain("\"acceptance_rate\":");
        json.ShouldContain("\"wall_time_seconds\":");
        json.ShouldNotContain("\"count\"");
        json.ShouldNotContain("\n");
    }

    [Theory]
    [InlineData("{\"strategy\":\"smc\",\"quantities\":[\"a\"],\"targets\":[],\"stop_reason\":\"completed\",\"generations\":[]}")]
    [InlineData("{\"strategy\":\"smc\",\"quantities\":[\"a\"],\"targets\":[\"parameter\"],\"stop_reason\":\"completed\"}")]
    [InlineData("{\"strategy\":\"bogus\",\"quantities\":[\"a\"],\"targets\":[\"parameter\"],\"stop_reason\":\"completed\",\"generations\":[]}")]
    [InlineData("{\"strategy\":\"smc\",\"quantities\":[\"a\"],\"targets\":[\"parameter\"],\"stop_reason\":\"completed\",\"generations\":[{\"index\":0,\"epsilon\":1,\"particles\":[1,2],\"weights\":[1],\"distances\":[0],\"simulations\":1,\"prior_rejections\":0,\"acceptance_rate\":1,\"wall_time_seconds\":0}]}")]
    public void FromJson_MalformedResult_Throws(string json) =>
        Should.Throw<JsonException>(() => CalibrationResult.FromJson(json));

    [Fact]
    public void DrawIndices_FollowsWeightsAndNeverDrawsZeroWeight()
    {
        var result = Fixed(0.5, 0.0, 0.25, 0.25);

        var indices = result.DrawIndices(20_000, seed: 5);

        indices.ShouldNotContain(1);
        (indices.Count(i => i == 0) / 20_000.0).ShouldBe(0.5, 0.02);
        (indices.Count(i => i == 2) / 20_000.0).ShouldBe(0.25, 0.02);
        result.DrawIndices(100, seed: 5).ShouldBe(indices.Take(100));
        result.DrawIndices(100, seed: 6).ShouldNotBe(indices.Take(100));
    }

    [Fact]
    public void DrawIndices_ChosenGeneration_DrawsFromIt()
    {
        var result = Toy.Run(Toy.Smc(particles: 20, generations: 3), new NormalMeanModel(1.5));

        result.DrawIndices(50, seed: 1, generation: 0).ShouldAllBe(i => i >= 0 && i < 20);
        result.DrawIndices(50, seed: 1).ShouldBe(result.DrawIndices(50, seed: 1, generation: 2));
    }

    [Fact]
    public void DrawIndices_NoGeneration_Throws()
    {
        var empty = new CalibrationResult(AbcStrategy.Smc, ["a"], [SampleTarget.Parameter], CalibrationStopReason.SimulationBudget, []);

        Should.Throw<InvalidOperationException>(() => empty.DrawIndices(1, seed: 1));
    }
}
