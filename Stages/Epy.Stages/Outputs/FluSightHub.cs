using System.Globalization;
using Epy.Engine.Randomness;
using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Outputs;

/// <summary>
/// Builds <c>output_hub_formatted</c> for the round's targets (<see cref="HubRequest.Targets"/>, from tasks.json):
/// per location the round allows, the quantiles of weekly admissions at the round's levels and horizons (whole,
/// non-negative, non-decreasing numbers), when observations are given the rate-change pmf for the round's
/// horizons (the share of trajectories in each category of <see cref="RateChangeRules"/>), and when asked the
/// samples (<see cref="SampleTargets"/>); then, with a <see cref="HubRequest.Peaks"/> season and observations,
/// every location's <c>peak inc flu hosp</c> quantiles and <c>peak week inc flu hosp</c> pmf
/// (<see cref="PeakRows"/>), after all the weekly rows so those stay as they were.
/// </summary>
public static class FluSightHub
{
    /// <summary>Builds the rows; locations or weeks that cannot be filled are left out with a warning.</summary>
    /// <exception cref="ArgumentException">The reference date is not a Saturday or no incidence series is named.</exception>
    /// <exception cref="KeyNotFoundException">An incidence series is not in a location's projection.</exception>
    public static HubForecast Build(IEnumerable<LocationResult> locations, HubRequest request)
    {
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(request);
        if (request.ReferenceDate.DayOfWeek != DayOfWeek.Saturday)
            throw new ArgumentException($"the reference date {CsvText.Date(request.ReferenceDate)} is a {request.ReferenceDate.DayOfWeek}, not a Saturday", nameof(request));
        if (request.IncidenceSeries.Count == 0)
            throw new ArgumentException("name at least one series to sum into weekly admissions", nameof(request));

        var rows = new List<HubRow>();
        var peakRows = new List<HubRow>();
        var targets = request.Targets;
        var warnings = new List<string>(targets.Warnings);
        if (request.Observed is null && targets.RateChange is not null)
            warnings.Add("no observed data: rate-change rows left out");
        var peaks = request.Peaks;
        if (peaks is not null)
            warnings.AddRange(peaks.Warnings);
        if (peaks?.Weeks is not null && request.Observed is null)
        {
            warnings.Add("no observed data: peak rows left out");
            peaks = null;
        }
        foreach (var location in locations)
        {
            var code = request.Codebook.CodeOf(location.Population);
            var hub = code is null ? null : request.Locations.ByCode(code);
            if (hub is null)
            {
                warnings.Add($"{location.Population}: not a FluSight location, left out");
                continue;
            }
            if (location.Projection.Trajectories.Count == 0)
            {
                warnings.Add($"{location.Population}: no trajectories, left out");
                continue;
            }
            var incidence = WeeklyIncidence.Of(location.Projection, request.IncidenceSeries);
            if (targets.Incidence is { } quantiles && Allowed(quantiles.Allows(hub.Location), location, hub, HubFormat.IncidenceTarget, warnings))
                AddQuantiles(rows, warnings, location, hub, incidence, request.ReferenceDate, quantiles);
            if (request.Observed is not null && targets.RateChange is { } rateChange && Allowed(rateChange.Allows(hub.Location), location, hub, HubFormat.RateChangeTarget, warnings))
                AddRateChanges(rows, warnings, location, hub, incidence, request.ReferenceDate, request.Observed, rateChange);
            if (targets.Samples is { } samples && Allowed(samples.Allows(hub.Location), location, hub, $"{HubFormat.IncidenceTarget} sample", warnings))
                AddSamples(rows, warnings, location, hub, incidence, request, samples);
            if (peaks is not null && request.Observed is not null && Allowed(targets.AllowsPeaks(hub.Location), location, hub, "peak", warnings))
                AddPeaks(peakRows, warnings, location, hub, incidence, request.ReferenceDate, peaks, request.Observed);
        }
        rows.AddRange(peakRows);
        return new HubForecast(rows, warnings);
    }

    private static bool Allowed(bool allowed, LocationResult location, FluSightLocation hub, string target, List<string> warnings)
    {
        if (!allowed)
            warnings.Add($"{location.Population}: location {hub.Location} is not one of the round's '{target}' locations, left out");
        return allowed;
    }

    private static void AddQuantiles(List<HubRow> rows, List<string> warnings, LocationResult location, FluSightLocation hub, double[][] incidence, DateOnly reference,
        QuantileTask task)
    {
        foreach (var h in task.Horizons)
        {
            var target = reference.AddDays(7 * h);
            var week = IndexOfWeek(location, target);
            if (week < 0)
            {
                warnings.Add($"{location.Population}: no projected week ending {CsvText.Date(target)} (horizon {h}), left out");
                continue;
            }
            var values = Quantiles.Of(incidence.Select(t => t[week]).ToArray(), task.Levels);
            for (var k = 0; k < values.Length; k++)
                rows.Add(new HubRow(hub.Location, reference, h, target, HubFormat.IncidenceTarget, HubFormat.Quantile, CsvText.Number(task.Levels[k]), Admissions(values[k])));
        }
    }

