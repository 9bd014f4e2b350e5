namespace Epy.Engine.Sampling;

/// <summary>One column of a <see cref="SampleSet"/>: what its values set.</summary>
/// <param name="Name">The parameter or compartment name (unique within a set).</param>
/// <param name="Target">Whether the values are parameter values, initial proportions or start-date offsets in days.</param>
public sealed record SampleColumn(string Name, SampleTarget Target)
{
    /// <summary>The configuration path the column came from, e.g. <c>sampling.parameters.Rt</c>.</summary>
    public string Field => SampleFields.Of(Target, Name);
}
