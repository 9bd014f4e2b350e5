using Epy.Engine.Randomness;

namespace Epy.Engine.Tests.Randomness;

public sealed class BinomialBatchTests
{
    /// <summary>Draws per <see cref="BinomialBatch.Draw"/> in the tests: not a multiple of eight, so the last vector is partial.</summary>
    private const int PerRound = 13;

    [Theory]
    [MemberData(nameof(BinomialTests.Cases), MemberType = typeof(BinomialTests))]
    public void Draw_MatchesExactPmf_ChiSquare(int n, double p)
    {
        var observed = Sample(n, p, 200_000, seed: 2468);

        ChiSquareShouldPass(n, p, observed, 200_000);
    }

    [Fact]
    public void Draw_MixedRound_EveryDrawFollowsItsOwnDistribution()
    {
        // One round holds zeros, inversion, BTRS (squeezed and exactly tested) and flipped draws
        // side by side, packed into the same vectors: each tag must still get its own law.
        (int N, double P)[] cases = [(20, 0.3), (0, 0.5), (60, 0.2), (200_000, 0.0001), (5_000_000, 0.01), (50, 0.9), (4_000, 0.75), (7, 1.0), (300, 0.0)];
        const int rounds = 100_000;
        var batch = new BinomialBatch(cases.Length);
        batch.Seed(new Xoshiro256(97));
        var observed = cases.Select(_ => new Dictionary<int, int>()).ToArray();
        for (var r = 0; r < rounds; r++)
        {
            for (var i = 0; i < cases.Length; i++)
            {
                if (i % 2 == 0)
                    batch.Add(cases[i].N, cases[i].P, i);
                else
                    batch.Add(cases[i].N, new PreparedProbability(cases[i].P), i);
            }
            batch.Draw();
            for (var i = 0; i < cases.Length; i++)
                observed[i][batch.Results[i]] = observed[i].GetValueOrDefault(batch.Results[i]) + 1;
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
    public void Draw_CertainOutcomes_AreWrittenExactly()
    {
        var batch = new BinomialBatch(6);
        batch.Seed(new Xoshiro256(1));
        batch.Add(0, 0.5, 0);
        batch.Add(100, 0.0, 1);
        batch.Add(100, 1.0, 2);
        batch.Add(100, 1.5, 3);
        batch.Add(100, double.NaN, 4);
        batch.Add(100, new PreparedProbability(1.0), 5);
        batch.Draw();

        batch.Results.ShouldBe([0, 0, 100, 100, 0, 100]);
    }

    [Fact]
    public void Draw_SameSeed_SameDraws_AndPreparedEqualsPlain()
    {
        int[] Run(ulong seed, bool prepared)
        {
            var batch = new BinomialBatch(PerRound);
            batch.Seed(new Xoshiro256(seed));
            var draws = new List<int>();
            for (var r = 0; r < 200; r++)
            {
                for (var i = 0; i < PerRound; i++)
                {
                    var (n, p) = (10 + 97 * i * i, 0.03 * (i + 1));
                    if (prepared)
                        batch.Add(n, new PreparedProbability(p), i);
                    else
                        batch.Add(n, p, i);
                }
                batch.Draw();
                draws.AddRange(batch.Results);
            }
            return [.. draws];
        }

        Run(5, prepared: false).ShouldBe(Run(5, prepared: false));
        Run(5, prepared: true).ShouldBe(Run(5, prepared: false));
        Run(6, prepared: false).SequenceEqual(Run(5, prepared: false)).ShouldBeFalse();
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

    private static Dictionary<int, int> Sample(int n, double p, int draws, ulong seed)
    {
        var batch = new BinomialBatch(PerRound);
        batch.Seed(new Xoshiro256(seed));
        var prepared = new PreparedProbability(p);
        var observed = new Dictionary<int, int>();
        for (var made = 0; made < draws; made += PerRound)
        {
            var round = Math.Min(PerRound, draws - made);
            for (var i = 0; i < round; i++)
            {
                if (i % 2 == 0)
                    batch.Add(n, p, i);
                else
                    batch.Add(n, in prepared, i);
            }
            batch.Draw();
            for (var i = 0; i < round; i++)
                observed[batch.Results[i]] = observed.GetValueOrDefault(batch.Results[i]) + 1;
        }
        return observed;
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
}
