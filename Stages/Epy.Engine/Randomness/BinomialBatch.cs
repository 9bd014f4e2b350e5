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
/// draws of the scalar sampler. Where a vector would carry one or two lanes the scalar sampler is
/// cheaper and is used instead (from a stream of its own): for rounds of a few draws, for the last
/// one or two BTRS draws still waiting, and for a last single candidate of BTRS's exact test. The
/// stages of inversion and BTRS interleave (see <see cref="DrawQueued"/>). Where 256-bit vectors do
/// not run in hardware (ARM64, x64 without AVX2) the same algorithm runs lane by lane, with the
/// same numbers.
/// </summary>
internal sealed partial class BinomialBatch
{
    private const int Lanes = LaneGenerator.Lanes;

    /// <summary>
    /// Below this mean n·min(p, 1 − p) inversion is used (BTRS needs at least 10). Limits of 15 and
    /// 20 measured the same on the reference model, so the scalar sampler's is kept.
    /// </summary>
    private const double InversionMeanLimit = Binomial.InversionMeanLimit;
    private readonly Columns _inversion;
    private readonly Columns _rejection;
    private readonly Columns _exact;
    private readonly Columns _done;
    private double[] _results = [];
    private LaneGenerator _generator;
    private readonly Xoshiro256 _scalar = new(0);

    /// <summary>
    /// A batch for up to <paramref name="capacity"/> draws at a time, running the vector code where
    /// 256-bit vectors run in hardware and lane by lane elsewhere (the same numbers either way);
    /// <paramref name="vectorised"/> forces one or the other (for tests).
    /// </summary>
    public BinomialBatch(int capacity, bool? vectorised = null)
    {
        Capacity = capacity;
        Vectorised = vectorised ?? HardwareVectors;
        _inversion = new Columns(capacity, 6);
        _rejection = new Columns(capacity, 3);
        _exact = new Columns(capacity, 9);
        _done = new Columns(capacity, 3);
    }

    /// <summary>The most draws one <see cref="Draw(double[], double[], double[], double[], int)"/> can make.</summary>
    public int Capacity { get; }

    /// <summary>The length that arrays given to <see cref="Draw(double[], double[], double[], double[], int)"/> for <paramref name="count"/> draws need: whole vectors.</summary>
    public static int PaddedLength(int count) => (count + Lanes - 1) / Lanes * Lanes;

    /// <summary>Seeds the lanes and the scalar stream of small rounds from <paramref name="parent"/> (nine values taken from it).</summary>
    public void Seed(Xoshiro256 parent)
    {
        if (Vectorised)
            _generator.Seed(parent);
        else
            LaneGenerator.SeedWords(parent, _words);
        _scalar.Reseed(parent.NextUInt64());
    }

    /// <summary>
    /// Rounds of at most this many draws are made one by one by the scalar sampler, from a stream of
    /// their own: below it the vector machinery's fixed cost is more than the draws (a one-group SIR
    /// makes two draws a step).
    /// </summary>
    private const int ScalarRound = 4;

    /// <summary>
    /// Draws results[i] ~ Binomial(n[i], p_i) for i &lt; <paramref name="count"/>, where p_i is given as
    /// small[i] = min(p_i, 1 − p_i) and flipped[i] = 1 when p_i &gt; 1/2 (else 0); n[i] is a whole
    /// number ≥ 0. Every array holds at least <see cref="PaddedLength"/>(count) entries; results past
    /// count are overwritten with arbitrary values.
    /// </summary>
    public void Draw(double[] n, double[] small, double[] flipped, double[] results, int count) =>
        Draw(n, small, flipped, null, results, count);

