using System.Collections.Concurrent;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;
using Epy.Reliability.Tests.Faults;
using Epy.Reliability.Tests.Harness;

namespace Epy.Reliability.Tests;

/// <summary>The suite's checks have teeth: a run that ended right passes them, and each kind of wrong end is named.</summary>
public sealed class RunCheckerTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Check_ARunThatEndedRight_FindsNothing()
    {
        var (scenario, stored) = SucceededRun();
        var backend = new StubBackend(scenario);

        RunChecker.Check(scenario, stored, backend).ShouldBeEmpty();
    }

    [Fact]
    public void Check_ADuplicateJob_ALostEvent_AndOutputsWrittenTwice_AreEachNamed()
    {
        var (scenario, stored) = SucceededRun();
        var backend = new StubBackend(scenario);
        backend.Jobs.Add(new JobId(Stage.Runner, scenario.Run, 2).Value);
        backend.States[new JobId(Stage.Output, scenario.Run, 1).Value] = "RUNNING";
        backend.WriteCounts[backend.Paths(scenario.Run).Outputs + WorldBackend.OutputFiles[0]] = 2;

        var problems = RunChecker.Check(scenario, stored, backend);

        problems.ShouldContain(p => p.StartsWith("jobs created", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("an event was lost", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("written 2 times", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_AHistoryThatGoesBackward_IsNamed()
    {
        var (scenario, stored) = SucceededRun();
        var history = stored.State.History;
        var swapped = stored with { State = stored.State with { History = history.SetItem(1, history[1] with { At = history[1].At.AddDays(1) }) } };

        RunChecker.Check(scenario, swapped, new StubBackend(scenario)).ShouldContain(p => p.StartsWith("history goes back in time", StringComparison.Ordinal));
    }

    /// <summary>A plain run driven to SUCCEEDED through the real state machine.</summary>
    private static (RunScenario Scenario, StoredRun Stored) SucceededRun()
    {
        var scenario = Enumerable.Range(0, 100).Select(i => RunScenario.Create(i, 7, Epoch)).First(s => s.Kind == ScenarioKind.Plain);
        var policy = RunPolicy.Default;
        var state = RunState.New(scenario.Run, ExperimentId.Parse(RunScenario.Experiment), new RunRequest(null, null, ValueList<KeyValuePair<string, string>>.Empty, "test"), Epoch);
        var now = Epoch;
        RunEvent[] events =
        [
            new RunRequested("requested"),
            new JobStateChanged("a", new JobId(Stage.Builder, scenario.Run, 1), JobState.Succeeded),
            new InputsCounted("count", new JobId(Stage.Builder, scenario.Run, 1), scenario.Tasks),
            new JobStateChanged("b", new JobId(Stage.Runner, scenario.Run, 1), JobState.Succeeded),
            new JobStateChanged("c", new JobId(Stage.Output, scenario.Run, 1), JobState.Succeeded),
        ];
        foreach (var @event in events)
        {
            now = now.AddMinutes(1);
            state = RunMachine.Decide(state, @event, policy, now).State;
        }
        state.Status.ShouldBe(RunStatus.Succeeded);
        return (scenario, new StoredRun(state, policy, events.Length + 1, []));
    }

    private sealed class StubBackend : WorldBackend
    {
        public StubBackend(RunScenario scenario)
        {
            var random = new SeededRandom(1);
            var ledger = new FaultLedger();
            var scenarios = new ConcurrentDictionary<RunId, RunScenario>();
            Context = new WorldContext(random, new FaultRates(), ledger, new EventBus(random, new FaultRates(), ledger, (_, _, _) => Task.CompletedTask, () => 0),
                scenarios, new ShiftedTime(), "", new ScenarioControl(scenarios, ledger), (_, _) => Task.CompletedTask);
            foreach (var job in scenario.ExpectedJobs)
            {
                Jobs.Add(job.Value);
                States[job.Value] = "SUCCEEDED";
            }
            var paths = Paths(scenario.Run);
            foreach (var file in OutputFiles)
                WriteCounts[paths.Outputs + file] = 1;
            WriteCounts[paths.RunRecord] = 1;
        }

        public List<string> Jobs { get; } = [];

        public Dictionary<string, string> States { get; } = [];

        public Dictionary<string, int> WriteCounts { get; } = [];

        public override string Name => "stub";

        public override IRunStore Observer => throw new NotSupportedException();

        public override Task StartAsync() => Task.CompletedTask;

        public override (IRunStore Store, IJobRunner Jobs, IRunArtifacts Artifacts) NewProcess() => throw new NotSupportedException();

        public override IReadOnlyList<string> JobsOf(RunId run) => Jobs;

        public override int CreateRequests(string jobId) => 1;

        public override string? RealState(string jobId) => States.GetValueOrDefault(jobId);

        public override int Writes(string path) => WriteCounts.GetValueOrDefault(path);

        public override string? Read(string path) => WriteCounts.ContainsKey(path) ? "{\"state\": \"SUCCEEDED\"}" : null;

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
