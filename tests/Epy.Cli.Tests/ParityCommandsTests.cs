using System.Text;
using Epy.Cli;
using Epy.Cli.Configuration;
using Epy.Testing.Fixtures;
using Epy.Testing.Gcs;

namespace Epy.Cli.Tests;

/// <summary>
/// The original epycloud's habits: <c>config edit-secrets|list-envs</c>, <c>profile edit</c>, <c>build dev</c>,
/// <c>experiment list --format uri|args</c> and <c>download --name-format --nest-runs</c>, as separate processes.
/// </summary>
public sealed class ParityCommandsTests : IDisposable
{
    private const string RunId = "20261124-060000-0000bbbb";

    private readonly TempFolder _folder = new();

    private string Dir => _folder.Combine("cfg");

    public void Dispose() => _folder.Dispose();

    private Task<Epycloud.Result> Run(params string[] arguments) => Epycloud.RunAsync([.. arguments, "--config", Dir]);

    private string Editor(string line)
    {
        var editor = _folder.Combine($"editor-{Guid.NewGuid():N}.sh");
        File.WriteAllText(editor, $"#!/bin/sh\nprintf '{line}\\n' >> \"$1\"\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return editor;
    }

    private static Dictionary<string, string> BucketEnv(FakeGcsServer gcs) => new()
    {
        [EnvironmentOverrides.VariableOf("google_cloud.bucket_name")] = gcs.Bucket,
        [EnvironmentOverrides.VariableOf("storage.dir_prefix")] = "pipeline/flu/",
        ["STORAGE_EMULATOR_HOST"] = gcs.BaseUri.Authority,
    };

    [Fact]
    public async Task ConfigEditSecrets_CreatesSecretsMode600_OpensTheEditor_ThenValidates()
    {
        await Run("config", "init");
        File.Delete(Path.Combine(Dir, "secrets.yaml"));

        var edit = await Epycloud.RunAsync(["config", "edit-secrets", "--config", Dir], new Dictionary<string, string> { ["EDITOR"] = Editor("# edited by hand"), ["VISUAL"] = "" });

        edit.ExitCode.ShouldBe(ExitCodes.Ok, edit.ToString());
        edit.Output.ShouldContain("the settings are valid");
        var secrets = Path.Combine(Dir, "secrets.yaml");
        File.ReadAllText(secrets).ShouldContain("# edited by hand");
        File.GetUnixFileMode(secrets).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task ConfigListEnvs_MarksTheEnvironmentInUse()
    {
        await Run("config", "init");

        var dev = await Run("config", "list-envs");
        var prod = await Run("config", "list-envs", "--env", "prod");

        dev.ExitCode.ShouldBe(ExitCodes.Ok, dev.ToString());
        dev.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["* dev", "  prod"]);
        prod.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["  dev", "* prod"]);
    }

    [Fact]
    public async Task ProfileEdit_OpensTheProfilesFile_AndAMissingProfileExitsTwo()
    {
        await Run("config", "init");

        var edit = await Epycloud.RunAsync(["profile", "edit", "default", "--config", Dir], new Dictionary<string, string> { ["EDITOR"] = Editor("billing_project: flu-team"), ["VISUAL"] = "" });
        var get = await Run("config", "get", "billing_project");
        var missing = await Run("profile", "edit", "nope");

        edit.ExitCode.ShouldBe(ExitCodes.Ok, edit.ToString());
        get.Output.Trim().ShouldBe("flu-team");
        missing.ExitCode.ShouldBe(ExitCodes.ConfigurationError, missing.ToString());
        missing.Error.ShouldContain("profile 'nope' does not exist");
    }

