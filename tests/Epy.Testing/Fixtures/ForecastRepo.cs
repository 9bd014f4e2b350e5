namespace Epy.Testing.Fixtures;

/// <summary>Forecast repositories for the tests.</summary>
public static class ForecastRepo
{
    /// <summary>The experiment the fake-stage tests run.</summary>
    public const string Experiment = "flu-fake";

    /// <summary>A second experiment, for filters.</summary>
    public const string OtherExperiment = "covid/fake";

    /// <summary>
    /// A minimal repository under <paramref name="folder"/>: <c>experiments/{exp}/config/</c> for each
    /// experiment (all the local mode checks; the fake stage reads nothing of it).
    /// </summary>
    public static string Minimal(TempFolder folder, params string[] experiments)
    {
        var root = folder.Combine("forecast-repo");
        foreach (var experiment in experiments.Length > 0 ? experiments : [Experiment, OtherExperiment])
        {
            var config = Path.Combine(root, "experiments", experiment, "config");
            Directory.CreateDirectory(config);
            File.WriteAllText(Path.Combine(config, "basemodel.yaml"), "# the fake stage reads nothing here; the folder only has to exist\n");
        }
        return root;
    }

    /// <summary>A copy of the bundled example (<c>examples/forecast-repo</c>, experiment <c>flu-example</c>).</summary>
    public static string Example(TempFolder folder) =>
        folder.CopyOf(Path.Combine(TestData.RepositoryRoot, "examples", "forecast-repo"), "forecast-repo");
}
