using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Machine;
using Epy.Testing.Builders;
using static Epy.Orchestrator.Core.Tests.Machine.EventKind;
using static Epy.Orchestrator.Core.Tests.Machine.TransitionTableTests.Expected;

namespace Epy.Orchestrator.Core.Tests.Machine;

/// <summary>
/// The whole machine as a table: what every kind of event does in every situation. A change to the
/// machine's behaviour shows up here as a changed row.
/// </summary>
public sealed class TransitionTableTests
{
    /// <summary>What one (situation, event) pair should do: the outcome, the reason, the status after, the commands.</summary>
    public sealed record Expected(Outcome Outcome, Reason Reason, RunStatus? Status, string Commands)
    {
        /// <summary>Applied: the run moves to (or stays in) <paramref name="status"/> and issues <paramref name="commands"/>.</summary>
        public static Expected To(RunStatus status, string commands = "") => new(Outcome.Applied, Reason.None, status, commands);

        /// <summary>Ignored on purpose: the state stays exactly as it was.</summary>
        public static Expected Ignored(Reason reason) => new(Outcome.Ignored, reason, null, "");

        /// <summary>Rejected: the state stays exactly as it was.</summary>
        public static Expected Rejected(Reason reason) => new(Outcome.Rejected, reason, null, "");
    }

    private const string Submit = "SubmitJob";
    private const string Count = "CountInputs";
    private const string List = "ListFailedTasks";
    private const string Cancel = "CancelJob";
    private const string Record = "WriteRunRecord";

