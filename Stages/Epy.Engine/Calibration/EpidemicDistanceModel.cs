using System.Globalization;
using Epy.Engine.Randomness;
using Epy.Engine.Sampling;
using Epy.Engine.Simulation;

namespace Epy.Engine.Calibration;

/// <summary>
/// The ABC simulate function of an epidemic model: for a particle θ, build its model (start date,
/// parameters, seasonality minimum, initial proportions), simulate to the last observation, and
/// return the distance between the observed and the simulated weekly series.
/// </summary>
public sealed class EpidemicDistanceModel : IDistanceModel
{
    private readonly EpidemicCalibrationSetup _setup;
    private readonly ParticleFactory _factory;
    private readonly ComparisonSeries _comparison;
    private readonly double[] _observed;

    /// <summary>Checks the setup as a whole (every error names its field) and prepares the workers.</summary>
    public EpidemicDistanceModel(EpidemicCalibrationSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _setup = setup;
        _factory = new ParticleFactory(setup);
        _observed = [.. setup.Observed.Values];
        CheckOverlap(setup);

        // One model built from a draw of the priors validates names and gives the output layout.
        var probe = setup.Quantities.Select(q => q.Prior.Sample(new Xoshiro256(0))).ToArray();
        var last = setup.Observed.Last;
        var start = _factory.StartDate(probe);
        var model = _factory.Compile(probe, start <= last ? last : start);
        _comparison = new ComparisonSeries(model.Layout, setup.Comparison);
    }

    /// <summary>The setup this model calibrates.</summary>
    public EpidemicCalibrationSetup Setup => _setup;

    internal ParticleFactory Factory => _factory;

    internal ComparisonSeries Comparison => _comparison;

    /// <inheritdoc />
    public IDistanceWorker CreateWorker() => new Worker(this);

    /// <summary>The simulated comparison series of <paramref name="theta"/> on the observed weeks (for tests and reports).</summary>
    public double[] Simulate(ReadOnlySpan<double> theta, Xoshiro256 rng)
    {
        var simulated = new double[_observed.Length];
        SimulateInto(theta, rng, simulated);
        return simulated;
    }

    private void SimulateInto(ReadOnlySpan<double> theta, Xoshiro256 rng, Span<double> simulated)
    {
        var last = _setup.Observed.Last;
        if (_factory.StartDate(theta) > last)
        {
            // Starts after the last observation: every observed week is padding.
            simulated.Clear();
            return;
        }
        var model = _factory.Compile(theta, last);
        var output = new SimulationOutput(model.Layout);
        new Simulator(model).Run(rng, output);
        _comparison.Weekly(output, _setup.Observed.First, simulated);
    }

    private static void CheckOverlap(EpidemicCalibrationSetup setup)
    {
        var offset = setup.Quantities.FirstOrDefault(q => q.Target == SampleTarget.StartDateOffset);
        var earliest = offset is null ? setup.ReferenceDate : setup.ReferenceDate.AddDays((int)Math.Floor(Math.Max(offset.Prior.Lower, -36_500)));
        if (earliest > setup.Observed.Last)
        {
            throw new ModelValidationException(offset is null ? "timespan.start_date" : "calibration.start_date.prior",
                string.Create(CultureInfo.InvariantCulture, $"every simulation starts after the last observation ({setup.Observed.Last:yyyy-MM-dd}): no simulated date overlaps the observations"));
        }
        if (setup.EndDate < setup.Observed.First)
        {
            throw new ModelValidationException("timespan.end_date",
                string.Create(CultureInfo.InvariantCulture, $"{setup.EndDate:yyyy-MM-dd} is before the first observation ({setup.Observed.First:yyyy-MM-dd})"));
        }
    }

    /// <summary>
    /// One thread's simulate function, on its own <see cref="ParticleSimulation"/> (the model compiled
    /// once, re-parameterised per particle). With a finite threshold it checks, at the end of every observed
    /// week, the distance the particle would have if every later week matched the observations
    /// exactly: rmse, mae, mape and wmape only grow as weeks are added, so once that lower bound
    /// reaches the threshold the particle is rejected and the rest of the season is not simulated.
    /// </summary>
    private sealed class Worker : IDistanceWorker
    {
        private readonly EpidemicDistanceModel _owner;
        private readonly ParticleSimulation _simulation;
        private readonly double[] _simulated;
        private readonly double[] _bound;
        private readonly Func<int, bool> _addStep;
        private readonly Func<int, bool> _keepGoing;
        private double _threshold;

        public Worker(EpidemicDistanceModel owner)
        {
            _owner = owner;
            _simulation = new ParticleSimulation(owner._factory, owner._setup.Observed.Last);
            _simulated = new double[owner._observed.Length];
            _bound = new double[owner._observed.Length];
            // Bound once: a lambda per particle would allocate.
            _addStep = AddStep;
            _keepGoing = KeepGoing;
        }

        public double Distance(ReadOnlySpan<double> theta, Xoshiro256 rng, double threshold)
        {
            var setup = _owner._setup;
            Array.Clear(_simulated);
            if (_owner._factory.StartDate(theta) <= setup.Observed.Last)
            {
                _threshold = threshold;
                var finite = !double.IsPositiveInfinity(threshold);
                if (!_simulation.Run(theta, rng, finite ? _keepGoing : _addStep) && finite)
                    return double.PositiveInfinity;
            }
            return setup.Distance(_owner._observed, _simulated);
        }

        private bool AddStep(int t)
        {
            _owner._comparison.AddStep(_simulation.Output!, t, _owner._setup.Observed.First, _simulated);
            return true;
        }

        private bool KeepGoing(int t)
        {
            var week = _owner._comparison.AddStep(_simulation.Output!, t, _owner._setup.Observed.First, _simulated);
            if (week < 0)
                return true;
            _owner._observed.CopyTo(_bound, 0);
            _simulated.AsSpan(0, week + 1).CopyTo(_bound);
            return _owner._setup.Distance(_owner._observed, _bound) < _threshold;
        }
    }
}
