using Epy.Cli;
using Epy.Orchestrator.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Epy.Cli.Tests;

/// <summary>The project's schedules (epycloud.yaml) start one run per scheduled time, however many servers tick.</summary>
public sealed class LocalSchedulerTests
{
    // The schedule fires Wednesdays 06:00 New York time: in November (EST) 11:00 UTC.
    private static readonly DateTimeOffset WednesdayMorning = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ScheduledTime_StartsOneRun_EvenWithTwoSchedulersTicking()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        await File.WriteAllTextAsync(Path.Combine(server.Options.ForecastRepoDir, "epycloud.yaml"), $"""
            schedules:
              - name: weekly-flu
                cron: "0 6 * * 3"
                time_zone: America/New_York
                exp_id: {ForecastRepo.Experiment}
                overrides: {"{"} max_parallelism: 2, auto_resumes: 0 {"}"}
            """);
        var schedules = ProjectFile.LoadSchedules(server.Options.ForecastRepoDir);
        var time = new FakeTimeProvider(WednesdayMorning);
        var runs = server.Services.GetRequiredService<RunService>();
        var log = new ListLogger<LocalScheduler>();
        using var first = new LocalScheduler(schedules, runs, time, log);
        using var second = new LocalScheduler(schedules, runs, time, log);
        await first.StartAsync(CancellationToken.None);
        await second.StartAsync(CancellationToken.None);
        // The loops run in the background: let them read the clock and wait for the tick.
        await Task.Delay(200);

        time.Advance(TimeSpan.FromMinutes(59)); // 10:59 UTC: not yet
        await Task.Delay(200);
        (await server.ListRunsAsync()).Runs.ShouldBeEmpty();
        time.Advance(TimeSpan.FromMinutes(2)); // 11:01 UTC: due
        await Wait.UntilAsync(() => log.Messages.Count(m => m.Contains("schedule weekly-flu: run ", StringComparison.Ordinal)) == 2,
            TimeSpan.FromSeconds(10), () => $"both schedulers should have ticked; log:\n{string.Join("\n", log.Messages)}");

        log.Messages.Count(m => m.EndsWith("(new: True)", StringComparison.Ordinal)).ShouldBe(1, string.Join("\n", log.Messages));
        var started = (await server.ListRunsAsync()).Runs.ShouldHaveSingleItem();
        started.ExpId.ShouldBe(ForecastRepo.Experiment);
        started.RequestedBy.ShouldBe("schedule:weekly-flu");
        await first.StopAsync(CancellationToken.None);
        await second.StopAsync(CancellationToken.None);
        await server.WaitForEndAsync(started.RunId, "SUCCEEDED");
    }

    [Theory]
    [InlineData("schedules:\n  - name: x\n    cron: \"0 6 * *\"\n    exp_id: a\n", "cron")]
    [InlineData("schedules:\n  - name: x\n    cron: \"0 6 * * 3\"\n    time_zone: Mars/Olympus\n    exp_id: a\n", "time_zone")]
    [InlineData("schedules:\n  - name: x\n    cron: \"0 6 * * 3\"\n", "exp_id")]
    [InlineData("schedules:\n  - name: x\n    cron: \"0 6 * * 3\"\n    exp_id: a\n    overrides: { max_parallelism: many }\n", "max_parallelism")]
    [InlineData("schedules:\n  - name: x\n    cron: \"0 6 * * 3\"\n    exp_id: a\n    overrides: { max_parallelism: \"10\" }\n", "max_parallelism: \"10\" is quoted")]
    [InlineData("schedules: [", "not valid YAML")]
    public void LoadSchedules_BadEntry_NamesTheFileAndField(string yaml, string field)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("epycloud.yaml"), yaml);

        var error = Should.Throw<FormatException>(() => ProjectFile.LoadSchedules(folder.Path));

        error.Message.ShouldStartWith(folder.Combine("epycloud.yaml") + ":");
        error.Message.ShouldContain(field);
    }
}
