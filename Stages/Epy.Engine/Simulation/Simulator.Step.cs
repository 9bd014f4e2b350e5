using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Epy.Engine.Randomness;

namespace Epy.Engine.Simulation;

// The loops of a step index the state and flows through tables the planner built (Round.From,
// Flow, To), always in range; they read them without bounds checks, which cost more than the
// work itself at five age groups.
public sealed partial class Simulator
{
    /// <summary>Binomial(n, 1 − e^{−H}) leavers for every source and age group; they leave their sources at once.</summary>
    private void DrawExits(int t)
    {
        var round = _exits;
        var count = round.Count;
        ref var state = ref MemoryMarshal.GetArrayDataReference(_state);
        var n = round.N.AsSpan(0, count);
        var from = round.From.AsSpan(0, count);
        for (var i = 0; i < from.Length; i++)
            n[i] = Unsafe.Add(ref state, from[i]);
        Clock?.Lap(SimulationPhase.Bookkeeping);
        if (!round.AllFixed)
            SetExitProbabilities(round, t);
        Clock?.Lap(SimulationPhase.Rates);
        _batch.Draw(round.N, round.Small, round.Flipped, round.LogQ, round.Results, count);
        Clock?.Lap(SimulationPhase.Draws);

        var leaving = round.Results.AsSpan(0, count);
        for (var i = 0; i < from.Length; i++)
            Unsafe.Add(ref state, from[i]) -= leaving[i];
    }

    /// <summary>
    /// Split round <paramref name="r"/>: of the leavers not yet placed, how many take target r of
    /// their source, by conditional binomials (the share of that target among those not yet drawn).
    /// </summary>
    private void DrawSplit(Round round, int r, int t)
    {
        var count = round.Count;
        var placing = _exits.Results;
        var n = round.N.AsSpan(0, count);
        var slots = round.Slot.AsSpan(0, count);
        for (var i = 0; i < slots.Length; i++)
            n[i] = placing[slots[i]];
        Clock?.Lap(SimulationPhase.Bookkeeping);
        if (!round.AllFixed)
            SetSplitProbabilities(round, r, t);
        Clock?.Lap(SimulationPhase.Rates);
        _batch.Draw(round.N, round.Small, round.Flipped, round.LogQ, round.Results, count);
        Clock?.Lap(SimulationPhase.Draws);

        ref var state = ref MemoryMarshal.GetArrayDataReference(_state);
        ref var flows = ref MemoryMarshal.GetArrayDataReference(_flows);
        var moved = round.Results.AsSpan(0, count);
        var flow = round.Flow.AsSpan(0, count);
        var to = round.To.AsSpan(0, count);
        for (var i = 0; i < moved.Length; i++)
        {
            var people = moved[i];
            placing[slots[i]] -= people;
            Unsafe.Add(ref flows, flow[i]) = people;
            Unsafe.Add(ref state, to[i]) += people;
        }
    }

    private void SetSplitProbabilities(Round round, int r, int t)
    {
        var sources = _model.Sources;
        var ages = _model.Layout.AgeGroupCount;
        for (var i = 0; i < round.Count; i++)
        {
            if (round.Fixed[i])
                continue;
            var source = sources[round.Source[i]];
            var k = round.Age[i];
            if (source.Fixed is { } probabilities)
            {
                round.SetProbability(i, in probabilities.Split[r][t * ages + k]);
                continue;
            }
            // Conditional binomials: the share of this target among the targets not yet drawn.
            var hazards = _hazards.AsSpan(round.Replica[i] * _sizes.Hazards, _sizes.Hazards);
            var remainingHazard = 0.0;
            for (var f = source.FirstChannel + r; f < source.FirstChannel + source.ChannelCount; f++)
                remainingHazard += hazards[f * ages + k];
            round.SetProbability(i, round.N[i] > 0 ? hazards[(source.FirstChannel + r) * ages + k] / remainingHazard : 0.0);
        }
    }

    /// <summary>Everyone still unplaced takes their source's last target.</summary>
    private void Arrive()
    {
        var round = _exits;
        var count = round.Count;
        ref var state = ref MemoryMarshal.GetArrayDataReference(_state);
        ref var flows = ref MemoryMarshal.GetArrayDataReference(_flows);
        var placing = round.Results.AsSpan(0, count);
        var flow = round.Flow.AsSpan(0, count);
        var to = round.To.AsSpan(0, count);
        for (var i = 0; i < placing.Length; i++)
        {
            var people = placing[i];
            Unsafe.Add(ref flows, flow[i]) = people;
            Unsafe.Add(ref state, to[i]) += people;
        }
    }

    /// <summary>
    /// Copies whole numbers held as doubles into <paramref name="target"/>, sixteen at a time
    /// (reading no further than <paramref name="target"/>'s length into <paramref name="source"/>).
    /// </summary>
    private static void CopyAsIntegers(ReadOnlySpan<double> source, Span<int> target, bool vectorised)
    {
        ref var from = ref MemoryMarshal.GetReference(source);
        var i = 0;
        for (; vectorised && i + 16 <= target.Length; i += 16)
        {
            var low = Vector512.ConvertToInt64(Vector512.LoadUnsafe(ref from, (nuint)i));
            var high = Vector512.ConvertToInt64(Vector512.LoadUnsafe(ref from, (nuint)i + 8));
            Vector512.Narrow(low, high).CopyTo(target[i..]);
        }
        for (; i < target.Length; i++)
            target[i] = (int)Unsafe.Add(ref from, i);
    }
}
