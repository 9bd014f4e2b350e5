using System.Text;
using System.Text.Json;
using Epy.Cli;
using Epy.Cli.Configuration;
using Epy.Contracts.Api;
using Epy.Testing.Gcs;

namespace Epy.Cli.Tests;

/// <summary><c>epycloud download</c> and <c>epycloud experiment list</c>: a real local run's folder, and a bucket on the Cloud Storage fake.</summary>
public sealed class DownloadCommandTests
{
    private const string Old = "20261117-060000-0000aaaa";
    private const string New = "20261124-060000-0000bbbb";

    private static Dictionary<string, string> BucketEnv(FakeGcsServer gcs) => new()
    {
        [EnvironmentOverrides.VariableOf("google_cloud.bucket_name")] = gcs.Bucket,
        [EnvironmentOverrides.VariableOf("storage.dir_prefix")] = "pipeline/flu/",
        ["STORAGE_EMULATOR_HOST"] = gcs.BaseUri.Authority,
    };

    private static FakeGcsServer BucketWithRuns()
    {
        var gcs = new FakeGcsServer(anonymous: true) { DefaultMaxResults = 2 };
        foreach (var (exp, run) in new[] { ("flu-example", Old), ("flu-example", New), ("covid/weekly", New) })
        {
            var root = $"pipeline/flu/{exp}/{run}/";
            gcs.Put(root + "builder-artifacts/manifest.json", Encoding.UTF8.GetBytes("{\"task_count\": 2}"));
            gcs.Put(root + "outputs/quantiles.csv.gz", Encoding.UTF8.GetBytes($"q {exp} {run}"));
            gcs.Put(root + "outputs/fan_chart_US-MA.png", Encoding.UTF8.GetBytes("png"));
            gcs.Put(root + "run_metadata.json", Encoding.UTF8.GetBytes("{}"));
        }
        gcs.Put("pipeline/flu/notes.txt", Encoding.UTF8.GetBytes("not a run"));
        return gcs;
    }

