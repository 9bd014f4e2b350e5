namespace Epy.Engine.Demography;

/// <summary>
/// A square contact matrix over age groups, row-major: entry (i, j) is the mean number of daily
/// contacts that one person of group i has with people of group j.
/// </summary>
public sealed class ContactMatrix
{
    private readonly double[] _values;

    /// <summary>Wraps <paramref name="values"/> (row-major, size × size; not copied).</summary>
    public ContactMatrix(int size, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (values.Length != size * size)
            throw new ArgumentException($"a {size}×{size} matrix needs {size * size} values, got {values.Length}", nameof(values));
        Size = size;
        _values = values;
    }

    /// <summary>The number of age groups.</summary>
    public int Size { get; }

    /// <summary>Entry (row, column).</summary>
    public double this[int row, int column] => _values[row * Size + column];

    /// <summary>The entries, row-major.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>A matrix of zeros.</summary>
    public static ContactMatrix Zero(int size) => new(size, new double[size * size]);

    /// <summary>The sum of <paramref name="matrices"/> each scaled by its factor.</summary>
    public static ContactMatrix WeightedSum(int size, IEnumerable<(ContactMatrix Matrix, double Factor)> matrices)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        var sum = new double[size * size];
        foreach (var (matrix, factor) in matrices)
        {
            var values = matrix.Values;
            for (var i = 0; i < sum.Length; i++)
                sum[i] += factor * values[i];
        }
        return new ContactMatrix(size, sum);
    }

    /// <summary>
    /// The spectral radius: for a non-negative matrix, its largest real eigenvalue (Perron root),
    /// which is what epymodelingsuite calls <c>eigenvalue</c> (<c>eigvals(C).real.max()</c>).
    /// Power iteration, converged to machine precision.
    /// </summary>
    public double SpectralRadius()
    {
        var n = Size;
        var x = new double[n];
        var y = new double[n];
        Array.Fill(x, 1.0 / n);
        var lambda = 0.0;
        for (var iteration = 0; iteration < 100_000; iteration++)
        {
            var norm = 0.0;
            for (var i = 0; i < n; i++)
            {
                var s = 0.0;
                for (var j = 0; j < n; j++)
                    s += _values[i * n + j] * x[j];
                y[i] = s;
                norm += s;
            }
            if (norm == 0)
                return 0;
            var change = 0.0;
            for (var i = 0; i < n; i++)
            {
                var next = y[i] / norm;
                change = Math.Max(change, Math.Abs(next - x[i]));
                x[i] = next;
            }
            // x sums to one, so the growth of its sum is the eigenvalue estimate.
            var previous = lambda;
            lambda = norm;
            if (change < 1e-16 && Math.Abs(lambda - previous) <= 1e-15 * lambda)
                break;
        }
        return lambda;
    }
}
