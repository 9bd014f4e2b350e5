namespace Epy.Engine.Simulation;

/// <summary>
/// The expected-value version of the stochastic scheme: each step, the fraction 1 − e^{−H} of every
/// source leaves, split in proportion to the rates, with hazards from the start-of-step state. It
/// reproduces reference-model.md §3.3 and is the deterministic yardstick of the stochastic engine.
/// </summary>
public static class MeanFieldSimulator
{
    /// <summary>Runs <paramref name="model"/> and returns its daily trajectory of expected values.</summary>
    public static ValueTrajectory Run(CompiledModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var ages = model.Layout.AgeGroupCount;
        var stateSize = model.Initial.Length;
        var flowsPerStep = model.Channels.Length * ages;
        var dt = model.Grid.Dt;
        var output = new ValueTrajectory(model.Layout, model.Layout.Dates);
        var state = model.Initial.Select(x => (double)x).ToArray();
        var delta = new double[stateSize];
        var foi = new double[Math.Max(1, model.Mediators.Length) * ages];
        var scratch = new double[ages];
        var hazards = new double[model.Channels.Length];

        for (var t = 0; t < model.Grid.Steps; t++)
        {
            Hazards.ForceOfInfection<double>(model, t, state, scratch, foi);
            Array.Clear(delta);
            var flows = output.FlowValues.AsSpan(t * flowsPerStep, flowsPerStep);
            foreach (var source in model.Sources)
            {
                var from = source.Compartment * ages;
                var last = source.FirstChannel + source.ChannelCount - 1;
                for (var k = 0; k < ages; k++)
                {
                    var n = state[from + k];
                    var total = 0.0;
                    for (var f = source.FirstChannel; f <= last; f++)
                    {
                        hazards[f] = Hazards.ChannelRate<double>(model.Channels[f], t * ages + k, k, ages, foi, state, dt) * dt;
                        total += hazards[f];
                    }
                    if (!(total > 0) || n <= 0)
                        continue;
                    var leaving = n * (model.Options.LinearApproximation ? Math.Min(1.0, total) : 1.0 - Math.Exp(-total));
                    delta[from + k] -= leaving;
                    for (var f = source.FirstChannel; f <= last; f++)
                    {
                        var moved = leaving * hazards[f] / total;
                        flows[f * ages + k] = moved;
                        delta[model.Channels[f].Target * ages + k] += moved;
                    }
                }
            }
            for (var i = 0; i < stateSize; i++)
                state[i] += delta[i];
            state.CopyTo(output.CompartmentValues.AsSpan(t * stateSize, stateSize));
        }
        return output;
    }
}
