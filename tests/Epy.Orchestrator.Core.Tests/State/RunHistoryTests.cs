using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;
using Epy.Testing.Builders;

namespace Epy.Orchestrator.Core.Tests.State;

/// <summary>History beyond the state's last 100 entries leaves for the archive, counted, never lost (issue 18, item 9).</summary>
public sealed class RunHistoryTests
{
    [Fact]
    public void Decide_PastTheLimit_TheOldestEntriesLeaveTheStateAndAreCounted()
    {
        var run = new RunBuilder().TasksRunning(10);
        var states = new List<RunState> { run.State };
        for (var i = 0; i < 45; i++)
        {
            run.Cancel().Job(JobState.Cancelled).Resume().Job(JobState.Running);
            states.Add(run.State);
        }

        run.State.History.Count.ShouldBe(RunState.HistoryLimit);
        run.State.HistoryArchived.ShouldBeGreaterThan(0);
        RunHistory.Count(run.State).ShouldBe(run.State.HistoryArchived + RunState.HistoryLimit);
        // Every entry that left the state is one a commit archived: together they are the whole history, in order.
        var archived = states.Zip(states.Skip(1), RunHistory.Leaving).SelectMany(leaving => leaving).ToList();
        archived.Select(entry => entry.Sequence).ShouldBe(Enumerable.Range(0, (int)run.State.HistoryArchived).Select(i => (long)i));
        archived.Select(entry => entry.Entry).First().What.ShouldStartWith("run accepted");
    }

    [Fact]
    public void Leaving_WithinTheLimit_IsNothing()
    {
        var before = new RunBuilder().State;
        var after = new RunBuilder().TasksRunning(10).State;

        RunHistory.Leaving(before, after).ShouldBeEmpty();
    }
}
