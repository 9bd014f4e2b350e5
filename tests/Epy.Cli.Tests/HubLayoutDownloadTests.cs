using System.Text;
using System.Text.Json;
using Epy.Cli;
using Epy.Cli.Configuration;
using Epy.Contracts.Api;
using Epy.Testing.Gcs;

namespace Epy.Cli.Tests;

/// <summary><c>epycloud download --hub-layout</c>: a run's submission put where a hub fork's pull request expects it.</summary>
public sealed class HubLayoutDownloadTests
{
    private const string Run = "20261124-060000-0000bbbb";
    private const string Csv = "2025-12-20-MOBS-GLEAM.csv";
    private const string Parquet = "2025-12-20-MOBS-GLEAM.parquet";

    private const string ValidVerdict = $$"""
        {"valid": true, "problems": [], "hub_config": "/hub/hub-config",
         "submission_file": "{{Csv}}", "model_id": "MOBS-GLEAM", "reference_date": "2025-12-20"}
        """;

    private static readonly string InvalidVerdict = JsonSerializer.Serialize(new
    {
        valid = false,
        problems = new[] { "row 2: value < 0", "missing location 25" },
        hub_config = "/hub/hub-config",
        submission_file = Csv,
        model_id = "MOBS-GLEAM",
        reference_date = "2025-12-20",
    });

    private static Dictionary<string, string> BucketEnv(FakeGcsServer gcs) => new()
    {
        [EnvironmentOverrides.VariableOf("google_cloud.bucket_name")] = gcs.Bucket,
        [EnvironmentOverrides.VariableOf("storage.dir_prefix")] = "pipeline/flu/",
        ["STORAGE_EMULATOR_HOST"] = gcs.BaseUri.Authority,
    };

    private static FakeGcsServer Bucket()
    {
        var gcs = new FakeGcsServer(anonymous: true);
        void Put(string exp, string name, string content) => gcs.Put($"pipeline/flu/{exp}/{Run}/outputs/{name}", Encoding.UTF8.GetBytes(content));
        Put("flu-valid", Csv, "csv valid");
        Put("flu-valid", Parquet, "parquet valid");
        Put("flu-valid", "quantiles.csv.gz", "q");
        Put("flu-valid", "submission_validation.json", ValidVerdict);
        Put("flu-invalid", Csv, "csv invalid");
        Put("flu-invalid", "submission_validation.json", InvalidVerdict);
        Put("flu-unnamed", "hub.csv", "csv");
        Put("flu-unnamed", "submission_validation.json", """{"valid": true, "problems": [], "hub_config": "/hub/hub-config"}""");
        Put("flu-broken", Csv, "csv");
        Put("flu-broken", "submission_validation.json", "{\"valid\": tru");
        Put("flu-escape", Csv, "csv");
        Put("flu-escape", "submission_validation.json", ValidVerdict.Replace("\"MOBS-GLEAM\"", "\"../../etc\"", StringComparison.Ordinal));
        return gcs;
    }

    private static string Placed(TempFolder hub, string name = Csv) => hub.Combine("model-output", "MOBS-GLEAM", name);

    [Fact]
    public async Task HubLayout_FromTheBucket_PutsTheSubmissionAndItsParquetUnderModelOutput_AndPrintsTheVerdict()
    {
        using var gcs = Bucket();
        using var hub = new TempFolder();

        var result = await Epycloud.RunAsync(["download", "--exp-id", "flu-valid", "--hub-layout", "--dest", hub.Path], BucketEnv(gcs));

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        (await File.ReadAllTextAsync(Placed(hub))).ShouldBe("csv valid");
        (await File.ReadAllTextAsync(Placed(hub, Parquet))).ShouldBe("parquet valid");
        Directory.EnumerateFiles(hub.Path, "*", SearchOption.AllDirectories).Count().ShouldBe(2, "only the submission: no other output, no partial file");
        result.Output.ShouldContain($"gs://{gcs.Bucket}/pipeline/flu/flu-valid/{Run}/outputs/{Csv} -> {Placed(hub)} (9 bytes)");
        result.Output.ShouldContain($"Submission: valid — {Csv} (hub config /hub/hub-config)");
        result.Error.ShouldBeEmpty();
    }

