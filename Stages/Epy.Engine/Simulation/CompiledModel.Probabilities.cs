using Epy.Engine.Model;
using Epy.Engine.Randomness;

namespace Epy.Engine.Simulation;

/// <summary>The exit and split probabilities prepared once for sources whose channels are all spontaneous.</summary>
public sealed partial class CompiledModel
{
    /// <summary>
    /// The exit and split probabilities of a source whose channels are all spontaneous (null
    /// otherwise): one set per age group when its rates never change, else one per (step, age).
    /// </summary>
    private static FixedProbabilities? FixedProbabilitiesOf(SourceBlock block, Channel[] channels, TimeGrid grid, int ages, SimulationOptions options)
    {
        var own = channels.AsSpan(block.FirstChannel, block.ChannelCount);
        if (!AllSpontaneous(own))
            return null;
        var count = IsTimeInvariant(own, ages) ? ages : grid.Steps * ages;
        var leave = new PreparedProbability[count];
        var split = new PreparedProbability[own.Length - 1][];
        for (var f = 0; f < split.Length; f++)
            split[f] = new PreparedProbability[count];
        var probabilities = new FixedProbabilities(leave, split, count == ages);
        Prepare(own, probabilities, grid, ages, options);
        return probabilities;
    }

    /// <summary>
    /// Prepares the fixed probabilities of <paramref name="sources"/> (indices into <see cref="Sources"/>)
    /// again, in place, from their channels' rates as they are now (after <see cref="Reparameterisation"/>
    /// rewrote them). False, with nothing changed, when a source's rates start or stop varying in
    /// time: its arrays would need another size.
    /// </summary>
    internal bool TryPrepareProbabilitiesAgain(ReadOnlySpan<int> sources)
    {
        var ages = Layout.AgeGroupCount;
        foreach (var s in sources)
        {
            var block = Sources[s];
            if (block.Fixed is { } probabilities && IsTimeInvariant(Channels.AsSpan(block.FirstChannel, block.ChannelCount), ages) != probabilities.TimeInvariant)
                return false;
        }
        foreach (var s in sources)
        {
            var block = Sources[s];
            if (block.Fixed is { } probabilities)
                Prepare(Channels.AsSpan(block.FirstChannel, block.ChannelCount), probabilities, Grid, ages, Options);
        }
        return true;
    }

    /// <summary>Writes every cell of <paramref name="probabilities"/> from the rates of <paramref name="own"/>.</summary>
    private static void Prepare(ReadOnlySpan<Channel> own, FixedProbabilities probabilities, TimeGrid grid, int ages, SimulationOptions options)
    {
        var (leave, split) = (probabilities.Leave, probabilities.Split);
        for (var cell = 0; cell < leave.Length; cell++)
        {
            // Rates that did not change since the previous step reuse its prepared probabilities.
            if (cell >= ages && SameRates(own, cell, cell - ages))
            {
                leave[cell] = leave[cell - ages];
                for (var f = 0; f < split.Length; f++)
                    split[f][cell] = split[f][cell - ages];
                continue;
            }
            var total = 0.0;
            foreach (var channel in own)
                total += (channel.Spontaneous?[cell] ?? 0.0) * grid.Dt;
            leave[cell] = new PreparedProbability(options.LinearApproximation ? Math.Min(1.0, total) : 1.0 - PortableMath.Exp(-total));
            var remaining = total;
            for (var f = 0; f < split.Length; f++)
            {
                var hazard = (own[f].Spontaneous?[cell] ?? 0.0) * grid.Dt;
                split[f][cell] = new PreparedProbability(remaining > 0 ? hazard / remaining : 0.0);
                remaining -= hazard;
            }
        }
    }

    private static bool AllSpontaneous(ReadOnlySpan<Channel> own)
    {
        foreach (var channel in own)
        {
            if (channel.Mediated.Length > 0 || channel.Vaccinations.Length > 0)
                return false;
        }
        return true;
    }

    /// <summary>True when no channel's rates change from step to step.</summary>
    private static bool IsTimeInvariant(ReadOnlySpan<Channel> own, int ages)
    {
        foreach (var channel in own)
        {
            if (channel.Spontaneous is { } table && !IsTimeInvariant(table, ages))
                return false;
        }
        return true;
    }

    /// <summary>True when every step's row of <paramref name="table"/> equals the first.</summary>
    private static bool IsTimeInvariant(double[] table, int ages)
    {
        var first = table.AsSpan(0, ages);
        for (var start = ages; start < table.Length; start += ages)
        {
            if (!table.AsSpan(start, ages).SequenceEqual(first))
                return false;
        }
        return true;
    }

    private static bool SameRates(ReadOnlySpan<Channel> channels, int cell, int previous)
    {
        foreach (var channel in channels)
        {
            if (channel.Spontaneous is { } rates && rates[cell] != rates[previous])
                return false;
        }
        return true;
    }
}
