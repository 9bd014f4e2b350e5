using System.Globalization;

namespace Epy.Engine.Sampling;

/// <summary>A dimension of a grid: a name, what it sets, and the values to try, in order.</summary>
/// <param name="Name">The parameter or compartment name; for <see cref="SampleTarget.StartDateOffset"/> any label.</param>
/// <param name="Target">What the values set.</param>
/// <param name="Values">The values, finite, at least one; repeats are kept.</param>
public sealed record GridDimension(string Name, SampleTarget Target, IReadOnlyList<double> Values)
{
    /// <summary>The configuration path of the dimension, e.g. <c>sampling.parameters.gamma</c>.</summary>
    public string Field => SampleFields.Of(Target, Name);

    /// <summary>Throws <see cref="ModelValidationException"/> unless the name and values are usable.</summary>
    public void Validate()
    {
        SampleFields.RequireName(Name, SampleFields.Of(Target, Name ?? ""));
        if (Values is null || Values.Count == 0)
            throw new ModelValidationException($"{Field}.values", $"grid dimension '{Name}' needs at least one value");
        for (var i = 0; i < Values.Count; i++)
        {
            if (!double.IsFinite(Values[i]))
                throw new ModelValidationException($"{Field}.values[{i}]", $"must be a finite number, got {Values[i].ToString("R", CultureInfo.InvariantCulture)}");
        }
    }
}
