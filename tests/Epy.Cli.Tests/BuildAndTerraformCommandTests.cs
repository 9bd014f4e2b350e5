using Epy.Cli;
using Epy.Cli.Configuration;

namespace Epy.Cli.Tests;

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
            [Variable("google_cloud.project_id")] = "epi-project",
            [Variable("google_cloud.region")] = "us-central1",
            [Variable("docker.repository")] = "epy",
            [Variable("google_cloud.bucket_name")] = "epi-bucket",
            [Variable("storage.dir_prefix")] = "pipeline/{environment}/",
        };
        foreach (var (name, value) in more)
            env[name] = value;
        return env;
    }

    private static string Variable(string key) => EnvironmentOverrides.VariableOf(key);

    private List<(string Tool, string[] Lines, string[] Env)> Calls() =>
        Directory.Exists(Records)
            ? [.. Directory.EnumerateFiles(Records).Where(f => !f.EndsWith(".env", StringComparison.Ordinal)).Order()
                .Select(f => (Path.GetFileName(f)[4..], File.ReadAllLines(f), File.ReadAllLines(f + ".env")))]
            : [];

    [Fact]
    public async Task BuildCloud_SubmitsCloudbuildYaml_WithItsSubstitutions_FromTheRepoRoot()
    {
        Tool("gcloud");

        var result = await Epycloud.RunAsync(["build", "cloud", "--repo-root", Repo, "--image-tag", "v1.2", "--async"], Env());
        var deploy = await Epycloud.RunAsync(["build", "cloud", "--repo-root", Repo, "--deploy"], Env((Variable("defaults.image_tag"), "wk48")));

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        deploy.ExitCode.ShouldBe(ExitCodes.Ok, deploy.ToString());
        var calls = Calls();
        calls.Select(c => c.Tool).ShouldBe(["gcloud", "gcloud"]);
        calls[0].Lines.ShouldBe([Repo, "builds", "submit", "--project=epi-project", "--region=us-central1", "--config=cloudbuild.yaml",
            "--substitutions=COMMIT_SHA=v1.2,_REGION=us-central1,_REPOSITORY=epy", "--async", "."]);
        calls[1].Lines[6].ShouldBe("--substitutions=COMMIT_SHA=wk48,_REGION=us-central1,_REPOSITORY=epy,_DEPLOY=true,_SERVICE=epy-orchestrator",
            "no git on this PATH: the configured tag names the build");
    }

    [Fact]
    public void TheSubstitutionsBuildArgumentsAndTfVars_AreOnesTheRepositorysFilesDeclare()
    {
        var root = RepositoryRoot();
        var cloudbuild = File.ReadAllText(Path.Combine(root, "cloudbuild.yaml"));
        var variables = File.ReadAllText(Path.Combine(root, "terraform", "variables.tf"));
        var dockerArgs = new[] { "Dockerfile.orchestrator", "Dockerfile.stages" }
            .SelectMany(f => File.ReadAllLines(Path.Combine(root, f)).Where(l => l.StartsWith("ARG ", StringComparison.Ordinal)).Select(l => l[4..].Split('=')[0].Trim()))
            .ToHashSet();
        var target = new Epy.Cli.Targets.DeployTarget("p-123456", "us-central1", "epy", "v1", "b-1", "pipeline/", root);

        var substitutions = Epy.Cli.Tools.DeployPlans.CloudBuild(target, "v1", async: false, deploy: true).Arguments.Single(a => a.StartsWith("--substitutions=", StringComparison.Ordinal));
        foreach (var name in substitutions["--substitutions=".Length..].Split(',').Select(p => p.Split('=')[0]))
            cloudbuild.ShouldContain("${" + name + "}", customMessage: $"cloudbuild.yaml uses {name}");
        foreach (var name in Epy.Cli.Tools.DeployPlans.Terraform(target, "plan", false, []).Environment.Keys)
            variables.ShouldContain($"variable \"{name["TF_VAR_".Length..]}\"", customMessage: $"terraform/variables.tf declares {name}");
        var build = Epy.Cli.Tools.DeployPlans.LocalBuild(target, "docker", ["epy-stages"], []).Single().Arguments;
        build.Where((a, i) => i > 0 && build[i - 1] == "--build-arg").Select(a => a.Split('=')[0]).ShouldAllBe(name => dockerArgs.Contains(name));
        dockerArgs.ShouldBe(["SDK_IMAGE", "RUNTIME_IMAGE"], ignoreOrder: true, customMessage: "the --build-arg help names these");
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "cloudbuild.yaml")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("no cloudbuild.yaml above the test binaries");
    }

    [Fact]
    public async Task BuildLocal_UsesDockerWhenPodmanIsMissing_TaggingBothImagesForArtifactRegistry()
    {
        Tool("docker");

        var result = await Epycloud.RunAsync(["build", "local", "--repo-root", Repo, "--build-arg", "SDK_IMAGE=mirror/dotnet/sdk:10.0"], Env((Variable("defaults.image_tag"), "wk48")));

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        var calls = Calls();
        calls.Select(c => c.Tool).ShouldBe(["docker", "docker"]);
        calls[0].Lines.ShouldBe([Repo, "build", "-f", "Dockerfile.orchestrator", "-t", "us-central1-docker.pkg.dev/epi-project/epy/epy-orchestrator:wk48",
            "--build-arg", "SDK_IMAGE=mirror/dotnet/sdk:10.0", "."]);
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
        env.ShouldBe(["TF_VAR_bucket_name=epi-bucket", "TF_VAR_dir_prefix=pipeline/dev/", "TF_VAR_image_tag=latest", "TF_VAR_name_prefix=epy", "TF_VAR_project_id=epi-project", "TF_VAR_region=us-central1"]);
    }

    [Fact]
    public async Task DryRun_PrintsTheExactCommand_AndRunsNothing()
    {
        Tool("terraform");

        var result = await Epycloud.RunAsync(["terraform", "destroy", "--repo-root", Repo, "--dry-run", "--project", "other-project", "--dir-prefix", "runs/"], Env());

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        result.Output.Trim().ShouldBe($"cd {Repo} && TF_VAR_bucket_name=epi-bucket TF_VAR_dir_prefix=runs/ TF_VAR_image_tag=latest TF_VAR_name_prefix=epy TF_VAR_project_id=other-project TF_VAR_region=us-central1 terraform -chdir=terraform destroy");
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
        env.Remove(Variable("google_cloud.region"));

        var noRegion = await Epycloud.RunAsync(["build", "cloud", "--repo-root", Repo], env);
        var noFile = await Epycloud.RunAsync(["build", "cloud", "--repo-root", Bin], Env());

        noRegion.ExitCode.ShouldBe(ExitCodes.ConfigurationError, noRegion.ToString());
        noRegion.Error.ShouldContain("epycloud: --region is not set");
        noRegion.Error.ShouldContain("hint: pass --region, or set google_cloud.region ('epycloud config set google_cloud.region VALUE' or EPYCLOUD_GOOGLE_CLOUD__REGION)");
        noFile.ExitCode.ShouldBe(ExitCodes.ConfigurationError, noFile.ToString());
        noFile.Error.ShouldContain("cloudbuild.yaml does not exist");
        Calls().ShouldBeEmpty();
    }
}
