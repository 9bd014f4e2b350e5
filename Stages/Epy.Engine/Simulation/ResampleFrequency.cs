using System.Diagnostics.CodeAnalysis;

namespace Epy.Engine.Simulation;

/// <summary>
/// How daily outputs are binned, as pandas' <c>resample(rule)</c> bins them in epydemix: a bin is
/// labelled by its last day and includes it (<c>W-SAT</c>: weeks ending on Saturday; <c>D</c>: every
/// day alone). Compartments take the bin's last value, transitions its sum (epydemix's defaults
/// <c>"last"</c> and <c>"sum"</c>). The first and last bins may be partial.
/// </summary>
public sealed record ResampleFrequency
{
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private ResampleFrequency(string name, DayOfWeek? weekEnd)
    {
        Name = name;
        WeekEnd = weekEnd;
    }

    /// <summary>One bin per day (<c>D</c>): the daily outputs unchanged.</summary>
    public static ResampleFrequency Daily { get; } = new("D", null);

    /// <summary>The pandas rules this accepts: <c>D</c>, <c>W</c> (= <c>W-SUN</c>) and <c>W-SUN</c> … <c>W-SAT</c>.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["D", "W", .. DayNames.Select(d => "W-" + d)];

    /// <summary>The canonical pandas rule (<c>D</c>, <c>W-SAT</c>).</summary>
    public string Name { get; }

    /// <summary>The last day of each week; null for daily bins.</summary>
    public DayOfWeek? WeekEnd { get; }

    /// <summary>Weeks ending on <paramref name="weekEnd"/> (<c>W-SAT</c> for Saturday).</summary>
    public static ResampleFrequency Weekly(DayOfWeek weekEnd) => new("W-" + DayNames[(int)weekEnd], weekEnd);

    /// <summary>Reads a pandas rule among <see cref="Supported"/> (case as pandas writes it); false for any other.</summary>
    public static bool TryParse(string? rule, [NotNullWhen(true)] out ResampleFrequency? frequency)
    {
        frequency = rule switch
        {
            "D" or "1D" => Daily,
            "W" or "1W" => Weekly(DayOfWeek.Sunday),
            _ when rule is not null && rule.StartsWith("W-", StringComparison.Ordinal) && Array.IndexOf(DayNames, rule[2..]) is var day and >= 0 => Weekly((DayOfWeek)day),
            _ => null,
        };
        return frequency is not null;
    }

    /// <summary>The label (last day) of the bin holding <paramref name="date"/>.</summary>
    public DateOnly Label(DateOnly date) => WeekEnd is { } end ? WeeklyAggregator.WeekEnding(date, end) : date;

    /// <summary>The labels of the bins from the one holding <paramref name="from"/> to the one holding <paramref name="to"/>.</summary>
    public DateOnly[] Grid(DateOnly from, DateOnly to)
    {
        var first = Label(from);
        var step = WeekEnd is null ? 1 : 7;
        var count = Math.Max(0, (Label(to).DayNumber - first.DayNumber) / step + 1);
        return [.. Enumerable.Range(0, count).Select(i => first.AddDays(step * i))];
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
