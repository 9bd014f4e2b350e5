using Epy.Cli;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;

namespace Epy.Cli.Tests;

/// <summary>The live view of a local run: a row per stage, a row per task under a running Stage B, redrawn in place.</summary>
public sealed class LiveProgressTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly RunId Run = RunId.Parse("20261207-100000-0000abcd");

    [Fact]
    public void Lines_MidStageB_ShowStagesTasksWithTheirLocationAndGeneration_AndAClock()
    {
        var state = State(
            Job(Stage.Builder, JobState.Succeeded, Start, Start.AddSeconds(2)),
            Job(Stage.Runner, JobState.Running, Start.AddSeconds(3), null));
        LiveProgress.TaskLine[] tasks =
        [
            new(0, "runner: task 0 (calibration, US-MA): generation 3 of 6, ε 698.6, 100 particles, acceptance 37%, 2.5 s", true),
            new(1, "runner: task 1 (calibration, US-NH) seed 7: 50 trajectories in 9.1 s", false),
            new(2, null, false),
        ];

        var lines = LiveProgress.Lines(state, tasks, TimeSpan.FromSeconds(75), Start.AddSeconds(13), color: false);

        lines.ShouldBe(
        [
            $"flu-example {Run}  RUNNING_TASKS  01:15",
            "  A builder  SUCCEEDED  00:02",
            "  B runner   RUNNING    1/3 ended, 1 running  00:10",
            "      task 0    ▶ US-MA    generation 3 of 6, ε 698.6, 100 particles, acceptance 37%, 2.5 s",
            "      task 1      US-NH    50 trajectories in 9.1 s",
            "      task 2      pending",
            "  C output   waiting",
        ]);
    }

    [Fact]
    public void Lines_ManyTasks_ShowTheRunningOnesFirst_AndCountTheRest()
    {
        var state = State(Job(Stage.Builder, JobState.Succeeded, Start, Start), Job(Stage.Runner, JobState.Running, Start, null, tasks: 100));
        var tasks = Enumerable.Range(0, 100).Select(i => new LiveProgress.TaskLine(i, i >= 90 ? $"runner: task {i} (sampling, US-MA, row {i}): started" : null, i >= 90)).ToList();

        var lines = LiveProgress.Lines(state, tasks, TimeSpan.Zero, Start, color: false);

        lines.Count(l => l.Contains('▶', StringComparison.Ordinal)).ShouldBe(10, "every running task is shown");
        lines.ShouldContain("      … and 88 more tasks");
    }

    [Fact]
    public void Lines_OfTheApisRunView_ShowStagesCountsFailedTasksWithTheirMeaning_AndAClock()
    {
        var run = View("RUNNING_TASKS",
            new JobView($"stage-a-{Run}-1", "builder", 1, "SUCCEEDED", 1, 0, 0, 1, 0, Start, Start, Start.AddSeconds(2)),
            new JobView($"stage-b-{Run}-1", "runner", 1, "RUNNING", 4, 1, 1, 1, 1, Start.AddSeconds(2), Start.AddSeconds(3), null)) with
        {
            FailedTasks = [new FailedTaskView(2, 3)],
        };

        var lines = LiveProgress.Lines(run, TimeSpan.FromSeconds(75), Start.AddSeconds(13), color: false);

        lines.ShouldBe(
        [
            $"flu-example {Run}  RUNNING_TASKS  01:15",
            "  A builder  SUCCEEDED  00:02",
            "  B runner   RUNNING    1/4 done, 1 running, 1 failed  00:10",
            "      task 2    ✗ exit 3: bad input: not retried",
            "  C output   waiting",
        ]);
    }

    [Fact]
    public void RunDisplay_OnATerminal_RedrawsTheBlockInPlace_ElseALinePerChange_AndQuietNothing()
    {
        var run = View("BUILDING_INPUTS", new JobView($"stage-a-{Run}-1", "builder", 1, "RUNNING", 1, 0, 1, 0, 0, Start, Start, null));
        using var terminal = new StringWriter();
        using var plain = new StringWriter();
        using var quiet = new StringWriter();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start);

        var onTerminal = new RunDisplay(terminal, terminal: true, quiet: false, color: false, time);
        onTerminal.Show(run);
        time.Advance(TimeSpan.FromSeconds(5));
        onTerminal.Show(run);
        var lines = new RunDisplay(plain, terminal: false, quiet: false, color: false, time);
        lines.Show(run);
        lines.Show(run);
        new RunDisplay(quiet, terminal: true, quiet: true, color: false, time).Show(run);

        terminal.ToString().ShouldContain("\u001b[4F", Case.Sensitive, "the second draw goes back up over the four lines of the first");
        terminal.ToString().ShouldContain($"\u001b[2Kflu-example {Run}  BUILDING_INPUTS  00:05\n");
        plain.ToString().ShouldBe("[00:00] BUILDING_INPUTS  builder (attempt 1) RUNNING\n".Replace("\n", Environment.NewLine, StringComparison.Ordinal));
        quiet.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void Lines_Coloured_PaintStatesAndOnlyThem()
    {
        var state = State(Job(Stage.Builder, JobState.Failed, Start, Start.AddSeconds(1))) with { Status = RunStatus.Failed };

        var lines = LiveProgress.Lines(state, [], TimeSpan.Zero, Start, color: true);

        lines[0].ShouldContain("\u001b[31mFAILED\u001b[0m");
        lines[1].ShouldContain("\u001b[31mFAILED\u001b[0m");
    }

    [Fact]
    public void TerminalBlock_RedrawsInPlace_AndClearsWhatAShorterBlockLeaves()
    {
        using var output = new StringWriter();
        var block = new TerminalBlock(output);

        block.Draw(["a", "b", "c"]);
        block.Draw(["d"]);

        output.ToString().ShouldBe("\u001b[2Ka\n\u001b[2Kb\n\u001b[2Kc\n\u001b[3F\u001b[2Kd\n\u001b[J");
    }

    private static RunView View(string state, params JobView[] jobs) => new(
        Run.Value, "flu-example", state, Start, Start.AddSeconds(10), null, jobs.Where(j => j.Stage == "runner").Sum(j => j.TaskCount), null, "cli",
        new Dictionary<string, string>(), jobs, [], 0, 0, $"flu-example/{Run}/", null, []);

    private static RunState State(params JobRecord[] jobs) =>
        RunState.New(Run, ExperimentId.Parse("flu-example"), RunRequest.Plain("test"), Start) with
        {
            Status = RunStatus.RunningTasks,
            Jobs = new ValueList<JobRecord>(jobs),
            UpdatedAt = Start.AddSeconds(5),
        };

    private static JobRecord Job(Stage stage, JobState state, DateTimeOffset started, DateTimeOffset? ended, int tasks = 3) =>
        new(new JobId(stage, Run, 1), state, tasks, null, false, null, started, started, ended);
}
