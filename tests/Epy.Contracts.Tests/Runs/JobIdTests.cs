using System.Text.Json;
using CsCheck;
using Epy.Contracts.Runs;

namespace Epy.Contracts.Tests.Runs;

public sealed class JobIdTests
{
    private static readonly RunId Run = RunId.Parse("20261124-101500-a1b2c3d4");

    private static readonly Gen<JobId> JobIds =
        Gen.Select(Gen.Enum<Stage>(), Gen.Long[0, 100L * 365 * 86_400], Gen.UInt, Gen.Int[1, 9999])
            .Select(choice => new JobId(
                choice.Item1,
                RunId.New(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(choice.Item2), choice.Item3),
                choice.Item4));

    [Fact]
    public void Value_IsStageLetterRunIdAndAttempt() =>
        new JobId(Stage.Runner, Run, 2).Value.ShouldBe("stage-b-20261124-101500-a1b2c3d4-2");

    [Fact]
    public void Value_AnyJob_IsAValidBatchJobIdThatParsesBack()
    {
        JobIds.Sample(id =>
        {
            // Batch: lowercase letters, digits and '-', starting with a letter, at most 63 characters.
            id.Value.ShouldMatch("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");
            JobId.TryParse(id.Value, out var parsed).ShouldBeTrue();
            parsed.ShouldBe(id);
        });
    }

    [Theory]
    [InlineData("projects/p/locations/us-central1/jobs/stage-b-20261124-101500-a1b2c3d4-2", Stage.Runner, 2)]
    [InlineData("projects/epy-prod/locations/europe-west4/jobs/stage-a-20261124-101500-a1b2c3d4-1", Stage.Builder, 1)]
    [InlineData("stage-c-20261124-101500-a1b2c3d4-13", Stage.Output, 13)]
    public void TryParse_JobIdOrFullBatchJobName_GivesTheJob(string name, Stage stage, int attempt)
    {
        JobId.TryParse(name, out var id).ShouldBeTrue();

        id.ShouldBe(new JobId(stage, Run, attempt));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("projects/p/locations/us-central1/jobs/nightly-etl-42")]
    [InlineData("projects/p/locations/us-central1/jobs/stage-d-20261124-101500-a1b2c3d4-2")]
    [InlineData("stage-B-20261124-101500-a1b2c3d4-2")]
    [InlineData("STAGE-b-20261124-101500-a1b2c3d4-2")]
    [InlineData("stage-b-20261124-101500-A1B2C3D4-2")]
    [InlineData("stage-b-20261324-101500-a1b2c3d4-2")]
    [InlineData("stage-b-20261124-101500-a1b2c3d4")]
    [InlineData("stage-b-20261124-101500-a1b2c3d4-")]
    [InlineData("stage-b-20261124-101500-a1b2c3d4-0")]
    [InlineData("stage-b-20261124-101500-a1b2c3d4-02")]
    [InlineData("stage-b-20261124-101500-a1b2c3d4-2x")]
    [InlineData("stage-b-20261124-101500-a1b2c3d4-2-retry")]
    [InlineData("stage-bb20261124-101500-a1b2c3d4-2")]
    [InlineData("projects/p/locations/us-central1/jobs/stage-b-20261124-101500-a1b2c3d4-2/tasks/0")]
    public void TryParse_ForeignName_IsRejected(string? name)
    {
        JobId.TryParse(name, out var id).ShouldBeFalse();
        id.ShouldBeNull();
    }

    [Fact]
    public void Json_JobId_IsItsText()
    {
        var id = new JobId(Stage.Runner, Run, 2);

        var json = JsonSerializer.Serialize(id);

        json.ShouldBe("\"stage-b-20261124-101500-a1b2c3d4-2\"");
        JsonSerializer.Deserialize<JobId>(json).ShouldBe(id);
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<JobId>("\"nightly-etl-42\""));
    }
}
