using System.Text.Json;
using System.Text.Json.Nodes;
using Epy.Contracts.Builder;
using Epy.Contracts.Runs;
using Epy.Stages.Outputs;
using Epy.Stages.Outputs.Hub;
using Epy.Stages.Pipeline;

namespace Epy.Stages.Tests.EndToEnd;

/// <summary>
/// builder → runner → output with the hub extensions of <c>flusight_format</c>: a hub config inside the forecast
/// repository (shipped with the run), the hub-named submission, samples, rounds and the default reference date.
/// </summary>
public sealed class HubSubmissionEndToEndTests : IDisposable
{
    private static readonly string Bundled = Path.Combine(AppContext.BaseDirectory, "data", "flusight-hub");

    private readonly ExampleRun _run = new();

    public void Dispose() => _run.Dispose();

    private string Output(string name) => Path.Combine(_run.RunFolder, "outputs", name);

    private SubmissionVerdict Verdict() =>
        JsonSerializer.Deserialize(File.ReadAllBytes(Output(SubmissionVerdict.FileName)), PipelineJsonContext.Default.SubmissionVerdict)!;

    /// <summary>Adds <paramref name="keys"/> (YAML lines, 4-space indented) to the example's flusight_format.</summary>
    private void AddHubKeys(string keys) =>
        _run.EditConfig("output.yaml", text => Replace(text, "    reference_date: \"2025-04-05\"\n", "    reference_date: \"2025-04-05\"\n" + keys));

    private static string Replace(string text, string from, string to)
    {
        text.ShouldContain(from);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    /// <summary>The bundled FluSight hub copied into the forecast repository under <c>hubs/flusight/</c>, tasks.json edited.</summary>
    private void CopyHubIntoRepo(Action<JsonNode>? editTasks = null)
    {
        var hub = Path.Combine(_run.Repo, "hubs", "flusight");
        Directory.CreateDirectory(Path.Combine(hub, "hub-config"));
        Directory.CreateDirectory(Path.Combine(hub, "auxiliary-data"));
        foreach (var file in new[] { "validations.yml", "admin.json" })
            File.Copy(Path.Combine(Bundled, "hub-config", file), Path.Combine(hub, "hub-config", file));
        File.Copy(Path.Combine(Bundled, "auxiliary-data", "locations.csv"), Path.Combine(hub, "auxiliary-data", "locations.csv"));
        var tasks = JsonNode.Parse(File.ReadAllText(Path.Combine(Bundled, "hub-config", "tasks.json")))!;
        editTasks?.Invoke(tasks);
        File.WriteAllText(Path.Combine(hub, "hub-config", "tasks.json"), tasks.ToJsonString());
    }

    private static JsonNode IncidenceTask(JsonNode tasks) =>
        tasks["rounds"]![0]!["model_tasks"]!.AsArray().Single(t => t!["task_ids"]!["target"]!["optional"]!.AsArray().Any(v => (string?)v == HubFormat.IncidenceTarget))!;

    private void RunAll(int expectedOutputExit = 0)
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        _run.Stage("runner", 0).ShouldBe(0, _run.Log.ToString());
        _run.Stage("runner", 1).ShouldBe(0, _run.Log.ToString());
        _run.Stage("output").ShouldBe(expectedOutputExit, _run.Log.ToString());
    }

