using System.Globalization;
using Epy.Testing;

namespace Epy.Orchestrator.Cloud.Tests.CloudMode;

/// <summary>
/// The bundled forecast repository (examples/forecast-repo) copied to a temporary folder with smaller
/// particle counts, so a whole run of <see cref="ExperimentId"/> takes seconds. Deleted on dispose.
/// </summary>
public sealed class ExampleRepository : IDisposable
{
    /// <summary>The example's experiment.</summary>
    public const string ExperimentId = "flu-example";

    public ExampleRepository()
    {
        Root = Directory.CreateTempSubdirectory("epy-cloud-e2e-").FullName;
        Copy(Path.Combine(TestData.RepositoryRoot, "examples", "forecast-repo"), Root);
        var modelset = Path.Combine(Root, "experiments", ExperimentId, "config", "modelset.yml");
        // A setting no longer in the example fails here rather than leaving the test on the full-size run.
        File.WriteAllText(modelset, Shrink(Shrink(Shrink(File.ReadAllText(modelset), "num_particles: ", 20), "num_generations: ", 2), "n_trajectories: ", 10));
    }

    /// <summary>The repository's folder (FORECAST_REPO_DIR of the builder).</summary>
    public string Root { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string Shrink(string yaml, string key, int value)
    {
        var at = yaml.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
            throw new InvalidOperationException($"the example's modelset.yml has no '{key.Trim()}'");
        var end = yaml.IndexOf('\n', at);
        return string.Concat(yaml.AsSpan(0, at + key.Length), value.ToString(CultureInfo.InvariantCulture), yaml.AsSpan(end));
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            if (Path.GetFileName(folder) != ".epy")
                Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