    private static readonly Dictionary<Situation, Dictionary<EventKind, Expected>> Table = new()
    {
        [Situation.Pending] = new()
        {
            [RunRequested] = To(RunStatus.BuildingInputs, Submit),
            [ActiveJobQueued] = Ignored(Reason.UnknownJob),
            [ActiveJobScheduled] = Ignored(Reason.UnknownJob),
            [ActiveJobRunning] = Ignored(Reason.UnknownJob),
            [ActiveJobSucceeded] = Ignored(Reason.UnknownJob),
            [ActiveJobFailed] = Ignored(Reason.UnknownJob),
            [ActiveJobCancelled] = Ignored(Reason.UnknownJob),
            [ActiveJobDeletionInProgress] = Ignored(Reason.UnknownJob),
            [ActiveJobNotFound] = Ignored(Reason.UnknownJob),
            [StaleJobReport] = Ignored(Reason.UnknownJob),
            [UnknownJobReport] = Ignored(Reason.UnknownJob),
            [InputsCounted] = Ignored(Reason.UnknownJob),
            [FailedTasksListed] = Ignored(Reason.UnknownJob),
            [CancelRequested] = To(RunStatus.Cancelled, Record),
            [ResumeRequested] = Rejected(Reason.CannotResumeUnlessStopped),
            [DeadlineNotYetPassed] = Ignored(Reason.NotExpectedNow),
            [DeadlinePassed] = Ignored(Reason.NotExpectedNow), // no deadline before the run starts
            [QueueTimeoutPassed] = Ignored(Reason.UnknownJob),
            [LastCommandFailed] = Ignored(Reason.NotExpectedNow),
            [OtherCommandFailed] = Ignored(Reason.NotExpectedNow),
        },
        [Situation.BuildingInputs] = new()
        {
            [RunRequested] = Ignored(Reason.AlreadyApplied),
            [ActiveJobQueued] = To(RunStatus.BuildingInputs),
            [ActiveJobScheduled] = To(RunStatus.BuildingInputs),
            [ActiveJobRunning] = To(RunStatus.BuildingInputs),
            [ActiveJobSucceeded] = To(RunStatus.BuildingInputs, Count),
            [ActiveJobFailed] = To(RunStatus.Failed, Record),
            [ActiveJobCancelled] = To(RunStatus.Failed, Record), // cancelled outside the orchestrator
            [ActiveJobDeletionInProgress] = To(RunStatus.Failed, Record),
            [ActiveJobNotFound] = To(RunStatus.Failed, Record),
            [StaleJobReport] = Ignored(Reason.StaleJob),
            [UnknownJobReport] = Ignored(Reason.UnknownJob),
            [InputsCounted] = Ignored(Reason.NotExpectedNow), // the builder has not succeeded yet
            [FailedTasksListed] = Ignored(Reason.UnknownJob),
            [CancelRequested] = To(RunStatus.Cancelling, Cancel),
            [ResumeRequested] = Rejected(Reason.CannotResumeUnlessStopped),
            [DeadlineNotYetPassed] = Ignored(Reason.NotExpectedNow),
            [DeadlinePassed] = To(RunStatus.Cancelling, Cancel), // stop the job first; the run fails once it is final
            [QueueTimeoutPassed] = To(RunStatus.Cancelling, Cancel), // builder attempt 2 still waits: stop it, then fail,
            [LastCommandFailed] = To(RunStatus.Failed, Record), // the submit of builder attempt 2
            [OtherCommandFailed] = Ignored(Reason.NotExpectedNow),
        },
        [Situation.CountingInputs] = new()
        {
            [RunRequested] = Ignored(Reason.AlreadyApplied),
            [ActiveJobQueued] = Ignored(Reason.BackwardState),
            [ActiveJobScheduled] = Ignored(Reason.BackwardState),
            [ActiveJobRunning] = Ignored(Reason.BackwardState),
            [ActiveJobSucceeded] = Ignored(Reason.AlreadyApplied),
            [ActiveJobFailed] = Ignored(Reason.BackwardState),
            [ActiveJobCancelled] = Ignored(Reason.BackwardState),
            [ActiveJobDeletionInProgress] = Ignored(Reason.BackwardState),
            [ActiveJobNotFound] = Ignored(Reason.NotExpectedNow), // a final job deleted afterwards
            [StaleJobReport] = Ignored(Reason.StaleJob),
            [UnknownJobReport] = Ignored(Reason.UnknownJob),
            [InputsCounted] = To(RunStatus.RunningTasks, Submit),
            [FailedTasksListed] = Ignored(Reason.UnknownJob),
            [CancelRequested] = To(RunStatus.Cancelled, Record), // nothing is running
            [ResumeRequested] = Rejected(Reason.CannotResumeUnlessStopped),
            [DeadlineNotYetPassed] = Ignored(Reason.NotExpectedNow),
            [DeadlinePassed] = To(RunStatus.Failed, Record),
            [QueueTimeoutPassed] = Ignored(Reason.NotExpectedNow),
            [LastCommandFailed] = To(RunStatus.Failed, Record), // the count
            [OtherCommandFailed] = Ignored(Reason.NotExpectedNow),
        },
        [Situation.RunningTasks] = new()
        {
            [RunRequested] = Ignored(Reason.AlreadyApplied),
            [ActiveJobQueued] = Ignored(Reason.BackwardState),
            [ActiveJobScheduled] = Ignored(Reason.BackwardState),
            [ActiveJobRunning] = Ignored(Reason.AlreadyApplied),
            [ActiveJobSucceeded] = To(RunStatus.Aggregating, Submit),
            [ActiveJobFailed] = To(RunStatus.RunningTasks, List),
            [ActiveJobCancelled] = To(RunStatus.Failed, Record),
            [ActiveJobDeletionInProgress] = To(RunStatus.Failed, Record),
            [ActiveJobNotFound] = To(RunStatus.Failed, Record),
            [StaleJobReport] = Ignored(Reason.StaleJob),
            [UnknownJobReport] = Ignored(Reason.UnknownJob),
            [InputsCounted] = Ignored(Reason.NotExpectedNow), // a late repeat of the count
            [FailedTasksListed] = Ignored(Reason.NotExpectedNow), // the runner has not failed
            [CancelRequested] = To(RunStatus.Cancelling, Cancel),
            [ResumeRequested] = Rejected(Reason.CannotResumeUnlessStopped),
            [DeadlineNotYetPassed] = Ignored(Reason.NotExpectedNow),
            [DeadlinePassed] = To(RunStatus.Cancelling, Cancel), // stop the job first; the run fails once it is final
            [QueueTimeoutPassed] = Ignored(Reason.NotExpectedNow),
            [LastCommandFailed] = Ignored(Reason.NotExpectedNow), // the runner's submit: it already runs
            [OtherCommandFailed] = Ignored(Reason.NotExpectedNow),
        },
        [Situation.ListingFailedTasks] = new()
        {
            [RunRequested] = Ignored(Reason.AlreadyApplied),
            [ActiveJobQueued] = Ignored(Reason.BackwardState),
            [ActiveJobScheduled] = Ignored(Reason.BackwardState),
            [ActiveJobRunning] = Ignored(Reason.BackwardState),
            [ActiveJobSucceeded] = Ignored(Reason.BackwardState),
            [ActiveJobFailed] = Ignored(Reason.AlreadyApplied),
            [ActiveJobCancelled] = Ignored(Reason.BackwardState),
            [ActiveJobDeletionInProgress] = Ignored(Reason.BackwardState),
            [ActiveJobNotFound] = Ignored(Reason.NotExpectedNow),
            [StaleJobReport] = Ignored(Reason.StaleJob),
            [UnknownJobReport] = Ignored(Reason.UnknownJob),
            [InputsCounted] = Ignored(Reason.NotExpectedNow),
            [FailedTasksListed] = To(RunStatus.RunningTasks, Submit), // 1 of 10 failed, beyond no tolerance: automatic resume
            [CancelRequested] = To(RunStatus.Cancelled, Record),
            [ResumeRequested] = Rejected(Reason.CannotResumeUnlessStopped),
            [DeadlineNotYetPassed] = Ignored(Reason.NotExpectedNow),
            [DeadlinePassed] = To(RunStatus.Failed, Record),
            [QueueTimeoutPassed] = Ignored(Reason.NotExpectedNow),
            [LastCommandFailed] = To(RunStatus.Failed, Record), // the listing
            [OtherCommandFailed] = Ignored(Reason.NotExpectedNow),
        },
        [Situation.Aggregating] = new()
        {
            [RunRequested] = Ignored(Reason.AlreadyApplied),
            [ActiveJobQueued] = To(RunStatus.Aggregating),
            [ActiveJobScheduled] = To(RunStatus.Aggregating),
            [ActiveJobRunning] = To(RunStatus.Aggregating),
            [ActiveJobSucceeded] = To(RunStatus.Succeeded, Record),
            [ActiveJobFailed] = To(RunStatus.Failed, Record),
            [ActiveJobCancelled] = To(RunStatus.Failed, Record),
            [ActiveJobDeletionInProgress] = To(RunStatus.Failed, Record),
            [ActiveJobNotFound] = To(RunStatus.Failed, Record),
            [StaleJobReport] = Ignored(Reason.StaleJob),
            [UnknownJobReport] = Ignored(Reason.UnknownJob),
            [InputsCounted] = Ignored(Reason.NotExpectedNow),
            [FailedTasksListed] = Ignored(Reason.NotExpectedNow),
            [CancelRequested] = To(RunStatus.Cancelling, Cancel),
            [ResumeRequested] = Rejected(Reason.CannotResumeUnlessStopped),
            [DeadlineNotYetPassed] = Ignored(Reason.NotExpectedNow),
            [DeadlinePassed] = To(RunStatus.Cancelling, Cancel), // stop the job first; the run fails once it is final
            [QueueTimeoutPassed] = To(RunStatus.Cancelling, Cancel), // output attempt 1 still waits,
            [LastCommandFailed] = To(RunStatus.Failed, Record), // the output's submit
            [OtherCommandFailed] = Ignored(Reason.NotExpectedNow),
        },
        [Situation.Succeeded] = Finished(resume: Rejected(Reason.CannotResumeUnlessStopped)),
        // Resuming runs only the failed task again, as runner attempt 3.
        [Situation.Failed] = Finished(resume: To(RunStatus.RunningTasks, Submit)),
        [Situation.Cancelling] = new()
        {
            [RunRequested] = Ignored(Reason.AlreadyApplied),
            [ActiveJobQueued] = Ignored(Reason.BackwardState),
            [ActiveJobScheduled] = Ignored(Reason.BackwardState),
            [ActiveJobRunning] = Ignored(Reason.AlreadyApplied),
            // Whatever final state the job reaches, the run was cancelled.
            [ActiveJobSucceeded] = To(RunStatus.Cancelled, Record),
            [ActiveJobFailed] = To(RunStatus.Cancelled, Record),
            [ActiveJobCancelled] = To(RunStatus.Cancelled, Record),
            [ActiveJobDeletionInProgress] = To(RunStatus.Cancelled, Record),
            [ActiveJobNotFound] = To(RunStatus.Cancelled, Record), // confirmed gone: nothing left to stop
            [StaleJobReport] = Ignored(Reason.StaleJob),
            [UnknownJobReport] = Ignored(Reason.UnknownJob),
            [InputsCounted] = Ignored(Reason.NotExpectedNow),
            [FailedTasksListed] = Ignored(Reason.NotExpectedNow),
            [CancelRequested] = Ignored(Reason.AlreadyApplied),
            [ResumeRequested] = Rejected(Reason.CannotResumeUnlessStopped),
            [DeadlineNotYetPassed] = Ignored(Reason.NotExpectedNow),
            [DeadlinePassed] = To(RunStatus.Cancelling, Cancel), // the cancel sent again; still waiting for the job
            [QueueTimeoutPassed] = Ignored(Reason.NotExpectedNow),
            [LastCommandFailed] = To(RunStatus.Cancelling), // the cancel failed for good: the job may run on, keep waiting
            [OtherCommandFailed] = Ignored(Reason.NotExpectedNow),
        },
        // A cancelled run resumes where it stopped: the runner attempt it cancelled runs again.
        [Situation.Cancelled] = Finished(resume: To(RunStatus.RunningTasks, Submit)),
    };

