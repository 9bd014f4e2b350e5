using Epy.Contracts.Api;
using Epy.Orchestrator.Local;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Recovery;

/// <summary>
/// The orchestrator stopping mid Stage B — its app disposed, or its process killed — and starting
/// again on the same files: the run finishes, every task runs to completion exactly once, nothing is
/// produced twice.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const string RunId = "20261124-101500-0c0ffee0";

    [Fact]
    public async Task AppStoppedMidStageB_NextAppFinishesTheRun_EachTaskCompletedOnce()
    {
        // Task 0 ends quickly; tasks 1 and 2 are still running when the app goes away.
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(4).Sleeping(20).SleepingTask(0, 0.1));
        var fake = server.Fake!;
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        await Wait.UntilAsync(() => MidStageB(fake), TimeSpan.FromSeconds(20), () => $"never mid Stage B; calls:\n{Log(fake)}");

        var cutShort = fake.Calls().Where(c => c.Event is "start" or "child" && c.Stage == "runner" && c.Task != 0).Select(c => c.Pid).ToList();
        fake.Sleeping(0.1);

        await server.RestartAsync();
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");

        EachStageCompletedOnce(fake, tasks: 4);
        fake.Starts("runner", 0).ShouldBe(1, "a task that had finished is not run again");
        fake.Starts("runner", 1).ShouldBe(2, "task 1 was cut short, so it ran again");
        cutShort.Where(Processes.IsAlive).ShouldBeEmpty();
        done.Jobs.Count(j => j.Stage == "runner").ShouldBe(1, "recovery continues the same job");
        Directory.GetFiles(Path.Combine(server.RunFolder(done), "outputs")).Select(Path.GetFileName).ShouldBe(["x.csv.gz"]);
    }

    [Fact]
    public async Task CliKilledMidStageB_RunAgainWithTheSameRunId_FinishesTheRun_EachTaskCompletedOnce()
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Minimal(folder);
        var state = folder.Combine("state");
        // Task 1 runs long: the kill orphans its process, which the second CLI must stop. Task 0 exits 4
        // (retryable) once released, and its retry is started while the test holds the database's write
        // lock: the CLI dies between starting that process and recording it.
        var fake = new FakeStage(folder.Combine("fake")).WithTasks(3).Sleeping(20).Holding(0).FailingTask(0, times: 1, exitCode: 4);
        IReadOnlyList<int> orphans;
        using (var first = Epycloud.Start(CliArguments(project, state), CliEnvironment(fake)))
        {
            try
            {
                await Wait.UntilAsync(() => first.HasExited || (Logged(fake, "start", 0) && Logged(fake, "child", 1)), TimeSpan.FromSeconds(60),
                    () => $"tasks 0 and 1 never started; calls:\n{Log(fake)}");
                if (first.HasExited)
                    throw new InvalidOperationException($"the CLI ended early:\n{await first.StandardOutput.ReadToEndAsync()}\n{await first.StandardError.ReadToEndAsync()}");
                var before = Processes.Descendants(first.Id);
                using var connection = new LocalDatabase(Path.Combine(state, "orchestrator.db")).Open();
                using (var writeLock = connection.BeginTransaction())
                {
                    fake.Release(0);
                    await Wait.UntilAsync(() => Processes.Descendants(first.Id).Except(before).Any(), TimeSpan.FromSeconds(20),
                        () => $"task 0 was never retried; calls:\n{Log(fake)}");
                    // Time enough for a retry that did not wait to be recorded to get going.
                    await Task.Delay(300);
                    orphans = Processes.Descendants(first.Id);
                    first.Kill(); // SIGKILL to the CLI alone: its running tasks are orphaned, as in a real crash.
                    await first.WaitForExitAsync();
                }
            }
            finally
            {
                if (!first.HasExited)
                    first.Kill(entireProcessTree: true);
            }
        }
        var task1 = fake.Calls().First(c => c.Event == "start" && c.Stage == "runner" && c.Task == 1).Pid;
        // SIGKILL closes the tasks' standard input: each task's process group goes with the CLI (issue 18), even
        // this fake's, which minds no lifeline.
        await Wait.UntilAsync(() => !Processes.IsAlive(task1), TimeSpan.FromSeconds(10), () => $"task 1 ({task1}) outlived the CLI that started it");
        fake.Sleeping(0.1);

        var second = await Epycloud.RunAsync(CliArguments(project, state), CliEnvironment(fake));

        second.ExitCode.ShouldBe(0, $"{second}\ncalls:\n{Log(fake)}");
        second.Output.ShouldContain($"run {RunId} of {ForecastRepo.Experiment} (resumed)");
        second.Output.ShouldContain($"run {RunId}: SUCCEEDED");
        orphans.Where(Processes.IsAlive).ShouldBeEmpty($"every process the first CLI left behind is stopped; calls:\n{Log(fake)}");
        EachStageCompletedOnce(fake, tasks: 3);
        fake.Starts("runner", 1).ShouldBe(2, "task 1 was cut short, so it ran again");
        Directory.GetFiles(Path.Combine(state, "bucket", ForecastRepo.Experiment, RunId, "outputs")).Select(Path.GetFileName).ShouldBe(["x.csv.gz"]);
    }

    /// <summary>Runner task <paramref name="task"/> logged <paramref name="event"/> (start: running; child: sleeping).</summary>
    private static bool Logged(FakeStage fake, string @event, int task) =>
        fake.Calls().Any(c => c.Event == @event && c.Stage == "runner" && c.Task == task);

    /// <summary>Task 0 completed and at least one other task is running.</summary>
    private static bool MidStageB(FakeStage fake)
    {
        var calls = fake.Calls();
        return calls.Any(c => c.Event == "exit" && c.Stage == "runner" && c.Task == 0 && c.Code == 0)
            && calls.Any(c => c.Event == "child" && c.Stage == "runner" && c.Task != 0);
    }

    private static void EachStageCompletedOnce(FakeStage fake, int tasks)
    {
        var log = Log(fake);
        fake.Completions("builder").ShouldBe(1, log);
        for (var task = 0; task < tasks; task++)
            fake.Completions("runner", task).ShouldBe(1, $"task {task}\n{log}");
        fake.Completions("output").ShouldBe(1, log);
        fake.Starts("output").ShouldBe(1, log);
    }

    private static string Log(FakeStage fake)
    {
        var file = Path.Combine(fake.Control, "calls.log");
        return File.Exists(file) ? File.ReadAllText(file) : "(none)";
    }

    private static string[] CliArguments(string project, string state) =>
        ["run", "--local", "--exp-id", ForecastRepo.Experiment, "--project-dir", project, "--state-dir", state, "--run-id", RunId];

    /// <summary>The fake as the CLI's stage program (EPY_STAGE_COMMAND), with its control folder.</summary>
    private static Dictionary<string, string> CliEnvironment(FakeStage fake) =>
        new(fake.Environment) { ["EPY_STAGE_COMMAND"] = string.Join(' ', fake.Command) };
}
