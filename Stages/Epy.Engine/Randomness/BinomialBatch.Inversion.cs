using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Epy.Engine.Randomness;

internal sealed partial class BinomialBatch
{
    // Columns of the inversion queue beyond n, p and the key: the uniform and f(0) = qⁿ.
    private const int U = 3, F0 = 4;

    /// <summary>
    /// Inversion in two stages. First every draw gets its uniform, and one at most 1 − n·p is a 0
    /// (most draws of a small mean). The others, packed, walk the CDF together from f(0) = qⁿ with
    /// f(x) = f(x−1)·(n−x+1)/x·p/q until the uniform is used up.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Inversion(ref LaneGenerator generator, Columns queue)
    {
        var walking = ZeroSqueeze(ref generator, queue);
        ZeroProbabilities(queue, walking);
        Walks(ref generator, queue, walking);
        queue.Count = 0;
    }

    /// <summary>Every queued draw gets its uniform; the zeros are written, the others packed at the front with it. Returns how many walk.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ZeroSqueeze(ref LaneGenerator generator, Columns queue)
    {
        var g = generator;
        var count = queue.Count;
        var walking = 0;
        for (var start = 0; start < count; start += Lanes)
        {
            var n = queue.Load(N, start);
            var p = queue.Load(P, start);
            var key = queue.Load(Key, start);
            var u = g.NextDouble();
            var valid = FirstLanes(count - start);
            var zero = Vector512.LessThanOrEqual(u, Vector512<double>.One - n * p) & valid;
            Finish(zero, Vector512<double>.Zero, n, key);
            var walk = Vector512.AndNot(valid, zero);
            var walkers = queue.Pack(walking, walk, n, p, key);
            if (walkers > 0)
            {
                queue.Pack(U, walking, walk, u);
                walking += walkers;
            }
        }
        generator = g;
        return walking;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Walks(ref LaneGenerator generator, Columns queue, int walking)
    {
        var g = generator;
        for (var start = 0; start < walking; start += Lanes)
        {
            var n = queue.Load(N, start);
            var valid = FirstLanes(walking - start);
            var x = Walk(ref g, n, queue.Load(P, start), queue.Load(U, start), queue.Load(F0, start), valid);
            Finish(valid, x, n, queue.Load(Key, start));
        }
        generator = g;
    }

    /// <summary>f(0) = qⁿ = e^{n·ln(1 − p)} of the first <paramref name="count"/> queued draws, into the F0 column.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ZeroProbabilities(Columns queue, int count)
    {
        for (var start = 0; start < count; start += Lanes)
            queue.Store(F0, start, VectorMath.Exp(queue.Load(N, start) * VectorMath.Log(Vector512<double>.One - queue.Load(P, start))));
    }

    private static Vector512<double> Walk(ref LaneGenerator generator, Vector512<double> n, Vector512<double> p, Vector512<double> u, Vector512<double> q0, Vector512<double> valid)
    {
        var odds = p / (Vector512<double>.One - p);
        var reciprocals = Binomial.Reciprocals;
        var found = ~valid;
        var x = Vector512<double>.Zero;
        while (true)
        {
            // Every lane still walking has taken the same number of steps, i, so 1/i is one scalar.
            var px = q0;
            for (var i = 1; ; i++)
            {
                var step = Vector512.AndNot(Vector512.GreaterThan(u, px) & Vector512.LessThan(x, n), found);
                if (step == Vector512<double>.Zero)
                    break;
                u = Vector512.ConditionalSelect(step, u - px, u);
                x = Vector512.ConditionalSelect(step, x + Vector512<double>.One, x);
                var reciprocal = i < reciprocals.Length ? reciprocals[i] : 1.0 / i;
                px = Vector512.ConditionalSelect(step, px * ((n - Vector512.Create(i - 1.0)) * odds * reciprocal), px);
            }
            found |= Vector512.LessThanOrEqual(u, px);
            if (AllSet(found))
                return x;
            // Rounding left u above the whole computed mass (the walk reached n): start again.
            u = Vector512.ConditionalSelect(found, u, generator.NextDouble());
            x = Vector512.ConditionalSelect(found, x, Vector512<double>.Zero);
        }
    }
}
