using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Core.Tests.Policy;

public sealed class RunPolicyTests
{
    [Fact]
    public void Problems_Default_None() => RunPolicy.Default.Problems().ShouldBeEmpty();

    [Fact]
    public void Problems_MaxParallelismAtTheLimits_Accepted()
    {
        (RunPolicy.Default with { MaxParallelism = 1 }).Problems().ShouldBeEmpty();
        (RunPolicy.Default with { MaxParallelism = 5000 }).Problems().ShouldBeEmpty();
    }

    public static TheoryData<string, RunPolicy> Invalid() => new()
    {
        { "max_parallelism", RunPolicy.Default with { MaxParallelism = 5001 } },
        { "max_parallelism", RunPolicy.Default with { MaxParallelism = 0 } },
        { "task_count_per_node", RunPolicy.Default with { TasksPerNode = 65 } },
        { "max_retry_count", RunPolicy.Default with { MaxRetryCount = 11 } },
        { "retryable_exit_codes", RunPolicy.Default with { RetryableExitCodes = new ValueList<int>([0]) } },
        { "auto_resumes", RunPolicy.Default with { AutoResumes = -1 } },
        { "deadline", RunPolicy.Default with { RunDeadline = TimeSpan.Zero } },
        { "deadline", RunPolicy.Default with { RunDeadline = TimeSpan.FromDays(31) } },
        { "failure_tolerance.max_failed_fraction", RunPolicy.Default with { Tolerance = new FailureTolerance(null, 2) } },
        { "stage_a.cpu_milli", RunPolicy.Default with { Builder = StageResources.BuilderDefault with { CpuMilli = 100 } } },
        { "stage_b.memory_mib", RunPolicy.Default with { Runner = StageResources.RunnerDefault with { MemoryMib = 0 } } },
        { "stage_c.max_run_duration", RunPolicy.Default with { Output = StageResources.OutputDefault with { MaxRunDuration = TimeSpan.FromDays(15) } } },
        { "stage_b.machine_type", RunPolicy.Default with { Runner = StageResources.RunnerDefault with { MachineType = "N2 Standard" } } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Problems_InvalidField_NamesIt(string field, RunPolicy policy) =>
        policy.Problems().ShouldHaveSingleItem().Field.ShouldBe(field);

    [Fact]
    public void Problems_SeveralInvalidFields_ListsEach()
    {
        var policy = RunPolicy.Default with { MaxParallelism = 10_000, AutoResumes = 20 };

        policy.Problems().Count.ShouldBe(2);
    }
}