    [Fact]
    public async Task BuildDev_DryRun_PrintsTheStageImageBuild_TaggedDev()
    {
        var repo = _folder.Combine("repo");
        Directory.CreateDirectory(repo);
        File.WriteAllText(Path.Combine(repo, "Dockerfile.stages"), "# test\n");

        var dev = await Epycloud.RunAsync(["build", "dev", "--engine", "docker", "--repo-root", repo, "--dry-run"]);
        var tagged = await Epycloud.RunAsync(["build", "dev", "--engine", "podman", "--repo-root", repo, "--image-tag", "wk48", "--dry-run"]);

        dev.ExitCode.ShouldBe(ExitCodes.Ok, dev.ToString());
        dev.Output.Trim().ShouldEndWith("docker build -f Dockerfile.stages -t localhost/epy-stages:dev .");
        tagged.Output.Trim().ShouldEndWith("podman build -f Dockerfile.stages -t localhost/epy-stages:wk48 .");
    }

    [Fact]
    public async Task ExperimentList_FormatUriAndArgs_PrintARunALine()
    {
        using var gcs = new FakeGcsServer(anonymous: true);
        gcs.Put($"pipeline/flu/flu-example/{RunId}/outputs/quantiles.csv.gz", Encoding.UTF8.GetBytes("q"));
        gcs.Put($"pipeline/flu/covid/weekly/{RunId}/outputs/quantiles.csv.gz", Encoding.UTF8.GetBytes("q"));

        var uri = await Epycloud.RunAsync(["experiment", "list", "--format", "uri"], BucketEnv(gcs));
        var args = await Epycloud.RunAsync(["experiment", "list", "-e", "flu-*", "--format", "args"], BucketEnv(gcs));

        uri.ExitCode.ShouldBe(ExitCodes.Ok, uri.ToString());
        uri.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ShouldBe(
        [
            $"gs://{gcs.Bucket}/pipeline/flu/covid/weekly/{RunId}/",
            $"gs://{gcs.Bucket}/pipeline/flu/flu-example/{RunId}/",
        ]);
        args.ExitCode.ShouldBe(ExitCodes.Ok, args.ToString());
        args.Output.Trim().ShouldBe($"--exp-id flu-example --run-id {RunId}");
    }

    [Fact]
    public async Task Download_NameFormatAndNestRuns_PlaceFilesAsTheOriginalDid_AndCollisionsAreRefused()
    {
        using var gcs = new FakeGcsServer(anonymous: true);
        gcs.Put($"pipeline/flu/flu-example/{RunId}/outputs/quantiles.csv.gz", Encoding.UTF8.GetBytes("q"));
        gcs.Put($"pipeline/flu/flu-example/{RunId}/outputs/plots/fan.png", Encoding.UTF8.GetBytes("png"));
        gcs.Put($"pipeline/flu/flu-example/{RunId}/outputs/other/fan.png", Encoding.UTF8.GetBytes("png"));

        var shortNested = await Epycloud.RunAsync(["download", "-e", "flu-example", "--name-format", "short", "--nest-runs", "--files", "outputs/*.csv.gz", "-o", _folder.Combine("s")], BucketEnv(gcs));
        var longFlat = await Epycloud.RunAsync(["download", "-e", "flu-example", "--name-format", "long", "--files", "outputs/plots/*", "-o", _folder.Combine("l")], BucketEnv(gcs));
        var clash = await Epycloud.RunAsync(["download", "-e", "flu-example", "--name-format", "short", "-o", _folder.Combine("c")], BucketEnv(gcs));

        shortNested.ExitCode.ShouldBe(ExitCodes.Ok, shortNested.ToString());
        File.Exists(_folder.Combine("s", "flu-example", RunId, "quantiles.csv.gz")).ShouldBeTrue(shortNested.ToString());
        longFlat.ExitCode.ShouldBe(ExitCodes.Ok, longFlat.ToString());
        File.Exists(_folder.Combine("l", "flu-example", $"flu-example_{RunId}_outputs_plots_fan.png")).ShouldBeTrue(longFlat.ToString());
        clash.ExitCode.ShouldBe(ExitCodes.ConfigurationError, clash.ToString());
        clash.Error.ShouldContain("would both be written to");
        Directory.Exists(_folder.Combine("c")).ShouldBeFalse("nothing of the run is copied");
    }
}
