using Epy.Engine.Randomness;

namespace Epy.Engine.Simulation;

/// <summary>
/// Runs the discrete-time stochastic chain-binomial scheme of epydemix on a
/// <see cref="CompiledModel"/>. At every step, from the state at the start of the step: for every
/// source compartment and age group with n &gt; 0 people, the per-target hazards r_d·dt add to H;
/// Binomial(n, 1 − e^{−H}) people leave and are split over the targets in proportion to r_d by
/// conditional binomials (together, one multinomial draw); all compartments then update at once.
/// The draws of a step are independent given its start, so they are made together in rounds
/// (everyone's exits, then every first split, ...) by a <see cref="BinomialBatch"/>, eight per
/// vector instruction. One instance holds the working buffers of one thread: it allocates nothing
/// per run or step.
/// </summary>
public sealed class Simulator
{
    private readonly CompiledModel _model;
    private readonly int[] _state;
    private readonly double[] _forceOfInfection;
    private readonly double[] _scaledMediator;
    private readonly double[] _hazards;
    private readonly double[] _remainingHazard;
    private readonly int[] _remaining;
    private readonly int _splitRounds;
    private readonly BinomialBatch _batch;
    private readonly Xoshiro256 _rng = new(0);

    /// <summary>Allocates the working buffers for <paramref name="model"/>.</summary>
    public Simulator(CompiledModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        var ages = model.Layout.AgeGroups.Count;
        var slots = model.Sources.Length * ages;
        _state = new int[model.Initial.Length];
        _forceOfInfection = new double[Math.Max(1, model.Mediators.Length) * ages];
        _scaledMediator = new double[ages];
        _hazards = new double[Math.Max(1, model.Channels.Length) * ages];
        _remainingHazard = new double[Math.Max(1, slots)];
        _remaining = new int[Math.Max(1, slots)];
        _splitRounds = model.Sources.Length == 0 ? 0 : model.Sources.Max(s => s.ChannelCount) - 1;
        _batch = new BinomialBatch(Math.Max(1, slots));
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

    /// <summary>
    /// Runs one simulation drawing from <paramref name="rng"/> into <paramref name="output"/>, allocating
    /// nothing. The simulation takes eight values from <paramref name="rng"/> to seed its own streams.
    /// </summary>
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
        m.Initial.AsSpan().CopyTo(state);
        _batch.Seed(rng);

        for (var t = 0; t < m.Grid.Steps; t++)
        {
            Hazards.ForceOfInfection<int>(m, t, state, _scaledMediator, _forceOfInfection);
            var flows = output.FlowCounts.AsSpan(t * flowsPerStep, flowsPerStep);
            flows.Clear();
            var cell = t * ages;

            // Every draw of the step comes from its start, so all exits are drawn first, together;
            // people then move as the split rounds decide where each source's leavers go.
            QueueExits(cell, ages, state);
            _batch.Draw();
            Leave(ages, state);
            for (var round = 0; round < _splitRounds; round++)
            {
                QueueSplits(round, cell, ages);
                _batch.Draw();
                Split(round, ages, state, flows);
            }
            Arrive(ages, state, flows);

            state.CopyTo(output.CompartmentCounts.AsSpan(t * stateSize, stateSize));
            if (afterStep is not null && !afterStep(t))
                return false;
        }
        return true;
    }

    /// <summary>Queues Binomial(n, 1 − e^{−H}) for every source and age group; the tag is its slot, source·ages + k.</summary>
    private void QueueExits(int cell, int ages, ReadOnlySpan<int> state)
    {
        var sources = _model.Sources;
        for (var s = 0; s < sources.Length; s++)
        {
            var source = sources[s];
            var from = source.Compartment * ages;
            var slot = s * ages;
            if (source.Fixed is { } fixedProbabilities)
            {
                var leave = fixedProbabilities.Leave;
                var first = fixedProbabilities.TimeInvariant ? 0 : cell;
                for (var k = 0; k < ages; k++)
                    _batch.Add(state[from + k], in leave[first + k], slot + k);
            }
            else
            {
                for (var k = 0; k < ages; k++)
                    _batch.Add(state[from + k], ComputedExit(source, cell, k, ages, state[from + k], state), slot + k);
            }
        }
    }

