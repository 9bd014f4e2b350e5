using Epy.Engine.Randomness;
using Epy.Engine.Simulation;

namespace Epy.Engine.Calibration;

/// <summary>
/// One thread's simulations of calibration particles. The model is compiled once, on the grid from
/// the earliest start date the priors allow to <see cref="Until"/>; each particle re-parameterises
/// it in place and is simulated from its own start step into the same output, by the same
/// simulator: the draws of a model compiled for the particle alone (every rate is a function of
/// the date), without compiling the contacts, layout and buffers again or zeroing new arrays.
/// Where that cannot hold (a start-offset prior without a lower end, start dates off the grid's
/// steps, a particle that changes the model's shape) each particle gets a model of its own.
/// </summary>
internal sealed class ParticleSimulation
{
    private readonly ParticleFactory _factory;
    private readonly DateOnly? _gridStart;
    private Shared? _shared;
    private bool _compileEach;

    public ParticleSimulation(ParticleFactory factory, DateOnly until)
    {
        _factory = factory;
        Until = until;
        _gridStart = factory.EarliestStart() is { } earliest && earliest <= until ? earliest : null;
        _compileEach = _gridStart is null;
    }

    /// <summary>The last date simulated.</summary>
    public DateOnly Until { get; }

    /// <summary>The output of the last <see cref="Run"/>: its steps from the particle's start step on are that particle's.</summary>
    public SimulationOutput? Output { get; private set; }

    /// <summary>True while particles share the model compiled once (false once it fell back to one model per particle).</summary>
    public bool Shares => !_compileEach;

    /// <summary>
    /// Simulates <paramref name="theta"/> (its start date no later than <see cref="Until"/>) from
    /// <paramref name="rng"/>, calling <paramref name="afterStep"/> after every step from its start;
    /// false when that stopped it early.
    /// </summary>
    public bool Run(ReadOnlySpan<double> theta, Xoshiro256 rng, Func<int, bool> afterStep)
    {
        var start = _factory.StartDate(theta);
        if (!_compileEach)
        {
            _shared ??= new Shared(_factory.CompileReusable(theta, _gridStart!.Value, Until));
            if (FirstStep(_shared.Model.Grid, start) is { } first && _factory.TryReparameterise(_shared.Parameters, theta))
            {
                _shared.Simulator.Refresh();
                Output = _shared.Output;
                return _shared.Simulator.Run(rng, _shared.Output, afterStep, first);
            }
            // A start off the grid's steps, or a shape the shared model cannot take: from now on
            // every particle compiles its own (a re-parameterisation that failed left the model inconsistent).
            _compileEach = true;
            _shared = null;
        }
        var model = _factory.Compile(theta, start, Until);
        Output = new SimulationOutput(model.Layout);
        return new Simulator(model).Run(rng, Output, afterStep);
    }

    /// <summary>The step of <paramref name="grid"/> a grid from <paramref name="start"/> to <see cref="Until"/> begins at, if it is a suffix of it.</summary>
    private int? FirstStep(Model.TimeGrid grid, DateOnly start)
    {
        var days = start.DayNumber - grid.Start.DayNumber;
        var first = (int)Math.Round(days / grid.Dt);
        if (first < 0 || first >= grid.Steps || Math.Abs(first * grid.Dt - days) > 1e-9)
            return null;
        // TimeGrid's own count, without building the grid.
        var ownSteps = (int)Math.Floor((Until.DayNumber - start.DayNumber) / grid.Dt + 1e-9) + 1;
        return ownSteps == grid.Steps - first && grid.Dates[first] == start ? first : null;
    }

    private sealed class Shared((CompiledModel Model, Reparameterisation Parameters) compiled)
    {
        public CompiledModel Model { get; } = compiled.Model;

        public Reparameterisation Parameters { get; } = compiled.Parameters;

        public Simulator Simulator { get; } = new(compiled.Model);

        public SimulationOutput Output { get; } = new(compiled.Model.Layout);
    }
}
