using Epy.Engine.Randomness;

namespace Epy.Engine.Tests.Randomness;

public sealed class BinomialBatchTests
{
    /// <summary>
    /// Draws per <see cref="BinomialBatch.Draw"/> in the tests: not a multiple of eight, so the last
    /// vector is partial, and enough that BTRS's exact test runs on whole vectors as well as on the
    /// last one or two candidates (tested one by one).
    /// </summary>
    private const int PerRound = 61;

    [Theory]
    [MemberData(nameof(BinomialTests.Cases), MemberType = typeof(BinomialTests))]
    public void Draw_MatchesExactPmf_ChiSquare(int n, double p) => ChiSquareTest(n, p, PerRound);

    /// <summary>Rounds of two draws: BTRS's exact test then mostly runs one candidate at a time, by the scalar test.</summary>
    [Theory]
    [InlineData(60, 0.2)]
    [InlineData(1_000, 0.3)]
    [InlineData(20_000, 0.05)]
    [InlineData(4_000, 0.75)]
    public void Draw_SmallRounds_MatchExactPmf_ChiSquare(int n, double p) => ChiSquareTest(n, p, 2);

    private static void ChiSquareTest(int n, double p, int perRound)
    {
        // Five times the scalar sampler's test: cheap here, and enough to see a bias of a few
        // hundredths in the logarithm of BTRS's exact test far from the mode.
        const int draws = 1_000_000;
        var round = new TestRound(perRound, seed: 2468);
        var observed = new Dictionary<int, int>();
        for (var made = 0; made < draws; made += perRound)
        {
            var count = Math.Min(perRound, draws - made);
            for (var i = 0; i < count; i++)
                round.Set(i, n, p);
            foreach (var x in round.Draw(count))
                observed[x] = observed.GetValueOrDefault(x) + 1;
        }

        ChiSquareShouldPass(n, p, observed, draws);
    }

    [Fact]
    public void Draw_MixedRound_EveryDrawFollowsItsOwnDistribution()
    {
        // One round holds zeros, inversion, BTRS (squeezed and exactly tested) and flipped draws
        // side by side, packed into the same vectors: each index must still get its own law.
        (int N, double P)[] cases = [(20, 0.3), (0, 0.5), (60, 0.2), (200_000, 0.0001), (5_000_000, 0.01), (50, 0.9), (4_000, 0.75), (7, 1.0), (300, 0.0), (25, 0.5)];
        const int rounds = 100_000;
        var round = new TestRound(cases.Length, seed: 97);
        var observed = cases.Select(_ => new Dictionary<int, int>()).ToArray();
        for (var r = 0; r < rounds; r++)
        {
            for (var i = 0; i < cases.Length; i++)
                round.Set(i, cases[i].N, cases[i].P);
            var draws = round.Draw(cases.Length);
            for (var i = 0; i < cases.Length; i++)
                observed[i][draws[i]] = observed[i].GetValueOrDefault(draws[i]) + 1;
        }

        for (var i = 0; i < cases.Length; i++)
        {
            var (n, p) = cases[i];
            if (n == 0 || p == 0 || p == 1)
                observed[i].Keys.ToArray().ShouldBe([p == 1 ? n : 0], $"Binomial({n}, {p})");
            else
                ChiSquareShouldPass(n, p, observed[i], rounds);
        }
    }

    [Fact]
    public void Draw_CertainOutcomes_AreExact()
    {
        var round = new TestRound(4, seed: 1);
        round.Set(0, 0, 0.5);
        round.Set(1, 100, 0.0);
        round.Set(2, 100, 1.0);
        round.Set(3, 3, 0.5);

        var draws = round.Draw(3);

        draws.ShouldBe([0, 0, 100]);
    }

    [Fact]
    public void Draw_SameSeed_SameDraws_OtherSeedDiffers()
    {
        int[] Run(ulong seed)
        {
            var round = new TestRound(PerRound, seed);
            var draws = new List<int>();
            for (var r = 0; r < 200; r++)
            {
                for (var i = 0; i < PerRound; i++)
                    round.Set(i, 10 + 97 * i * i, 0.03 * (i + 1));
                draws.AddRange(round.Draw(PerRound));
            }
            return [.. draws];
        }

        Run(5).ShouldBe(Run(5));
        Run(6).SequenceEqual(Run(5)).ShouldBeFalse();
    }

