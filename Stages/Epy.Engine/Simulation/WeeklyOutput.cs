namespace Epy.Engine.Simulation;

/// <summary>Weekly outputs: compartments at the end of each week, flows summed over it.</summary>
public sealed class WeeklyOutput : Trajectory
{
    /// <summary>Allocates the buffers for <paramref name="weeks"/> of <paramref name="layout"/>.</summary>
    public WeeklyOutput(OutputLayout layout, IReadOnlyList<DateOnly> weeks) : base(layout)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        Weeks = weeks;
        var ages = layout.AgeGroups.Count;
        CompartmentValues = new double[weeks.Count * layout.Compartments.Count * ages];
        FlowValues = new double[weeks.Count * layout.Flows.Count * ages];
    }

    /// <summary>The last day (label) of every week.</summary>
    public IReadOnlyList<DateOnly> Weeks { get; }

    /// <inheritdoc />
    public override IReadOnlyList<DateOnly> Dates => Weeks;

    /// <summary>State at the end of every week, [week][compartment][age] row-major.</summary>
    public double[] CompartmentValues { get; }

    /// <summary>People moved during every week, [week][flow][age] row-major.</summary>
    public double[] FlowValues { get; }

    /// <inheritdoc />
    public override double Compartment(int t, int c, int k) =>
        CompartmentValues[(t * Layout.Compartments.Count + c) * Layout.AgeGroups.Count + k];

    /// <inheritdoc />
    public override double Flow(int t, int f, int k) =>
        FlowValues[(t * Layout.Flows.Count + f) * Layout.AgeGroups.Count + k];
}
