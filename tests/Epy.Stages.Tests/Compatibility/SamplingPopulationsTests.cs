using Epy.Stages.Building;
using Epy.Stages.Tests.Configs;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>
/// <c>sampling: populations</c> (epymodelingsuite's default sampling): nothing sampled, the basemodel
/// run once in each of the modelset's locations.
/// </summary>
public sealed class SamplingPopulationsTests : IDisposable
{
    private readonly TempForecastRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private static string FixedBasemodel()
    {
        var text = SampleConfigs.Replace(SampleConfigs.Basemodel, "start_date: calibrated", "start_date: \"2024-09-01\"");
        text = SampleConfigs.Replace(text, "init: calibrated", "init: 0.001");
        return SampleConfigs.Replace(text, "Rt:\n      type: calibrated", "Rt:\n      type: scalar\n      value: 1.3");
    }

    [Fact]
    public void Populations_BuildsOneUnsampledRunPerLocation()
    {
        _repo.Write("multi", "basemodel.yaml", FixedBasemodel());
        _repo.Write("multi", "modelset.yaml", "modelset:\n  population_names: [US-MA, US-NY]\n  sampling: populations\n");

        var experiment = _repo.Load("multi");
        var model = ModelBuilder.ForLocation(experiment.Basemodel, SampleConfigs.Codebook.Find("US-MA")!, _repo.Root, TestData.EpydemixDataRoot);
        var plan = SamplingBuilder.Build(experiment, model);

        experiment.Modelset!.PopulationNames.Count.ShouldBe(2);
        plan.Samples.Count.ShouldBe(1);
        plan.Samples.Dimensions.ShouldBeEmpty();
        plan.StartDate(0).ShouldBe(new DateOnly(2024, 9, 1));
    }

    [Fact]
    public void Populations_WithASampledBasemodelQuantity_IsRefused()
    {
        _repo.Write("multi", "basemodel.yaml", SampleConfigs.Replace(FixedBasemodel(), "init: 0.001", "init: sampled"));
        _repo.Write("multi", "modelset.yaml", "modelset:\n  population_names: [US-MA]\n  sampling: populations\n");

        _repo.LoadFails("multi").Errors.ShouldContain(e => e.Message.Contains("no sampler names it"));
    }
}
