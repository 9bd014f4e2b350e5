using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Reliability.Tests.Harness;

/// <summary>
/// What every run must show, whatever was injected: the right final state; exactly the jobs its scenario
/// needs, each created once in the job system; every job's recorded state equal to its real one (no event
/// lost); a history that only moves forward in time and along the state machine's edges and names every
/// job; its outputs written exactly once (none for a failed run); and its run record written.
/// </summary>
public static class RunChecker
{
    private static readonly Dictionary<RunStatus, RunStatus[]> Forward = new()
    {
        [RunStatus.Pending] = [RunStatus.BuildingInputs, RunStatus.Failed, RunStatus.Cancelled],
        [RunStatus.BuildingInputs] = [RunStatus.RunningTasks, RunStatus.Failed, RunStatus.Cancelling, RunStatus.Cancelled],
        [RunStatus.RunningTasks] = [RunStatus.Aggregating, RunStatus.Succeeded, RunStatus.Failed, RunStatus.Cancelling, RunStatus.Cancelled],
        [RunStatus.Aggregating] = [RunStatus.Succeeded, RunStatus.Failed, RunStatus.Cancelling, RunStatus.Cancelled],
        [RunStatus.Cancelling] = [RunStatus.Cancelled, RunStatus.Failed],
        // A resume reopens a failed or cancelled run where it stopped.
        [RunStatus.Failed] = [RunStatus.BuildingInputs, RunStatus.RunningTasks, RunStatus.Aggregating],
        [RunStatus.Cancelled] = [RunStatus.BuildingInputs, RunStatus.RunningTasks, RunStatus.Aggregating],
    };

    public static IReadOnlyList<string> Check(RunScenario scenario, StoredRun? stored, WorldBackend backend)
    {
        if (stored is null)
            return ["the run was never created"];
        var problems = new List<string>();
        var state = stored.State;
        if (state.Status != scenario.Expected)
            problems.Add($"ended {state.Status.ToWire()} ({state.Failure}), expected {scenario.Expected.ToWire()}");
        if (stored.Outbox.Count > 0)
            problems.Add($"outbox not empty: {string.Join(", ", stored.Outbox.Select(e => e.Command.CommandId))}");
        CheckJobs(scenario, state, backend, problems);
        CheckHistory(state, problems);
        if (scenario.Expected == RunStatus.Succeeded && state.TaskCount != scenario.Tasks)
            problems.Add($"task count {state.TaskCount}, the builder wrote {scenario.Tasks}");
        CheckFiles(scenario, state, backend, problems);
        // What the run went through, to tell a wrong run's story in the test output.
        if (problems.Count > 0)
            problems.Add("history: " + string.Join(" | ", state.History.Select(entry => $"{entry.Status.ToWire()}: {entry.What}")));
        return problems;
    }

    private static void CheckJobs(RunScenario scenario, RunState state, WorldBackend backend, List<string> problems)
    {
        var recorded = state.Jobs.Select(job => job.Id.Value).ToList();
        var expected = scenario.ExpectedJobs.Select(job => job.Value).ToList();
        if (!recorded.SequenceEqual(expected))
            problems.Add($"recorded jobs [{string.Join(", ", recorded)}], expected [{string.Join(", ", expected)}]");
        // A refused submit retried after its run ended may create the job after all: acceptable only when the
        // orchestrator cancelled it before it ran (it waits QUEUED until then).
        var created = backend.JobsOf(scenario.Run).Order(StringComparer.Ordinal).ToList();
        foreach (var late in created.Where(id => JobId.TryParse(id, out var job) && scenario.RefusesSubmit(job)).ToList())
        {
            if (backend.RealState(late) == "CANCELLED")
            {
                created.Remove(late);
                backend.Context.Ledger.Absorb("a submit landing after its run ended: the job it created cancelled before it ran");
            }
        }
        var expectedCreated = scenario.CreatedJobs.Select(job => job.Value).Distinct().Order(StringComparer.Ordinal).ToList();
        if (!created.SequenceEqual(expectedCreated))
            problems.Add($"jobs created [{string.Join(", ", created)}], expected one per stage attempt [{string.Join(", ", expectedCreated)}]");
        foreach (var id in created)
        {
            for (var repeat = backend.CreateRequests(id); repeat > 1; repeat--)
                backend.Context.Ledger.Absorb("repeated job create answered with the existing job");
        }
        foreach (var job in state.Jobs)
        {
            var real = backend.RealState(job.Id.Value);
            if (scenario.NeverSchedules(job.Id))
            {
                // The deadline stops the job first and fails the run only once it is cancelled (issue 18, item 2).
                if (real != "CANCELLED" || job.State != JobState.Cancelled)
                    problems.Add($"job {job.Id} that never started: recorded {job.State}, really {real}; expected cancelled at the deadline, the run ending after it");
            }
            else if (scenario.DeletedWhileRunning(job.Id))
            {
                // Nothing can report a deleted job's end: the run keeps the last state it saw and fails, saying why.
                if (real is not null || job.IsFinal || state.Failure?.Contains("gone", StringComparison.Ordinal) != true)
                    problems.Add($"job {job.Id} deleted behind the orchestrator's back: recorded {job.State}, really {real ?? "gone"}, the run's failure '{state.Failure}'");
            }
            else if (scenario.RefusesSubmit(job.Id) && real == "CANCELLED")
            {
                // Created late by a submit the run had superseded, and cancelled at once (checked above).
            }
            else if (job.State?.ToBatchName() != real)
            {
                problems.Add($"job {job.Id} recorded {job.State?.ToBatchName() ?? "no state"}, really {real}: an event was lost");
            }
        }
    }

    private static void CheckHistory(RunState state, List<string> problems)
    {
        var history = state.History;
        for (var i = 1; i < history.Count; i++)
        {
            if (history[i].At < history[i - 1].At)
                problems.Add($"history goes back in time at entry {i}: {history[i - 1].At:O} then {history[i].At:O}");
            var (from, to) = (history[i - 1].Status, history[i].Status);
            if (from != to && !(Forward.TryGetValue(from, out var next) && next.Contains(to)))
                problems.Add($"history moves {from.ToWire()} -> {to.ToWire()} ('{history[i].What}')");
        }
        if (history.Count > 0 && history[^1].Status != state.Status)
            problems.Add($"history ends {history[^1].Status.ToWire()}, the run is {state.Status.ToWire()}");
        foreach (var job in state.Jobs)
        {
            if (!history.Any(entry => entry.What.Contains(job.Id.Value, StringComparison.Ordinal)))
                problems.Add($"history never names job {job.Id}");
        }
    }

    private static void CheckFiles(RunScenario scenario, RunState state, WorldBackend backend, List<string> problems)
    {
        var paths = backend.Paths(scenario.Run);
        foreach (var file in WorldBackend.OutputFiles)
        {
            var path = paths.Outputs + file;
            var writes = backend.Writes(path);
            var expected = scenario.ExpectsOutputs ? 1 : 0;
            if (writes != expected)
                problems.Add($"{path} written {writes} times, expected {expected}");
            if (scenario.ExpectsOutputs && backend.Read(path) is null)
                problems.Add($"{path} is missing");
        }
        var record = backend.Read(paths.RunRecord);
        if (record is null)
            problems.Add("run_record.json was not written");
        else if (!record.Contains($"\"{state.Status.ToWire()}\"", StringComparison.Ordinal))
            problems.Add($"run_record.json does not say {state.Status.ToWire()}");
    }
}
