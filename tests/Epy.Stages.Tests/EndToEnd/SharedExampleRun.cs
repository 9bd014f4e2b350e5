using System.Globalization;
using System.Text.Json;
using Epy.Contracts.Builder;
using Epy.Contracts.Runs;
using Epy.Stages.Pipeline;

namespace Epy.Stages.Tests.EndToEnd;

/// <summary>
/// epymodelingsuite's example configs (../shared/data/epymodelingsuite/example-configs) in a temporary
/// forecast repository with the data they name (observations, vaccine scenario) and the reference tables,
/// a temporary artifact folder, and the stages run in-process as the program would. Counts are reduced by
/// rewriting the YAML, so the real configs run in seconds. The runner runs without the forecast repository
/// and with <c>EPYDEMIX_DATA_DIR</c> pointing nowhere: its input must be enough.
/// </summary>
public sealed class SharedExampleRun : IDisposable
{
    public const string RunId = "20261124-101500-a1b2c3d4";

    private readonly Dictionary<string, string> _env;

    public SharedExampleRun(string expId)
    {
        ExpId = expId;
        Root = Directory.CreateTempSubdirectory("epy-shared-e2e-").FullName;
        Repo = Path.Combine(Root, "forecast-repo");
        Artifacts = Path.Combine(Root, "artifacts");
        var data = Path.Combine(Repo, "data");
        Directory.CreateDirectory(data);
        foreach (var file in new[] { "flu_hosp_24.csv", "vaccine_scenarios_2425_cd.csv" })
            File.Copy(Shared("observed", file), Path.Combine(data, file));
        foreach (var file in new[] { "location_codebook.csv", "flusight_locations.csv" })
            File.Copy(Shared("reference-data", file), Path.Combine(data, file));
        _env = new Dictionary<string, string>
        {
            ["EXECUTION_MODE"] = "local",
            ["LOCAL_DATA_PATH"] = Artifacts,
            ["FORECAST_REPO_DIR"] = Repo,
            ["EXP_ID"] = ExpId,
            ["RUN_ID"] = RunId,
            ["EPYDEMIX_DATA_DIR"] = Path.Combine(TestData.SharedDataRoot!, "epydemix-data"),
        };
    }

    public string ExpId { get; }

    public string Root { get; }

    public string Repo { get; }

    public string Artifacts { get; }

    /// <summary>The run's folder: <c>{artifacts}/{exp_id}/{run_id}</c>.</summary>
    public string RunFolder => Path.Combine(Artifacts, ExpId, RunId);

    public StringWriter Log { get; } = new();

    public static string Shared(params string[] parts) => Path.Combine([TestData.SharedDataRoot!, "epymodelingsuite", .. parts]);

    /// <summary>Copies example config <paramref name="name"/> into the experiment, edited by <paramref name="edit"/>.</summary>
    public void AddConfig(string name, Func<string, string>? edit = null, string? fileName = null)
    {
        var text = File.ReadAllText(Shared("example-configs", name));
        var edited = edit is null ? text : edit(text);
        var folder = Path.Combine(Repo, "experiments", ExpId, "config");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, fileName ?? name), edited);
    }

    /// <summary>Runs one stage; the runner without the forecast repository or population data.</summary>
    public int Stage(string stage, int? taskIndex = null)
    {
        var env = new Dictionary<string, string>(_env);
        if (stage == "runner")
        {
            env.Remove("FORECAST_REPO_DIR");
            env["EPYDEMIX_DATA_DIR"] = Path.Combine(Root, "no-epydemix-data-here");
        }
        if (taskIndex is { } i)
            env["TASK_INDEX"] = i.ToString(CultureInfo.InvariantCulture);
        return StageProgram.RunAsync([stage], name => env.GetValueOrDefault(name), Log, TimeProvider.System).GetAwaiter().GetResult();
    }

    /// <summary>builder, every task's runner, output; each must succeed. Returns the manifest.</summary>
    public BuildManifest RunAll()
    {
        Stage("builder").ShouldBe(StageExitCodes.Success, Log.ToString());
        var manifest = Manifest();
        for (var i = 0; i < manifest.TaskCount; i++)
            Stage("runner", i).ShouldBe(StageExitCodes.Success, Log.ToString());
        Stage("output").ShouldBe(StageExitCodes.Success, Log.ToString());
        return manifest;
    }

    public BuildManifest Manifest() =>
        JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(RunFolder, "builder-artifacts", "manifest.json")), PipelineJsonContext.Default.BuildManifest)!;

    public RunMetadata Metadata() =>
        JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(RunFolder, "run_metadata.json")), PipelineJsonContext.Default.RunMetadata)!;

    public string Output(string name) => Path.Combine(RunFolder, "outputs", name);

    public void Dispose()
    {
        Log.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
