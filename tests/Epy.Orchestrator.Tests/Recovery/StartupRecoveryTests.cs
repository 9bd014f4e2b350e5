using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Epy.Cli;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Local;
using Epy.Orchestrator.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Tests.Recovery;

/// <summary>
/// Recovery runs before the local mode takes work, and only in the one orchestrator using a state
/// folder: a job submitted right after start-up, or run by another orchestrator, must never be
/// mistaken for one a dead process left (its tasks killed and restarted).
/// </summary>
public sealed class StartupRecoveryTests
{
    [Fact]
    public async Task Start_ReturnsOnlyAfterTheTasksAPreviousProcessLeftAreStopped()
    {
        using var folder = new TempFolder();
        var fake = new FakeStage(folder.Combine("fake"));
        var options = new LocalModeOptions
        {
            DatabasePath = folder.Combine("state", "orchestrator.db"),
            BucketRoot = folder.Combine("state", "bucket"),
            LogsRoot = folder.Combine("state", "logs"),
            ForecastRepoDir = ForecastRepo.Minimal(folder),
            StageCommand = fake.Command,
            Environment = fake.Environment,
        };
        using var leftover = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            LeaveRunningTask(options, leftover.Id);
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddLocalMode(options);
            using var host = builder.Build();

            await host.StartAsync();
            var stoppedByThen = leftover.HasExited;
            await host.StopAsync();

            stoppedByThen.ShouldBeTrue("the previous process's task is stopped before the local mode accepts new work");
        }
        finally
        {
            if (!leftover.HasExited)
                leftover.Kill();
        }
    }

    [Fact]
    public async Task SecondOrchestrator_OnTheSameStateFolder_RefusesToStart_AndTheFirstOnesRunCarriesOn()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2).Sleeping(2));
        var fake = server.Fake!;
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        await Wait.UntilAsync(() => fake.Calls().Count(c => c.Event == "child") == 2, TimeSpan.FromSeconds(20), () => "the runner tasks never started");

        var second = ServeCommand.BuildApp(server.Options, [], port: 0);
        try
        {
            var refused = await Should.ThrowAsync<StateFolderInUseException>(() => second.StartAsync());
            refused.Message.ShouldContain(Path.GetDirectoryName(server.Options.DatabasePath)!);
        }
        finally
        {
            await second.DisposeAsync();
        }

        await server.WaitForEndAsync(run.RunId, "SUCCEEDED");
        fake.Starts("runner", 0).ShouldBe(1, "the second orchestrator must not touch the first one's tasks");
        fake.Starts("runner", 1).ShouldBe(1);
    }

    /// <summary>Writes what a process that died mid Stage B leaves: a RUNNING job whose task runs as <paramref name="pid"/>.</summary>
    private static void LeaveRunningTask(LocalModeOptions options, int pid)
    {
        var run = RunId.Parse("20261124-101500-00000bad");
        var spec = new JobSpec(new JobId(Stage.Runner, run, 1), ExperimentId.Parse(ForecastRepo.Experiment), 1, null, 1, false,
            StageResources.RunnerDefault, 1, 1, false, 0, ValueList<int>.Empty, RunRequest.Plain("test"));
        using var connection = new LocalDatabase(options.DatabasePath).Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO local_jobs (job_id, run_id, spec, state) VALUES ($job, $run, $spec, 'RUNNING');
            INSERT INTO local_tasks (job_id, task_index, state, attempts, pid, pid_start) VALUES ($job, 0, 'RUNNING', 1, $pid, $start);
            """;
        command.Parameters.AddWithValue("$job", spec.Id.Value);
        command.Parameters.AddWithValue("$run", run.Value);
        command.Parameters.AddWithValue("$spec", JsonSerializer.Serialize(spec, OrchestratorJson.Options));
        command.Parameters.AddWithValue("$pid", pid);
        command.Parameters.AddWithValue("$start", StartTime(pid));
        command.ExecuteNonQuery();
    }

    /// <summary>Field 22 of <c>/proc/{pid}/stat</c>, as the local job runner records it.</summary>
    private static long StartTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19], CultureInfo.InvariantCulture);
    }
}
