using Epy.Contracts.Runs;

namespace Epy.Contracts.Tests.Runs;

public sealed class RunIdTests
{
    [Fact]
    public void New_FormatsUtcTimeAndHexSuffix()
    {
        var id = RunId.New(new DateTimeOffset(2026, 11, 24, 11, 15, 0, TimeSpan.FromHours(1)), 0xa1b2c3d4);
        id.Value.ShouldBe("20261124-101500-a1b2c3d4");
        RunId.Parse(id.Value).ShouldBe(id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("20261124-101500-A1B2C3D4")]
    [InlineData("20261124-101500-a1b2c3d")]
    [InlineData("20261340-101500-a1b2c3d4")]
    [InlineData("../20261124-101500-a1b2c3d4")]
    [InlineData("20261124-101500-a1b2c3d4\n")]
    public void TryParse_RejectsMalformedIds(string text)
    {
        RunId.TryParse(text, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => RunId.Parse(text)).Message.ShouldContain("20261124-101500-a1b2c3d4");
    }

    [Theory]
    [InlineData("flu_round05", true)]
    [InlineData("202445/flu-round_05", true)]
    [InlineData("../etc", false)]
    [InlineData("a/../b", false)]
    [InlineData("/abs", false)]
    [InlineData("a//b", false)]
    [InlineData("a/", false)]
    [InlineData("2024-25.v2", false)]
    [InlineData(".hidden", false)]
    [InlineData("a b", false)]
    [InlineData("", false)]
    [InlineData("flu\n", false)]
    public void ExperimentId_AcceptsWhatTheExistingToolingAccepts(string text, bool valid)
    {
        ExperimentId.TryParse(text, out _, out var reason).ShouldBe(valid);
        (reason is null).ShouldBe(valid);
    }

    [Fact]
    public void ExperimentId_LongerThan200_IsRejected()
    {
        ExperimentId.TryParse(new string('a', 200), out _, out _).ShouldBeTrue();
        ExperimentId.TryParse(new string('a', 201), out _, out var reason).ShouldBeFalse();
        reason.ShouldContain("200");
    }

    [Fact]
    public void ArtifactPaths_FollowThePipelineLayout()
    {
        var paths = new ArtifactPaths("pipeline/flu/", ExperimentId.Parse("exp1"), RunId.Parse("20261124-101500-a1b2c3d4"));
        paths.TaskInput(7).ShouldBe("pipeline/flu/exp1/20261124-101500-a1b2c3d4/builder-artifacts/input_00007.json.gz");
        paths.TaskResult(12).ShouldBe("pipeline/flu/exp1/20261124-101500-a1b2c3d4/runner-artifacts/result_00012.json.gz");
        paths.Manifest.ShouldEndWith("/builder-artifacts/manifest.json");
    }

    [Fact]
    public void ArtifactPaths_TaskResultIndex_ReadsOnlyThisRunsResults()
    {
        var paths = new ArtifactPaths("pipeline/flu/", ExperimentId.Parse("exp1"), RunId.Parse("20261124-101500-a1b2c3d4"));
        paths.TaskResultIndex(paths.TaskResult(12)).ShouldBe(12);
        paths.TaskResultIndex(paths.TaskResult(123456)).ShouldBe(123456);
        paths.TaskResultIndex(paths.TaskResults + "result_00012.json.gz.tmp").ShouldBeNull();
        paths.TaskResultIndex(paths.TaskResults + "result_12.json.gz").ShouldBeNull();
        paths.TaskResultIndex(paths.TaskResults + "result_-0012.json.gz").ShouldBeNull();
        paths.TaskResultIndex(paths.TaskInput(12)).ShouldBeNull();
        paths.TaskResultIndex("other/exp1/20261124-101500-a1b2c3d4/runner-artifacts/result_00012.json.gz").ShouldBeNull();
    }
}
