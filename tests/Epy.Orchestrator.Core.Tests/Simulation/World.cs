using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Core.Tests.Simulation;

/// <summary>
/// What the simulated world does, besides delivering events: advance a job by one report, or deliver
/// an event to the machine.
/// </summary>
internal abstract record WorldItem;

/// <summary>The job moves to its next state and reports it.</summary>
internal sealed record AdvanceJob(JobId Job) : WorldItem;

/// <summary>An event on its way to the machine.</summary>
/// <param name="Event">The event.</param>
/// <param name="MayRepeat">Whether the channel may deliver it twice (Pub/Sub, a retried command); a user's request is deduplicated by its idempotency key before the machine sees it.</param>
internal sealed record Deliver(RunEvent Event, bool MayRepeat = true) : WorldItem;

/// <summary>How eventful the world is.</summary>
/// <param name="CommandsFail">Whether a command may fail permanently (5 % of command ids).</param>
/// <param name="ManualResumes">How many times the user resumes a failed run.</param>
internal sealed record WorldOptions(bool CommandsFail = true, int ManualResumes = 2);

/// <summary>
/// A faithful stand-in for Cloud Batch, the builder's manifest and the task listing, plus a user who
/// resumes failed runs. Every answer (a job's outcome, the task count, the failed tasks, whether a
/// command fails) is fixed by the world's seed and the job or command id, so the same world answers
/// the same whatever order its events are delivered in. Jobs follow Batch's documented semantics: a
/// submit of an existing job id is a no-op, states only move forward, a job reports its final state
/// once (the channel may repeat it), and a cancel makes a job that has not finished end CANCELLED.
/// </summary>
internal sealed class World(ulong seed, WorldOptions options)
{
    private static readonly JobState[] BuilderEnds = [JobState.Succeeded, JobState.Succeeded, JobState.Succeeded, JobState.Succeeded, JobState.Failed, JobState.Cancelled, JobState.DeletionInProgress];
    private static readonly JobState[] RunnerEnds = [JobState.Succeeded, JobState.Failed];
    private static readonly JobState[] OutputEnds = [JobState.Succeeded, JobState.Succeeded, JobState.Succeeded, JobState.Failed];

    private readonly Dictionary<JobId, Job> _jobs = [];

    public ulong Seed => seed;

    /// <summary>What carrying out <paramref name="command"/> sets going.</summary>
    public IEnumerable<WorldItem> Answer(RunCommand command)
    {
        if (options.CommandsFail && command is not (WriteRunRecord or CancelJob) && Random("fails", command.CommandId).Chance(0.05))
            return [new Deliver(new CommandFailedPermanently($"{command.CommandId}:failed", command.CommandId, "permission denied"))];

        switch (command)
        {
            case SubmitJob submit when !_jobs.ContainsKey(submit.Spec.Id):
                _jobs[submit.Spec.Id] = Plan(submit.Spec);
                return [new AdvanceJob(submit.Spec.Id)];
            case CountInputs count:
                var random = Random("count", count.BuilderJob.Value);
                var tasks = random.Chance(0.03) ? 0 : 1 + random.Below(12);
                return [new Deliver(new InputsCounted($"{command.CommandId}:done", count.BuilderJob, tasks, count.Round))];
            case ListFailedTasks list:
                return [new Deliver(new FailedTasksListed($"{command.CommandId}:done", list.Job, FailedTasks(list.Job, _jobs[list.Job])))];
            case CancelJob cancel when _jobs.TryGetValue(cancel.Job, out var job) && !job.IsFinal:
                // What it has reported stands; its next report is its last.
                _jobs[cancel.Job] = job with { Path = job.Path[..job.Step], End = JobState.Cancelled };
                return [];
            default:
                return [];
        }
    }

    /// <summary>The job's next report, and the next step if it has not finished.</summary>
    public IEnumerable<WorldItem> Advance(JobId id)
    {
        var job = _jobs[id];
        var next = job with { Step = job.Step + 1 };
        _jobs[id] = next;
        var state = next.Current;
        TaskCounts? counts = state switch
        {
            JobState.Running => new TaskCounts(0, job.TaskCount, 0, 0),
            JobState.Succeeded => new TaskCounts(0, 0, job.TaskCount, 0),
            JobState.Failed => new TaskCounts(0, 0, job.TaskCount - 1, 1),
            _ => null,
        };
        yield return new Deliver(new JobStateChanged($"{id}:{state.ToBatchName()}", id, state, counts));
        if (!next.IsFinal)
            yield return new AdvanceJob(id);
    }

    /// <summary>The user's reaction to a decision that failed the run: resume it, a few times.</summary>
    public IEnumerable<WorldItem> React(RunState run) =>
        run.Status == RunStatus.Failed && run.ManualResumes < options.ManualResumes
            ? [new Deliver(new ResumeRequested($"resume-{run.ManualResumes + 1}"), MayRepeat: false)]
            : [];

    private Job Plan(JobSpec spec)
    {
        var random = Random("job", spec.Id.Value);
        var end = random.Pick(spec.Stage switch
        {
            Stage.Builder => BuilderEnds,
            Stage.Runner => RunnerEnds,
            _ => OutputEnds,
        });
        // Batch may skip states between two reports; a job always starts QUEUED here.
        JobState[] path = random.Chance(0.3) ? [JobState.Queued, JobState.Running] : [JobState.Queued, JobState.Scheduled, JobState.Running];
        return new Job(spec.TaskCount, [.. path], end, 0);
    }

    /// <summary>A failed job's failed tasks, by job task index: a few of them, sometimes none (the job failed as a whole), sometimes one out of range.</summary>
    private ValueList<FailedTask> FailedTasks(JobId id, Job job)
    {
        var random = Random("failed", id.Value);
        var failed = Enumerable.Range(0, job.TaskCount).Where(_ => random.Chance(0.3)).Select(index => new FailedTask(index, 1 + random.Below(3))).ToList();
        if (random.Chance(0.1))
            failed.Add(new FailedTask(job.TaskCount + 2, 1));
        return new ValueList<FailedTask>(failed);
    }

    private SplitMix64 Random(string what, string key) => SplitMix64.For(seed, $"{what}:{key}");

    private sealed record Job(int TaskCount, JobState[] Path, JobState End, int Step)
    {
        /// <summary>The state last reported (Step counts reports; 0 means none yet).</summary>
        public JobState Current => Step <= Path.Length ? Path[Step - 1] : End;

        public bool IsFinal => Step > Path.Length;
    }
}
