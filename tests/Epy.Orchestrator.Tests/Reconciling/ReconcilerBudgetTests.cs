using Epy.Contracts.Runs;
using Epy.Orchestrator.Reconciling;

namespace Epy.Orchestrator.Tests.Reconciling;

/// <summary>A hanging job runner cannot hold the reconciler (issue 18, item 6).</summary>
public sealed class ReconcilerBudgetTests
{
    [Fact]
    public async Task BatchHanging_APassEndsOnItsBudget_AndTheNextStartsWithTheRunsItDidNotReach()
    {
        using var orchestration = new Orchestration(TimeProvider.System, passBudget: TimeSpan.FromSeconds(2), runBudget: TimeSpan.FromSeconds(30));
        var runs = new List<RunId>();
        for (var i = 1; i <= 6; i++)
            runs.Add(await orchestration.RunningTasksAsync(i));
        orchestration.Batch.Hanging = true;

        var first = await orchestration.ReconcileAsync().WaitAsync(TimeSpan.FromSeconds(20));
        // On a busy machine the first pass's calls to the runs it reached can be recorded just after it ended on its
        // budget: count them as the first pass's before reading which runs the second pass reached first.
        await Wait.UntilAsync(() => orchestration.Batch.Calls.Count >= first.Runs, TimeSpan.FromSeconds(10),
            () => $"the first pass reached {first.Runs} runs but made {orchestration.Batch.Calls.Count} calls");
        var firstCalls = orchestration.Batch.Calls.Count;
        var second = await orchestration.ReconcileAsync().WaitAsync(TimeSpan.FromSeconds(20));

        first.Runs.ShouldBe(4);
        first.Deferred.ShouldBe(2);
        // The second pass starts its first few runs at once (in any order): the two the first did not reach are among them.
        var reachedSecond = orchestration.Batch.Calls.Skip(firstCalls).Take(Reconciler.RunsAtOnce).ToList();
        reachedSecond.ShouldContain($"get {new JobId(Stage.Runner, runs[4], 1)}");
        reachedSecond.ShouldContain($"get {new JobId(Stage.Runner, runs[5], 1)}");
        second.Runs.ShouldBe(4);
    }

    [Fact]
    public async Task BatchHanging_OneRunsBudgetEndsItsTurn_TheOthersAreStillReconciled()
    {
        using var orchestration = new Orchestration(TimeProvider.System, passBudget: TimeSpan.FromSeconds(30), runBudget: TimeSpan.FromMilliseconds(200));
        for (var i = 1; i <= 6; i++)
            await orchestration.RunningTasksAsync(i);
        orchestration.Batch.Hanging = true;

        var report = await orchestration.ReconcileAsync().WaitAsync(TimeSpan.FromSeconds(20));

        report.Runs.ShouldBe(6);
        report.Failures.ShouldBe(6);
        report.Deferred.ShouldBe(0);
    }
}
