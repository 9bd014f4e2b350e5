namespace Epy.Engine.Sampling;

/// <summary>What a sampled or gridded value sets in a simulation.</summary>
public enum SampleTarget
{
    /// <summary>A model parameter, by its name (e.g. <c>Rt</c>).</summary>
    Parameter,

    /// <summary>
    /// The initial proportion of a compartment's population, by the compartment's name (e.g.
    /// <c>L</c>); a fraction of each age group's size.
    /// </summary>
    InitialProportion,

    /// <summary>Days added to the reference start date (may be negative).</summary>
    StartDateOffset,
}
