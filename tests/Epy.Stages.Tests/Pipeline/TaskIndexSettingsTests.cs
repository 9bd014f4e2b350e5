using Epy.Contracts.Runs;
using Epy.Stages.Pipeline;

namespace Epy.Stages.Tests.Pipeline;

public class TaskIndexSettingsTests
{
    private static StageSettings Settings(params (string Name, string Value)[] variables)
    {
        var env = variables.ToDictionary(v => v.Name, v => v.Value);
        return StageSettings.FromEnvironment(name => env.GetValueOrDefault(name));
    }

    [Fact]
    public void TaskIndex_WinsOverBatchTaskIndex()
    {
        Settings(("TASK_INDEX", "7"), ("BATCH_TASK_INDEX", "2"), ("TASK_INDEX_MAP", "4,9,11")).TaskIndex.ShouldBe(7);
    }

    [Fact]
    public void BatchTaskIndex_IsMappedThroughTheResumedJobsMap()
    {
        Settings(("BATCH_TASK_INDEX", "2")).TaskIndex.ShouldBe(2);
        Settings(("BATCH_TASK_INDEX", "2"), ("TASK_INDEX_MAP", "4, 9, 11")).TaskIndex.ShouldBe(11);
        Settings(("BATCH_TASK_INDEX", "0"), ("TASK_INDEX_MAP", "4,9,11")).TaskIndex.ShouldBe(4);
    }

    [Theory]
    [InlineData("3", "4,9,11")]
    [InlineData("1", "4,x,11")]
    public void BadMap_IsBadInput_NamingTheVariable(string batchIndex, string map)
    {
        var failure = Should.Throw<StageException>(() => Settings(("BATCH_TASK_INDEX", batchIndex), ("TASK_INDEX_MAP", map)));
        failure.ExitCode.ShouldBe(StageExitCodes.BadInput);
        failure.Message.ShouldContain("TASK_INDEX_MAP");
    }
}
