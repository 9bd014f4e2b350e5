using System.Globalization;

namespace Epy.Orchestrator.Tests.Fixtures;

/// <summary>Process facts from Linux's /proc.</summary>
public static class Processes
{
    /// <summary>True while <paramref name="pid"/> runs (a zombie waiting to be reaped counts as gone).</summary>
    public static bool IsAlive(int pid) => Stat(pid) is { } fields && fields[0] is not ("Z" or "X" or "x");

    /// <summary>The living descendants of <paramref name="pid"/>: its children, theirs, and so on.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && Stat(id) is { } fields && fields[0] != "Z")
                parents[id] = int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        var found = new List<int>();
        var frontier = new Queue<int>([pid]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var (child, _) in parents.Where(p => p.Value == parent))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }
        return found;
    }

    /// <summary>The fields of <c>/proc/{pid}/stat</c> after the command name (state, ppid, ...), or null when gone.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
