namespace Epy.Orchestrator.Tests.Fixtures;

/// <summary>Process facts from Linux's /proc.</summary>
public static class Processes
{
    /// <summary>True while <paramref name="pid"/> runs (a zombie waiting to be reaped counts as gone).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[stat.LastIndexOf(')') + 2];
            return state is not ('Z' or 'X' or 'x');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
