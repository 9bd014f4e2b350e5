using Epy.Engine.Randomness;

namespace Epy.Engine.Sampling;

/// <summary>
/// Scrambled Latin hypercube sampling, as <c>scipy.stats.qmc.LatinHypercube(scramble=True)</c>: for n
/// samples, [0, 1) is cut into n equal strata per dimension; each dimension takes a random
/// permutation of the strata (one stratum per sample) and a uniform point within each, and the
/// point goes through the dimension's quantile function. Every stratum of every dimension thus
/// holds exactly one sample, and the marginals follow the distributions.
/// </summary>
public static class LatinHypercube
{
    /// <summary>
    /// Draws <paramref name="count"/> samples of <paramref name="dimensions"/>. Dimension j draws only
    /// from <c>Xoshiro256.ForStream(seed, j)</c> (first the Fisher–Yates shuffle of the strata, then
    /// one jitter per sample in row order), so the same seed gives the same set on every machine, and
    /// a column does not change when dimensions are added after it.
    /// </summary>
    /// <exception cref="ModelValidationException">A dimension is invalid or repeated, or <paramref name="count"/> is below 1.</exception>
    public static SampleSet Sample(IReadOnlyList<SampledDimension> dimensions, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        if (count < 1)
            throw new ModelValidationException("sampling.samplers.n_samples", $"a Latin hypercube needs at least one sample, got {count}");
        foreach (var dimension in dimensions)
        {
            if (dimension is null)
                throw new ModelValidationException("sampling.samplers", "a sampled dimension is missing");
            dimension.Validate();
        }
        SampleFields.RequireDistinct(dimensions.Select(d => (d.Name, d.Field)));
        var width = dimensions.Count;
        if ((long)count * width > Array.MaxLength)
            throw new ModelValidationException("sampling.samplers.n_samples", $"{count} samples of {width} dimensions do not fit in memory");

        var values = new double[count * width];
        var strata = new int[count];
        for (var j = 0; j < width; j++)
        {
            var rng = Xoshiro256.ForStream(seed, (ulong)j);
            Shuffle(strata, rng);
            var distribution = dimensions[j].Distribution;
            for (var i = 0; i < count; i++)
                values[i * width + j] = distribution.Quantile(PointInStratum(strata[i], count, rng.NextOpenDouble()));
        }
        var columns = dimensions.Select(d => new SampleColumn(d.Name, d.Target)).ToArray();
        return SampleSet.Wrap(columns, count, values);
    }

    /// <summary>
    /// The unit point <c>(stratum + jitter)/n</c>, for jitter in (0, 1], kept strictly inside the
    /// stratum's share of (0, 1) despite rounding: never 0 (an infinite normal quantile) and never
    /// the next stratum's lower edge (which a jitter rounded up to 1 would give).
    /// </summary>
    internal static double PointInStratum(int stratum, int count, double jitter)
    {
        var upper = (stratum + 1.0) / count;
        var point = (stratum + jitter) / count;
        return point < upper ? point : Math.BitDecrement(upper);
    }

    /// <summary>Fills <paramref name="strata"/> with a uniformly random permutation of 0..n−1 (Fisher–Yates).</summary>
    private static void Shuffle(int[] strata, Xoshiro256 rng)
    {
        for (var i = 0; i < strata.Length; i++)
            strata[i] = i;
        for (var i = strata.Length - 1; i > 0; i--)
        {
            var k = (int)rng.NextInt64(i + 1);
            (strata[i], strata[k]) = (strata[k], strata[i]);
        }
    }
}
