using Epy.Engine.Sampling;

namespace Epy.Stages.Outputs;

/// <summary>
/// Writes <c>posteriors</c>: one row per particle of the chosen generations of each location's
/// calibration. Columns: <c>primary_id, population, [generation,] &lt;parameters…&gt;,
/// &lt;initial compartment proportions…&gt;, &lt;start date offset&gt;, weight</c>; the quantity columns are
/// the union over locations (a location without one leaves its cell empty).
/// </summary>
public static class PosteriorsWriter
{
    /// <summary>Writes the CSV (header included); locations without a calibration are skipped.</summary>
    /// <param name="writer">Where the CSV goes.</param>
    /// <param name="locations">The locations, in output order.</param>
    /// <param name="includeGeneration">Adds the <c>generation</c> column (the generation's index).</param>
    /// <exception cref="ArgumentOutOfRangeException">A requested generation does not exist.</exception>
    public static void Write(TextWriter writer, IEnumerable<LocationResult> locations, bool includeGeneration = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(locations);
        var calibrated = locations.Where(l => l.Calibration is not null)
            .Select(l => l with { Projection = l.Projection with { Trajectories = [] } }) // only the posteriors are kept, not the trajectories
            .ToList();
        var quantities = Columns(calibrated);
        List<string> header = ["primary_id", "population"];
        if (includeGeneration)
            header.Add("generation");
        CsvText.Row(writer, [.. header, .. quantities, "weight"]);

        foreach (var location in calibrated)
        {
            var calibration = location.Calibration!;
            var positions = quantities.Select(q => Array.IndexOf(calibration.Quantities, q)).ToArray();
            foreach (var g in Chosen(location))
            {
                var generation = calibration.Generations[g];
                for (var i = 0; i < generation.Count; i++)
                {
                    var theta = generation.Particle(i);
                    var cells = new List<string> { CsvText.Integer(location.PrimaryId), location.Population };
                    if (includeGeneration)
                        cells.Add(CsvText.Integer(generation.Index));
                    foreach (var p in positions)
                        cells.Add(p >= 0 ? CsvText.Number(theta[p]) : "");
                    cells.Add(CsvText.Number(generation.Weights[i]));
                    CsvText.Row(writer, cells);
                }
            }
        }
    }

    private static IEnumerable<int> Chosen(LocationResult location)
    {
        var count = location.Calibration!.Generations.Length;
        if (location.Generations is null)
            return count == 0 ? [] : [count - 1];
        foreach (var g in location.Generations)
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)g, (uint)count, nameof(location));
        return location.Generations;
    }

    /// <summary>Quantity names: parameters, then initial proportions, then the start offset; first-seen order within each.</summary>
    private static List<string> Columns(List<LocationResult> calibrated)
    {
        var columns = new List<string>();
        foreach (var target in new[] { SampleTarget.Parameter, SampleTarget.InitialProportion, SampleTarget.StartDateOffset })
        {
            foreach (var location in calibrated)
            {
                var calibration = location.Calibration!;
                for (var q = 0; q < calibration.Quantities.Length; q++)
                {
                    if (calibration.Targets[q] == target && !columns.Contains(calibration.Quantities[q]))
                        columns.Add(calibration.Quantities[q]);
                }
            }
        }
        return columns;
    }
}
