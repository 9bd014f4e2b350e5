namespace Epy.Bench;

/// <summary>The machine's load, printed beside every figure a bench takes (the machine is shared).</summary>
internal static class MachineLoad
{
    /// <summary>The 1, 5 and 15-minute load averages of <c>/proc/loadavg</c>, or <c>n/a</c>.</summary>
    public static string Average() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