    /// <summary>The exit probability of a source with a mediated or vaccination channel; keeps each channel's hazard for the splits.</summary>
    private double ComputedExit(CompiledModel.SourceBlock source, int cell, int k, int ages, int n, ReadOnlySpan<int> state)
    {
        if (n == 0)
            return 0.0;
        var channels = _model.Channels;
        var dt = _model.Grid.Dt;
        var total = 0.0;
        for (var f = source.FirstChannel; f < source.FirstChannel + source.ChannelCount; f++)
        {
            var h = Hazards.ChannelRate<int>(channels[f], cell + k, k, ages, _forceOfInfection, state, dt) * dt;
            _hazards[f * ages + k] = h;
            total += h;
        }
        if (!(total > 0))
            return 0.0;
        return _model.Options.LinearApproximation ? Math.Min(1.0, total) : 1.0 - PortableMath.Exp(-total);
    }

    /// <summary>Takes the leavers out of their sources; they wait in <c>_remaining</c> for the splits.</summary>
    private void Leave(int ages, Span<int> state)
    {
        var sources = _model.Sources;
        var leaving = _batch.Results;
        for (var s = 0; s < sources.Length; s++)
        {
            var from = sources[s].Compartment * ages;
            var slot = s * ages;
            for (var k = 0; k < ages; k++)
            {
                var count = leaving[slot + k];
                _remaining[slot + k] = count;
                state[from + k] -= count;
            }
        }
    }

    /// <summary>Queues, for every source with more than <paramref name="round"/> + 1 targets, how many of those still unplaced take target <paramref name="round"/>.</summary>
    private void QueueSplits(int round, int cell, int ages)
    {
        var sources = _model.Sources;
        for (var s = 0; s < sources.Length; s++)
        {
            var source = sources[s];
            if (source.ChannelCount < round + 2)
                continue;
            var slot = s * ages;
            var f = source.FirstChannel + round;
            if (source.Fixed is { } fixedProbabilities)
            {
                var split = fixedProbabilities.Split[round];
                var first = fixedProbabilities.TimeInvariant ? 0 : cell;
                for (var k = 0; k < ages; k++)
                {
                    if (_remaining[slot + k] > 0)
                        _batch.Add(_remaining[slot + k], in split[first + k], slot + k);
                }
            }
            else
            {
                for (var k = 0; k < ages; k++)
                {
                    if (_remaining[slot + k] == 0)
                        continue;
                    // Conditional binomials: the share of this target among the targets not yet drawn.
                    var remainingHazard = round == 0 ? TotalHazard(source, k, ages) : _remainingHazard[slot + k];
                    var hazard = _hazards[f * ages + k];
                    _batch.Add(_remaining[slot + k], hazard / remainingHazard, slot + k);
                    _remainingHazard[slot + k] = remainingHazard - hazard;
                }
            }
        }
    }

    private double TotalHazard(CompiledModel.SourceBlock source, int k, int ages)
    {
        var total = 0.0;
        for (var f = source.FirstChannel; f < source.FirstChannel + source.ChannelCount; f++)
            total += _hazards[f * ages + k];
        return total;
    }

    /// <summary>Moves the draws of split round <paramref name="round"/> to their targets.</summary>
    private void Split(int round, int ages, Span<int> state, Span<int> flows)
    {
        var sources = _model.Sources;
        var channels = _model.Channels;
        var moved = _batch.Results;
        for (var s = 0; s < sources.Length; s++)
        {
            var source = sources[s];
            if (source.ChannelCount < round + 2)
                continue;
            var slot = s * ages;
            var f = source.FirstChannel + round;
            var to = channels[f].Target * ages;
            for (var k = 0; k < ages; k++)
            {
                if (_remaining[slot + k] == 0)
                    continue;
                var count = moved[slot + k];
                _remaining[slot + k] -= count;
                flows[f * ages + k] = count;
                state[to + k] += count;
            }
        }
    }

    /// <summary>Everyone still unplaced takes their source's last target.</summary>
    private void Arrive(int ages, Span<int> state, Span<int> flows)
    {
        var sources = _model.Sources;
        var channels = _model.Channels;
        for (var s = 0; s < sources.Length; s++)
        {
            var source = sources[s];
            var slot = s * ages;
            var f = source.FirstChannel + source.ChannelCount - 1;
            var to = channels[f].Target * ages;
            for (var k = 0; k < ages; k++)
            {
                var count = _remaining[slot + k];
                flows[f * ages + k] = count;
                state[to + k] += count;
            }
        }
    }
}
