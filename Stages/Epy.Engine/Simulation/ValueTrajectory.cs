namespace Epy.Engine.Simulation;

/// <summary>
/// A trajectory of real values over any dates: the mean-field path, or weekly sums and end-of-week
/// states (<see cref="WeeklyOutput"/>).
/// </summary>
public class ValueTrajectory : Trajectory
{
    private readonly IReadOnlyList<DateOnly> _dates;

    /// <summary>Allocates the buffers for <paramref name="dates"/> of <paramref name="layout"/>.</summary>
    public ValueTrajectory(OutputLayout layout, IReadOnlyList<DateOnly> dates) : base(layout)
    {
        ArgumentNullException.ThrowIfNull(dates);
        _dates = dates;
        var ages = layout.AgeGroupCount;
        CompartmentValues = new double[dates.Count * layout.Compartments.Count * ages];
        FlowValues = new double[dates.Count * layout.Flows.Count * ages];
    }

    /// <inheritdoc />
    public override IReadOnlyList<DateOnly> Dates => _dates;

    /// <summary>Compartment values at every time point, [time][compartment][age] row-major.</summary>
    public double[] CompartmentValues { get; }

    /// <summary>Flows during every time point, [time][flow][age] row-major.</summary>
    public double[] FlowValues { get; }

    /// <inheritdoc />
    public override double Compartment(int t, int c, int k) =>
        CompartmentValues[(t * Layout.Compartments.Count + c) * Layout.AgeGroupCount + k];

    /// <inheritdoc />
    public override double Flow(int t, int f, int k) =>
        FlowValues[(t * Layout.Flows.Count + f) * Layout.AgeGroupCount + k];
}
