using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Testing.Builders;

namespace Epy.Orchestrator.Core.Tests.Machine;

/// <summary>Spot with a fallback: a task preempted too often reruns on standard VMs (issue 18, item 5).</summary>
public sealed class SpotFallbackTests
{
    private static readonly RunPolicy Spot = RunPolicy.Default with { Spot = true, AutoResumes = 2 };

    [Fact]
    public void Decide_TaskPreemptedAsOftenAsThePolicyAllows_IsResumedOnStandardVms_AndTheHistorySaysSo()
    {
        var run = new RunBuilder(Spot).TasksRunning(20).Job(JobState.Failed);

        run.Apply(Listed(run, new FailedTask(12, StageExitCodes.SpotPreempted, 3), new FailedTask(7, 1)));

        var spec = run.Commands.OfType<SubmitJob>().Single().Spec;
        spec.TaskIndices.ShouldBe([7, 12]);
        spec.Spot.ShouldBeFalse();
        run.State.History[^1].What.ShouldContain("task 12 preempted 3 times: retrying on standard VMs");
    }

    [Fact]
    public void Decide_FewerPreemptions_StayOnSpot()
    {
        var run = new RunBuilder(Spot).TasksRunning(20).Job(JobState.Failed);

        run.Apply(Listed(run, new FailedTask(12, StageExitCodes.SpotPreempted, 2)));

        run.Commands.OfType<SubmitJob>().Single().Spec.Spot.ShouldBeTrue();
        run.State.History[^1].What.ShouldNotContain("standard VMs");
    }

    [Fact]
    public void Decide_PreemptionsAddUpOverAttempts()
    {
        var run = new RunBuilder(Spot).TasksRunning(20).Job(JobState.Failed);
        run.Apply(Listed(run, new FailedTask(12, StageExitCodes.SpotPreempted, 2)));
        run.Job(JobState.Failed);

        // Runner attempt 2 runs the run's task 12 as its task 0.
        run.Apply(Listed(run, new FailedTask(0, StageExitCodes.SpotPreempted, 1)));

        run.State.FailedTasks.ShouldBe([new FailedTask(12, StageExitCodes.SpotPreempted, 3)]);
        var spec = run.Commands.OfType<SubmitJob>().Single().Spec;
        spec.Id.ShouldBe(RunBuilder.Runner(3));
        spec.Spot.ShouldBeFalse();
    }

    [Fact]
    public void Decide_ManualResumeOfATaskPreemptedTooOften_RunsOnStandardVms()
    {
        var run = new RunBuilder(Spot with { AutoResumes = 0 }).TasksRunning(20).Job(JobState.Failed);
        run.Apply(Listed(run, new FailedTask(5, StageExitCodes.SpotPreempted, 4)));

        run.Resume();

        run.Commands.OfType<SubmitJob>().Single().Spec.Spot.ShouldBeFalse();
        run.State.History[^1].What.ShouldContain("task 5 preempted 4 times: retrying on standard VMs");
    }

    [Fact]
    public void Decide_WithoutFallback_OrWithoutSpot_NothingChanges()
    {
        var never = new RunBuilder(Spot with { SpotFallbackAfter = null }).TasksRunning(20).Job(JobState.Failed);
        never.Apply(Listed(never, new FailedTask(12, StageExitCodes.SpotPreempted, 9)));
        var standard = new RunBuilder(RunPolicy.Default).TasksRunning(20).Job(JobState.Failed);
        standard.Apply(Listed(standard, new FailedTask(12, StageExitCodes.SpotPreempted, 9)));

        never.Commands.OfType<SubmitJob>().Single().Spec.Spot.ShouldBeTrue();
        standard.State.History[^1].What.ShouldNotContain("standard VMs");
    }

    [Fact]
    public void SpotFallbackAfter_MustBeBetween1And20()
    {
        (RunPolicy.Default with { SpotFallbackAfter = 0 }).Problems().ShouldContain(new FieldProblem("spot_fallback_after", "must be between 1 and 20, not 0"));
    }

    private static FailedTasksListed Listed(RunBuilder run, params FailedTask[] failed) =>
        new(run.NextEventId(), run.ActiveJob, new ValueList<FailedTask>(failed));
}
