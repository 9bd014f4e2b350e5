using System.Text.Json;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Testing.Builders;

namespace Epy.Orchestrator.Core.Tests.State;

public sealed class RunStateTests
{
    [Fact]
    public void Decide_ManyEvents_KeepsOnlyTheLatestHistory()
    {
        var run = new RunBuilder(RunPolicy.Default with { AutoResumes = 0 }).Requested();
        // Four entries a round: 30 rounds pass the history's limit, and stay within the resume limit.
        for (var i = 0; i < 30; i++)
            run.Job(JobState.Queued).Job(JobState.Running).Job(JobState.Failed).Resume();

        run.State.History.Count.ShouldBe(RunState.HistoryLimit);
        run.State.History[^1].What.ShouldStartWith("resume requested");
        run.State.History[^1].At.ShouldBe(run.Now);
        run.State.History.ShouldNotContain(entry => entry.What.StartsWith("run accepted", StringComparison.Ordinal));
        run.State.History.Select(entry => entry.At).ShouldBeInOrder();
    }

    [Fact]
    public void Resume_PastTheLimit_IsRejected_SoTheRunStaysBounded()
    {
        var run = new RunBuilder(RunPolicy.Default with { AutoResumes = 0 }).Requested();
        for (var i = 0; i < RunState.ManualResumeLimit; i++)
            run.Job(JobState.Failed).Resume();
        run.Job(JobState.Failed);

        var decision = run.Decide(new Events.ResumeRequested("one-more"));

        decision.Outcome.ShouldBe(Outcome.Rejected);
        decision.Reason.ShouldBe(Reason.ResumeLimitReached);
        run.State.Status.ShouldBe(RunStatus.Failed);
    }

    [Fact]
    public void Submit_OfALaterJob_DropsTheTaskIndicesOfEarlierOnes_KeepingTheirCounts()
    {
        var run = new RunBuilder(RunPolicy.Default with { AutoResumes = 2 }).Requested();
        run.Job(JobState.Succeeded).Counted(5).Job(JobState.Failed).Listed(1, 3);
        run.State.Jobs[^1].TaskIndices.ShouldBe(new ValueList<int>([1, 3]));

        run.Job(JobState.Failed).Listed(1);

        run.State.Jobs[^1].TaskIndices.ShouldBe(new ValueList<int>([3]));
        run.State.Jobs.Take(run.State.Jobs.Count - 1).ShouldAllBe(job => job.TaskIndices == null);
        run.State.Jobs.Select(job => job.TaskCount).ShouldBe([1, 5, 2, 1]);
    }

    [Fact]
    public void Json_RoundTrip_GivesAnEqualState()
    {
        var request = new RunRequest("v1.2.3", "main", new ValueList<KeyValuePair<string, string>>([new("team", "flu")]), "api");
        var run = new RunBuilder();
        run.Apply(new Events.RunRequested("start"));
        run.Job(JobState.Succeeded).Counted(5).Job(JobState.Running, new TaskCounts(1, 4, 0, 0)).Job(JobState.Failed).Listed(1, 3).Job(JobState.Running, new TaskCounts(0, 2, 0, 0));
        var state = run.State with { Request = request };
        state.Jobs[^1].TaskIndices.ShouldNotBeNull();
        state.Jobs[^1].Counts.ShouldNotBeNull();

        var json = JsonSerializer.Serialize(state);
        var back = JsonSerializer.Deserialize<RunState>(json);

        back.ShouldBe(state, json);
        // Ids are stored as their text; derived members (ActiveJob, IsFinal, Finished) are not stored.
        json.ShouldContain("\"Run\":\"20261124-101500-a1b2c3d4\"");
        json.ShouldContain("\"Id\":\"stage-b-20261124-101500-a1b2c3d4-2\"");
        json.ShouldNotContain("ActiveJob");
        json.ShouldNotContain("IsFinal");
    }

    [Fact]
    public void Json_EmptyLists_ReadBackAsEmpty()
    {
        var state = new RunBuilder().State;

        var back = JsonSerializer.Deserialize<RunState>(JsonSerializer.Serialize(state))!;

        back.Jobs.ShouldBeSameAs(ValueList<JobRecord>.Empty);
        back.ShouldBe(state);
    }

    [Fact]
    public void ValueList_EqualItems_AreEqualWithEqualHashes()
    {
        var a = new ValueList<int>([1, 2, 3]);
        var b = ValueList<int>.Empty.Add(1).Add(2).Add(3);

        a.ShouldBe(b);
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.SetItem(1, 5).ShouldBe(new ValueList<int>([1, 5, 3]));
        a.ShouldBe(new ValueList<int>([1, 2, 3])); // unchanged
        a.TakeLast(2).ShouldBe(new ValueList<int>([2, 3]));
    }
}
