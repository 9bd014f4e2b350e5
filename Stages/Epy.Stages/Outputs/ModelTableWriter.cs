namespace Epy.Stages.Outputs;

/// <summary>
/// Writes <c>model_metadata</c> of a sampling or basemodel run as epymodelingsuite's simulation
/// workflow does: one row per model (<c>primary_id</c>) with its seed, time step, location, number
/// of runs, first and last output dates (bin labels) and its sampled values. Columns:
/// <c>primary_id, seed, delta_t, population, n_sims, start_date, end_date, &lt;sampled…&gt;</c>,
/// the sampled names in first-seen order (a sampled start date is the <c>start_date</c> column
/// already, so its offset is not repeated).
/// </summary>
public static class ModelTableWriter
{
    private const string StartDate = "start_date";

    /// <summary>Writes the CSV (header included).</summary>
    /// <param name="writer">Where the CSV goes.</param>
    /// <param name="models">One result per model, in output order.</param>
    /// <param name="deltaT">The basemodel's time step in days.</param>
    public static void Write(TextWriter writer, IEnumerable<LocationResult> models, double deltaT)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(models);
        var sampled = models.SelectMany(m => m.Projection.Quantities).Where(q => q != StartDate).Distinct(StringComparer.Ordinal).ToList();
        CsvText.Row(writer, ["primary_id", "seed", "delta_t", "population", "n_sims", "start_date", "end_date", .. sampled]);
        foreach (var model in models)
        {
            var projection = model.Projection;
            var theta = projection.Trajectories.Count > 0 ? projection.Trajectories[0].Theta : [];
            var cells = new List<string>
            {
                CsvText.Integer(model.PrimaryId), CsvText.Integer(model.Seed), CsvText.Number(deltaT), model.Population,
                CsvText.Integer(projection.Trajectories.Count),
                projection.Weeks.Count > 0 ? CsvText.Date(projection.Weeks[0]) : "",
                projection.Weeks.Count > 0 ? CsvText.Date(projection.Weeks[^1]) : "",
            };
            foreach (var name in sampled)
            {
                var j = IndexOf(projection.Quantities, name);
                cells.Add(j >= 0 && j < theta.Count ? CsvText.Number(theta[j]) : "");
            }
            CsvText.Row(writer, cells);
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var j = 0; j < names.Count; j++)
        {
            if (names[j] == name)
                return j;
        }
        return -1;
    }
}
