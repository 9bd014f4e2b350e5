namespace Epy.Stages.Outputs;

/// <summary>
/// Writes <c>trajectories_compartments</c> or <c>trajectories_transitions</c>: every trajectory's
/// selected series, week by week. Columns: <c>primary_id, sim_id, seed, population, date, &lt;series…&gt;</c>,
/// where <c>primary_id</c> is the model (a calibrated location, a sample row, the basemodel), <c>sim_id</c>
/// the trajectory's index within the model and <c>seed</c> the task's seed.
/// </summary>
public static class TrajectoriesWriter
{
    /// <summary>Writes the CSV (header included) to <paramref name="writer"/>.</summary>
    /// <exception cref="KeyNotFoundException">A listed series is missing from a location's projection.</exception>
    public static void Write(TextWriter writer, IEnumerable<LocationResult> locations, SeriesKind kind, SeriesSelection selection)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(selection);
        var header = SeriesTable.Header(locations, kind, selection);
        CsvText.Row(writer, ["primary_id", "sim_id", "seed", "population", "date", .. header]);

        foreach (var location in locations)
        {
            var projection = location.Projection;
            var table = SeriesTable.Extract(projection, kind, selection, header);
            for (var t = 0; t < projection.Trajectories.Count; t++)
            {
                for (var w = 0; w < projection.Weeks.Count; w++)
                {
                    var cells = new List<string>(5 + header.Count)
                    {
                        CsvText.Integer(location.PrimaryId), CsvText.Integer(t), CsvText.Integer(location.Seed),
                        location.Population, CsvText.Date(projection.Weeks[w]),
                    };
                    for (var c = 0; c < header.Count; c++)
                        cells.Add(table.Series(c, t) is { } series ? CsvText.Number(series[w]) : "");
                    CsvText.Row(writer, cells);
                }
            }
        }
    }
}