    [Fact]
    public void Draw_LaneByLane_GivesTheVectorCodesNumbers()
    {
        // Machines without 256-bit vector hardware run the batch lane by lane: every draw must be
        // the same as the vector code's, or a seed would give another simulation there.
        const int capacity = 70;
        var rng = new Xoshiro256(31);
        var vector = new BinomialBatch(capacity, vectorised: true);
        var lanes = new BinomialBatch(capacity, vectorised: false);
        vector.Seed(new Xoshiro256(8));
        lanes.Seed(new Xoshiro256(8));
        var length = BinomialBatch.PaddedLength(capacity);
        double[] n = new double[length], small = new double[length], flipped = new double[length];
        double[] fromVector = new double[length], fromLanes = new double[length];
        for (var round = 0; round < 3_000; round++)
        {
            var count = 5 + (int)rng.NextInt64(capacity - 4);
            for (var i = 0; i < count; i++)
            {
                // Means from 0 to about a million, certain outcomes, flipped p.
                var p = rng.NextInt64(20) == 0 ? (rng.NextInt64(2) == 0 ? 0.0 : 1.0) : Math.Pow(10, -6 * rng.NextDouble());
                p = rng.NextInt64(4) == 0 ? 1 - p : p;
                n[i] = rng.NextInt64(25) == 0 ? 0 : Math.Floor(Math.Pow(10, 7 * rng.NextDouble()));
                small[i] = Math.Min(p, 1 - p);
                flipped[i] = p > 0.5 ? 1 : 0;
            }
            vector.Draw(n, small, flipped, fromVector, count);
            lanes.Draw(n, small, flipped, fromLanes, count);

            fromLanes.AsSpan(0, count).ToArray().ShouldBe(fromVector.AsSpan(0, count).ToArray(), $"round {round}");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Draw_GivenLogarithms_GivesTheDrawsItWouldComputeItself(bool vectorised)
    {
        // The simulator passes ln(1 − p) of its prepared probabilities so inversion needs no
        // logarithm; given or computed here, a seed must give the same draws (rounds of 3 use the
        // scalar sampler, larger ones the batch).
        const int capacity = 40;
        var rng = new Xoshiro256(5);
        var given = new BinomialBatch(capacity, vectorised);
        var computed = new BinomialBatch(capacity, vectorised);
        given.Seed(new Xoshiro256(12));
        computed.Seed(new Xoshiro256(12));
        var length = BinomialBatch.PaddedLength(capacity);
        double[] n = new double[length], small = new double[length], flipped = new double[length], logQ = new double[length];
        double[] withLogs = new double[length], withoutLogs = new double[length];
        for (var round = 0; round < 2_000; round++)
        {
            var count = round % 5 == 0 ? 3 : 5 + (int)rng.NextInt64(capacity - 4);
            for (var i = 0; i < count; i++)
            {
                var p = Math.Pow(10, -4 * rng.NextDouble());
                n[i] = Math.Floor(Math.Pow(10, 3 * rng.NextDouble()));
                small[i] = Math.Min(p, 1 - p);
                flipped[i] = p > 0.5 ? 1 : 0;
                logQ[i] = rng.NextInt64(3) == 0 ? double.NaN : PortableMath.Log(1 - small[i]);
            }
            given.Draw(n, small, flipped, logQ, withLogs, count);
            computed.Draw(n, small, flipped, withoutLogs, count);

            withLogs.AsSpan(0, count).ToArray().ShouldBe(withoutLogs.AsSpan(0, count).ToArray(), $"round {round}");
        }
    }

    [Fact]
    public void Draw_LaneByLane_WalksThatStartAgain_GiveTheVectorCodesNumbers()
    {
        // A walk starts again only when rounding leaves u above the whole mass (almost never).
        // Too small an f(0), given through ln q, leaves mass missing in every walk, so restarts,
        // and walks two vectors at a time, are common here: both paths must still agree.
        const int capacity = 40;
        var rng = new Xoshiro256(17);
        var vector = new BinomialBatch(capacity, vectorised: true);
        var lanes = new BinomialBatch(capacity, vectorised: false);
        vector.Seed(new Xoshiro256(3));
        lanes.Seed(new Xoshiro256(3));
        var length = BinomialBatch.PaddedLength(capacity);
        double[] n = new double[length], small = new double[length], flipped = new double[length], logQ = new double[length];
        double[] fromVector = new double[length], fromLanes = new double[length];
        for (var round = 0; round < 2_000; round++)
        {
            var count = 5 + (int)rng.NextInt64(capacity - 4);
            for (var i = 0; i < count; i++)
            {
                n[i] = 1 + rng.NextInt64(30);
                small[i] = Math.Min(0.5, 9.0 / n[i]) * rng.NextOpenDouble();
                flipped[i] = rng.NextInt64(2);
                logQ[i] = PortableMath.Log(1 - small[i]) - 0.05;
            }
            vector.Draw(n, small, flipped, logQ, fromVector, count);
            lanes.Draw(n, small, flipped, logQ, fromLanes, count);

            fromLanes.AsSpan(0, count).ToArray().ShouldBe(fromVector.AsSpan(0, count).ToArray(), $"round {round}");
        }
    }

    [Fact]
    public void ExactTest_LaneByLane_HasTheVectorCodesBits()
    {
        // Both sides of BTRS's exact test, bit for bit: a difference of one unit in the last place
        // would almost never change a draw, so comparing draws alone could not show it.
        var rng = new Xoshiro256(77);
        double[] n = new double[8], p = new double[8], k = new double[8], us = new double[8], v = new double[8];
        for (var round = 0; round < 20_000; round++)
        {
            for (var lane = 0; lane < 8; lane++)
            {
                n[lane] = Math.Floor(Math.Pow(10, 1.3 + 5.4 * rng.NextDouble()));
                p[lane] = Math.Max(10.5 / n[lane], 0.5 * rng.NextOpenDouble());
                var sd = Math.Sqrt(n[lane] * p[lane] * (1 - p[lane]));
                k[lane] = Math.Clamp(Math.Floor(n[lane] * p[lane] + 6 * sd * (rng.NextDouble() - 0.5)), 0, n[lane]);
                us[lane] = 0.5 * rng.NextOpenDouble();
                v[lane] = rng.NextOpenDouble();
            }
            var vector = BinomialBatch.ExactTestSides(n, p, k, us, v);
            for (var lane = 0; lane < 8; lane++)
                BinomialBatch.ExactTestSidesOneLane(n[lane], p[lane], k[lane], us[lane], v[lane]).ShouldBe(vector[lane], $"n {n[lane]}, p {p[lane]}, k {k[lane]}");
        }
    }

    [Fact]
    public void Draw_MoreThanCapacity_IsRejected()
    {
        var batch = new BinomialBatch(4);
        var columns = new double[8];
        Should.Throw<ArgumentOutOfRangeException>(() => batch.Draw(columns, columns, columns, columns, 5));
    }

    [Fact]
    public void LaneGenerator_EachLaneIsTheXoshiroStreamOfItsSeed()
    {
        var parent = new Xoshiro256(321);
        var seeds = new Xoshiro256(321);
        var lanes = new LaneGenerator();
        lanes.Seed(parent);
        var scalar = Enumerable.Range(0, LaneGenerator.Lanes).Select(_ => new Xoshiro256(seeds.NextUInt64())).ToArray();
        for (var step = 0; step < 100; step++)
        {
            var values = lanes.Next();
            for (var lane = 0; lane < LaneGenerator.Lanes; lane++)
                System.Runtime.Intrinsics.Vector512.GetElement(values, lane).ShouldBe(scalar[lane].NextUInt64());
        }
    }

    private static void ChiSquareShouldPass(int n, double p, Dictionary<int, int> observed, int draws)
    {
        var mean = n * p;
        var sd = Math.Sqrt(n * p * (1 - p));
        var lowest = Math.Max(0, (int)(mean - 12 * sd) - 2);
        var highest = Math.Min(n, (int)(mean + 12 * sd) + 2);
        observed.Keys.ShouldAllBe(k => k >= lowest && k <= highest);

        var (chi, df) = Statistics.ChiSquare(observed, k => Statistics.BinomialPmf(n, p, k), lowest, highest, draws);

        chi.ShouldBeLessThan(Statistics.ChiSquareCritical(df), $"Binomial({n}, {p}): chi-square {chi:F1} on {df} degrees of freedom");
    }

    /// <summary>The columns of one round, filled from (n, p) the way the simulator fills them.</summary>
    private sealed class TestRound
    {
        private readonly BinomialBatch _batch;
        private readonly double[] _n, _small, _flipped, _results;

        public TestRound(int capacity, ulong seed)
        {
            _batch = new BinomialBatch(capacity);
            _batch.Seed(new Xoshiro256(seed));
            var length = BinomialBatch.PaddedLength(capacity);
            (_n, _small, _flipped, _results) = (new double[length], new double[length], new double[length], new double[length]);
        }

        public void Set(int i, int n, double p)
        {
            _n[i] = n;
            _small[i] = Math.Min(p, 1 - p);
            _flipped[i] = p > 0.5 ? 1 : 0;
        }

        public int[] Draw(int count)
        {
            _batch.Draw(_n, _small, _flipped, _results, count);
            return [.. _results.Take(count).Select(x => (int)x)];
        }
    }
}
