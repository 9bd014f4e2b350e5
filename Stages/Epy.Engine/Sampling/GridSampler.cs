namespace Epy.Engine.Sampling;

/// <summary>Full-factorial sampling: every combination of the given values of every dimension.</summary>
public static class GridSampler
{
    /// <summary>
    /// The cartesian product of the dimensions' values, the first dimension varying slowest (as
    /// <c>itertools.product</c>): for values (a₁, a₂) × (b₁, b₂) the rows are a₁b₁, a₁b₂, a₂b₁, a₂b₂.
    /// No dimensions give <see cref="SampleSet.Unit"/> (one empty row).
    /// </summary>
    /// <exception cref="ModelValidationException">A dimension has no values, a non-finite value or a repeated name, or the product is too large.</exception>
    public static SampleSet Sample(IReadOnlyList<GridDimension> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        var count = 1L;
        foreach (var dimension in dimensions)
        {
            if (dimension is null)
                throw new ModelValidationException("sampling.samplers", "a grid dimension is missing");
            dimension.Validate();
            count *= dimension.Values.Count;
            if (count * dimensions.Count > Array.MaxLength)
                throw new ModelValidationException(dimension.Field, $"the grid has more than {Array.MaxLength} values");
        }
        SampleFields.RequireDistinct(dimensions.Select(d => (d.Name, d.Field)));

        var width = dimensions.Count;
        var values = new double[count * width];
        // Row r's index in dimension j is its digit in the mixed radix of the value counts, the
        // last dimension being the least significant digit.
        var stride = 1L;
        for (var j = width - 1; j >= 0; j--)
        {
            var choices = dimensions[j].Values;
            for (var r = 0L; r < count; r++)
                values[r * width + j] = choices[(int)(r / stride % choices.Count)];
            stride *= choices.Count;
        }
        var columns = dimensions.Select(d => new SampleColumn(d.Name, d.Target)).ToArray();
        return SampleSet.Wrap(columns, (int)count, values);
    }
}
