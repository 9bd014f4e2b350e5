using System.Globalization;
using Epy.Engine;
using Epy.Engine.Demography;
using Epy.Engine.Model;

namespace Epy.Stages.Building;

/// <summary>
/// Daily doses per model age group, keyed by date, from weekly cumulative coverage per age band.
/// <para>
/// Mapping: bands that strictly contain other bands of the file (aggregates such as
/// <c>6 Months - 17 Years</c>) are dropped; the rest must not overlap. A model age group g takes from
/// each band b the share overlap(g, b) / width(g) of its people, assuming ages are spread evenly
/// inside the group, so in week w it gets
/// <c>N_g · Σ_b overlap(g, b)/width(g) · max(0, cov_b(w) − cov_b(w−1)) / 100 / 7</c> doses on each of
/// the week's 7 days (the week ending on <c>Week_Ending_Sat</c>). Ages no band covers (under six months
/// in a 0-4 group) get no doses. Coverage before a band's first week counts as 0, so the first week
/// carries all doses given up to it; a band missing in a week keeps its last coverage. Open-ended
/// bands and groups end at <see cref="AgeBand.OpenEnd"/>.
/// </para>
/// </summary>
public sealed class VaccinationSchedule
{
    /// <summary>The name of the doses parameter the vaccination transition reads.</summary>
    public const string DosesParameter = "doses";

    private VaccinationSchedule(IReadOnlyList<string> ageGroups, IReadOnlyList<VaccinationWeek> weeks)
    {
        AgeGroups = ageGroups;
        Weeks = weeks;
    }

    /// <summary>The model's age groups, the order of every <see cref="VaccinationWeek.DosesPerDay"/>.</summary>
    public IReadOnlyList<string> AgeGroups { get; }

    /// <summary>The weeks, in date order, not overlapping.</summary>
    public IReadOnlyList<VaccinationWeek> Weeks { get; }

    /// <summary>Builds the schedule of <paramref name="population"/> from coverage <paramref name="rows"/> (one location, one scenario).</summary>
    /// <exception cref="ModelValidationException">No rows, a coverage outside 0–100, a band twice in one week, or bands that overlap.</exception>
    public static VaccinationSchedule FromCoverage(IReadOnlyList<CoverageRow> rows, Population population, string field = "vaccination.scenario_data_path")
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(population);
        if (rows.Count == 0)
            throw new ModelValidationException(field, "has no coverage rows for this location");
        foreach (var row in rows)
        {
            if (!(row.CoveragePercent >= 0 && row.CoveragePercent <= 100))
                throw new ModelValidationException(field, $"coverage of {row.Band.Label} in the week ending {Text(row.WeekEnding)} must be a percentage in [0, 100], got {row.CoveragePercent}");
        }
        var bands = FinestBands(rows.Select(r => r.Band).DistinctBy(b => b.Label).ToList(), field);
        var groups = Engine.Demography.AgeGroups.Parse(population.AgeGroups)
            .Select(g => new AgeBand(g.Label, g.FirstAge, g.LastAge >= Engine.Demography.AgeGroups.SingleYearCount - 1 ? AgeBand.OpenEnd : g.LastAge + 1))
            .ToArray();
        var weekEnds = rows.Select(r => r.WeekEnding).Distinct().Order().ToArray();
        var coverage = new Dictionary<(string, DateOnly), double>();
        foreach (var row in rows.Where(r => bands.Any(b => b.Label == r.Band.Label)))
        {
            if (!coverage.TryAdd((row.Band.Label, row.WeekEnding), row.CoveragePercent))
                throw new ModelValidationException(field, $"{row.Band.Label} appears twice in the week ending {Text(row.WeekEnding)}");
        }

