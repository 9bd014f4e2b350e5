using Epy.Contracts.Runs;
using Epy.Stages.Configs;
using Epy.Stages.Tests.EndToEnd;

namespace Epy.Stages.Tests.Configs;

/// <summary>
/// Issue 19, confined paths: a data path resolves, symbolic links included, inside the forecast repository, or
/// the build stops naming the field; and nothing of the file it named (the process environment, a password
/// file) ends up in the message.
/// </summary>
public sealed class ConfinedPathsTests : IDisposable
{
    private const string Field = "modelset.calibration.observed_data_path";

    private readonly ExampleRun _run = new();

    public void Dispose() => _run.Dispose();

    private void ObservedDataPath(string path) =>
        _run.EditConfig("modelset.yml", text => text.Replace("observed_data_path: data/flu_hosp_24.csv", $"observed_data_path: \"{path}\"", StringComparison.Ordinal));

    [Theory]
    [InlineData("/etc/passwd", "is an absolute path")]
    [InlineData("/dev/zero", "is an absolute path")]
    [InlineData("/proc/self/environ", "is an absolute path")]
    [InlineData("../outside.csv", "leaves the forecast repository")]
    [InlineData("data/../../outside.csv", "leaves the forecast repository")]
    public void Builder_ObservedDataOutsideTheRepository_ExitsThree_NamingTheField(string path, string reason)
    {
        File.WriteAllText(Path.Combine(_run.Root, "outside.csv"), "target_end_date,geo_value,hospitalizations\nSECRET-CONTENT,US-MA,1\n");
        ObservedDataPath(path);

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        var log = _run.Log.ToString();
        log.ShouldMatch($@"modelset\.yml:\d+:\d+: {Field.Replace(".", @"\.", StringComparison.Ordinal)}: .*{reason}");
        log.ShouldNotContain("root:");
        log.ShouldNotContain("SECRET-CONTENT");
        log.ShouldNotContain("PATH=");
        Directory.Exists(_run.RunFolder).ShouldBeFalse();
    }

    [Fact]
    public void Builder_ObservedDataThroughASymlinkOut_ExitsThree_NamingTheField()
    {
        var outside = Path.Combine(_run.Root, "outside.csv");
        File.WriteAllText(outside, "target_end_date,geo_value,hospitalizations\nSECRET-CONTENT,US-MA,1\n");
        File.CreateSymbolicLink(Path.Combine(_run.Repo, "data", "link.csv"), outside);
        ObservedDataPath("data/link.csv");

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain($"{Field}: 'data/link.csv' resolves (through a symbolic link) outside the forecast repository");
        _run.Log.ToString().ShouldNotContain("SECRET-CONTENT");
    }

    [Fact]
    public void Builder_ObservedDataInAFolderLinkedOut_ExitsThree()
    {
        Directory.CreateDirectory(Path.Combine(_run.Root, "elsewhere"));
        File.Copy(Path.Combine(_run.Repo, "data", "flu_hosp_24.csv"), Path.Combine(_run.Root, "elsewhere", "flu.csv"));
        Directory.CreateSymbolicLink(Path.Combine(_run.Repo, "linked"), Path.Combine(_run.Root, "elsewhere"));
        ObservedDataPath("linked/flu.csv");

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("outside the forecast repository");
    }

    [Fact]
    public void Builder_ObservedDataThroughASymlinkInside_Builds()
    {
        File.CreateSymbolicLink(Path.Combine(_run.Repo, "data", "link.csv"), Path.Combine(_run.Repo, "data", "flu_hosp_24.csv"));
        ObservedDataPath("data/link.csv");

        _run.Stage("builder").ShouldBe(StageExitCodes.Success, _run.Log.ToString());
    }

    [Fact]
    public void Refusal_ARepositoryReachedThroughALink_ConfinesToTheLinkedFolder()
    {
        var link = Path.Combine(_run.Root, "repo-link");
        Directory.CreateSymbolicLink(link, _run.Repo);

        RepositoryPaths.Refusal(link, "data/flu_hosp_24.csv").ShouldBeNull();
        RepositoryPaths.Refusal(link, "../outside.csv").ShouldNotBeNull();
    }

    [Fact]
    public void Refusal_ALoopOfLinks_IsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_run.Repo, "a"), Path.Combine(_run.Repo, "b"));
        File.CreateSymbolicLink(Path.Combine(_run.Repo, "b"), Path.Combine(_run.Repo, "a"));

        RepositoryPaths.Refusal(_run.Repo, "a").ShouldBe("'a' goes through a loop of symbolic links");
    }
}