    /// <summary>
    /// <see cref="Draw(double[], double[], double[], double[], int)"/> with ln(1 − small[i]) given
    /// ahead in <paramref name="logQ"/> (NaN where not known): inversion's f(0) = qⁿ then needs no
    /// logarithm. The draws are those the logarithm computed here would give.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Draw(double[] n, double[] small, double[] flipped, double[]? logQ, double[] results, int count)
    {
        if (count > Capacity)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"more than the batch's capacity of {Capacity}");
        var length = PaddedLength(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(n.Length, length, nameof(n));
        ArgumentOutOfRangeException.ThrowIfLessThan(small.Length, length, nameof(small));
        ArgumentOutOfRangeException.ThrowIfLessThan(flipped.Length, length, nameof(flipped));
        ArgumentOutOfRangeException.ThrowIfLessThan(results.Length, length, nameof(results));
        logQ ??= Unknown(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(logQ.Length, length, nameof(logQ));
        if (count <= ScalarRound)
        {
            DrawOneByOne(n, small, flipped, logQ, results, count);
            return;
        }
        _results = results;
        if (Vectorised)
            Classify(n, small, flipped, logQ, count);
        else
            ClassifyLaneByLane(n, small, flipped, logQ, count);
        DrawQueued();
        if (Vectorised)
            Scatter();
    }

    /// <summary>
    /// Runs the queued draws to the end, interleaving the two methods' stages: they share no data,
    /// and each stage of one is a chain of dependent operations (a square root and a division, a
    /// logarithm and an exponential, the exact test's divisions) that a core can overlap with the
    /// other's. BTRS's first pass of candidates, inversion's zero squeeze with f(0), BTRS's exact
    /// tests; then, while the walks run, BTRS's second pass; then BTRS's further passes, and the last
    /// one or two draws by the scalar sampler. The lanes draw in this order on both paths.
    /// </summary>
    private void DrawQueued()
    {
        var rejecting = _rejection.Count;
        var inverting = _inversion.Count;
        int waiting = 0, testing = 0, walking = 0;
        var vectorPass = rejecting > ScalarLeftovers;
        if (vectorPass)
            (waiting, testing) = Squeeze(rejecting);
        if (inverting > 0)
            walking = ZeroSqueeze();
        var left = vectorPass ? Settle(waiting, testing) : rejecting;
        if (walking > 0 && left > ScalarLeftovers)
        {
            (waiting, testing) = Squeeze(left);
            Walks(walking);
            left = Settle(waiting, testing);
        }
        else if (walking > 0)
            Walks(walking);
        while (left > ScalarLeftovers)
        {
            (waiting, testing) = Squeeze(left);
            left = Settle(waiting, testing);
        }
        if (left > 0)
            BtrsOneByOne(left);
        _inversion.Count = 0;
        _rejection.Count = 0;
    }

    /// <summary>
    /// BTRS draws left waiting at most this many are finished one by one by the scalar sampler: a
    /// vector pass for one or two lanes costs more than the scalar BTRS (measured on the reference
    /// model: 2 best, 4 the same as none).
    /// </summary>
    private const int ScalarLeftovers = 2;

    /// <summary>NaN logarithms for a caller that gives none (grown as needed, never shrunk).</summary>
    private double[] Unknown(int length)
    {
        if (_unknown.Length < length)
            _unknown = Enumerable.Repeat(double.NaN, length).ToArray();
        return _unknown;
    }

    private double[] _unknown = [];

    /// <summary>A small round, by the scalar sampler.</summary>
    private void DrawOneByOne(double[] n, double[] small, double[] flipped, double[] logQ, double[] results, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var trials = (int)n[i];
            var p = small[i];
            var flip = flipped[i] != 0;
            results[i] = !(p > 0.0) || trials <= 0 ? (flip ? trials : 0) : Binomial.SampleSmall(_scalar, trials, p, flip, logQ[i]);
        }
    }

    /// <summary>
    /// Writes the certain outcomes (n = 0, p = 0 or p = 1) and queues the others for inversion or
    /// BTRS as (n, p, key). The key is the integer 2·index + 1 when the draw counts failures
    /// (X = n − Binomial(n, 1 − p)), 2·index otherwise, kept as the bits of a double: a small
    /// non-negative integer's bits are a subnormal, never a NaN, so moving them keeps them intact.
    /// </summary>
    private void Classify(double[] n, double[] small, double[] flipped, double[] logQ, int count)
    {
        var inversion = _inversion;
        var rejection = _rejection;
        ref var nRef = ref MemoryMarshal.GetArrayDataReference(n);
        ref var smallRef = ref MemoryMarshal.GetArrayDataReference(small);
        ref var flippedRef = ref MemoryMarshal.GetArrayDataReference(flipped);
        ref var logQRef = ref MemoryMarshal.GetArrayDataReference(logQ);
        ref var resultsRef = ref MemoryMarshal.GetArrayDataReference(_results);
        int inverting = 0, rejecting = 0;
        for (var start = 0; start < count; start += Lanes)
        {
            var nv = Vector512.LoadUnsafe(ref nRef, (nuint)start);
            var p = Vector512.LoadUnsafe(ref smallRef, (nuint)start);
            var flip = ~Vector512.Equals(Vector512.LoadUnsafe(ref flippedRef, (nuint)start), Vector512<double>.Zero);
            Vector512.ConditionalSelect(flip, nv, Vector512<double>.Zero).StoreUnsafe(ref resultsRef, (nuint)start);
            var key = (((Vector512<long>.Indices + Vector512.Create((long)start)) << 1) | (flip.AsInt64() & Vector512<long>.One)).AsDouble();
            var random = FirstLanes(count - start) & Vector512.GreaterThan(nv * p, Vector512<double>.Zero);
            var inverted = random & Vector512.LessThan(nv * p, Vector512.Create(InversionMeanLimit));
            var rejected = Vector512.AndNot(random, inverted);
            inversion.Pack(LogQ, inverting, inverted, Vector512.LoadUnsafe(ref logQRef, (nuint)start));
            inverting += inversion.Pack(inverting, inverted, nv, p, key);
            rejecting += rejection.Pack(rejecting, rejected, nv, p, key);
        }
        inversion.Count = inverting;
        rejection.Count = rejecting;
    }

