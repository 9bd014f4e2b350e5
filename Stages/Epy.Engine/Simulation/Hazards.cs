using System.Numerics;
using System.Runtime.CompilerServices;
using Epy.Engine.Randomness;

namespace Epy.Engine.Simulation;

/// <summary>
/// Per-capita rates of a compiled model at one step, from a start-of-step state held as whole
/// counts (the stochastic simulator) or as expected values (the mean-field check): one formula for both.
/// </summary>
internal static class Hazards
{
    /// <summary>foi[slot][k] = Σ_j C_t[k, j] · X[mediator, j] / N_j, from the start-of-step state.</summary>
    public static void ForceOfInfection<T>(CompiledModel model, int t, ReadOnlySpan<T> state, Span<double> scratch, Span<double> forceOfInfection)
        where T : INumber<T>
    {
        var ages = model.Layout.AgeGroupCount;
        var matrix = model.ContactMatrices.AsSpan(model.MatrixOfStep[t] * ages * ages, ages * ages);
        var scaled = scratch[..ages];
        var inverseSizes = model.InverseSizes.AsSpan(0, ages);
        for (var slot = 0; slot < model.Mediators.Length; slot++)
        {
            var mediator = state.Slice(model.Mediators[slot] * ages, ages);
            for (var j = 0; j < ages; j++)
                scaled[j] = double.CreateTruncating(mediator[j]) * inverseSizes[j];
            var foi = forceOfInfection.Slice(slot * ages, ages);
            for (var k = 0; k < ages; k++)
            {
                var row = matrix.Slice(k * ages, ages);
                var sum = 0.0;
                for (var j = 0; j < ages; j++)
                    sum += row[j] * scaled[j];
                foi[k] = sum;
            }
        }
    }

    /// <summary>The summed per-day rate of one channel for age group <paramref name="k"/> at table cell <paramref name="cell"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ChannelRate<T>(CompiledModel.Channel channel, int cell, int k, int ages, ReadOnlySpan<double> forceOfInfection, ReadOnlySpan<T> state, double dt)
        where T : INumber<T>
    {
        var rate = channel.Spontaneous is { } spontaneous ? spontaneous[cell] : 0.0;
        foreach (var term in channel.Mediated)
            rate += term.BaseRate[cell] * forceOfInfection[term.MediatorSlot * ages + k];
        foreach (var term in channel.Vaccinations)
            rate += VaccinationRate(term, cell, k, ages, state, dt);
        return rate;
    }

    /// <summary>
    /// The doses of the step shared over everyone eligible give each eligible person the probability
    /// p = doses·dt / eligible of a dose (capped just below 1); as a rate, −ln(1 − p)/dt.
    /// </summary>
    private static double VaccinationRate<T>(CompiledModel.VaccinationTerm term, int cell, int k, int ages, ReadOnlySpan<T> state, double dt)
        where T : INumber<T>
    {
        var doses = term.DosesPerDay[cell] * dt;
        if (doses <= 0)
            return 0;
        var eligible = 0.0;
        foreach (var c in term.Eligible)
            eligible += double.CreateTruncating(state[c * ages + k]);
        if (eligible <= 0)
            return 0;
        var p = Math.Min(doses / eligible, 1.0 - 1e-12);
        return -PortableMath.Log(1.0 - p) / dt;
    }
}
