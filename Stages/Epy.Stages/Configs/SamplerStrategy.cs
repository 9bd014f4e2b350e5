namespace Epy.Stages.Configs;

/// <summary>The <c>strategy</c> of a sampler (written in any case).</summary>
public enum SamplerStrategy
{
    /// <summary>Latin hypercube sampling of <c>n_samples</c> points.</summary>
    Lhs,

    /// <summary>The Cartesian product of each quantity's <c>values</c>.</summary>
    Grid,
}
