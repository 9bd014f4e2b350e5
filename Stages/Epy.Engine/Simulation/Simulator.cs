using Epy.Engine.Randomness;

namespace Epy.Engine.Simulation;

/// <summary>
/// Runs the discrete-time stochastic chain-binomial scheme of epydemix on a
/// <see cref="CompiledModel"/>. At every step, from the state at the start of the step: for every
/// source compartment and age group with n &gt; 0 people, the per-target hazards r_d·dt add to H;
/// Binomial(n, 1 − e^{−H}) people leave and are split over the targets in proportion to r_d by
/// conditional binomials (together, one multinomial draw); all compartments then update at once.
/// The draws of a step are independent given its start, so they are made together in rounds
/// (every source's exits, then every first split, ...) by a <see cref="BinomialBatch"/>, eight per
/// vector instruction. One instance holds the working buffers of one thread: it allocates nothing
/// per run or step.
/// </summary>
public sealed partial class Simulator
{
    private readonly CompiledModel _model;
    private readonly double[] _state;
    private readonly double[] _flows;
    private readonly double[] _forceOfInfection;
    private readonly double[] _scaledMediator;
    private readonly BinomialBatch _batch;
    private readonly Xoshiro256 _rng = new(0);

    /// <summary>Allocates the working buffers for <paramref name="model"/>.</summary>
    public Simulator(CompiledModel model)
        : this(model, null)
    {
    }

    /// <summary>A simulator whose sampler runs its vector code or lane by lane as told (the same numbers; for tests).</summary>
    internal Simulator(CompiledModel model, bool? vectorised)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        var ages = model.Layout.AgeGroupCount;
        // Counts held as doubles (whole numbers, exact below 2⁵³) so the sampler's results need no conversion.
        _state = new double[BinomialBatch.PaddedLength(model.Initial.Length) + 8];
        _flows = new double[BinomialBatch.PaddedLength(model.Channels.Length * ages) + 8];
        _forceOfInfection = new double[Math.Max(1, model.Mediators.Length) * ages];
        _scaledMediator = new double[ages];
        _hazards = new double[Math.Max(1, model.Channels.Length) * ages];
        (_exits, _rounds) = Plan(model);
        (_terms, _termsOf) = PlanHazards(model, _exits);
        _totalHazard = new double[BinomialBatch.PaddedLength(_exits.Count) + 8];
        _exitProbability = new double[_totalHazard.Length];
        _batch = new BinomialBatch(_exits.Count, vectorised);
    }

    /// <summary>When set, every step charges its phases to this clock (the bench's profile).</summary>
    internal PhaseClock? Clock { get; set; }

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
    public bool Run(Xoshiro256 rng, SimulationOutput output, Func<int, bool>? afterStep) => Run(rng, output, afterStep, 0);

    /// <summary>
    /// Runs one simulation that starts at step <paramref name="firstStep"/> of the model's grid (from
    /// its initial state, on that step's rates and date) and writes steps firstStep.. of
    /// <paramref name="output"/>, leaving the steps before untouched: the same draws as a model
    /// compiled from that step's date. A calibration compiles one grid for every start date.
    /// </summary>
    internal bool Run(Xoshiro256 rng, SimulationOutput output, Func<int, bool>? afterStep, int firstStep)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(output);
        if (output.Layout != _model.Layout)
            throw new ArgumentException("the output was made for another model", nameof(output));

        var m = _model;
        var ages = m.Layout.AgeGroupCount;
        var stateSize = m.Initial.Length;
        var flowsPerStep = m.Channels.Length * ages;
        for (var i = 0; i < stateSize; i++)
            _state[i] = m.Initial[i];
        _batch.Seed(rng);

        ArgumentOutOfRangeException.ThrowIfNegative(firstStep);
        for (var t = firstStep; t < m.Grid.Steps; t++)
        {
            Clock?.Start();
            Hazards.ForceOfInfection<double>(m, t, _state, _scaledMediator, _forceOfInfection);
            Clock?.Lap(SimulationPhase.Rates);

            // Every draw of the step comes from its start, so all exits are drawn first, together;
            // then the leavers are split over the targets, one round per target but the last. Every
            // channel's flow of the step is written by its round or by Arrive: nothing to clear.
            DrawExits(t);
            for (var r = 0; r < _rounds.Length; r++)
                DrawSplit(_rounds[r], r, t);
            Arrive();
            Clock?.Lap(SimulationPhase.Bookkeeping);

            CopyAsIntegers(_flows, output.FlowCounts.AsSpan(t * flowsPerStep, flowsPerStep), _batch.Vectorised);
            CopyAsIntegers(_state, output.CompartmentCounts.AsSpan(t * stateSize, stateSize), _batch.Vectorised);
            Clock?.Lap(SimulationPhase.Output);
            if (afterStep is not null && !afterStep(t))
                return false;
        }
        return true;
    }
}
