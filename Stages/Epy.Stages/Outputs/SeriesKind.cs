namespace Epy.Stages.Outputs;

/// <summary>Which arrays of a projection a series comes from.</summary>
public enum SeriesKind
{
    /// <summary>End-of-week compartment counts (<c>quantiles_compartments</c>, <c>trajectories_compartments</c>).</summary>
    Compartments,

    /// <summary>Weekly transition (flow) sums (<c>quantiles_transitions</c>, <c>trajectories_transitions</c>).</summary>
    Transitions,
}