    [Fact]
    public async Task HubLayout_InvalidVerdict_StillWrites_ListsTheProblems_AndWarns_ExitingZero()
    {
        using var gcs = Bucket();
        using var hub = new TempFolder();

        var result = await Epycloud.RunAsync(["download", "--exp-id", "flu-invalid", "--hub-layout", "-o", hub.Path], BucketEnv(gcs));

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        (await File.ReadAllTextAsync(Placed(hub))).ShouldBe("csv invalid");
        File.Exists(Placed(hub, Parquet)).ShouldBeFalse("the run has no parquet file");
        result.Output.ShouldContain($"Submission: INVALID, 2 problems — {Csv} (hub config /hub/hub-config)\n  row 2: value < 0\n  missing location 25\n");
        result.Error.ShouldContain("warning: the hub would reject this submission");
    }

    [Fact]
    public async Task HubLayout_OutputJson_CarriesTheFilesAndTheSubmission()
    {
        using var gcs = Bucket();
        using var hub = new TempFolder();

        var result = await Epycloud.RunAsync(["download", "--exp-id", "flu-valid", "--hub-layout", "--dest", hub.Path, "--output", "json"], BucketEnv(gcs));

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        var root = JsonDocument.Parse(result.Output).RootElement;
        root.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ShouldBe([Placed(hub), Placed(hub, Parquet)]);
        var submission = root.GetProperty("submission");
        submission.GetProperty("valid").GetBoolean().ShouldBeTrue();
        submission.GetProperty("model_id").GetString().ShouldBe("MOBS-GLEAM");
        submission.GetProperty("submission_file").GetString().ShouldBe(Csv);
    }