    // A wk inc flu hosp quantile as the hub file states it: a whole, non-negative number of
    // admissions. The target counts admissions, and epymodelingsuite's own hub writer
    // (output/hub_format.py, normalize_target_values) clips its quantiles at 0 and rounds them with
    // np.rint; rounding half to even gives the same numbers. FluSight's tasks.json takes any
    // non-negative double, so rounding is a choice: the numbers match what the Python pipeline
    // submits, and a projection of 50 to 1,000 trajectories cannot resolve fractions of an
    // admission anyway. Both steps are monotone, so the non-decreasing quantiles of Quantiles.Of
    // stay non-decreasing. Rate-change categories are classified from the unrounded trajectories.
    private static double Admissions(double quantile) => AdmissionCounts.Round(quantile);

    private static void AddRateChanges(List<HubRow> rows, List<string> warnings, LocationResult location, FluSightLocation hub, double[][] incidence, DateOnly reference,
        ObservedCounts observed, RateChangeTask task)
    {
        var baselineDate = reference.AddDays(-7);
        if (!observed.TryGet(location.Population, baselineDate, out var baseline))
        {
            warnings.Add($"{location.Population}: no observation for the week ending {CsvText.Date(baselineDate)}, rate-change rows left out");
            return;
        }
        var counts = new int[RateChangeRules.Categories.Count];
        foreach (var h in task.Horizons)
        {
            var target = reference.AddDays(7 * h);
            var week = IndexOfWeek(location, target);
            if (week < 0)
                continue; // already warned by the quantiles
            Array.Clear(counts);
            foreach (var trajectory in incidence)
                counts[(int)RateChangeRules.Classify(h, trajectory[week], baseline, hub.Population)]++;
            foreach (var category in task.Categories)
            {
                var share = (double)counts[(int)category] / incidence.Length;
                rows.Add(new HubRow(hub.Location, reference, h, target, HubFormat.RateChangeTarget, HubFormat.Pmf, RateChangeRules.HubId(category), share));
            }
        }
    }

    // Sample ids: the location's abbreviation then the sample's number (MA00, MA01, … as epymodelingsuite
    // writes them); integer ids: the location's task index + 1 then the number, which keeps locations apart.
    // Each location's draw is seeded from the experiment's seed and its task index, so a rerun picks the same trajectories.
    private static void AddSamples(List<HubRow> rows, List<string> warnings, LocationResult location, FluSightLocation hub, double[][] incidence, HubRequest request,
        SampleTask task)
    {
        var rule = task.Rule;
        if (rule.MaxSamplesPerTask < Math.Max(1, rule.MinSamplesPerTask))
        {
            warnings.Add($"{location.Population}: the hub takes {rule.MinSamplesPerTask} to {rule.MaxSamplesPerTask} samples per task, which no sample set can be; samples left out");
            return;
        }
        var count = Math.Max(rule.MinSamplesPerTask, Math.Min(rule.MaxSamplesPerTask, incidence.Length));
        var digits = Math.Max(2, (count - 1).ToString(CultureInfo.InvariantCulture).Length);
        var ids = new SampleIds(rule.IdType == "integer" ? (location.PrimaryId + 1).ToString(CultureInfo.InvariantCulture) : hub.Abbreviation, digits);
        var longest = ids.Id(count - 1);
        if (longest.Length > (rule.MaxLength ?? int.MaxValue))
        {
            warnings.Add($"{location.Population}: sample ids like '{longest}' are longer than the hub's {rule.MaxLength} characters, samples left out");
            return;
        }
        if (task.Horizons.Count == 0)
            return;
        var seed = SplitMix64.Mix(request.Seed ^ SplitMix64.Mix(SampleStream + (ulong)location.PrimaryId));
        var set = SampleTargets.Build(location.Projection.Weeks, incidence, request.ReferenceDate, task.Horizons, hub.Location, HubFormat.IncidenceTarget,
            rule.MinSamplesPerTask, count, ids, rule.MaxLength ?? int.MaxValue, seed);
        if (set.Warning is { } warning)
            warnings.Add(warning.StartsWith(hub.Location + ":", StringComparison.Ordinal) ? $"{location.Population}{warning[hub.Location.Length..]}" : warning);
        rows.AddRange(set.Rows);
    }

    private const ulong SampleStream = 0x534D_504C_0000_0000; // "SMPL"

    private static void AddPeaks(List<HubRow> rows, List<string> warnings, LocationResult location, FluSightLocation hub, double[][] incidence, DateOnly reference,
        PeakSeason season, ObservedCounts observed)
    {
        var series = observed.Series(location.Population);
        if (!series.Any(o => o.Date < reference))
        {
            warnings.Add($"{location.Population}: no observation before {CsvText.Date(reference)}, peak rows left out");
            return;
        }
        var (peakRows, peakWarnings) = PeakRows.Build(hub.Location, reference, season, series, location.Projection.Weeks, incidence);
        rows.AddRange(peakRows);
        warnings.AddRange(peakWarnings.Select(w => $"{location.Population}: {w}"));
    }

    private static int IndexOfWeek(LocationResult location, DateOnly date)
    {
        var weeks = location.Projection.Weeks;
        for (var w = 0; w < weeks.Count; w++)
        {
            if (weeks[w] == date)
                return w;
        }
        return -1;
    }
}
