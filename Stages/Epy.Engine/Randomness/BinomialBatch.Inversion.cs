using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Epy.Engine.Randomness;

internal sealed partial class BinomialBatch
{
    // Columns of the inversion queue beyond n, p and the key: the uniform, f(0) = qⁿ and ln q (NaN: not known).
    private const int U = 3, F0 = 4, LogQ = 5;

    // Inversion in two stages. First every draw gets its uniform, and one at most 1 − n·p is a 0
    // (most draws of a small mean); the others are packed with f(0) = qⁿ (taken in the same pass:
    // a pass of its own would wait for the packed columns) and walk the CDF together with
    // f(x) = f(x−1)·(n−x+1)/x·p/q until the uniform is used up.

    /// <summary>The zero squeeze of every queued inversion draw; returns how many walk.</summary>
    private int ZeroSqueeze() => Vectorised ? ZeroSqueezeVectors(ref _generator, _inversion) : ZeroSqueezeLaneByLane();

    /// <summary>The walks of the first <paramref name="walking"/> queued draws.</summary>
    private void Walks(int walking)
    {
        if (Vectorised)
            WalkVectors(ref _generator, _inversion, walking);
        else
            WalksLaneByLane(walking);
    }

    /// <summary>Every queued draw gets its uniform; the zeros are written, the others packed at the front with it and f(0). Returns how many walk.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ZeroSqueezeVectors(ref LaneGenerator generator, Columns queue)
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
                queue.Pack(F0, walking, walk, ZeroProbability(n, p, queue.Load(LogQ, start)));
                walking += walkers;
            }
        }
        generator = g;
        return walking;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WalkVectors(ref LaneGenerator generator, Columns queue, int walking)
    {
        var g = generator;
        var start = 0;
        for (; start + Lanes < walking; start += 2 * Lanes)
        {
            // Two vectors' walks at once, their chains interleaved.
            var n1 = queue.Load(N, start);
            var n2 = queue.Load(N, start + Lanes);
            var valid2 = FirstLanes(walking - start - Lanes);
            var (x1, x2) = WalkTwo(ref g, n1, queue.Load(P, start), queue.Load(U, start), queue.Load(F0, start),
                n2, queue.Load(P, start + Lanes), queue.Load(U, start + Lanes), queue.Load(F0, start + Lanes), valid2);
            Finish(Vector512<double>.AllBitsSet, x1, n1, queue.Load(Key, start));
            Finish(valid2, x2, n2, queue.Load(Key, start + Lanes));
        }
        for (; start < walking; start += Lanes)
        {
            var n = queue.Load(N, start);
            var valid = FirstLanes(walking - start);
            var x = Walk(ref g, n, queue.Load(P, start), queue.Load(U, start), queue.Load(F0, start), valid);
            Finish(valid, x, n, queue.Load(Key, start));
        }
        generator = g;
    }

    /// <summary>f(0) = qⁿ = e^{n·ln(1 − p)} in every lane, with ln(1 − p) as given where known (not NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ZeroProbability(Vector512<double> n, Vector512<double> p, Vector512<double> logQ)
    {
        var unknown = ~Vector512.Equals(logQ, logQ);
        if (unknown != Vector512<double>.Zero)
            logQ = Vector512.ConditionalSelect(unknown, VectorMath.Log(Vector512<double>.One - p), logQ);
        return VectorMath.Exp(n * logQ);
    }

    /// <summary>
    /// The CDF walk of eight draws: x is the first i with u ≤ f(0) + … + f(i), found by taking f(i)
    /// off u step by step. Every lane still walking is at the same i, so each step costs a few
    /// vector operations and one scalar 1/i; the loop checks for the end every two steps. A lane
    /// whose walk reaches n with u left over (rounding) starts again with a fresh uniform.
    /// </summary>
    private static Vector512<double> Walk(ref LaneGenerator generator, Vector512<double> n, Vector512<double> p, Vector512<double> u, Vector512<double> q0, Vector512<double> valid)
    {
        var odds = p / (Vector512<double>.One - p);
        var x = Vector512<double>.Zero;
        var again = WalkFromZero(ref u, ref x, valid, n, odds, q0);
        return again == Vector512<double>.Zero ? x : Restart(ref generator, n, odds, u, q0, x, again);
    }

    /// <summary>
    /// One walk of the lanes in <paramref name="walking"/> from f(0) = <paramref name="q0"/>, two
    /// steps between checks for the end: x set where u is used up; returns the lanes that reached n
    /// with u left over.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> WalkFromZero(ref Vector512<double> u, ref Vector512<double> x, Vector512<double> walking,
        Vector512<double> n, Vector512<double> odds, Vector512<double> q0)
    {
        var reciprocals = Binomial.Reciprocals;
        var again = Vector512<double>.Zero;
        var f = q0;
        var i = 0;
        while (true)
        {
            Step(ref u, ref f, ref x, ref walking, ref again, n, odds, reciprocals, ref i);
            Step(ref u, ref f, ref x, ref walking, ref again, n, odds, reciprocals, ref i);
            if (walking == Vector512<double>.Zero)
                return again;
        }
    }

    /// <summary>
    /// The walks of two vectors (the first's lanes all valid, the second's in <paramref name="valid2"/>)
    /// in one loop, so their chains of dependent steps overlap. A first pass takes no uniform, so
    /// restarts, first's then second's, draw what two walks one after the other would.
    /// </summary>
    private static (Vector512<double>, Vector512<double>) WalkTwo(ref LaneGenerator generator,
        Vector512<double> n1, Vector512<double> p1, Vector512<double> u1, Vector512<double> q1,
        Vector512<double> n2, Vector512<double> p2, Vector512<double> u2, Vector512<double> q2, Vector512<double> valid2)
    {
        var odds1 = p1 / (Vector512<double>.One - p1);
        var odds2 = p2 / (Vector512<double>.One - p2);
        var reciprocals = Binomial.Reciprocals;
        Vector512<double> x1 = Vector512<double>.Zero, x2 = Vector512<double>.Zero;
        Vector512<double> again1 = Vector512<double>.Zero, again2 = Vector512<double>.Zero;
        var walking1 = Vector512<double>.AllBitsSet;
        var walking2 = valid2;
        var f1 = q1;
        var f2 = q2;
        int i1 = 0, i2 = 0;
        while (true)
        {
            Step(ref u1, ref f1, ref x1, ref walking1, ref again1, n1, odds1, reciprocals, ref i1);
            Step(ref u2, ref f2, ref x2, ref walking2, ref again2, n2, odds2, reciprocals, ref i2);
            Step(ref u1, ref f1, ref x1, ref walking1, ref again1, n1, odds1, reciprocals, ref i1);
            Step(ref u2, ref f2, ref x2, ref walking2, ref again2, n2, odds2, reciprocals, ref i2);
            if ((walking1 | walking2) == Vector512<double>.Zero)
                break;
        }
        if (again1 != Vector512<double>.Zero)
            x1 = Restart(ref generator, n1, odds1, u1, q1, x1, again1);
        if (again2 != Vector512<double>.Zero)
            x2 = Restart(ref generator, n2, odds2, u2, q2, x2, again2);
        return (x1, x2);
    }

    /// <summary>The lanes in <paramref name="again"/> walk again from 0 with fresh uniforms, until every one ends inside the mass.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<double> Restart(ref LaneGenerator generator, Vector512<double> n, Vector512<double> odds, Vector512<double> u,
        Vector512<double> q0, Vector512<double> x, Vector512<double> again)
    {
        while (again != Vector512<double>.Zero)
        {
            u = Vector512.ConditionalSelect(again, generator.NextDouble(), u);
            again = WalkFromZero(ref u, ref x, again, n, odds, q0);
        }
        return x;
    }

    /// <summary>One step of the walk at x = i: lanes with u ≤ f(i) stop there, lanes at i = n start again.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ref Vector512<double> u, ref Vector512<double> f, ref Vector512<double> x, ref Vector512<double> walking, ref Vector512<double> again,
        Vector512<double> n, Vector512<double> odds, double[] reciprocals, ref int i)
    {
        var at = Vector512.Create((double)i);
        var stop = walking & Vector512.LessThanOrEqual(u, f);
        x = Vector512.ConditionalSelect(stop, at, x);
        walking = Vector512.AndNot(walking, stop);
        var end = walking & Vector512.LessThanOrEqual(n, at);
        again |= end;
        walking = Vector512.AndNot(walking, end);
        u -= f;
        i++;
        var reciprocal = i < reciprocals.Length ? reciprocals[i] : 1.0 / i;
        f *= (n - at) * odds * reciprocal;
    }
}
