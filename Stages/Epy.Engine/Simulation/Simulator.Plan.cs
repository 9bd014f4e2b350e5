using System.Runtime.CompilerServices;
using Epy.Engine.Randomness;

namespace Epy.Engine.Simulation;

public sealed partial class Simulator
{
    private readonly Round _exits;
    private readonly Round[] _rounds;
    private readonly double[] _hazards;

    /// <summary>
    /// The draws of one round, one per (source, age group) taking part, as the columns
    /// <see cref="BinomialBatch.Draw(double[], double[], double[], double[], double[], int)"/> takes. A draw's p is filled once when it never changes
    /// (<see cref="Fixed"/>), else at every step.
    /// </summary>
    private sealed class Round
    {
        public Round(int count)
        {
            Count = count;
            var length = Math.Max(BinomialBatch.PaddedLength(count), 8);
            N = new double[length];
            Small = new double[length];
            Flipped = new double[length];
            LogQ = new double[length];
            Results = new double[length];
            Slot = new int[count];
            Source = new int[count];
            Age = new int[count];
            From = new int[count];
            Flow = new int[count];
            To = new int[count];
            Replica = new int[count];
            Fixed = new bool[count];
        }

        public int Count { get; }

        public double[] N { get; }

        public double[] Small { get; }

        public double[] Flipped { get; }

        /// <summary>ln(1 − Small) where known ahead (inversion's f(0) = e^{n·ln q}), NaN where the batch takes it.</summary>
        public double[] LogQ { get; }

        public double[] Results { get; }

        /// <summary>The (source, age group) slot of every draw: source index × ages + age.</summary>
        public int[] Slot { get; }

        public int[] Source { get; }

        public int[] Age { get; }

        /// <summary>The state index of the draw's source cell.</summary>
        public int[] From { get; }

        /// <summary>The flow index its people take: the round's target (split) or the source's last target (exit round).</summary>
        public int[] Flow { get; }

        /// <summary>The state index of that target's cell.</summary>
        public int[] To { get; }

        /// <summary>The replica the draw belongs to.</summary>
        public int[] Replica { get; }

        public bool[] Fixed { get; }

        /// <summary>True when no draw's p changes: nothing to fill at a step.</summary>
        public bool AllFixed { get; set; }

        /// <summary>The draws whose p comes from a per-step table of prepared probabilities.</summary>
        public int[] Varying { get; set; } = [];

        /// <summary>The draws of sources with a mediated or vaccination channel: p computed at every step.</summary>
        public int[] Computed { get; set; } = [];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void SetProbability(int i, double p)
        {
            p = double.IsNaN(p) ? 0.0 : Math.Clamp(p, 0.0, 1.0);
            var flipped = p > 0.5;
            Small[i] = flipped ? 1.0 - p : p;
            Flipped[i] = flipped ? 1.0 : 0.0;
            LogQ[i] = double.NaN;
        }

        /// <summary>
        /// p = 1 − e^{−H} given as p and H: where p ≤ 1/2, ln(1 − p) is −H itself, so the batch needs
        /// no logarithm for it (and q = e^{−H} is more exact than 1 − p).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void SetExitProbability(int i, double p, double hazard)
        {
            SetProbability(i, p);
            if (Flipped[i] == 0.0 && Small[i] > 0.0)
                LogQ[i] = -hazard;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void SetProbability(int i, in PreparedProbability p)
        {
            Small[i] = p.Small;
            Flipped[i] = p.Flipped ? 1.0 : 0.0;
            LogQ[i] = p.LogOneMinusSmall;
        }
    }

    /// <summary>
    /// The exit round (every source and age group of every replica) and one split round per target
    /// but the last; a round holds replica 0's draws, then replica 1's, ...
    /// </summary>
    private static (Round Exits, Round[] Splits) Plan(CompiledModel model, int replicas, ReplicaSizes sizes)
    {
        var ages = model.Layout.AgeGroupCount;
        var sources = model.Sources;
        var exits = Fill(new Round(replicas * sources.Length * ages), model, 0, leave: true, replicas, sizes);
        var rounds = sources.Length == 0 ? 0 : sources.Max(s => s.ChannelCount) - 1;
        var splits = new Round[rounds];
        for (var r = 0; r < rounds; r++)
        {
            var count = sources.Count(s => s.ChannelCount >= r + 2) * ages;
            splits[r] = Fill(new Round(replicas * count), model, r, leave: false, replicas, sizes);
        }
        return (exits, splits);
    }

    /// <summary>
    /// Takes up the model's probabilities again after <see cref="Reparameterisation.TryApply"/>
    /// changed its rates in place: the draws whose p never changes hold a copy.
    /// </summary>
    internal void Refresh()
    {
        Refill(_exits, _model, 0, leave: true);
        for (var r = 0; r < _rounds.Length; r++)
            Refill(_rounds[r], _model, r, leave: false);
    }

    private static void Refill(Round round, CompiledModel model, int split, bool leave)
    {
        for (var i = 0; i < round.Count; i++)
        {
            if (round.Fixed[i])
            {
                var probabilities = model.Sources[round.Source[i]].Fixed!;
                round.SetProbability(i, in (leave ? probabilities.Leave : probabilities.Split[split])[round.Age[i]]);
            }
        }
    }

    private static Round Fill(Round round, CompiledModel model, int split, bool leave, int replicas, ReplicaSizes sizes)
    {
        var sources = model.Sources;
        var ages = model.Layout.AgeGroupCount;
        var i = 0;
        for (var replica = 0; replica < replicas; replica++)
        {
            for (var s = 0; s < sources.Length; s++)
            {
                var source = sources[s];
                if (!leave && source.ChannelCount < split + 2)
                    continue;
                for (var k = 0; k < ages; k++, i++)
                {
                    round.Slot[i] = (replica * sources.Length + s) * ages + k;
                    round.Source[i] = s;
                    round.Age[i] = k;
                    round.From[i] = replica * sizes.State + source.Compartment * ages + k;
                    var f = leave ? source.FirstChannel + source.ChannelCount - 1 : source.FirstChannel + split;
                    round.Flow[i] = replica * sizes.Flows + f * ages + k;
                    round.To[i] = replica * sizes.State + model.Channels[f].Target * ages + k;
                    round.Replica[i] = replica;
                    if (source.Fixed is { TimeInvariant: true } probabilities)
                    {
                        round.Fixed[i] = true;
                        round.SetProbability(i, in (leave ? probabilities.Leave : probabilities.Split[split])[k]);
                    }
                }
            }
        }
        round.AllFixed = round.Fixed.All(f => f);
        round.Varying = [.. Enumerable.Range(0, round.Count).Where(j => !round.Fixed[j] && sources[round.Source[j]].Fixed is not null)];
        round.Computed = [.. Enumerable.Range(0, round.Count).Where(j => sources[round.Source[j]].Fixed is null)];
        return round;
    }
}