    /// <summary>A final run: every event is ignored, a cancel rejected, a resume as given.</summary>
    private static Dictionary<EventKind, Expected> Finished(Expected resume)
    {
        var row = Enum.GetValues<EventKind>().ToDictionary(kind => kind, _ => Ignored(Reason.RunFinished));
        row[CancelRequested] = Rejected(Reason.CannotCancelFinished);
        row[ResumeRequested] = resume;
        return row;
    }

    public static TheoryData<Situation, EventKind> Pairs()
    {
        var pairs = new TheoryData<Situation, EventKind>();
        foreach (var situation in Enum.GetValues<Situation>())
        {
            foreach (var kind in Enum.GetValues<EventKind>())
                pairs.Add(situation, kind);
        }
        return pairs;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Decide_EveryStatusAndEventPair_DoesWhatTheTableSays(Situation situation, EventKind kind)
    {
        var run = Situations.Build(situation);
        var before = run.State;
        var (@event, now) = EventKinds.Create(kind, run);
        var expected = Table[situation][kind];

        var decision = RunMachine.Decide(before, @event, run.Policy, now);

        var actual = new Expected(
            decision.Outcome,
            decision.Reason,
            decision.Outcome == Outcome.Applied ? decision.State.Status : null,
            string.Join("+", decision.Commands.Select(command => command.Kind)));
        actual.ShouldBe(expected);
        if (decision.Outcome != Outcome.Applied)
            decision.State.ShouldBeSameAs(before);
        else
            decision.State.ShouldNotBe(before);
    }

    [Fact]
    public void Table_CoversEveryStatusAndEveryEventKind()
    {
        Table.Keys.Order().ToArray().ShouldBe(Enum.GetValues<Situation>());
        foreach (var (situation, row) in Table)
            row.Keys.Order().ToArray().ShouldBe(Enum.GetValues<EventKind>(), $"row {situation}");
        Enum.GetValues<Situation>().Select(situation => Situations.Build(situation).State.Status).Distinct().Order().ToArray()
            .ShouldBe(Enum.GetValues<RunStatus>());
    }

    [Fact]
    public void Situations_AreWhatTheirNamesSay()
    {
        Situations.Build(Situation.BuildingInputs).State.ActiveJob!.Id.ShouldBe(RunBuilder.Builder(2));
        Situations.Build(Situation.CountingInputs).State.ActiveJob!.State.ShouldBe(JobState.Succeeded);
        Situations.Build(Situation.ListingFailedTasks).State.ActiveJob!.State.ShouldBe(JobState.Failed);
        var failed = Situations.Build(Situation.Failed).State;
        failed.ActiveJob!.Id.ShouldBe(RunBuilder.Runner(2));
        failed.FailedTasks.Select(task => task.Index).ShouldBe([3]);
        Situations.Build(Situation.Cancelling).State.Status.ShouldBe(RunStatus.Cancelling);
    }
}
