using Epy.Stages.Pipeline;

namespace Epy.Stages.Tests.EndToEnd;

/// <summary>
/// The example forecast repository copied to a temporary folder (with smaller particle counts) and
/// a temporary artifact folder; runs the stages in-process as the program would. Runs experiment
/// <see cref="ExpId"/> unless another of the repository's experiments is named.
/// </summary>
public sealed class ExampleRun : IDisposable
{
    public const string ExpId = "flu-example";

    /// <summary>The current-season FluSight experiment (2025-12-20 round).</summary>
    public const string FluSightExpId = "flusight-2025-26";
    public const string RunId = "20261124-101500-a1b2c3d4";

    private readonly Dictionary<string, string> _env;

    public ExampleRun()
        : this(ExpId)
    {
    }

    public ExampleRun(string experiment)
    {
        Experiment = experiment;
        Root = Directory.CreateTempSubdirectory("epy-e2e-").FullName;
        Repo = Path.Combine(Root, "forecast-repo");
        Artifacts = Path.Combine(Root, "artifacts");
        CopyFolder(Path.Combine(TestData.RepositoryRoot, "examples", "forecast-repo"), Repo);
        // Smaller counts keep the tests quick; a setting that is no longer in the example fails here
        // rather than leaving the tests on the full-size run.
        EditConfig("modelset.yml", text => Shrink(Shrink(Shrink(text, "num_particles: ", 20), "num_generations: ", 2), "n_trajectories: ", 10));
        _env = new Dictionary<string, string>
        {
            ["EXECUTION_MODE"] = "local",
            ["LOCAL_DATA_PATH"] = Artifacts,
            ["FORECAST_REPO_DIR"] = Repo,
            ["EXP_ID"] = experiment,
            ["RUN_ID"] = RunId,
            ["EPYDEMIX_DATA_DIR"] = TestData.EpydemixDataRoot,
        };
    }

    /// <summary>The experiment run: <see cref="ExpId"/> unless the constructor named another.</summary>
    public string Experiment { get; }

    public string Root { get; }

    public string Repo { get; }

    public string Artifacts { get; }

    /// <summary>The run's folder: <c>{artifacts}/{exp_id}/{run_id}</c>.</summary>
    public string RunFolder => Path.Combine(Artifacts, Experiment, RunId);

    public StringWriter Log { get; } = new();

    /// <summary>What the stages reach besides the artifact folder (Secret Manager, git).</summary>
    public StageServices Services { get; set; } = StageServices.Default;

    public void Set(string name, string value) => _env[name] = value;

    public void Unset(string name) => _env.Remove(name);

    public void EditConfig(string file, Func<string, string> edit)
    {
        var path = Path.Combine(Repo, "experiments", Experiment, "config", file);
        File.WriteAllText(path, edit(File.ReadAllText(path)));
    }

    public int Stage(string stage, int? taskIndex = null)
    {
        var env = new Dictionary<string, string>(_env);
        if (taskIndex is { } i)
            env["TASK_INDEX"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return StageProgram.RunAsync([stage], name => env.GetValueOrDefault(name), Log, TimeProvider.System, Services).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        Log.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    private static string Shrink(string yaml, string key, int value)
    {
        var at = yaml.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
            throw new InvalidOperationException($"the example's modelset.yml has no '{key.Trim()}'");
        var end = yaml.IndexOf('\n', at);
        return string.Concat(yaml.AsSpan(0, at + key.Length), value.ToString(System.Globalization.CultureInfo.InvariantCulture), yaml.AsSpan(end));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
