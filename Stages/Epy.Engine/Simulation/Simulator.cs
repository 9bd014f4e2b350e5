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
/// <para>
/// A simulator of several <see cref="Replicas"/> runs that many simulations of the model in lockstep:
/// every round draws for all of them together, which fills the sampler's vectors and lets a core
/// overlap their chains of dependent operations (half again as many simulations per CPU second on the
/// reference flu model at eight). Each replica is a simulation of the model exactly as alone, with its own
/// state; they share one random stream, so a replica's draws depend on the seed and its place in the
/// group, not on its seed alone.
/// </para>
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
    private readonly ReplicaSizes _sizes;

    /// <summary>
    /// How much of each working buffer one replica takes: replica r's part follows replica r − 1's,
    /// and the plan's indices add r times these.
    /// </summary>
    private readonly record struct ReplicaSizes(int State, int Flows, int Foi, int Hazards)
    {
        public static ReplicaSizes Of(CompiledModel model)
        {
            var ages = model.Layout.AgeGroupCount;
            return new(model.Initial.Length, model.Channels.Length * ages, Math.Max(1, model.Mediators.Length) * ages,
                Math.Max(1, model.Channels.Length) * ages);
        }
    }

    /// <summary>Allocates the working buffers for <paramref name="model"/>.</summary>
    public Simulator(CompiledModel model)
        : this(model, null, 1)
    {
    }

    /// <summary>
    /// Allocates the working buffers for <paramref name="replicas"/> simulations of
    /// <paramref name="model"/> run together (see <see cref="Run(ulong, SimulationOutput[])"/>).
    /// </summary>
    public Simulator(CompiledModel model, int replicas)
        : this(model, null, replicas)
    {
    }

    /// <summary>A simulator whose sampler runs its vector code or lane by lane as told (the same numbers; for tests).</summary>
    internal Simulator(CompiledModel model, bool? vectorised, int replicas = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicas, MaxReplicas);
        _model = model;
        Replicas = replicas;
        var ages = model.Layout.AgeGroupCount;
        var sizes = _sizes = ReplicaSizes.Of(model);
        // Counts held as doubles (whole numbers, exact below 2⁵³) so the sampler's results need no conversion.
        _state = new double[BinomialBatch.PaddedLength(replicas * sizes.State) + 8];
        _flows = new double[BinomialBatch.PaddedLength(replicas * sizes.Flows) + 8];
        _forceOfInfection = new double[replicas * sizes.Foi];
        _scaledMediator = new double[ages];
        _hazards = new double[replicas * sizes.Hazards];
        (_exits, _rounds) = Plan(model, replicas, sizes);
        (_terms, _termsOf) = PlanHazards(model, _exits, sizes);
        _totalHazard = new double[BinomialBatch.PaddedLength(_exits.Count) + 8];
        _exitProbability = new double[_totalHazard.Length];
        _batch = new BinomialBatch(_exits.Count, vectorised);
    }

    /// <summary>When set, every step charges its phases to this clock (the bench's profile).</summary>
    internal PhaseClock? Clock { get; set; }

    /// <summary>The model this simulator runs.</summary>
    public CompiledModel Model => _model;

    /// <summary>How many simulations of the model one run makes together.</summary>
    public int Replicas { get; }

    /// <summary>One output for each replica, for <see cref="Run(ulong, SimulationOutput[])"/>.</summary>
    public SimulationOutput[] CreateOutputs() => [.. Enumerable.Range(0, Replicas).Select(_ => new SimulationOutput(_model.Layout))];

    /// <summary>
    /// The most replicas one simulator takes: past sixteen a group's gain is small and its rounds
    /// only grow.
    /// </summary>
    public const int MaxReplicas = 16;

    /// <summary>
    /// The most replicas to run together where one model runs many times (n_sims). Measured per CPU
    /// second against one at a time, on the reference flu model: four 1.4 times, eight 1.5 times,
    /// sixteen 1.6 times; on the one-group SIR, eight 2.0 times.
    /// </summary>
    public const int Lockstep = 8;

    /// <summary>Runs one simulation from <paramref name="seed"/> into a new output.</summary>
    public SimulationOutput Run(ulong seed)
    {
        RequireOneReplica();
        var output = new SimulationOutput(_model.Layout);
        Run(seed, output);
        return output;
    }

    /// <summary>Runs one simulation from <paramref name="seed"/> into <paramref name="output"/>, allocating nothing.</summary>
    public void Run(ulong seed, SimulationOutput output)
    {
        RequireOneReplica();
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
        RequireOneReplica();
        _one[0] = output;
        return Run(rng, _one, afterStep, firstStep);
    }

    private readonly SimulationOutput[] _one = new SimulationOutput[1];

    /// <summary>
    /// Runs the <see cref="Replicas"/> simulations together from <paramref name="seed"/>, replica r
    /// into <paramref name="outputs"/>[r], allocating nothing. The same seed gives the same
    /// simulations; each is a simulation of the model exactly as <see cref="Run(ulong, SimulationOutput)"/>
    /// makes one, drawn from a stream the group shares.
    /// </summary>
    public void Run(ulong seed, SimulationOutput[] outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Length != Replicas)
            throw new ArgumentException($"{outputs.Length} outputs for {Replicas} replicas", nameof(outputs));
        _rng.Reseed(seed);
        Run(_rng, outputs, null, 0);
    }

    private void RequireOneReplica()
    {
        if (Replicas != 1)
            throw new InvalidOperationException($"this simulator runs {Replicas} replicas together: give one output for each");
    }

    private bool Run(Xoshiro256 rng, SimulationOutput[] outputs, Func<int, bool>? afterStep, int firstStep)
    {
        foreach (var output in outputs)
        {
            ArgumentNullException.ThrowIfNull(output, nameof(outputs));
            if (output.Layout != _model.Layout)
                throw new ArgumentException("the output was made for another model", nameof(outputs));
        }

        var m = _model;
        var stateSize = _sizes.State;
        var flowsPerStep = _sizes.Flows;
        var foiSize = _sizes.Foi;
        for (var r = 0; r < outputs.Length; r++)
        {
            for (var i = 0; i < stateSize; i++)
                _state[r * stateSize + i] = m.Initial[i];
        }
        _batch.Seed(rng);

        ArgumentOutOfRangeException.ThrowIfNegative(firstStep);
        for (var t = firstStep; t < m.Grid.Steps; t++)
        {
            Clock?.Start();
            for (var r = 0; r < outputs.Length; r++)
            {
                Hazards.ForceOfInfection<double>(m, t, _state.AsSpan(r * stateSize, stateSize), _scaledMediator,
                    _forceOfInfection.AsSpan(r * foiSize, foiSize));
            }
            Clock?.Lap(SimulationPhase.Rates);

            // Every draw of the step comes from its start, so all exits are drawn first, together;
            // then the leavers are split over the targets, one round per target but the last. Every
            // channel's flow of the step is written by its round or by Arrive: nothing to clear.
            DrawExits(t);
            for (var r = 0; r < _rounds.Length; r++)
                DrawSplit(_rounds[r], r, t);
            Arrive();
            Clock?.Lap(SimulationPhase.Bookkeeping);

            for (var r = 0; r < outputs.Length; r++)
            {
                CopyAsIntegers(_flows.AsSpan(r * flowsPerStep), outputs[r].FlowCounts.AsSpan(t * flowsPerStep, flowsPerStep), _batch.Vectorised);
                CopyAsIntegers(_state.AsSpan(r * stateSize), outputs[r].CompartmentCounts.AsSpan(t * stateSize, stateSize), _batch.Vectorised);
            }
            Clock?.Lap(SimulationPhase.Output);
            if (afterStep is not null && !afterStep(t))
                return false;
        }
        return true;
    }
}