    [Fact]
    public async Task HubConfigInTheRepository_TravelsWithTheRun_AndTheSubmissionIsNamedAsTheHubNamesIt()
    {
        CopyHubIntoRepo();
        AddHubKeys("    hub_config: hubs/flusight/hub-config\n    team_abbr: MOBS\n    model_abbr: GLEAM_FLU\n");
        _run.EditConfig("output.yaml", text => "output:\n  tabular_output_types: [CSVBytes, Parquet]\n" + Replace(text, "output:\n", ""));

        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        // Stage C reads only what the builder shipped: the repository's hub folder is gone.
        Directory.Delete(Path.Combine(_run.Repo, "hubs"), recursive: true);
        _run.Stage("runner", 0).ShouldBe(0, _run.Log.ToString());
        _run.Stage("runner", 1).ShouldBe(0, _run.Log.ToString());
        _run.Stage("output").ShouldBe(0, _run.Log.ToString());

        var manifest = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(_run.RunFolder, "builder-artifacts", "manifest.json")), PipelineJsonContext.Default.BuildManifest)!;
        foreach (var shipped in new[] { "hub-config/tasks.json", "hub-config/validations.yml", "hub-config/admin.json", "auxiliary-data/locations.csv" })
            manifest.Data.ShouldContain(d => d.Name == "hubs/flusight/" + shipped);
        var hubText = GzipCsv.ReadAllText(Output(OutputFileNames.HubFormatted));
        File.ReadAllText(Output("2025-04-05-MOBS-GLEAM_FLU.csv")).ShouldBe(hubText);
        await using (var stream = File.OpenRead(Output("2025-04-05-MOBS-GLEAM_FLU.parquet")))
        await using (var parquet = await Parquet.ParquetReader.CreateAsync(stream))
        {
            var fields = parquet.Schema.GetDataFields().ToDictionary(f => f.Name);
            foreach (var text in new[] { "location", "target", "output_type", "output_type_id" })
                fields[text].ClrType.ShouldBe(typeof(ReadOnlyMemory<char>), text);
            parquet.Metadata!.NumRows.ShouldBe(hubText.Split('\n').Count(l => l.Length > 0) - 1);
        }
        var verdict = Verdict();
        verdict.Valid.ShouldBeTrue(string.Join("\n", verdict.Problems));
        verdict.HubConfig.ShouldBe("hubs/flusight/hub-config");
        verdict.SubmissionFile.ShouldBe("2025-04-05-MOBS-GLEAM_FLU.csv");
        verdict.ModelId.ShouldBe("MOBS-GLEAM_FLU");
        verdict.ReferenceDate.ShouldBe("2025-04-05");
    }

    [Fact]
    public void Samples_AreWrittenAsTheRoundAsks_AndPassTheHubsValidation()
    {
        // The example projects 10 trajectories; this hub takes 2 to 3 samples per task.
        CopyHubIntoRepo(tasks =>
        {
            var rule = IncidenceTask(tasks)["output_type"]!["sample"]!["output_type_id_params"]!;
            rule["min_samples_per_task"] = 2;
            rule["max_samples_per_task"] = 3;
        });
        AddHubKeys("    hub_config: hubs/flusight/hub-config\n    samples: true\n");

        RunAll();

        var samples = GzipCsv.ReadAllText(Output(OutputFileNames.HubFormatted)).Split('\n').Where(l => l.Contains(",sample,", StringComparison.Ordinal)).ToList();
        foreach (var (location, prefix) in new[] { ("25", "MA"), ("33", "NH") })
        {
            var rows = samples.Where(l => l.StartsWith(location + ",", StringComparison.Ordinal)).ToList();
            rows.Count.ShouldBe(3 * 5, "3 samples spanning horizons -1 to 3");
            rows.Select(l => l.Split(',')[6]).Distinct().ShouldBe([prefix + "00", prefix + "01", prefix + "02"]);
        }
        Verdict().Valid.ShouldBeTrue(string.Join("\n", Verdict().Problems));
    }

    [Fact]
    public void Samples_ForARoundWithoutSamples_ExitThree_NamingTheKey()
    {
        CopyHubIntoRepo(tasks => IncidenceTask(tasks)["output_type"]!.AsObject().Remove("sample"));
        AddHubKeys("    hub_config: hubs/flusight/hub-config\n    samples: true\n");

        RunAll(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain(": output.flusight_format.samples: the hub's round 2025-04-05 has no sample output type for a target this program writes");
        _run.Log.ToString().ShouldNotContain("(Parameter '");
    }

    private static void WithoutRound0405(JsonNode tasks)
    {
        foreach (var task in tasks["rounds"]![0]!["model_tasks"]!.AsArray())
        {
            var dates = task!["task_ids"]!["reference_date"]!["optional"]!.AsArray();
            dates.Remove(dates.Single(d => (string?)d == "2025-04-05"));
        }
    }

    private static readonly string NotARound = ": output.flusight_format.reference_date: "
        + ReferenceDates.Refusal(new DateOnly(2025, 4, 5), [new DateOnly(2023, 10, 7), new DateOnly(2025, 3, 29), new DateOnly(2026, 5, 30)]);

    [Fact]
    public void Output_AReferenceDateThatIsNotARoundOfHubConfigDir_ExitsThree_WithTheRoundsMessage()
    {
        CopyHubIntoRepo(WithoutRound0405);
        _run.Set("HUB_CONFIG_DIR", Path.Combine(_run.Repo, "hubs", "flusight", "hub-config"));

        RunAll(StageExitCodes.BadInput);

        var log = _run.Log.ToString();
        log.ShouldContain("experiments/flu-example/config/output.yaml:");
        log.ShouldContain(NotARound);
        log.ShouldNotContain("(Parameter '");
        File.Exists(Output(OutputFileNames.HubFormatted)).ShouldBeFalse();
    }

    [Fact]
    public void Builder_AReferenceDateThatIsNotARoundOfTheConfiguredHub_ExitsThree_BeforeAnyRunner()
    {
        CopyHubIntoRepo(WithoutRound0405);
        AddHubKeys("    hub_config: hubs/flusight/hub-config\n");

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        var log = _run.Log.ToString();
        log.ShouldContain("output.yaml:");
        log.ShouldContain(NotARound + " (hub config hubs/flusight/hub-config)");
        log.ShouldNotContain("(Parameter '");
        Directory.Exists(_run.RunFolder).ShouldBeFalse();
    }

    [Fact]
    public void QuantilesOtherThanTheRounds_ExitThree_NamingTheKey()
    {
        AddHubKeys("    quantiles: [0.25, 0.5, 0.75]\n");

        RunAll(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain(": output.flusight_format.quantiles: the round 2025-04-05 takes the levels [0.01, 0.025, 0.05,");
        _run.Log.ToString().ShouldNotContain("(Parameter '");
    }

    [Fact]
    public void NoReferenceDate_TakesTheRoundAfterTheLastObservation()
    {
        // The rate-trend data end on Saturday 2025-03-29: the round is 2025-04-05, as the example configures it.
        var observed = File.ReadAllLines(Path.Combine(_run.Repo, "data", "flu_hosp_24.csv"));
        File.WriteAllLines(Path.Combine(_run.Repo, "data", "observed_to_0329.csv"),
            [observed[0], .. observed.Skip(1).Where(l => string.CompareOrdinal(l.Split(',')[1], "2025-03-29") <= 0)]);
        _run.EditConfig("output.yaml", text => Replace(Replace(text, "    reference_date: \"2025-04-05\"\n", ""), "observed_data_path: data/flu_hosp_24.csv", "observed_data_path: data/observed_to_0329.csv"));

        RunAll();

        var rows = GzipCsv.ReadAllText(Output(OutputFileNames.HubFormatted)).Split('\n').Skip(1).Where(l => l.Length > 0).ToList();
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(l => l.Split(',', StringSplitOptions.None)[1] == "2025-04-05");
        Verdict().ReferenceDate.ShouldBe("2025-04-05");
    }

    [Fact]
    public void Builder_AHubConfigFolderWithoutTasksJson_ExitsThree_NamingTheKeyAndItsPlace()
    {
        Directory.CreateDirectory(Path.Combine(_run.Repo, "hubs", "empty", "hub-config"));
        AddHubKeys("    hub_config: hubs/empty/hub-config\n");

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        var log = _run.Log.ToString();
        log.ShouldContain("output.yaml:");
        log.ShouldContain(": output.flusight_format.hub_config: 'hubs/empty/hub-config' is not a readable hub config:");
        log.ShouldContain("has no tasks.json");
        Directory.Exists(_run.RunFolder).ShouldBeFalse();
    }

    [Fact]
    public void NoReferenceDate_AndNoObservation_ExitsThree_NamingTheKey()
    {
        var observed = File.ReadAllLines(Path.Combine(_run.Repo, "data", "flu_hosp_24.csv"));
        File.WriteAllLines(Path.Combine(_run.Repo, "data", "no_observations.csv"), [observed[0]]);
        _run.EditConfig("output.yaml", text => Replace(Replace(text, "    reference_date: \"2025-04-05\"\n", ""), "observed_data_path: data/flu_hosp_24.csv", "observed_data_path: data/no_observations.csv"));

        RunAll(StageExitCodes.BadInput);

        var log = _run.Log.ToString();
        log.ShouldContain("experiments/flu-example/config/output.yaml:");
        log.ShouldContain(": output.flusight_format.reference_date: not given, and the rate-trend data (data/no_observations.csv) hold no observation to take the round after: give reference_date");
    }
}
