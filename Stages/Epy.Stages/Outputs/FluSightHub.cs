using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Outputs;

/// <summary>
/// Builds <c>output_hub_formatted</c>: per location, the 23 FluSight quantiles of weekly admissions
/// for horizons −1 to 3 (whole, non-negative, non-decreasing numbers) and, when observations are
/// given, the rate-change pmf for horizons 0 to 3 (the share of trajectories in each category of
/// <see cref="RateChangeRules"/>); then, with a <see cref="HubRequest.Peaks"/> season and observations,
/// every location's <c>peak inc flu hosp</c> quantiles and <c>peak week inc flu hosp</c> pmf
/// (<see cref="PeakRows"/>), after all the weekly rows so those stay as they were.
/// </summary>
public static class FluSightHub
{
    /// <summary>Builds the rows; locations or weeks that cannot be filled are left out with a warning.</summary>
    /// <exception cref="ArgumentException">The reference date is not a Saturday or no incidence series is named.</exception>
    /// <exception cref="KeyNotFoundException">An incidence series is not in a location's projection.</exception>
    public static HubForecast Build(IReadOnlyList<LocationResult> locations, HubRequest request)
    {
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(request);
        if (request.ReferenceDate.DayOfWeek != DayOfWeek.Saturday)
            throw new ArgumentException($"the reference date {CsvText.Date(request.ReferenceDate)} is a {request.ReferenceDate.DayOfWeek}, not a Saturday", nameof(request));
        if (request.IncidenceSeries.Count == 0)
            throw new ArgumentException("name at least one series to sum into weekly admissions", nameof(request));

        var rows = new List<HubRow>();
        var peakRows = new List<HubRow>();
        var warnings = new List<string>();
        if (request.Observed is null)
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
            AddQuantiles(rows, warnings, location, hub, incidence, request.ReferenceDate);
            if (request.Observed is not null)
                AddRateChanges(rows, warnings, location, hub, incidence, request.ReferenceDate, request.Observed);
            if (peaks is not null && request.Observed is not null)
                AddPeaks(peakRows, warnings, location, hub, incidence, request.ReferenceDate, peaks, request.Observed);
        }
        rows.AddRange(peakRows);
        return new HubForecast(rows, warnings);
    }

    private static void AddQuantiles(List<HubRow> rows, List<string> warnings, LocationResult location, FluSightLocation hub, double[][] incidence, DateOnly reference)
    {
        for (var h = HubFormat.FirstIncidenceHorizon; h <= HubFormat.LastHorizon; h++)
        {
            var target = reference.AddDays(7 * h);
            var week = IndexOfWeek(location, target);
            if (week < 0)
            {
                warnings.Add($"{location.Population}: no projected week ending {CsvText.Date(target)} (horizon {h}), left out");
                continue;
            }
            var values = Quantiles.Of(incidence.Select(t => t[week]).ToArray(), Quantiles.FluSightLevels);
            for (var k = 0; k < values.Length; k++)
                rows.Add(new HubRow(hub.Location, reference, h, target, HubFormat.IncidenceTarget, HubFormat.Quantile, CsvText.Number(Quantiles.FluSightLevels[k]), Admissions(values[k])));
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

    private static void AddRateChanges(List<HubRow> rows, List<string> warnings, LocationResult location, FluSightLocation hub, double[][] incidence, DateOnly reference, ObservedCounts observed)
    {
        var baselineDate = reference.AddDays(-7);
        if (!observed.TryGet(location.Population, baselineDate, out var baseline))
        {
            warnings.Add($"{location.Population}: no observation for the week ending {CsvText.Date(baselineDate)}, rate-change rows left out");
            return;
        }
        var counts = new int[RateChangeRules.Categories.Count];
        for (var h = RateChangeRules.FirstHorizon; h <= RateChangeRules.LastHorizon; h++)
        {
            var target = reference.AddDays(7 * h);
            var week = IndexOfWeek(location, target);
            if (week < 0)
                continue; // already warned by the quantiles
            Array.Clear(counts);
            foreach (var trajectory in incidence)
                counts[(int)RateChangeRules.Classify(h, trajectory[week], baseline, hub.Population)]++;
            foreach (var category in RateChangeRules.Categories)
            {
                var share = (double)counts[(int)category] / incidence.Length;
                rows.Add(new HubRow(hub.Location, reference, h, target, HubFormat.RateChangeTarget, HubFormat.Pmf, RateChangeRules.HubId(category), share));
            }
        }
    }

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
