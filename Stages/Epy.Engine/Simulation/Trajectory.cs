namespace Epy.Engine.Simulation;

/// <summary>
/// Outputs over time: compartment counts (the state after each step or week) and flows (people
/// moved during it), per age group, readable by series name.
/// </summary>
public abstract class Trajectory
{
    /// <summary>Creates a trajectory over <paramref name="layout"/>.</summary>
    protected Trajectory(OutputLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
    }

    /// <summary>Names and indices.</summary>
    public OutputLayout Layout { get; }

    /// <summary>The date of every time point.</summary>
    public abstract IReadOnlyList<DateOnly> Dates { get; }

    /// <summary>The count of compartment <paramref name="c"/>, age group <paramref name="k"/> at time <paramref name="t"/>.</summary>
    public abstract double Compartment(int t, int c, int k);

    /// <summary>The flow <paramref name="f"/> of age group <paramref name="k"/> during time <paramref name="t"/>.</summary>
    public abstract double Flow(int t, int f, int k);

    /// <summary>The series <paramref name="name"/> (e.g. <c>Home_sev_to_Hosp_total</c>), one value per time point.</summary>
    public double[] Series(string name)
    {
        var values = new double[Dates.Count];
        CopySeries(name, values);
        return values;
    }

    /// <summary>Writes the series <paramref name="name"/> into <paramref name="destination"/> without allocating.</summary>
    public void CopySeries(string name, Span<double> destination)
    {
        var key = Layout.Find(name);
        var times = Dates.Count;
        if (destination.Length < times)
            throw new ArgumentException($"needs room for {times} values", nameof(destination));
        var ages = Layout.AgeGroupCount;
        for (var t = 0; t < times; t++)
        {
            if (key.AgeGroup != SeriesKey.Total)
            {
                destination[t] = key.IsFlow ? Flow(t, key.Index, key.AgeGroup) : Compartment(t, key.Index, key.AgeGroup);
                continue;
            }
            var sum = 0.0;
            for (var k = 0; k < ages; k++)
                sum += key.IsFlow ? Flow(t, key.Index, k) : Compartment(t, key.Index, k);
            destination[t] = sum;
        }
    }
}