        var weeks = new List<VaccinationWeek>(weekEnds.Length);
        var previous = bands.ToDictionary(b => b.Label, _ => 0.0);
        for (var w = 0; w < weekEnds.Length; w++)
        {
            var doses = new double[groups.Length];
            foreach (var band in bands)
            {
                var current = coverage.TryGetValue((band.Label, weekEnds[w]), out var value) ? value : previous[band.Label];
                var newShare = Math.Max(0.0, current - previous[band.Label]) / 100.0;
                previous[band.Label] = Math.Max(current, previous[band.Label]);
                for (var g = 0; g < groups.Length; g++)
                    doses[g] += population.Sizes[g] * groups[g].Overlap(band) / groups[g].Width * newShare / 7.0;
            }
            var first = w > 0 && weekEnds[w].DayNumber - weekEnds[w - 1].DayNumber < 7 ? weekEnds[w - 1].AddDays(1) : weekEnds[w].AddDays(-6);
            weeks.Add(new VaccinationWeek(first, weekEnds[w], doses));
        }
        return new VaccinationSchedule(population.AgeGroups, weeks);
    }

    /// <summary>A schedule already computed (a task input's copy of <see cref="Weeks"/>).</summary>
    /// <exception cref="ModelValidationException">A week with the wrong number of values, a negative or non-finite dose, or weeks out of order or overlapping.</exception>
    public static VaccinationSchedule FromWeeks(IReadOnlyList<string> ageGroups, IReadOnlyList<VaccinationWeek> weeks, string field = "vaccination")
    {
        ArgumentNullException.ThrowIfNull(ageGroups);
        ArgumentNullException.ThrowIfNull(weeks);
        for (var w = 0; w < weeks.Count; w++)
        {
            var week = weeks[w] ?? throw new ModelValidationException($"{field}[{w}]", "is null");
            if (week.Last < week.First)
                throw new ModelValidationException($"{field}[{w}]", $"ends on {Text(week.Last)}, before it starts on {Text(week.First)}");
            if (w > 0 && week.First <= weeks[w - 1].Last)
                throw new ModelValidationException($"{field}[{w}]", $"starts on {Text(week.First)}, not after the previous week's end {Text(weeks[w - 1].Last)}");
            if (week.DosesPerDay is null || week.DosesPerDay.Count != ageGroups.Count)
                throw new ModelValidationException($"{field}[{w}].doses_per_day", $"needs {ageGroups.Count} values, one per age group");
            if (week.DosesPerDay.Any(d => !double.IsFinite(d) || d < 0))
                throw new ModelValidationException($"{field}[{w}].doses_per_day", "must be finite and not negative");
        }
        return new VaccinationSchedule([.. ageGroups], [.. weeks]);
    }

    /// <summary>Doses per day in <paramref name="ageGroup"/> on <paramref name="date"/> (0 outside every week).</summary>
    public double DosesOn(DateOnly date, int ageGroup)
    {
        foreach (var week in Weeks)
        {
            if (week.First <= date && date <= week.Last)
                return week.DosesPerDay[ageGroup];
        }
        return 0.0;
    }

    /// <summary>The doses on <paramref name="grid"/>: a per-(step, age group) parameter named <see cref="DosesParameter"/>, T×A values.</summary>
    public Parameter DosesFor(TimeGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var values = new string[grid.Steps * AgeGroups.Count];
        for (var t = 0; t < grid.Steps; t++)
        {
            for (var k = 0; k < AgeGroups.Count; k++)
                values[t * AgeGroups.Count + k] = Number(DosesOn(grid.Dates[t], k));
        }
        return new Parameter(DosesParameter, ParameterShape.PerDateAndAge, values);
    }

    /// <summary>
    /// The same doses without a grid: <see cref="DosesParameter"/> is 0 (<see cref="BaseParameter"/>)
    /// and each week overrides it with its per-age values. A model carrying these simulates the
    /// schedule on any grid, so a calibrated or sampled start date needs nothing more.
    /// </summary>
    public IReadOnlyList<ParameterOverride> Overrides() =>
        [.. Weeks.Select(week => new ParameterOverride(DosesParameter, week.First, week.Last, [.. week.DosesPerDay.Select(Number)]))];

    /// <summary>The doses parameter outside every scheduled week: 0.</summary>
    public static Parameter BaseParameter => Parameter.Scalar(DosesParameter, 0.0);

    private static List<AgeBand> FinestBands(List<AgeBand> bands, string field)
    {
        var finest = bands.Where(b => !bands.Any(b.StrictlyContains)).OrderBy(b => b.From).ToList();
        for (var i = 1; i < finest.Count; i++)
        {
            if (finest[i - 1].Overlap(finest[i]) > 0)
                throw new ModelValidationException(field, $"age bands '{finest[i - 1].Label}' and '{finest[i].Label}' overlap; coverage cannot be split between them");
        }
        return finest;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
