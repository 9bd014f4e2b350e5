using Epy.Cli;
using Epy.Cli.Targets;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Cli;

/// <summary>
/// <c>epycloud build</c> and <c>epycloud terraform</c> against fake <c>gcloud</c>, <c>podman</c>, <c>docker</c> and
/// <c>terraform</c> scripts on a PATH of their own, each recording its arguments, folder and <c>TF_VAR_*</c> variables.
/// </summary>
public sealed class BuildAndTerraformCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public BuildAndTerraformCommandTests()
    {
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(Repo);
        Directory.CreateDirectory(Path.Combine(Repo, "terraform"));
        foreach (var file in new[] { "cloudbuild.yaml", "Dockerfile.orchestrator", "Dockerfile.stages" })
            File.WriteAllText(Path.Combine(Repo, file), "# test\n");
    }

    private string Bin => _folder.Combine("bin");

    private string Repo => _folder.Combine("repo");

    private string Records => _folder.Combine("records");

    public void Dispose() => _folder.Dispose();

    private void Tool(string name)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, $"""
            #!/bin/sh
            /usr/bin/mkdir -p "{Records}"
            n=$(/usr/bin/ls "{Records}" | /usr/bin/wc -l)
            f="{Records}/$(printf %03d "$n")-{name}"
            pwd > "$f"
            for a in "$@"; do printf '%s\n' "$a" >> "$f"; done
            /usr/bin/env | /usr/bin/grep '^TF_VAR_' | /usr/bin/sort > "$f.env"
            exit ${"{"}FAKE_EXIT:-0{"}"}
            """);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private Dictionary<string, string> Env(params (string, string)[] more)
    {
        var env = new Dictionary<string, string>
        {
            ["PATH"] = Bin,
            [TargetOptions.ProjectVariable] = "epi-project",
            [TargetOptions.RegionVariable] = "us-central1",
            [TargetOptions.RepositoryVariable] = "epy",
            [TargetOptions.BucketVariable] = "epi-bucket",
        };
        foreach (var (name, value) in more)
            env[name] = value;
        return env;
    }

    private List<(string Tool, string[] Lines, string[] Env)> Calls() =>
        Directory.Exists(Records)
            ? [.. Directory.EnumerateFiles(Records).Where(f => !f.EndsWith(".env", StringComparison.Ordinal)).Order()
                .Select(f => (Path.GetFileName(f)[4..], File.ReadAllLines(f), File.ReadAllLines(f + ".env")))]
            : [];

    [Fact]
    public async Task BuildCloud_SubmitsCloudbuildYaml_WithTheSettingsAsSubstitutions_FromTheRepoRoot()
    {
        Tool("gcloud");

        var result = await Epycloud.RunAsync(["build", "cloud", "--repo-root", Repo, "--image-tag", "v1.2", "--async"], Env());

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        var (tool, lines, _) = Calls().Single();
        tool.ShouldBe("gcloud");
        lines.ShouldBe([Repo, "builds", "submit", "--project=epi-project", "--region=us-central1", "--config=cloudbuild.yaml",
            "--substitutions=_REGION=us-central1,_REPOSITORY=epy,_IMAGE_TAG=v1.2", "--async", "."]);
    }

    [Fact]
    public async Task BuildLocal_UsesDockerWhenPodmanIsMissing_TaggingBothImagesForArtifactRegistry()
    {
        Tool("docker");

        var result = await Epycloud.RunAsync(["build", "local", "--repo-root", Repo, "--build-arg", "DOTNET_VERSION=10.0"], Env((TargetOptions.ImageTagVariable, "wk48")));

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        var calls = Calls();
        calls.Select(c => c.Tool).ShouldBe(["docker", "docker"]);
        calls[0].Lines.ShouldBe([Repo, "build", "-f", "Dockerfile.orchestrator", "-t", "us-central1-docker.pkg.dev/epi-project/epy/epy-orchestrator:wk48",
            "--build-arg", "IMAGE_TAG=wk48", "--build-arg", "DOTNET_VERSION=10.0", "."]);
        calls[1].Lines[3].ShouldBe("Dockerfile.stages");
        calls[1].Lines[5].ShouldBe("us-central1-docker.pkg.dev/epi-project/epy/epy-stages:wk48");
    }

    [Fact]
    public async Task AMissingTool_ExitsTwo_NamingIt_WithWhereToGetIt()
    {
        var build = await Epycloud.RunAsync(["build", "local", "--repo-root", Repo], Env());
        var terraform = await Epycloud.RunAsync(["terraform", "plan", "--repo-root", Repo], Env());

        build.ExitCode.ShouldBe(ExitCodes.ConfigurationError, build.ToString());
        build.Error.ShouldContain("epycloud: podman is not on PATH");
        build.Error.ShouldContain("hint: install Podman");
        terraform.ExitCode.ShouldBe(ExitCodes.ConfigurationError, terraform.ToString());
        terraform.Error.ShouldContain("epycloud: terraform is not on PATH");
        terraform.Error.ShouldContain("https://developer.hashicorp.com/terraform/install");
    }

    [Fact]
    public async Task TerraformApply_PassesSettingsAsTfVars_AutoApprovesWithYes_AndForwardsExtraArguments()
    {
        Tool("terraform");

        var result = await Epycloud.RunAsync(["terraform", "apply", "--repo-root", Repo, "--yes", "--", "-var-file=prod.tfvars"], Env());

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        var (_, lines, env) = Calls().Single();
        lines.ShouldBe([Repo, "-chdir=terraform", "apply", "-auto-approve", "-var-file=prod.tfvars"]);
        env.ShouldBe(["TF_VAR_bucket_name=epi-bucket", "TF_VAR_image_tag=latest", "TF_VAR_project_id=epi-project", "TF_VAR_region=us-central1", "TF_VAR_repository=epy"]);
    }

    [Fact]
    public async Task DryRun_PrintsTheExactCommand_AndRunsNothing()
    {
        Tool("terraform");

        var result = await Epycloud.RunAsync(["terraform", "destroy", "--repo-root", Repo, "--dry-run"], Env());

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        result.Output.Trim().ShouldBe($"cd {Repo} && TF_VAR_bucket_name=epi-bucket TF_VAR_image_tag=latest TF_VAR_project_id=epi-project TF_VAR_region=us-central1 TF_VAR_repository=epy terraform -chdir=terraform destroy");
        Calls().ShouldBeEmpty();
    }

    [Fact]
    public async Task AFailingTool_ExitsOne_AndBuildStatusListsBuilds()
    {
        Tool("gcloud");

        var failed = await Epycloud.RunAsync(["build", "cloud", "--repo-root", Repo], Env(("FAKE_EXIT", "3")));
        var status = await Epycloud.RunAsync(["build", "status", "--repo-root", Repo, "--limit", "3", "--verbose"], Env());

        failed.ExitCode.ShouldBe(ExitCodes.RunFailed, failed.ToString());
        failed.Error.ShouldContain("epycloud: gcloud builds exited with 3");
        status.ExitCode.ShouldBe(ExitCodes.Ok, status.ToString());
        status.Error.ShouldContain("+ cd ");
        Calls()[^1].Lines.ShouldBe([Repo, "builds", "list", "--project=epi-project", "--region=us-central1", "--limit=3"]);
    }

    [Fact]
    public async Task BuildCloud_WithoutARegion_OrOutsideTheRepo_ExitsTwo_NamingWhatIsMissing()
    {
        Tool("gcloud");
        var env = Env();
        env.Remove(TargetOptions.RegionVariable);

        var noRegion = await Epycloud.RunAsync(["build", "cloud", "--repo-root", Repo], env);
        var noFile = await Epycloud.RunAsync(["build", "cloud", "--repo-root", Bin], Env());

        noRegion.ExitCode.ShouldBe(ExitCodes.ConfigurationError, noRegion.ToString());
        noRegion.Error.ShouldContain("epycloud: --region is not set");
        noRegion.Error.ShouldContain($"hint: pass --region or set {TargetOptions.RegionVariable}");
        noFile.ExitCode.ShouldBe(ExitCodes.ConfigurationError, noFile.ToString());
        noFile.Error.ShouldContain("cloudbuild.yaml does not exist");
        Calls().ShouldBeEmpty();
    }
}
