using Epy.Engine.Model;
using Epy.Stages.Building;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;
using Epy.Stages.Tests.Configs;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>The <c>model</c> section read as epymodelingsuite reads it: each key accepted with its meaning, or refused.</summary>
public sealed partial class BasemodelCompatibilityTests : IDisposable
{
    private const string SchoolClosure = "    - type: school_closure\n      scaling_factor: 0.5";

    private readonly TempForecastRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private Experiment Load(string basemodel)
    {
        _repo.Write("sir", "basemodel.yaml", basemodel);
        _repo.Write("sir", "modelset.yaml", SampleConfigs.Calibration);
        return _repo.Load("sir");
    }

    private ConfigError LoadFailsOnce(string basemodel)
    {
        _repo.Write("sir", "basemodel.yaml", basemodel);
        _repo.Write("sir", "modelset.yaml", SampleConfigs.Calibration);
        return _repo.LoadFails("sir").Errors.ShouldHaveSingleItem();
    }

    private static LocationModel ForMassachusetts(Experiment experiment) =>
        ModelBuilder.ForLocation(experiment.Basemodel, SampleConfigs.Codebook.Find("US-MA")!, ".", TestData.EpydemixDataRoot);

    private static string WithInterventions(string entries) => SampleConfigs.Replace(SampleConfigs.Basemodel, SchoolClosure, entries);
}