    [Fact]
    public async Task HubLayout_DryRun_SaysWhereTheFilesWouldGo_AndWritesNothing()
    {
        using var gcs = Bucket();
        using var hub = new TempFolder();

        var result = await Epycloud.RunAsync(["download", "--exp-id", "flu-valid", "--hub-layout", "--dest", hub.Path, "--dry-run"], BucketEnv(gcs));

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        result.Output.ShouldContain($"would copy gs://{gcs.Bucket}/pipeline/flu/flu-valid/{Run}/outputs/{Csv} -> {Placed(hub)} (9 bytes)");
        result.Output.ShouldContain($"Submission: valid — {Csv}");
        Directory.EnumerateFileSystemEntries(hub.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task HubLayout_RunWithoutAModelId_Refuses_SayingWhatToSet_AndWritesNothing()
    {
        using var gcs = Bucket();
        using var hub = new TempFolder();

        var result = await Epycloud.RunAsync(["download", "--exp-id", "flu-unnamed", "--hub-layout", "--dest", hub.Path], BucketEnv(gcs));

        result.ExitCode.ShouldBe(ExitCodes.ConfigurationError, result.ToString());
        result.Error.ShouldContain($"run flu-unnamed/{Run} names no hub submission");
        result.Error.ShouldContain("set output.flusight_format.team_abbr and output.flusight_format.model_abbr");
        Directory.Exists(hub.Combine("model-output")).ShouldBeFalse();
    }

    [Fact]
    public async Task HubLayout_ExistingDifferentFile_IsKeptWithoutForce_IdenticalIsLeft_AndForceOverwrites()
    {
        using var gcs = Bucket();
        using var hub = new TempFolder();
        Directory.CreateDirectory(Path.GetDirectoryName(Placed(hub))!);
        await File.WriteAllTextAsync(Placed(hub), "edited by hand");
        string[] arguments = ["download", "--exp-id", "flu-valid", "--hub-layout", "--dest", hub.Path];

        var refused = await Epycloud.RunAsync(arguments, BucketEnv(gcs));
        var keptText = await File.ReadAllTextAsync(Placed(hub));
        var parquetAfterRefusal = File.Exists(Placed(hub, Parquet));
        var forced = await Epycloud.RunAsync([.. arguments, "--force"], BucketEnv(gcs));
        var again = await Epycloud.RunAsync(arguments, BucketEnv(gcs));

        refused.ExitCode.ShouldBe(ExitCodes.RunFailed, refused.ToString());
        refused.Error.ShouldContain($"{Placed(hub)} exists with other content; nothing was written");
        refused.Error.ShouldContain("hint: pass --force to overwrite it");
        keptText.ShouldBe("edited by hand");
        parquetAfterRefusal.ShouldBeFalse("a refusal writes none of the files");
        Directory.EnumerateFiles(hub.Path, "*.partial", SearchOption.AllDirectories).ShouldBeEmpty();
        forced.ExitCode.ShouldBe(ExitCodes.Ok, forced.ToString());
        (await File.ReadAllTextAsync(Placed(hub))).ShouldBe("csv valid");
        again.ExitCode.ShouldBe(ExitCodes.Ok, again.ToString());
        again.Output.ShouldContain("(9 bytes, unchanged)");
    }

    [Fact]
    public async Task HubLayout_UnreadableVerdict_OrNamesLeadingOut_OrSeveralRuns_FailWithoutWriting()
    {
        using var gcs = Bucket();
        using var hub = new TempFolder();

        var broken = await Epycloud.RunAsync(["download", "--exp-id", "flu-broken", "--hub-layout", "--dest", hub.Path], BucketEnv(gcs));
        var escape = await Epycloud.RunAsync(["download", "--exp-id", "flu-escape", "--hub-layout", "--dest", hub.Path], BucketEnv(gcs));
        var several = await Epycloud.RunAsync(["download", "--exp-id", "flu-*", "--hub-layout", "--dest", hub.Path], BucketEnv(gcs));
        var withFiles = await Epycloud.RunAsync(["download", "--exp-id", "flu-valid", "--hub-layout", "--files", "outputs/*", "--dest", hub.Path], BucketEnv(gcs));

        broken.ExitCode.ShouldBe(ExitCodes.RunFailed, broken.ToString());
        broken.Error.ShouldContain($"gs://{gcs.Bucket}/pipeline/flu/flu-broken/{Run}/outputs/submission_validation.json: submission_validation.json is not valid JSON");
        escape.ExitCode.ShouldBe(ExitCodes.RunFailed, escape.ToString());
        escape.Error.ShouldContain("the verdict's model_id '../../etc' is not a plain file name");
        several.ExitCode.ShouldBe(ExitCodes.ConfigurationError, several.ToString());
        several.Error.ShouldContain("--hub-layout takes one run");
        withFiles.ExitCode.ShouldBe(ExitCodes.ConfigurationError, withFiles.ToString());
        Directory.EnumerateFileSystemEntries(hub.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task HubLayout_OnALocalRun_ReadsTheStateFolder()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");
        var outputs = Path.Combine(server.RunFolder(done), "outputs");
        await File.WriteAllTextAsync(Path.Combine(outputs, Csv), "csv local");
        await File.WriteAllTextAsync(Path.Combine(outputs, "submission_validation.json"), ValidVerdict);
        var state = Path.GetDirectoryName(server.Options.BucketRoot)!;
        using var hub = new TempFolder();

        var result = await Epycloud.RunAsync(["download", "--local", "--state-dir", state, "--exp-id", ForecastRepo.Experiment, "--run-id", run.RunId, "--hub-layout", "--dest", hub.Path]);

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        (await File.ReadAllTextAsync(Placed(hub))).ShouldBe("csv local");
        result.Output.ShouldContain($"Submission: valid — {Csv}");
    }
}