    // Column indices: every queue holds n, p and the key; the others hold a stage's state. The
    // finished draws hold their value where the queues hold n.
    private const int N = 0, P = 1, Key = 2, Value = 0;

    /// <summary>
    /// Finishes the draws of the lanes in <paramref name="lanes"/> with <paramref name="x"/>
    /// (n − x for a flipped draw): packs each final value with its key for <see cref="Scatter"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Finish(Vector512<double> lanes, Vector512<double> x, Vector512<double> n, Vector512<double> keys)
    {
        var done = _done;
        var count = BitOperations.PopCount(lanes.ExtractMostSignificantBits());
        if (count == 0)
            return;
        var flipped = Vector512.Equals(keys.AsInt64() & Vector512<long>.One, Vector512<long>.One).AsDouble();
        done.Pack(Value, done.Count, lanes, Vector512.ConditionalSelect(flipped, n - x, x));
        done.Pack(Key, done.Count, lanes, keys);
        done.Count += count;
    }

    /// <summary>Writes every finished draw to its index in the results, and empties the list.</summary>
    private void Scatter()
    {
        var done = _done;
        var results = _results;
        var values = done.Column(Value);
        var keys = done.Column(Key);
        for (var i = 0; i < done.Count; i++)
            results[(int)(BitConverter.DoubleToInt64Bits(keys[i]) >> 1)] = values[i];
        done.Count = 0;
    }

    /// <summary>The lanes [0, <paramref name="count"/>) as a mask (all eight when count ≥ 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> FirstLanes(int count) =>
        Vector512.LessThan(Vector512<double>.Indices, Vector512.Create((double)count));

    /// <summary>
    /// Queued draws as columns of doubles, each padded by a vector so the last lanes can be loaded
    /// and packed vectors stored whole. Indices are the batch's own, always in range, so the columns
    /// are read without bounds checks.
    /// </summary>
    private sealed class Columns(int capacity, int columns)
    {
        private readonly int _stride = capacity + 2 * Lanes;
        private readonly double[] _data = new double[columns * (capacity + 2 * Lanes)];

        public int Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ref double At(int column, int start) =>
            ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data), column * _stride + start);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> Load(int column, int start) => Vector512.LoadUnsafe(ref At(column, start));

        /// <summary>A whole column, to read entry by entry.</summary>
        public ReadOnlySpan<double> Column(int column) => _data.AsSpan(column * _stride, _stride);

        /// <summary>A whole column, to write.</summary>
        public Span<double> Writable(int column) => _data.AsSpan(column * _stride, _stride);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(int column, int start, Vector512<double> values) => values.StoreUnsafe(ref At(column, start));

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
            ref var target = ref At(column, start);
            var bits = lanes.ExtractMostSignificantBits();
            for (var i = 0; bits != 0; bits &= bits - 1, i++)
                Unsafe.Add(ref target, i) = values.GetElement(BitOperations.TrailingZeroCount(bits));
        }

        /// <summary>Packs n, p and the key of the selected lanes from <paramref name="start"/> on; returns how many.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Pack(int start, Vector512<double> lanes, Vector512<double> n, Vector512<double> p, Vector512<double> key)
        {
            var count = BitOperations.PopCount(lanes.ExtractMostSignificantBits());
            if (count == 0)
                return 0;
            Pack(N, start, lanes, n);
            Pack(P, start, lanes, p);
            Pack(Key, start, lanes, key);
            return count;
        }
    }
}
