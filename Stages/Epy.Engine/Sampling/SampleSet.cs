namespace Epy.Engine.Sampling;

/// <summary>
/// A table of sampled values: <see cref="Count"/> rows, one per simulation to run, and one column per
/// dimension (<see cref="Dimensions"/>). Immutable. A set with no dimensions and one row is the
/// identity of <see cref="Cross"/>.
/// </summary>
public sealed class SampleSet
{
    private readonly double[] _values;
    private readonly Dictionary<string, int> _columnByName;

    /// <summary>
    /// Creates a set from <paramref name="values"/>, row-major: row r, column c at <c>r·d + c</c> where d
    /// is the number of dimensions. The values are copied.
    /// </summary>
    /// <exception cref="ModelValidationException">A name is empty or repeated, or two columns set the start date.</exception>
    /// <exception cref="ArgumentException">The value count is not <c>count · d</c>.</exception>
    public SampleSet(IReadOnlyList<SampleColumn> dimensions, int count, ReadOnlySpan<double> values)
        : this(dimensions, count, values.ToArray())
    {
    }

    private SampleSet(IReadOnlyList<SampleColumn> dimensions, int count, double[] values)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        foreach (var column in dimensions)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(dimensions));
            SampleFields.RequireName(column.Name, SampleFields.Of(column.Target, column.Name ?? ""));
        }
        SampleFields.RequireDistinct(dimensions.Select(c => (c.Name, c.Field)));
        if (dimensions.Count(c => c.Target == SampleTarget.StartDateOffset) > 1)
            throw new ModelValidationException(SampleFields.Of(SampleTarget.StartDateOffset, ""), "only one dimension may set the start date");
        if ((long)count * dimensions.Count != values.Length)
            throw new ArgumentException($"{values.Length} values do not fill {count} rows of {dimensions.Count} columns", nameof(values));
        Dimensions = [.. dimensions];
        Count = count;
        _values = values;
        _columnByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < dimensions.Count; c++)
            _columnByName[dimensions[c].Name] = c;
    }

    /// <summary>The number of rows (samples).</summary>
    public int Count { get; }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<SampleColumn> Dimensions { get; }

    /// <summary>The value in <paramref name="row"/> and <paramref name="column"/>.</summary>
    public double this[int row, int column]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Dimensions.Count);
            return _values[row * Dimensions.Count + column];
        }
    }

    /// <summary>The value in <paramref name="row"/> of the column named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    public double this[int row, string name] => this[row, ColumnIndex(name)];

    /// <summary>The empty-product set: one row, no columns. Crossing with it changes nothing.</summary>
    public static SampleSet Unit { get; } = new([], 1, Array.Empty<double>());

    /// <summary>Creates a set over <paramref name="values"/> without copying it; it must not change afterwards.</summary>
    internal static SampleSet Wrap(IReadOnlyList<SampleColumn> dimensions, int count, double[] values) =>
        new(dimensions, count, values);

    /// <summary>The position of the column named <paramref name="name"/>, or −1 if there is none.</summary>
    public int IndexOf(string name) => _columnByName.GetValueOrDefault(name, -1);

    /// <summary>The values of <paramref name="row"/>, in column order.</summary>
    public ReadOnlySpan<double> RowValues(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        return _values.AsSpan(row * Dimensions.Count, Dimensions.Count);
    }

    /// <summary>The values of <paramref name="row"/> by column name.</summary>
    public IReadOnlyDictionary<string, double> Row(int row)
    {
        var values = RowValues(row);
        var result = new Dictionary<string, double>(Dimensions.Count, StringComparer.Ordinal);
        for (var c = 0; c < values.Length; c++)
            result[Dimensions[c].Name] = values[c];
        return result;
    }

    /// <summary>The values of the column named <paramref name="name"/>, one per row.</summary>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    public double[] Column(string name)
    {
        var column = ColumnIndex(name);
        var result = new double[Count];
        for (var r = 0; r < Count; r++)
            result[r] = _values[r * Dimensions.Count + column];
        return result;
    }

    /// <summary>
    /// Every row of this set joined with every row of <paramref name="other"/>: this set's columns
    /// then the other's, and this set's row varying slowest, so row <c>i·other.Count + j</c> is row i
    /// of this set followed by row j of the other.
    /// </summary>
    /// <exception cref="ModelValidationException">The sets share a column name or both set the start date, or the product has more than <see cref="int.MaxValue"/> rows.</exception>
    public SampleSet Cross(SampleSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var column in other.Dimensions)
        {
            if (_columnByName.ContainsKey(column.Name))
                throw new ModelValidationException(column.Field, $"dimension '{column.Name}' is both in the grid and in the sampled set; give it to one sampler only");
        }
        var count = (long)Count * other.Count;
        if (count > int.MaxValue)
            throw new ModelValidationException("sampling.samplers", $"crossing {Count} with {other.Count} samples gives more than {int.MaxValue} rows");

        var left = Dimensions.Count;
        var width = left + other.Dimensions.Count;
        if (count * width > Array.MaxLength)
            throw new ModelValidationException("sampling.samplers", $"crossing {Count} with {other.Count} samples of {width} dimensions gives more values than fit in memory");
        var values = new double[count * width];
        for (var i = 0; i < Count; i++)
        {
            var mine = RowValues(i);
            for (var j = 0; j < other.Count; j++)
            {
                var target = values.AsSpan((int)(((long)i * other.Count + j) * width), width);
                mine.CopyTo(target);
                other.RowValues(j).CopyTo(target[left..]);
            }
        }
        return new SampleSet([.. Dimensions, .. other.Dimensions], (int)count, values);
    }

    private int ColumnIndex(string name) =>
        _columnByName.TryGetValue(name, out var column)
            ? column
            : throw new KeyNotFoundException($"the sample set has no column '{name}'");
}
