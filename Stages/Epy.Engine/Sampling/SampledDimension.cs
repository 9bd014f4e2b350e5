namespace Epy.Engine.Sampling;

/// <summary>A dimension of a Latin hypercube: a name, what it sets, and the distribution to draw it from.</summary>
/// <param name="Name">The parameter or compartment name; for <see cref="SampleTarget.StartDateOffset"/> any label (e.g. <c>start_date</c>).</param>
/// <param name="Target">What the drawn values set.</param>
/// <param name="Distribution">The distribution of the values; for start-date offsets usually a <see cref="RandInt"/> of days.</param>
public sealed record SampledDimension(string Name, SampleTarget Target, Distribution Distribution)
{
    /// <summary>The configuration path of the dimension, e.g. <c>sampling.parameters.Rt</c>.</summary>
    public string Field => SampleFields.Of(Target, Name);

    /// <summary>Throws <see cref="ModelValidationException"/> unless the name and distribution are usable.</summary>
    public void Validate()
    {
        SampleFields.RequireName(Name, SampleFields.Of(Target, Name ?? ""));
        if (Distribution is null)
            throw new ModelValidationException(Field, "needs a distribution");
        Distribution.Validate($"{Field}.distribution");
    }
}
