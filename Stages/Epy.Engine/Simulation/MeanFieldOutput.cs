namespace Epy.Engine.Simulation;

/// <summary>The daily trajectory of expected values from <see cref="MeanFieldSimulator"/>.</summary>
public sealed class MeanFieldOutput : Trajectory
{
    /// <summary>Allocates the buffers for <paramref name="layout"/>.</summary>
    public MeanFieldOutput(OutputLayout layout) : base(layout)
    {
        var steps = layout.Dates.Count;
        var ages = layout.AgeGroups.Count;
        CompartmentValues = new double[steps * layout.Compartments.Count * ages];
        FlowValues = new double[steps * layout.Flows.Count * ages];
    }

    /// <inheritdoc />
    public override IReadOnlyList<DateOnly> Dates => Layout.Dates;

    /// <summary>Expected state after every step, [step][compartment][age].</summary>
    public double[] CompartmentValues { get; }

    /// <summary>Expected flows during every step, [step][flow][age].</summary>
    public double[] FlowValues { get; }

    /// <inheritdoc />
    public override double Compartment(int t, int c, int k) =>
        CompartmentValues[(t * Layout.Compartments.Count + c) * Layout.AgeGroups.Count + k];

    /// <inheritdoc />
    public override double Flow(int t, int f, int k) =>
        FlowValues[(t * Layout.Flows.Count + f) * Layout.AgeGroups.Count + k];
}
