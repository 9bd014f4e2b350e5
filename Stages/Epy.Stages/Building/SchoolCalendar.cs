using System.Globalization;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Building;

/// <summary>
/// When schools are closed in a location, as epymodelingsuite's <c>school_closure</c> intervention
/// dates them (<c>make_school_closure_dict</c>): the breaks of each state's school calendar
/// (<c>school_calendars_formatted.csv</c>, day and month per break; Thanksgiving Break ends on the
/// Friday after Thanksgiving; a break ending in an earlier month than it starts spans the new year),
/// then every federal holiday that no break already covers. The national location (<c>US</c>) closes
/// on the union of every state's breaks, merged, plus the federal holidays outside them.
/// </summary>
/// <remarks>
/// epymodelingsuite adds each state's own holidays as well (the Python <c>holidays</c> package with the
/// state as subdivision); this program adds the federal ones only, for every location.
/// </remarks>
public static class SchoolCalendar
{
    private const string ResourceName = "school_calendars_formatted.csv";

    private static readonly Lazy<IReadOnlyList<CalendarBreak>> Breaks = new(LoadBreaks);

    private static readonly Lazy<HashSet<string>> LocationSet = new(() => [.. Breaks.Value.Select(b => b.State), LocationCodebook.NationalIso]);

    /// <summary>The postal abbreviations the calendar covers (<c>MA</c>, ...), and <c>US</c>.</summary>
    public static IReadOnlySet<string> Locations => LocationSet.Value;

    /// <summary>
    /// The closures of location <paramref name="abbreviation"/> (<c>MA</c>, or <c>US</c>) for the years
    /// <paramref name="firstYear"/>..<paramref name="lastYear"/>, each break and holiday once.
    /// </summary>
    /// <exception cref="ArgumentException">The calendar has no such location.</exception>
    public static IReadOnlyList<SchoolClosure> Closures(string abbreviation, int firstYear, int lastYear)
    {
        ArgumentNullException.ThrowIfNull(abbreviation);
        if (!Locations.Contains(abbreviation))
            throw new ArgumentException($"the school calendar has no location '{abbreviation}'", nameof(abbreviation));
        var years = Enumerable.Range(firstYear, Math.Max(0, lastYear - firstYear + 1)).ToArray();
        var breaks = abbreviation == LocationCodebook.NationalIso
            ? Merge(Breaks.Value.SelectMany(b => Dated(b, years)))
            : [.. Breaks.Value.Where(b => b.State == abbreviation).SelectMany(b => Dated(b, years)).Distinct()];
        var holidays = years.SelectMany(FederalHolidays.Of)
            .Where(h => !breaks.Any(b => b.Start <= h.Start && h.Start <= b.End));
        return [.. breaks.Concat(holidays).Distinct().OrderBy(c => c.Start).ThenBy(c => c.End)];
    }

    /// <summary>A break of the calendar placed in each of <paramref name="years"/>.</summary>
    private static IEnumerable<SchoolClosure> Dated(CalendarBreak b, int[] years)
    {
        foreach (var year in years)
        {
            if (b.Name == "Thanksgiving Break")
            {
                var end = FederalHolidays.Thanksgiving(year).AddDays(1);
                yield return new SchoolClosure(end.AddDays(-(b.EndDay - b.StartDay)), end, b.Name);
            }
            else if (b.EndMonth < b.StartMonth)
            {
                yield return new SchoolClosure(new DateOnly(year, b.StartMonth, b.StartDay), new DateOnly(year + 1, b.EndMonth, b.EndDay), b.Name);
                yield return new SchoolClosure(new DateOnly(year - 1, b.StartMonth, b.StartDay), new DateOnly(year, b.EndMonth, b.EndDay), b.Name);
            }
            else
            {
                yield return new SchoolClosure(new DateOnly(year, b.StartMonth, b.StartDay), new DateOnly(year, b.EndMonth, b.EndDay), b.Name);
            }
        }
    }

    /// <summary>Overlapping breaks (sharing at least a day) merged into one span each.</summary>
    private static List<SchoolClosure> Merge(IEnumerable<SchoolClosure> closures)
    {
        const string Name = "US Combined School Closure";
        var merged = new List<SchoolClosure>();
        foreach (var c in closures.OrderBy(c => c.Start))
        {
            if (merged.Count > 0 && c.Start <= merged[^1].End)
                merged[^1] = merged[^1] with { End = c.End > merged[^1].End ? c.End : merged[^1].End };
            else
                merged.Add(new SchoolClosure(c.Start, c.End, Name));
        }
        return merged;
    }

    private static List<CalendarBreak> LoadBreaks()
    {
        using var stream = typeof(SchoolCalendar).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        var table = CsvTable.Parse(reader);
        int state = table.Column("state"), name = table.Column("event_name"), startDay = table.Column("start_day"),
            startMonth = table.Column("start_month"), endDay = table.Column("end_day"), endMonth = table.Column("end_month");
        static int Int(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        return [.. table.Rows.Select(r => new CalendarBreak(r[state], r[name], Int(r[startDay]), Int(r[startMonth]), Int(r[endDay]), Int(r[endMonth])))];
    }

    private sealed record CalendarBreak(string State, string Name, int StartDay, int StartMonth, int EndDay, int EndMonth);
}
