using Epy.Engine.Randomness;

namespace Epy.Engine.Simulation;

/// <summary>
/// Runs the discrete-time stochastic chain-binomial scheme of epydemix on a
/// <see cref="CompiledModel"/>. At every step, from the state at the start of the step: for every
/// source compartment and age group with n &gt; 0 people, the per-target hazards r_d·dt add to H;
/// Binomial(n, 1 − e^{−H}) people leave and are split over the targets in proportion to r_d by
/// conditional binomials (together, one multinomial draw); all compartments then update at once.
/// One instance holds the working buffers of one thread: it allocates nothing per run or step.
/// </summary>
public sealed class Simulator
{
    private readonly CompiledModel _model;
    private readonly int[] _state;
    private readonly int[] _delta;
    private readonly double[] _forceOfInfection;
    private readonly double[] _scaledMediator;
    private readonly double[] _hazards;
    private readonly Xoshiro256 _rng = new(0);

    /// <summary>Allocates the working buffers for <paramref name="model"/>.</summary>
    public Simulator(CompiledModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        var ages = model.Layout.AgeGroups.Count;
        _state = new int[model.Initial.Length];
        _delta = new int[model.Initial.Length];
        _forceOfInfection = new double[Math.Max(1, model.Mediators.Length) * ages];
        _scaledMediator = new double[ages];
        _hazards = new double[Math.Max(1, model.Channels.Length)];
    }

    /// <summary>The model this simulator runs.</summary>
    public CompiledModel Model => _model;

    /// <summary>Runs one simulation from <paramref name="seed"/> into a new output.</summary>
    public SimulationOutput Run(ulong seed)
    {
        var output = new SimulationOutput(_model.Layout);
        Run(seed, output);
        return output;
    }

    /// <summary>Runs one simulation from <paramref name="seed"/> into <paramref name="output"/>, allocating nothing.</summary>
    public void Run(ulong seed, SimulationOutput output)
    {
        _rng.Reseed(seed);
        Run(_rng, output);
    }

    /// <summary>Runs one simulation drawing from <paramref name="rng"/> into <paramref name="output"/>, allocating nothing.</summary>
    public void Run(Xoshiro256 rng, SimulationOutput output) => Run(rng, output, null);

    /// <summary>
    /// Runs one simulation, calling <paramref name="afterStep"/> with each step's index once the step
    /// is written to <paramref name="output"/>; stops early, returning false, when it returns false.
    /// </summary>
    public bool Run(Xoshiro256 rng, SimulationOutput output, Func<int, bool>? afterStep)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(output);
        if (output.Layout != _model.Layout)
            throw new ArgumentException("the output was made for another model", nameof(output));

        var m = _model;
        var ages = m.Layout.AgeGroups.Count;
        var stateSize = _state.Length;
        var flowsPerStep = m.Channels.Length * ages;
        var state = _state.AsSpan();
        var delta = _delta.AsSpan();
        var hazards = _hazards.AsSpan();
        var sources = m.Sources;
        m.Initial.AsSpan().CopyTo(state);

        for (var t = 0; t < m.Grid.Steps; t++)
        {
            Hazards.ForceOfInfection<int>(m, t, state, _scaledMediator, _forceOfInfection);
            delta.Clear();
            var flows = output.FlowCounts.AsSpan(t * flowsPerStep, flowsPerStep);
            flows.Clear();
            var cell = t * ages;

            foreach (var source in sources)
            {
                if (source.Fixed is { } fixedProbabilities)
                    DrawFixed(rng, source, fixedProbabilities, cell, ages, state, delta, flows);
                else
                    DrawComputed(rng, source, cell, ages, state, delta, flows, hazards);
            }

            for (var i = 0; i < stateSize; i++)
                state[i] += delta[i];
            state.CopyTo(output.CompartmentCounts.AsSpan(t * stateSize, stateSize));
            if (afterStep is not null && !afterStep(t))
                return false;
        }
        return true;
    }

    /// <summary>A source with only spontaneous channels: every probability was prepared at compile time.</summary>
    private void DrawFixed(Xoshiro256 rng, CompiledModel.SourceBlock source, CompiledModel.FixedProbabilities probabilities, int cell, int ages, Span<int> state, Span<int> delta, Span<int> flows)
    {
        var channels = _model.Channels;
        var from = source.Compartment * ages;
        var last = source.FirstChannel + source.ChannelCount - 1;
        for (var k = 0; k < ages; k++)
        {
            var n = state[from + k];
            if (n == 0)
                continue;
            var index = probabilities.Index(cell, k);
            var leaving = Binomial.Sample(rng, n, in probabilities.Leave[index]);
            if (leaving == 0)
                continue;
            delta[from + k] -= leaving;
            var remaining = leaving;
            for (var f = source.FirstChannel; f <= last; f++)
            {
                var moved = f == last ? remaining : Binomial.Sample(rng, remaining, in probabilities.Split[f - source.FirstChannel][index]);
                remaining -= moved;
                flows[(f * ages) + k] = moved;
                delta[channels[f].Target * ages + k] += moved;
                if (remaining == 0)
                    break;
            }
        }
    }

    /// <summary>A source with a mediated or vaccination channel: rates depend on the start-of-step state.</summary>
    private void DrawComputed(Xoshiro256 rng, CompiledModel.SourceBlock source, int cell, int ages, Span<int> state, Span<int> delta, Span<int> flows, Span<double> hazards)
    {
        var channels = _model.Channels;
        var dt = _model.Grid.Dt;
        var linear = _model.Options.LinearApproximation;
        var from = source.Compartment * ages;
        var last = source.FirstChannel + source.ChannelCount - 1;
        for (var k = 0; k < ages; k++)
        {
            var n = state[from + k];
            if (n == 0)
                continue;

            var total = 0.0;
            for (var f = source.FirstChannel; f <= last; f++)
            {
                var h = Hazards.ChannelRate<int>(channels[f], cell + k, k, ages, _forceOfInfection, state, dt) * dt;
                hazards[f] = h;
                total += h;
            }
            if (!(total > 0))
                continue;

            var leaving = Binomial.Sample(rng, n, linear ? Math.Min(1.0, total) : 1.0 - PortableMath.Exp(-total));
            if (leaving == 0)
                continue;
            delta[from + k] -= leaving;

            // Split the leavers over the targets: conditional binomials make the multinomial.
            var remaining = leaving;
            var remainingHazard = total;
            for (var f = source.FirstChannel; f <= last; f++)
            {
                var moved = f == last ? remaining : Binomial.Sample(rng, remaining, hazards[f] / remainingHazard);
                remaining -= moved;
                remainingHazard -= hazards[f];
                flows[(f * ages) + k] = moved;
                delta[channels[f].Target * ages + k] += moved;
                if (remaining == 0)
                    break;
            }
        }
    }
}