    [Fact]
    public async Task ExperimentList_OnTheBucket_ListsEveryRunNewestFirst_NestedIdsToo_AcrossPages()
    {
        using var gcs = BucketWithRuns();

        var table = await Epycloud.RunAsync(["experiment", "list"], BucketEnv(gcs));
        var latest = await Epycloud.RunAsync(["experiment", "list", "--exp-id", "flu-*", "--latest", "--format", "json"], BucketEnv(gcs));

        table.ExitCode.ShouldBe(ExitCodes.Ok, table.ToString());
        table.Output.Trim().Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ShouldBe(
        [
            "EXP_ID RUN_ID STARTED (UTC) OUTPUTS",
            $"covid/weekly {New} 2026-11-24 06:00:00 2",
            $"flu-example {New} 2026-11-24 06:00:00 2",
            $"flu-example {Old} 2026-11-17 06:00:00 2",
        ]);
        latest.ExitCode.ShouldBe(ExitCodes.Ok, latest.ToString());
        var rows = JsonDocument.Parse(latest.Output).RootElement.EnumerateArray().ToList();
        rows.Count.ShouldBe(1);
        rows[0].GetProperty("exp_id").GetString().ShouldBe("flu-example");
        rows[0].GetProperty("run_id").GetString().ShouldBe(New);
        rows[0].GetProperty("location").GetString().ShouldBe($"gs://{gcs.Bucket}/pipeline/flu/flu-example/{New}/");
        gcs.Requests.ShouldContain(r => r.Contains("delimiter=%2F", StringComparison.Ordinal) && r.Contains("pageToken=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExperimentList_TakesTheBucketAndPrefixFromTheConfigFiles_AndAnExplicitOptionWins()
    {
        using var gcs = BucketWithRuns();
        using var config = new TempFolder();
        await File.WriteAllTextAsync(config.Combine("config.yaml"), "google_cloud:\n  bucket_name: " + gcs.Bucket + "\nstorage:\n  dir_prefix: \"pipeline/{environment}/\"\n");
        Directory.CreateDirectory(config.Combine("environments"));
        await File.WriteAllTextAsync(config.Combine("environments", "flu.yaml"), "# flu\n");
        var env = new Dictionary<string, string> { ["STORAGE_EMULATOR_HOST"] = gcs.BaseUri.Authority };

        var fromConfig = await Epycloud.RunAsync(["experiment", "list", "--config", config.Path, "--env", "flu", "--exp-id", "covid/*", "--output", "json"], env);
        var overridden = await Epycloud.RunAsync(["experiment", "list", "--config", config.Path, "--env", "flu", "--bucket", "no-such-bucket"], env);

        fromConfig.ExitCode.ShouldBe(ExitCodes.Ok, fromConfig.ToString());
        JsonDocument.Parse(fromConfig.Output).RootElement.EnumerateArray().Single().GetProperty("location").GetString()
            .ShouldBe($"gs://{gcs.Bucket}/pipeline/flu/covid/weekly/{New}/");
        overridden.ExitCode.ShouldNotBe(ExitCodes.Ok, overridden.ToString());
        gcs.Requests.ShouldContain(r => r.Contains("no-such-bucket", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExperimentList_OnTheBucket_RetriesA503_AndExplainsA403()
    {
        using var gcs = BucketWithRuns();

        gcs.FailNext(1);
        var retried = await Epycloud.RunAsync(["experiment", "list"], BucketEnv(gcs));
        gcs.FailNext(1, System.Net.HttpStatusCode.Forbidden);
        var refused = await Epycloud.RunAsync(["experiment", "list"], BucketEnv(gcs));

        retried.ExitCode.ShouldBe(ExitCodes.Ok, retried.ToString());
        retried.Output.ShouldContain("flu-example");
        refused.ExitCode.ShouldBe(ExitCodes.ConfigurationError, refused.ToString());
        refused.Error.ShouldContain($"gs://{gcs.Bucket}/pipeline/flu/: Cloud Storage answered 403");
        refused.Error.ShouldContain("roles/storage.objectViewer");
    }

    [Fact]
    public async Task Download_FromTheBucket_TakesTheNewestRunsOutputs_OrTheNamedRunsGlobbedFiles()
    {
        using var gcs = BucketWithRuns();
        using var folder = new TempFolder();

        var planned = await Epycloud.RunAsync(["download", "--exp-id", "**", "-o", folder.Combine("a"), "--dry-run"], BucketEnv(gcs));
        Directory.Exists(folder.Combine("a")).ShouldBeFalse("--dry-run writes nothing");
        var newest = await Epycloud.RunAsync(["download", "--exp-id", "**", "-o", folder.Combine("a")], BucketEnv(gcs));
        var named = await Epycloud.RunAsync(["download", "--exp-id", "flu-example", "--run-id", Old, "--files", "outputs/*.csv.gz", "run_metadata.json", "-o", folder.Combine("b"), "--output", "json"], BucketEnv(gcs));

        newest.ExitCode.ShouldBe(ExitCodes.Ok, newest.ToString());
        Directory.EnumerateFiles(folder.Combine("a"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder.Combine("a"), f)).Order().ShouldBe(
        [
            $"covid/weekly/{New}/outputs/fan_chart_US-MA.png",
            $"covid/weekly/{New}/outputs/quantiles.csv.gz",
            $"flu-example/{New}/outputs/fan_chart_US-MA.png",
            $"flu-example/{New}/outputs/quantiles.csv.gz",
        ]);
        (await File.ReadAllTextAsync(folder.Combine("a", "flu-example", New, "outputs", "quantiles.csv.gz"))).ShouldBe($"q flu-example {New}");
        newest.Output.ShouldContain("4 file(s)");
        planned.ExitCode.ShouldBe(ExitCodes.Ok, planned.ToString());
        planned.Output.ShouldContain($"would copy gs://{gcs.Bucket}/pipeline/flu/flu-example/{New}/outputs/quantiles.csv.gz -> ");
        planned.Output.ShouldContain("4 file(s), ");
        named.ExitCode.ShouldBe(ExitCodes.Ok, named.ToString());
        var files = JsonDocument.Parse(named.Output).RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        files.ShouldBe(["outputs/quantiles.csv.gz", "run_metadata.json"]);
    }

    [Fact]
    public async Task Download_NoMatch_ExitsOne_WithAHint_AndAMissingRunSaysSo()
    {
        using var gcs = BucketWithRuns();
        using var folder = new TempFolder();

        var none = await Epycloud.RunAsync(["download", "--exp-id", "rsv-*", "-o", folder.Path], BucketEnv(gcs));
        var noRun = await Epycloud.RunAsync(["download", "--exp-id", "flu-example", "--run-id", "20200101-000000-00000000", "-o", folder.Path], BucketEnv(gcs));

        none.ExitCode.ShouldBe(ExitCodes.RunFailed, none.ToString());
        none.Error.ShouldContain($"no experiment matches 'rsv-*' under gs://{gcs.Bucket}/pipeline/flu/");
        none.Error.ShouldContain("hint: see 'epycloud experiment list'");
        noRun.ExitCode.ShouldBe(ExitCodes.RunFailed, noRun.ToString());
        noRun.Error.ShouldContain("has run 20200101-000000-00000000");
    }

    [Fact]
    public async Task DownloadAndList_OnARealLocalRun_ReadTheStateFolder()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        await server.WaitForEndAsync(run.RunId, "SUCCEEDED");
        var state = Path.GetDirectoryName(server.Options.BucketRoot)!;
        using var folder = new TempFolder();

        var list = await Epycloud.RunAsync(["experiment", "list", "--local", "--state-dir", state, "--output", "json"]);
        var download = await Epycloud.RunAsync(["download", "--local", "--state-dir", state, "--exp-id", ForecastRepo.Experiment, "-o", folder.Path]);

        list.ExitCode.ShouldBe(ExitCodes.Ok, list.ToString());
        var rows = JsonDocument.Parse(list.Output).RootElement.EnumerateArray().ToList();
        rows.Select(r => (r.GetProperty("exp_id").GetString(), r.GetProperty("run_id").GetString(), r.GetProperty("outputs").GetInt32())).ShouldBe([(ForecastRepo.Experiment, run.RunId, 1)]);
        download.ExitCode.ShouldBe(ExitCodes.Ok, download.ToString());
        File.Exists(Path.Combine(folder.Path, ForecastRepo.Experiment, run.RunId, "outputs", "x.csv.gz")).ShouldBeTrue(download.ToString());
    }

    [Fact]
    public async Task Local_WithoutAStateFolder_ExitsTwo_SayingWhereItLooked()
    {
        using var folder = new TempFolder();

        var result = await Epycloud.RunAsync(["experiment", "list", "--local", "--project-dir", folder.Path]);

        result.ExitCode.ShouldBe(ExitCodes.ConfigurationError, result.ToString());
        result.Error.ShouldContain($"no local runs at {Path.Combine(folder.Path, ".epy", "bucket")}");
        result.Error.ShouldContain("hint:");
    }
}
