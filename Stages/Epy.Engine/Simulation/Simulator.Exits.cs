using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Epy.Engine.Randomness;

namespace Epy.Engine.Simulation;

public sealed partial class Simulator
{
    private readonly HazardTerm[] _terms;
    private readonly int[] _termsOf;
    private readonly double[] _totalHazard;
    private readonly double[] _exitProbability;

    /// <summary>
    /// One part of the hazard of a computed exit draw: channel <see cref="Hazard"/>'s table
    /// <see cref="Rate"/> at the step's cell, times the force of infection at <see cref="Foi"/>
    /// (−1: a spontaneous rate, times 1). Flattened from the model's records at construction, so a
    /// step reads two arrays instead of following six references.
    /// </summary>
    private readonly record struct HazardTerm(int Hazard, double[] Rate, int Foi);

    /// <summary>The terms of every computed exit draw, in order, and where each draw's start.</summary>
    private static (HazardTerm[] Terms, int[] TermsOf) PlanHazards(CompiledModel model, Round exits, ReplicaSizes sizes)
    {
        var ages = model.Layout.AgeGroupCount;
        var terms = new List<HazardTerm>();
        var termsOf = new List<int>();
        foreach (var i in exits.Computed)
        {
            termsOf.Add(terms.Count);
            var source = model.Sources[exits.Source[i]];
            var k = exits.Age[i];
            // The replica's hazards and forces of infection follow the replicas' before it.
            var hazards = exits.Replica[i] * sizes.Hazards;
            var foi = exits.Replica[i] * sizes.Foi;
            for (var f = source.FirstChannel; f < source.FirstChannel + source.ChannelCount; f++)
            {
                var channel = model.Channels[f];
                if (channel.Vaccinations.Length > 0)
                {
                    terms.Add(new HazardTerm(hazards + f * ages + k, [], int.MinValue)); // the general formula, at every step
                    continue;
                }
                if (channel.Spontaneous is { } rate)
                    terms.Add(new HazardTerm(hazards + f * ages + k, rate, -1));
                foreach (var term in channel.Mediated)
                    terms.Add(new HazardTerm(hazards + f * ages + k, term.BaseRate, foi + term.MediatorSlot * ages + k));
                if (channel.Spontaneous is null && channel.Mediated.Length == 0)
                    terms.Add(new HazardTerm(hazards + f * ages + k, new double[model.Grid.Steps * ages], -1));
            }
        }
        termsOf.Add(terms.Count);
        return ([.. terms], [.. termsOf]);
    }

    /// <summary>
    /// The exit probabilities that change: a prepared one of this step's table, or p = 1 − e^{−H}
    /// (min(1, H) with the linear approximation) of a source with a mediated or vaccination channel,
    /// whose exponentials are taken eight at a time. Keeps every channel's hazard r_d·dt for the splits.
    /// </summary>
    private void SetExitProbabilities(Round round, int t)
    {
        var sources = _model.Sources;
        var ages = _model.Layout.AgeGroupCount;
        foreach (var i in round.Varying)
            round.SetProbability(i, in sources[round.Source[i]].Fixed!.Leave[t * ages + round.Age[i]]);

        var computed = round.Computed;
        if (computed.Length == 0)
            return;
        var dt = _model.Grid.Dt;
        // Indices come from the plan (always in range): read without bounds checks, which at a
        // handful of terms a step cost more than the arithmetic.
        ref var terms = ref MemoryMarshal.GetArrayDataReference(_terms);
        ref var termsOf = ref MemoryMarshal.GetArrayDataReference(_termsOf);
        ref var hazards = ref MemoryMarshal.GetArrayDataReference(_hazards);
        ref var foi = ref MemoryMarshal.GetArrayDataReference(_forceOfInfection);
        ref var n = ref MemoryMarshal.GetArrayDataReference(round.N);
        ref var age = ref MemoryMarshal.GetArrayDataReference(round.Age);
        ref var totals = ref MemoryMarshal.GetArrayDataReference(_totalHazard);
        for (var j = 0; j < computed.Length; j++)
        {
            var i = computed[j];
            var k = Unsafe.Add(ref age, i);
            var cell = t * ages + k;
            var total = 0.0;
            if (Unsafe.Add(ref n, i) > 0)
            {
                var first = Unsafe.Add(ref termsOf, j);
                var end = Unsafe.Add(ref termsOf, j + 1);
                for (var term = first; term < end; term++)
                    Unsafe.Add(ref hazards, Unsafe.Add(ref terms, term).Hazard) = 0.0;
                for (var term = first; term < end; term++)
                {
                    ref readonly var part = ref Unsafe.Add(ref terms, term);
                    var at = part.Foi;
                    var h = at == int.MinValue ? VaccinationChannelRate(part.Hazard, t, k)
                        : Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(part.Rate), cell) * (at < 0 ? 1.0 : Unsafe.Add(ref foi, at));
                    Unsafe.Add(ref hazards, part.Hazard) += h * dt;
                    total += h * dt;
                }
            }
            Unsafe.Add(ref totals, j) = total;
        }

        var linear = _model.Options.LinearApproximation;
        if (computed.Length < 4)
        {
            // Too few for a vector's worth: its exponential's latency is the cost (a one-group model).
            for (var j = 0; j < computed.Length; j++)
                SetExitProbability(round, computed[j], linear ? Math.Min(_totalHazard[j], 1.0) : 1.0 - PortableMath.Exp(-_totalHazard[j]), _totalHazard[j], linear);
            return;
        }
        if (!_batch.Vectorised)
        {
            // The vector exponential one lane at a time: the same numbers as below.
            for (var j = 0; j < computed.Length; j++)
                SetExitProbability(round, computed[j], linear ? Math.Min(_totalHazard[j], 1.0) : 1.0 - VectorMath.Exp(-_totalHazard[j]), _totalHazard[j], linear);
            return;
        }
        ref var probabilities = ref MemoryMarshal.GetArrayDataReference(_exitProbability);
        for (var start = 0; start < computed.Length; start += 8)
        {
            var total = Vector512.LoadUnsafe(ref totals, (nuint)start);
            var p = linear ? Vector512.Min(total, Vector512<double>.One) : Vector512<double>.One - VectorMath.Exp(-total);
            p.StoreUnsafe(ref probabilities, (nuint)start);
        }
        for (var j = 0; j < computed.Length; j++)
            SetExitProbability(round, computed[j], _exitProbability[j], _totalHazard[j], linear);
    }

    /// <summary>A computed exit probability; with p = 1 − e^{−H} (not the linear approximation) ln q is −H.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetExitProbability(Round round, int i, double p, double hazard, bool linear)
    {
        if (linear)
            round.SetProbability(i, p);
        else
            round.SetExitProbability(i, p, hazard);
    }

    /// <summary>The whole rate of a channel with a vaccination term, by the general formula, in the hazard's replica.</summary>
    private double VaccinationChannelRate(int hazard, int t, int k)
    {
        var ages = _model.Layout.AgeGroupCount;
        var (replica, cell) = Math.DivRem(hazard, _sizes.Hazards);
        return Hazards.ChannelRate<double>(_model.Channels[cell / ages], t * ages + k, k, ages, _forceOfInfection.AsSpan(replica * _sizes.Foi, _sizes.Foi),
            _state.AsSpan(replica * _sizes.State, _sizes.State), _model.Grid.Dt);
    }
}
