using System.Globalization;

namespace Epy.Bench;

/// <summary>One stage process as <c>/usr/bin/time -f '%C|%e|%U|%S|%M'</c> reported it.</summary>
internal sealed record StageProcess(string Stage, double WallSeconds, double CpuSeconds, long PeakKilobytes)
{
    public static List<StageProcess> Read(string path)
    {
        var list = new List<StageProcess>();
        if (!File.Exists(path))
            return list;
        foreach (var line in File.ReadLines(path))
        {
            // A killed process adds a "Command terminated..." line before its figures.
            var parts = line.Split('|');
            if (parts.Length != 5)
                continue;
            var stage = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
            var inv = CultureInfo.InvariantCulture;
            list.Add(new StageProcess(stage, double.Parse(parts[1], inv), double.Parse(parts[2], inv) + double.Parse(parts[3], inv), long.Parse(parts[4], inv)));
        }
        return list;
    }
}
