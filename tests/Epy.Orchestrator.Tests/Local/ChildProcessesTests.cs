using Epy.Orchestrator.Local;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Local;

/// <summary>The stage program's child processes: exit codes, logs, the record-before-work gate, cancelling.</summary>
public sealed class ChildProcessesTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_ReturnsTheExitCode_LogsTheOutput_AndRecordsTheProcessThatDoesTheWork()
    {
        var log = _folder.Combine("logs", "task.log");
        var recorded = -1;

        var exit = await ChildProcesses.RunAsync(
            ["bash", "-c", "echo \"pid $$ stage $0 value $VALUE\"; echo oops >&2; exit 7"], "runner",
            new Dictionary<string, string> { ["VALUE"] = "42" }, log, (pid, _) => recorded = pid, CancellationToken.None);

        exit.ShouldBe(7);
        var text = await File.ReadAllTextAsync(log);
        text.ShouldContain($"pid {recorded} stage runner value 42", Case.Sensitive, "the recorded process is the one running the command");
        text.ShouldContain("oops");
    }

    [Fact]
    public async Task Run_KeepsStandardInputOpenAsALifeline_AndSaysSo()
    {
        var log = _folder.Combine("logs", "lifeline.log");

        // read -t 1 times out (status > 128) while its input is open and unwritten; it would return 1 at its end.
        var exit = await ChildProcesses.RunAsync(
            ["bash", "-c", "read -t 1 line; echo \"read $? lifeline $EPY_STDIN_LIFELINE\""], "runner", NoEnvironment, log, (_, _) => { }, CancellationToken.None);

        exit.ShouldBe(0);
        (await File.ReadAllTextAsync(log)).ShouldContain("read 142 lifeline 1");
    }

    [Fact]
    public async Task Run_WhenRecordingFails_TheCommandNeverRuns()
    {
        var marker = _folder.Combine("ran");
        var pid = -1;

        await Should.ThrowAsync<InvalidOperationException>(() => ChildProcesses.RunAsync(
            ["bash", "-c", $"touch {marker}"], "runner", NoEnvironment, _folder.Combine("task.log"),
            (id, _) => { pid = id; throw new InvalidOperationException("database is locked"); }, CancellationToken.None));

        await Wait.UntilAsync(() => !Processes.IsAlive(pid), TimeSpan.FromSeconds(5), () => $"process {pid} still runs");
        File.Exists(marker).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_Cancelled_KillsTheProcessTree_AndSaysSoInTheLog()
    {
        var log = _folder.Combine("task.log");
        using var cancel = new CancellationTokenSource();
        var pid = -1;

        var running = ChildProcesses.RunAsync(["bash", "-c", "sleep 60 & echo child $!; wait"], "runner", NoEnvironment, log, (id, _) => pid = id, cancel.Token);
        await Wait.UntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("child "), TimeSpan.FromSeconds(10), () => "the command never started its child");
        var child = int.Parse(File.ReadAllText(log).Split("child ")[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => running);
        await Wait.UntilAsync(() => !Processes.IsAlive(pid) && !Processes.IsAlive(child), TimeSpan.FromSeconds(5), () => "the process tree still runs");
        (await File.ReadAllTextAsync(log)).ShouldContain("[epy] task stopped: cancelled");
    }

    [Fact]
    public async Task Run_Cancelled_AlsoKillsWhatLeftTheProcessTree_ItsProcessGroupLeavesNoProcess()
    {
        var log = _folder.Combine("daemon.log");
        using var cancel = new CancellationTokenSource();
        var pid = -1;

        // The subshell exits at once: its sleep is no one's child any more (a daemon), out of the task's tree.
        var running = ChildProcesses.RunAsync(["bash", "-c", "(sleep 120 </dev/null >/dev/null 2>&1 & echo daemon $!); sleep 120"], "runner", NoEnvironment, log, (id, _) => pid = id, cancel.Token);
        await Wait.UntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("daemon "), TimeSpan.FromSeconds(10), () => "the command never started its daemon");
        var daemon = int.Parse(File.ReadAllText(log).Split("daemon ")[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => running);
        await Wait.UntilAsync(() => !Processes.IsAlive(pid) && !Processes.IsAlive(daemon), TimeSpan.FromSeconds(5),
            () => $"still running after the cancel: {string.Join(", ", new[] { pid, daemon }.Where(Processes.IsAlive))}");
    }
}
