using Epy.Engine.Calibration;

namespace Epy.Stages.Outputs;

/// <summary>
/// The selected series of one location, extracted once: <c>Values[series][trajectory][week]</c>,
/// with the header's column union mapped onto them.
/// </summary>
internal sealed class SeriesTable
{
    private readonly double[]?[][] _columns;

    private SeriesTable(double[]?[][] columns) => _columns = columns;

    /// <summary>The union of the series names over all locations, in first-seen order.</summary>
    public static IReadOnlyList<string> Header(IEnumerable<LocationResult> locations, SeriesKind kind, SeriesSelection selection)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var location in locations)
        {
            foreach (var name in selection.Resolve(location.Projection, kind))
            {
                if (seen.Add(name))
                    names.Add(name);
            }
        }
        return names;
    }

    /// <summary>Extracts the header's series from <paramref name="projection"/>; a series it lacks stays null (an empty cell).</summary>
    public static SeriesTable Extract(Projection projection, SeriesKind kind, SeriesSelection selection, IReadOnlyList<string> header)
    {
        var present = new HashSet<string>(selection.Resolve(projection, kind), StringComparer.Ordinal);
        var columns = new double[]?[header.Count][];
        for (var c = 0; c < header.Count; c++)
        {
            columns[c] = new double[]?[projection.Trajectories.Count];
            if (!present.Contains(header[c]))
                continue;
            for (var t = 0; t < projection.Trajectories.Count; t++)
                columns[c][t] = projection.Series(t, header[c]);
        }
        return new SeriesTable(columns);
    }

    /// <summary>Series <paramref name="column"/> of trajectory <paramref name="trajectory"/>, or null when the location lacks it.</summary>
    public double[]? Series(int column, int trajectory) => _columns[column][trajectory];

    /// <summary>Whether the location has series <paramref name="column"/>.</summary>
    public bool Has(int column) => _columns[column].Length > 0 && _columns[column][0] is not null;
}
