using Epy.Engine.Randomness;

namespace Epy.Engine.Calibration;

/// <summary>Draws indices in proportion to non-negative weights (cumulative sums and a binary search).</summary>
internal sealed class WeightedIndex
{
    private readonly double[] _cumulative;
    private readonly int _lastPositive;

    public WeightedIndex(ReadOnlySpan<double> weights)
    {
        if (weights.IsEmpty)
            throw new ArgumentException("there is nothing to draw from", nameof(weights));
        _cumulative = new double[weights.Length];
        var sum = 0.0;
        _lastPositive = -1;
        for (var i = 0; i < weights.Length; i++)
        {
            if (!(weights[i] >= 0.0) || double.IsPositiveInfinity(weights[i]))
                throw new ArgumentException($"weight {i} is {weights[i]}: weights must be finite and non-negative", nameof(weights));
            sum += weights[i];
            _cumulative[i] = sum;
            if (weights[i] > 0.0)
                _lastPositive = i;
        }
        if (_lastPositive < 0)
            throw new ArgumentException("all weights are zero", nameof(weights));
    }

    /// <summary>An index drawn with probability weight / total; never one of weight 0.</summary>
    public int Pick(Xoshiro256 rng)
    {
        var u = rng.NextDouble() * _cumulative[^1];

        // The first index whose cumulative sum exceeds u: zero-weight entries repeat the sum before
        // them, so they are never first.
        int low = 0, high = _lastPositive;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_cumulative[middle] > u)
                high = middle;
            else
                low = middle + 1;
        }
        return low;
    }
}
