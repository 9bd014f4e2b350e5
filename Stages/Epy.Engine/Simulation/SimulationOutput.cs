namespace Epy.Engine.Simulation;

/// <summary>
/// One simulation's daily (per-step) outputs as whole numbers. Reused across runs by
/// <see cref="Simulator.Run(Randomness.Xoshiro256, SimulationOutput)"/> so the hot loop allocates nothing.
/// </summary>
public sealed class SimulationOutput : Trajectory
{
    /// <summary>Allocates the buffers for <paramref name="layout"/>.</summary>
    public SimulationOutput(OutputLayout layout) : base(layout)
    {
        var steps = layout.Dates.Count;
        var ages = layout.AgeGroupCount;
        CompartmentCounts = new int[steps * layout.Compartments.Count * ages];
        FlowCounts = new int[steps * layout.Flows.Count * ages];
    }

    /// <inheritdoc />
    public override IReadOnlyList<DateOnly> Dates => Layout.Dates;

    /// <summary>State after every step, [step][compartment][age] row-major.</summary>
    public int[] CompartmentCounts { get; }

    /// <summary>People moved during every step, [step][flow][age] row-major.</summary>
    public int[] FlowCounts { get; }

    /// <inheritdoc />
    public override double Compartment(int t, int c, int k) =>
        CompartmentCounts[(t * Layout.Compartments.Count + c) * Layout.AgeGroupCount + k];

    /// <inheritdoc />
    public override double Flow(int t, int f, int k) =>
        FlowCounts[(t * Layout.Flows.Count + f) * Layout.AgeGroupCount + k];
}
