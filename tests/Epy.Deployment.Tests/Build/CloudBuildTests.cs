using Epy.Deployment.Tests.Images;
using Epy.Deployment.Tests.Terraform;
using Epy.Testing;
using YamlDotNet.Serialization;

namespace Epy.Deployment.Tests.Build;

/// <summary>cloudbuild.yaml: test, build both images, push commit and latest tags, record digests, optionally deploy.</summary>
public sealed class CloudBuildTests
{
    private static readonly Dictionary<object, object> Build = new DeserializerBuilder().Build()
        .Deserialize<Dictionary<object, object>>(File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "cloudbuild.yaml")));

    private static List<Dictionary<object, object>> Steps => [.. ((List<object>)Build["steps"]).Cast<Dictionary<object, object>>()];

    private static Dictionary<object, object> Step(string id) => Steps.Single(step => (string)step["id"] == id);

    private static List<string> Args(Dictionary<object, object> step) => [.. ((List<object>)step["args"]).Cast<string>()];

    private static List<string> WaitFor(Dictionary<object, object> step) =>
        step.TryGetValue("waitFor", out var ids) ? [.. ((List<object>)ids).Cast<string>()] : [];

    private static string Substitution(string name) => (string)((Dictionary<object, object>)Build["substitutions"])[name];

    public static TheoryData<string, string, string> Images => new()
    {
        { "build-orchestrator", "Dockerfile.orchestrator", "epy-orchestrator" },
        { "build-stages", "Dockerfile.stages", "epy-stages" },
    };

    [Fact]
    public void Tests_RunFirst()
    {
        string.Join(" ", Args(Step("test"))).ShouldContain("dotnet test");
        Steps[0]["id"].ShouldBe("test");
        Steps.Where(step => ((string)step["id"]).StartsWith("build-", StringComparison.Ordinal)).ShouldAllBe(step => WaitFor(step).Contains("test"));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void EachImage_IsBuiltFromItsDockerfile_TaggedWithTheCommitAndLatest(string id, string dockerfile, string image)
    {
        var args = Args(Step(id));
        var arguments = Dockerfile.Read(dockerfile).Instructions.Where(i => i.Stage is null && i.Keyword == "ARG").Select(i => i.Arguments.Split('=')[0]);

        args[0].ShouldBe("build");
        args[args.IndexOf("-f") + 1].ShouldBe(dockerfile);
        foreach (var argument in arguments)
            args.ShouldContain(arg => arg.StartsWith(argument + "=", StringComparison.Ordinal), $"{id} must pass --build-arg {argument}");
        args.ShouldContain($"${{_IMAGES}}/{image}:${{COMMIT_SHA}}");
        args.ShouldContain($"${{_IMAGES}}/{image}:latest");
        args[^1].ShouldBe(".");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void EachImage_IsPushed_WithItsDigestRecorded(string id, string dockerfile, string image)
    {
        var pushed = Steps.Single(step => (string)step["id"] == $"push-{image["epy-".Length..]}");
        var listed = ((List<object>)Build["images"]).Cast<string>().ToList();

        WaitFor(pushed).ShouldContain(id, dockerfile);
        Args(pushed).ShouldBe(["push", "--all-tags", $"${{_IMAGES}}/{image}"]);
        listed.ShouldContain($"${{_IMAGES}}/{image}:${{COMMIT_SHA}}");
        listed.ShouldContain($"${{_IMAGES}}/{image}:latest");
        string.Join("\n", Args(Step("digests"))).ShouldContain(".RepoDigests");
        WaitFor(Step("digests")).ShouldContain(pushed["id"]);
    }

    [Fact]
    public void Deploy_IsOptional_AndUpdatesTheTerraformsService_ByDigest()
    {
        var script = string.Join("\n", Args(Step("deploy")));
        var samples = new SampleValues(TerraformConfig.Current);

        Substitution("_DEPLOY").ShouldBe("false");
        script.ShouldContain("if [ \"${_DEPLOY}\" != \"true\" ]");
        script.ShouldContain("gcloud run services update \"${_SERVICE}\" --region \"${_REGION}\" --image");
        script.ShouldContain("/epy-orchestrator@");
        Substitution("_SERVICE").ShouldBe(samples.Resolve("${local.service_name}"));
        Substitution("_REPOSITORY").ShouldBe(samples.Resolve("${google_artifact_registry_repository.images.repository_id}"));
        Substitution("_REGION").ShouldBe(samples.Resolve("${var.region}"));
    }

    [Fact]
    public void ImageNames_AreTheOnesTheTerraformRuns()
    {
        var registry = $"{Substitution("_REGION")}-docker.pkg.dev/demo-project/{Substitution("_REPOSITORY")}";
        var samples = new SampleValues(TerraformConfig.Current);

        samples.Resolve("${local.orchestrator_image}").ShouldBe($"{registry}/epy-orchestrator");
        samples.Resolve("${local.stage_image}").ShouldBe($"{registry}/epy-stages");
        Substitution("_IMAGES").ShouldBe("${_REGION}-docker.pkg.dev/${PROJECT_ID}/${_REPOSITORY}");
    }
}
