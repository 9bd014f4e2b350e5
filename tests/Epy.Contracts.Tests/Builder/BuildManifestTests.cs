using System.Text;
using Epy.Contracts.Builder;

namespace Epy.Contracts.Tests.Builder;

public sealed class BuildManifestTests
{
    [Fact]
    public void ReadTaskCount_FullManifest_ReadsTaskCount()
    {
        var json = """
            {
              "schema_version": 2, "exp_id": "flu", "run_id": "20261124-101500-a1b2c3d4", "kind": "calibration",
              "task_count": 52, "tasks": [], "configs": [], "data": [], "program_version": "1.0.0",
              "created_at": "2026-11-24T10:15:00+00:00", "forecast_repo": null, "sources": null
            }
            """;

        BuildManifest.ReadTaskCount(Encoding.UTF8.GetBytes(json)).ShouldBe(52);
    }

    [Fact]
    public void ReadTaskCount_OnlyTaskCount_WithByteOrderMark_IsEnough()
    {
        BuildManifest.ReadTaskCount(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"task_count": 3}""")).ToArray()).ShouldBe(3);
    }

    [Theory]
    [InlineData("""{"schema_version": 2}""", "field 'task_count' is missing or not a non-negative integer")]
    [InlineData("""{"task_count": -1}""", "field 'task_count' is missing or not a non-negative integer")]
    [InlineData("""{"task_count": "3"}""", "field 'task_count' is missing or not a non-negative integer")]
    [InlineData("""[3]""", "field 'task_count' is missing or not a non-negative integer")]
    [InlineData("""{"task_count": 3""", "not valid JSON (")]
    [InlineData("""{"task_count": 3} {}""", "not valid JSON (")]
    public void ReadTaskCount_MalformedManifest_SaysWhatIsWrong(string json, string message)
    {
        Should.Throw<InvalidDataException>(() => BuildManifest.ReadTaskCount(Encoding.UTF8.GetBytes(json))).Message.ShouldStartWith(message);
    }
}
