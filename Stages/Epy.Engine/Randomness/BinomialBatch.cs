using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Epy.Engine.Randomness;

/// <summary>
/// Exact binomial draws made eight at a time, one per vector lane: the draws of one simulation step
/// are independent given the start-of-step state, so they can share instructions. The methods are
/// those of <see cref="Binomial"/>: inversion for means below 10 (its zero squeeze, then a walk up
/// the CDF) and BTRS rejection above. Every stage works on packed vectors: draws still undecided
/// after a stage (a walk to make, a candidate for BTRS's exact test, a rejected candidate) are packed
/// together for the next, so no lane idles while another finishes. Lanes draw from a
/// <see cref="LaneGenerator"/>, so a seed gives the same draws on every machine; they are not the
/// draws of the scalar sampler. Use: <see cref="Add(int, in PreparedProbability, int)"/> every draw
/// of a round with a tag, then <see cref="Draw"/>, then read <see cref="Results"/> by tag.
/// </summary>
internal sealed partial class BinomialBatch
{
    private const int Lanes = LaneGenerator.Lanes;
    private readonly Columns _inversion;
    private readonly Columns _rejection;
    private readonly Columns _exact;
    private readonly double[] _scratch = new double[3 * Lanes];
    private LaneGenerator _generator;

    /// <summary>A batch for tags 0 to <paramref name="capacity"/> − 1, at most one pending draw each.</summary>
    public BinomialBatch(int capacity)
    {
        Results = new int[capacity];
        _inversion = new Columns(capacity, 5);
        _rejection = new Columns(capacity, 3);
        _exact = new Columns(capacity, 7);
    }

    /// <summary>The draw of every tag added since the last <see cref="Draw"/>, once it has run.</summary>
    public int[] Results { get; }

    /// <summary>Seeds the lanes from <paramref name="parent"/> (eight values taken from it).</summary>
    public void Seed(Xoshiro256 parent) => _generator.Seed(parent);

    /// <summary>Queues a draw from Binomial(<paramref name="n"/>, p) for <paramref name="tag"/>; a certain outcome is written at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int n, in PreparedProbability p, int tag)
    {
        if (n <= 0 || !(p.Small > 0.0))
            Results[tag] = p.Flipped && n > 0 ? n : 0;
        else
            Enqueue(n, p.Small, p.Flipped, tag);
    }

    /// <summary>Queues a draw from Binomial(<paramref name="n"/>, <paramref name="p"/>), p clamped to [0, 1], for <paramref name="tag"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int n, double p, int tag)
    {
        if (n <= 0 || !(p > 0.0))
            Results[tag] = 0;
        else if (p >= 1.0)
            Results[tag] = n;
        else if (p <= 0.5)
            Enqueue(n, p, false, tag);
        else
            Enqueue(n, 1.0 - p, true, tag);
    }

    /// <summary>
    /// A draw waits as (n, p, key) with p ≤ 1/2; the key is its tag, or −(tag + 1) when p was
    /// flipped and the draw counts failures (X = n − Binomial(n, 1 − p)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Enqueue(int n, double small, bool flipped, int tag)
    {
        var columns = n * small < Binomial.InversionMeanLimit ? _inversion : _rejection;
        var i = columns.Count++;
        columns[N][i] = n;
        columns[P][i] = small;
        columns[Key][i] = flipped ? -(tag + 1.0) : tag;
    }

    /// <summary>Makes every queued draw into <see cref="Results"/> and empties the queues.</summary>
    public void Draw()
    {
        var generator = _generator;
        if (_inversion.Count > 0)
            Inversion(ref generator);
        if (_rejection.Count > 0)
            Btrs(ref generator);
        _generator = generator;
    }

    // Column indices: every queue holds n, p and the key; the others hold a stage's state.
    private const int N = 0, P = 1, Key = 2;

    /// <summary>Writes the draws <paramref name="x"/> of the lanes in <paramref name="lanes"/> to their tags.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Write(ulong lanes, Vector512<double> x, Vector512<double> n, Vector512<double> key)
    {
        if (lanes == 0)
            return;
        var scratch = _scratch.AsSpan();
        x.CopyTo(scratch);
        n.CopyTo(scratch[Lanes..]);
        key.CopyTo(scratch[(2 * Lanes)..]);
        var results = Results;
        for (; lanes != 0; lanes &= lanes - 1)
        {
            var lane = BitOperations.TrailingZeroCount(lanes);
            var draw = (int)scratch[lane];
            var k = scratch[2 * Lanes + lane];
            if (k >= 0)
                results[(int)k] = draw;
            else
                results[(int)(-k) - 1] = (int)scratch[Lanes + lane] - draw;
        }
    }

    /// <summary>The lanes [0, <paramref name="count"/>) as a mask (all eight when count ≥ 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> FirstLanes(int count) =>
        Vector512.LessThan(Vector512<double>.Indices, Vector512.Create((double)count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AllSet(Vector512<double> mask) => mask.ExtractMostSignificantBits() == 0xFF;

    /// <summary>
    /// Queued draws as columns of doubles, padded by one vector so the last lanes can be loaded and
    /// packed vectors stored whole.
    /// </summary>
    private sealed class Columns(int capacity, int columns)
    {
        private readonly double[][] _columns = [.. Enumerable.Range(0, columns).Select(_ => new double[capacity + 2 * Lanes])];

        public int Count;

        public double[] this[int column] => _columns[column];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> Load(int column, int start) =>
            Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_columns[column]), (nuint)start);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(int column, int start, Vector512<double> values) =>
            values.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(_columns[column]), (nuint)start);

        /// <summary>
        /// Stores the lanes of <paramref name="values"/> selected by <paramref name="lanes"/>, in lane
        /// order, from <paramref name="start"/> on (the slots after them get arbitrary values).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Pack(int column, int start, Vector512<double> lanes, Vector512<double> values)
        {
            if (Avx512F.IsSupported)
            {
                Store(column, start, Avx512F.Compress(values, lanes, values));
                return;
            }
            var target = _columns[column];
            var bits = lanes.ExtractMostSignificantBits();
            for (var i = start; bits != 0; bits &= bits - 1, i++)
                target[i] = values.GetElement(BitOperations.TrailingZeroCount(bits));
        }
    }
}
