using Epy.Google.Firestore;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud.Firestore;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;
using Xunit.Abstractions;

namespace Epy.Orchestrator.Cloud.Tests.Firestore;

/// <summary>
/// A run's Firestore document stays far below the 1 MiB limit in the worst case the policy allows: 5,000
/// tasks that all fail (with exit codes) on every attempt, the ten automatic resumes, then resume after
/// resume through the API, with the commands of the latest decisions still waiting in the outbox.
/// </summary>
public sealed class RunDocumentSizeTests(ITestOutputHelper output)
{
    private const int Tasks = 5_000;

    /// <summary>A quarter of Firestore's limit: what "far below" means here.</summary>
    private const long Bound = FirestoreDocumentSize.Limit / 4;

    private static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 15, 0, TimeSpan.Zero);

    [Fact]
    public void RunOf5000Tasks_FailingOnEveryAttempt_StaysBelowAQuarterMiB()
    {
        var policy = RunPolicy.Default with { AutoResumes = 10, MaxParallelism = RunPolicy.MaxParallelismLimit };
        var run = RunId.New(Start, 0xa1b2c3d4);
        var state = RunState.New(run, ExperimentId.Parse("flu/round05-national-with-a-long-experiment-name"), RunRequest.Plain("scheduler:weekly-flu-forecast"), Start);
        var outbox = (IReadOnlyList<OutboxEntry>)[];
        var now = Start;
        long version = 0, largest = 0;
        var events = 0;

        void Apply(RunEvent e)
        {
            now = now.AddMinutes(1);
            var decision = RunMachine.Decide(state, e, policy, now);
            decision.Outcome.ShouldBe(Outcome.Applied, $"{e.Kind} in {state.Status}: {decision.Reason}");
            state = decision.State;
            // The executor is slow: the commands of the two latest decisions still wait.
            outbox = RunDocument.Append([.. outbox.TakeLast(2)], decision.Commands, now);
            var size = FirestoreDocumentSize.Of(RunDocument.RunPath(run), RunDocument.Encode(new StoredRun(state, policy, ++version, outbox)));
            largest = Math.Max(largest, size);
            events++;
        }

        void FailEveryTask()
        {
            var job = state.ActiveJob!;
            job.Id.Stage.ShouldBe(Stage.Runner);
            Apply(new JobStateChanged($"e{events}", job.Id, JobState.Running, new TaskCounts(0, job.TaskCount, 0, 0)));
            Apply(new JobStateChanged($"e{events}", job.Id, JobState.Failed, new TaskCounts(0, 0, 0, job.TaskCount)));
            var failed = Enumerable.Range(0, job.TaskCount).Select(i => new FailedTask(i, i % 3 == 0 ? 50001 : 3));
            Apply(new FailedTasksListed($"e{events}", job.Id, new ValueList<FailedTask>(failed)));
        }

        Apply(new RunRequested("requested"));
        Apply(new JobStateChanged("a-ok", state.ActiveJob!.Id, JobState.Succeeded));
        Apply(new InputsCounted("counted", state.ActiveJob!.Id, Tasks));
        for (var attempt = 0; attempt <= policy.AutoResumes; attempt++)
            FailEveryTask();
        state.Status.ShouldBe(RunStatus.Failed);
        var resumes = 0;
        while (RunMachine.Decide(state, new ResumeRequested("probe"), policy, now) is { Outcome: Outcome.Applied })
        {
            Apply(new ResumeRequested($"resume-{++resumes}"));
            FailEveryTask();
        }
        RunMachine.Decide(state, new ResumeRequested("one-more"), policy, now).Reason.ShouldBe(Reason.ResumeLimitReached);
        resumes.ShouldBe(RunState.ManualResumeLimit);

        output.WriteLine($"{events} events, {state.Jobs.Count} jobs, {resumes} manual resumes; largest document {largest:N0} bytes ({100.0 * largest / FirestoreDocumentSize.Limit:F1}% of 1 MiB)");
        largest.ShouldBeLessThan(Bound);
    }
}
