namespace Epy.Stages.Outputs;

/// <summary>
/// Writes <c>quantiles_compartments</c> or <c>quantiles_transitions</c>: per model (<c>primary_id</c>:
/// a calibrated location, a sample row or the basemodel), level and date, the quantile over the
/// model's trajectories of each selected series, wide, rows quantile-major as epydemix's
/// <c>get_quantiles</c> lays them. Columns: <c>primary_id, seed, population, date, quantile, &lt;series…&gt;</c>.
/// </summary>
public static class QuantilesWriter
{
    /// <summary>Writes the CSV (header included) to <paramref name="writer"/>.</summary>
    /// <param name="writer">Where the CSV goes.</param>
    /// <param name="locations">The locations, in output order.</param>
    /// <param name="kind">Compartments or transitions.</param>
    /// <param name="selection">Which series.</param>
    /// <param name="levels">Increasing quantile levels; default <see cref="Quantiles.FluSightLevels"/>.</param>
    /// <exception cref="KeyNotFoundException">A listed series is missing from a location's projection.</exception>
    public static void Write(TextWriter writer, IEnumerable<LocationResult> locations, SeriesKind kind, SeriesSelection selection, IReadOnlyList<double>? levels = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(selection);
        levels ??= Quantiles.FluSightLevels;
        var header = SeriesTable.Header(locations, kind, selection);
        CsvText.Row(writer, ["primary_id", "seed", "population", "date", "quantile", .. header]);

        foreach (var location in locations)
        {
            var projection = location.Projection;
            if (projection.Trajectories.Count == 0)
                continue;
            var table = SeriesTable.Extract(projection, kind, selection, header);
            var sample = new double[projection.Trajectories.Count];
            // byWeek[w][c][k]: computed once, written level by level (epydemix's rows are quantile-major).
            var byWeek = new double[]?[projection.Weeks.Count][];
            for (var w = 0; w < projection.Weeks.Count; w++)
            {
                byWeek[w] = new double[]?[header.Count];
                for (var c = 0; c < header.Count; c++)
                {
                    if (!table.Has(c))
                        continue;
                    for (var t = 0; t < sample.Length; t++)
                        sample[t] = table.Series(c, t)![w];
                    byWeek[w][c] = Quantiles.Of(sample, levels);
                }
            }
            for (var k = 0; k < levels.Count; k++)
            {
                for (var w = 0; w < projection.Weeks.Count; w++)
                {
                    var cells = new List<string>(5 + header.Count)
                    {
                        CsvText.Integer(location.PrimaryId), CsvText.Integer(location.Seed), location.Population, CsvText.Date(projection.Weeks[w]), CsvText.Number(levels[k]),
                    };
                    for (var c = 0; c < header.Count; c++)
                        cells.Add(byWeek[w][c] is { } quantiles ? CsvText.Number(quantiles[k]) : "");
                    CsvText.Row(writer, cells);
                }
            }
        }
    }
}
