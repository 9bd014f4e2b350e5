using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Policy;
using Epy.Testing.Builders;

namespace Epy.Orchestrator.Core.Tests.Machine;

/// <summary>
/// The builder checks its tasks' memory estimate against the VM that will run them (issue 19): the builder's and
/// the runner's jobs carry the run's Stage B memory; the output stage estimates nothing.
/// </summary>
public sealed class TaskMemoryBudgetTests
{
    private static readonly RunPolicy BigRunners = RunPolicy.Default with { Runner = StageResources.RunnerDefault with { MemoryMib = 12288 } };

    private static JobSpec Submitted(RunBuilder run) => run.Commands.OfType<SubmitJob>().Single().Spec;

    [Fact]
    public void Decide_Requested_SubmitsTheBuilderWithTheRunnersMemoryAsItsBudget()
    {
        var spec = Submitted(new RunBuilder(BigRunners).Requested());

        spec.Stage.ShouldBe(Stage.Builder);
        spec.Resources.MemoryMib.ShouldBe(StageResources.BuilderDefault.MemoryMib);
        spec.TaskMemoryBudgetMib.ShouldBe(12288);
    }

    [Fact]
    public void Decide_InputsCounted_SubmitsTheRunnerWithItsOwnMemory_AndTheOutputStageWithNone()
    {
        var run = new RunBuilder(BigRunners).BuilderSucceeded().Counted(4);
        Submitted(run).TaskMemoryBudgetMib.ShouldBe(12288);

        run.Job(JobState.Succeeded);

        Submitted(run).Stage.ShouldBe(Stage.Output);
        Submitted(run).TaskMemoryBudgetMib.ShouldBe(0);
    }
}
