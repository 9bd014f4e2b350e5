using System.Text.Json;
using Epy.Engine.Demography;
using Epy.Stages.Pipeline;

namespace Epy.Stages.Tests.Pipeline;

/// <summary>A population copied into a task input comes back bit for bit, so a runner simulates what the builder built.</summary>
public sealed class TaskPopulationTests
{
    [Fact]
    public void JsonRoundTrip_KeepsEverySizeContactAndLayerOrderExactly()
    {
        var population = EpydemixData.Load(TestData.EpydemixDataRoot, "United_States_Massachusetts", ["0-4", "5-17", "18-49", "50-64", "65+"]);

        var json = JsonSerializer.Serialize(TaskPopulation.From(population), PipelineJsonContext.Default.TaskPopulation);
        var copy = JsonSerializer.Deserialize(json, PipelineJsonContext.Default.TaskPopulation)!.ToPopulation();

        copy.Name.ShouldBe(population.Name);
        copy.AgeGroups.ShouldBe(population.AgeGroups);
        copy.Sizes.ShouldBe(population.Sizes);
        copy.Layers.Keys.ShouldBe(population.Layers.Keys); // in order: the overall matrix sums them in turn
        foreach (var (layer, matrix) in population.Layers)
            copy.Layers[layer].Values.ToArray().ShouldBe(matrix.Values.ToArray(), layer);
        copy.OverallContacts().SpectralRadius().ShouldBe(population.OverallContacts().SpectralRadius());
    }

    [Fact]
    public void ToPopulation_RowOfTheWrongLength_NamesTheLayer()
    {
        var copy = new TaskPopulation("x", ["0-49", "50+"], [10, 20],
            new Dictionary<string, IReadOnlyList<IReadOnlyList<double>>> { ["home"] = [[1.0, 2.0], [3.0]] });

        Should.Throw<Engine.ModelValidationException>(copy.ToPopulation).Field.ShouldBe("population.contacts.home");
    }
}
