using Epy.Engine.Demography;
using Epy.Engine.Model;

namespace Epy.Engine.Simulation;

public sealed partial class CompiledModel
{
    /// <summary>
    /// Puts the rates of <paramref name="model"/> (same compartments and transitions as the model
    /// this one was compiled from, other parameter values) and <paramref name="initial"/> into this
    /// model, on its own grid, population contacts and eigenvalue: what a calibration particle
    /// changes, without compiling the rest again. The tables keep their arrays, so a
    /// <see cref="Simulator"/> on this model stays valid once told to <see cref="Simulator.Refresh"/>.
    /// Returns false when the new rates change the model's shape (a channel gains or loses a kind
    /// of term, a source's exit probabilities start or stop varying in time); this model is then
    /// left inconsistent and must be compiled afresh. Only for a model one thread owns.
    /// </summary>
    internal bool TryReparameterise(ModelDefinition model, Population population, InitialConditions initial)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(initial);
        var ages = Layout.AgeGroups.Count;
        CheckInitial(model, initial, ages);
        var tables = ParameterTables.Evaluate(model.Parameters, Grid, ages, Eigenvalue, model.ParameterOverrides, model.Seasonality, model.ParameterScalings);
        var (mediators, built) = BuildChannels(model, CompartmentIndex(model.Compartments), tables, Grid, population);
        if (!mediators.AsSpan().SequenceEqual(Mediators) || !SameShape(built))
            return false;

        for (var f = 0; f < Channels.Length; f++)
        {
            var (into, from) = (Channels[f], built[f]);
            from.Spontaneous?.CopyTo(into.Spontaneous!, 0);
            for (var m = 0; m < into.Mediated.Length; m++)
                from.Mediated[m].BaseRate.CopyTo(into.Mediated[m].BaseRate, 0);
            for (var v = 0; v < into.Vaccinations.Length; v++)
                from.Vaccinations[v].DosesPerDay.CopyTo(into.Vaccinations[v].DosesPerDay, 0);
        }
        for (var s = 0; s < Sources.Length; s++)
        {
            var fixedProbabilities = FixedProbabilitiesOf(Sources[s], Channels, Grid, ages, Options);
            if (fixedProbabilities?.TimeInvariant != Sources[s].Fixed?.TimeInvariant)
                return false;
            Sources[s] = Sources[s] with { Fixed = fixedProbabilities };
        }
        initial.Counts.CopyTo(Initial);
        return true;
    }

    /// <summary>True when <paramref name="built"/> has this model's channels with the same kinds of terms.</summary>
    private bool SameShape(Channel[] built)
    {
        if (built.Length != Channels.Length)
            return false;
        for (var f = 0; f < built.Length; f++)
        {
            var (mine, theirs) = (Channels[f], built[f]);
            if (mine.Source != theirs.Source || mine.Target != theirs.Target
                || (mine.Spontaneous is null) != (theirs.Spontaneous is null)
                || mine.Mediated.Length != theirs.Mediated.Length
                || mine.Vaccinations.Length != theirs.Vaccinations.Length)
            {
                return false;
            }
            for (var m = 0; m < mine.Mediated.Length; m++)
            {
                if (mine.Mediated[m].MediatorSlot != theirs.Mediated[m].MediatorSlot)
                    return false;
            }
            for (var v = 0; v < mine.Vaccinations.Length; v++)
            {
                if (!mine.Vaccinations[v].Eligible.AsSpan().SequenceEqual(theirs.Vaccinations[v].Eligible))
                    return false;
            }
        }
        return true;
    }
}
