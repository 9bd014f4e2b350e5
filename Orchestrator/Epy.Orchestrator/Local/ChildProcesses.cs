using System.Diagnostics;
using System.Globalization;
using Epy.Contracts.Stages;

namespace Epy.Orchestrator.Local;

/// <summary>Starts, waits for and stops the stage program's child processes.</summary>
public static class ChildProcesses
{
    /// <summary>
    /// Waits for a line on standard input, then becomes the command (<c>exec</c>, same process id); without
    /// that line — its parent died first — it exits without running anything.
    /// </summary>
    private const string GateScript = "read -r go && exec \"$@\"";

    /// <summary>
    /// The gate, run as the leader of a process group of its own (<c>setsid</c>), that first leaves a watcher
    /// behind in the group: when standard input closes (this process died, however it died, or let the task
    /// go) the watcher kills the whole group, so no stage process, nor anything it started, outlives it,
    /// whether or not the command minds its lifeline. The watcher's output goes nowhere, so it never holds
    /// the task's log open.
    /// </summary>
    private const string GroupGateScript =
        "read -r go || exit 0; exec 3<&0; { cat <&3 >/dev/null 2>&1; kill -KILL 0; } </dev/null >/dev/null 2>&1 & exec \"$@\" 3<&-";

    /// <summary>Where <c>setsid</c> (util-linux) is; without it tasks run in this process's group, with the stdin lifeline alone.</summary>
    private static readonly string? SetSid = OperatingSystem.IsLinux() && File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : null;

    /// <summary>
    /// Runs <paramref name="command"/> + <paramref name="argument"/> with <paramref name="environment"/>
    /// added, appending its output to <paramref name="logFile"/>; returns its exit code. Cancelling kills
    /// the process tree and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <remarks>
    /// <paramref name="started"/> records the process (id, start time) so that a later orchestrator can stop
    /// it after a crash. Off Windows the command runs behind a <c>/bin/sh</c> gate that lets it start its work
    /// only once <paramref name="started"/> has returned: an orchestrator that dies in between leaves no
    /// process it does not know of (the gate sees its standard input close and exits). Standard input then stays
    /// open until the task ends: a stage program that sees it close (this process died) stops.
    /// </remarks>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> command, string argument, IReadOnlyDictionary<string, string> environment, string logFile,
        Action<int, long?> started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(started);
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var gated = !OperatingSystem.IsWindows();
        var grouped = gated && SetSid is not null;
        var info = new ProcessStartInfo(grouped ? SetSid! : gated ? "/bin/sh" : command[0])
        {
            RedirectStandardInput = gated,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (gated)
        {
            // [setsid] sh -c SCRIPT NAME ARGS...: NAME is $0, ARGS are "$@". setsid does not fork (this child
            // leads no group), so the recorded process id is the task's and its process group's.
            if (grouped)
            {
                // --wait: were it to fork after all, it still answers with the task's exit code.
                info.ArgumentList.Add("--wait");
                info.ArgumentList.Add("/bin/sh");
            }
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(grouped ? GroupGateScript : GateScript);
            info.ArgumentList.Add("epy-task");
            info.ArgumentList.Add(command[0]);
        }
        foreach (var part in command.Skip(1))
            info.ArgumentList.Add(part);
        info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        if (gated)
            info.Environment[StageVariables.StdinLifeline] = "1"; // the stage program's ParentLifeline

        using var process = new Process { StartInfo = info };
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        await using (log.ConfigureAwait(false))
        {
            var gate = new object();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) log.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) log.WriteLine(e.Data); };
            process.Start();
            try
            {
                started(process.Id, StartTime(process.Id));
            }
            catch
            {
                // Not recorded, so not recoverable: it must not run.
                Kill(process);
                throw;
            }
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (gated)
            {
                try
                {
                    // Standard input then stays open, unwritten, as the task's lifeline: the kernel closes it when
                    // this process ends, however it ends, and the stage program stops (ParentLifeline).
                    await process.StandardInput.WriteLineAsync("go").ConfigureAwait(false);
                    await process.StandardInput.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // It is gone already; its exit code tells.
                }
            }
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                lock (gate)
                    log.WriteLine("[epy] task stopped: cancelled");
                throw;
            }
            // Drain the output readers before the log closes.
            process.WaitForExit();
            return process.ExitCode;
        }
    }

    private static void Kill(Process process)
    {
        int? group = null;
        try
        {
            group = process.Id;
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
        // What left the tree (a daemonised grandchild) is still in the task's group.
        if (group is { } leader)
            KillGroup(leader);
    }

    /// <summary>Kills process group <paramref name="leader"/> when <paramref name="leader"/> leads one (a task started in its own group).</summary>
    private static void KillGroup(int leader)
    {
        if (SetSid is null || !LeadsGroup(leader))
            return;
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-KILL", "--", $"-{leader.ToString(CultureInfo.InvariantCulture)}" }, UseShellExecute = false });
            kill?.WaitForExit(5_000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No kill command: the tree kill did what it could.
        }
    }

    /// <summary>True when process <paramref name="pid"/> leads its process group (<c>/proc/{pid}/stat</c> field 5 is its id) or the group outlives it.</summary>
    private static bool LeadsGroup(int pid)
    {
        if (StatFields(pid) is not { } fields)
            return true; // The leader is gone; its group (if any is left) still bears its id, and no other group can.
        return fields[2] == pid.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Kills process <paramref name="pid"/> (and its children) if it is still the process that was
    /// started then: the kernel's start time tells it apart from a later process given the same id.
    /// </summary>
    public static void KillIfSame(int pid, long? startTime)
    {
        if (!OperatingSystem.IsLinux() || startTime is null || StartTime(pid) != startTime)
            return;
        var leads = LeadsGroup(pid);
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (ArgumentException)
        {
            // Gone.
        }
        catch (InvalidOperationException)
        {
            // Gone.
        }
        if (leads)
            KillGroup(pid);
    }

    /// <summary>The process's start time in clock ticks since boot (Linux <c>/proc/{pid}/stat</c> field 22), or null.</summary>
    private static long? StartTime(int pid)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        return StatFields(pid) is { } fields ? long.Parse(fields[19], CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The fields of <c>/proc/{pid}/stat</c> after the command name (field 3 first), or null when there is no such process.</summary>
    private static string[]? StatFields(int pid)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; fields after it start past the last ')'.
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
