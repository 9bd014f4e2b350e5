using Epy.Engine.Model;
using Epy.Engine.Sampling;
using Epy.Engine.Simulation;

namespace Epy.Engine.Calibration;

/// <summary>
/// Turns a particle θ into a model ready to simulate: the start date moved by the offset, sampled
/// parameters set (calculated ones follow from them), a calibrated <c>seasonality_min</c> in place of
/// the configured minimum, calibrated initial values (a head count when ≥ 1, a proportion below), the rest in the default compartment.
/// </summary>
internal sealed class ParticleFactory
{
    private readonly EpidemicCalibrationSetup _setup;
    private readonly int _offsetIndex;

    public ParticleFactory(EpidemicCalibrationSetup setup)
    {
        _setup = setup;
        _offsetIndex = -1;
        for (var i = 0; i < setup.Quantities.Count; i++)
        {
            if (setup.Quantities[i].Target == SampleTarget.StartDateOffset)
                _offsetIndex = i;
        }
    }

    /// <summary>The start date of particle <paramref name="theta"/>: the reference plus the whole days of its offset.</summary>
    public DateOnly StartDate(ReadOnlySpan<double> theta) =>
        _offsetIndex < 0 ? _setup.ReferenceDate : _setup.ReferenceDate.AddDays((int)Math.Floor(theta[_offsetIndex]));

    /// <summary>The model of <paramref name="theta"/> compiled from its start date to <paramref name="until"/>.</summary>
    public CompiledModel Compile(ReadOnlySpan<double> theta, DateOnly until) => Compile(theta, StartDate(theta), until);

    /// <summary>The model of <paramref name="theta"/> compiled from <paramref name="start"/> to <paramref name="until"/>, whatever its own start date.</summary>
    public CompiledModel Compile(ReadOnlySpan<double> theta, DateOnly start, DateOnly until)
    {
        var (definition, initial) = Parameterise(theta);
        return CompiledModel.Compile(definition, _setup.Population, new TimeGrid(start, until, _setup.Dt), initial, _setup.Options);
    }

    /// <summary>
    /// The model of <paramref name="theta"/> compiled from <paramref name="start"/> to <paramref name="until"/>,
    /// with the means to put other particles into it (<see cref="TryReparameterise"/>).
    /// </summary>
    public (CompiledModel Model, Reparameterisation Parameters) CompileReusable(ReadOnlySpan<double> theta, DateOnly start, DateOnly until)
    {
        var (definition, initial) = Parameterise(theta);
        var model = CompiledModel.Compile(definition, _setup.Population, new TimeGrid(start, until, _setup.Dt), initial, _setup.Options);
        return (model, new Reparameterisation(model, definition));
    }

    /// <summary>
    /// Puts <paramref name="theta"/> into the model of <paramref name="parameters"/> (made by
    /// <see cref="CompileReusable"/>; its own grid kept), allocating nothing unless a calibrated
    /// quantity sets an initial value; false if the model must be compiled afresh (see <see cref="Reparameterisation.TryApply"/>).
    /// </summary>
    public bool TryReparameterise(Reparameterisation parameters, ReadOnlySpan<double> theta)
    {
        var setsInitial = false;
        for (var i = 0; i < _setup.Quantities.Count; i++)
        {
            var quantity = _setup.Quantities[i];
            if (quantity.Target == SampleTarget.Parameter)
            {
                parameters.SetParameter(quantity.Name, theta[i]);
                if (quantity.Name == EpidemicCalibrationSetup.SeasonalityMinimum && _setup.Model.Seasonality is not null)
                    parameters.SetSeasonalityMinimum(theta[i]);
            }
            setsInitial |= quantity.Target == SampleTarget.InitialProportion;
        }
        // Otherwise the initial state is the same for every particle: the one compiled.
        if (setsInitial)
            parameters.SetInitial(Initial(theta).Counts);
        return parameters.TryApply();
    }

    /// <summary>
    /// The earliest start date the start-offset prior allows (the reference date without one), or
    /// null when its support has no finite lower end.
    /// </summary>
    public DateOnly? EarliestStart()
    {
        if (_offsetIndex < 0)
            return _setup.ReferenceDate;
        var lower = _setup.Quantities[_offsetIndex].Prior.Lower;
        return double.IsFinite(lower) && Math.Abs(lower) < 36_500 ? _setup.ReferenceDate.AddDays((int)Math.Floor(lower)) : null;
    }

    /// <summary>The step time: the setup's delta_t in days.</summary>
    public double Dt => _setup.Dt;

    private (ModelDefinition Definition, InitialConditions Initial) Parameterise(ReadOnlySpan<double> theta)
    {
        var model = _setup.Model;
        var parameters = model.Parameters.ToList();
        var seasonality = model.Seasonality;
        for (var i = 0; i < _setup.Quantities.Count; i++)
        {
            var quantity = _setup.Quantities[i];
            switch (quantity.Target)
            {
                case SampleTarget.Parameter:
                    var existing = parameters.FindIndex(p => p.Name == quantity.Name);
                    var value = Parameter.Scalar(quantity.Name, theta[i]);
                    if (existing >= 0)
                        parameters[existing] = value;
                    else
                        parameters.Add(value);
                    if (quantity.Name == EpidemicCalibrationSetup.SeasonalityMinimum && seasonality is not null)
                        seasonality = seasonality with { MinValue = theta[i] };
                    break;
                case SampleTarget.InitialProportion:
                case SampleTarget.StartDateOffset:
                    break;
                default:
                    throw new ModelValidationException($"calibration.{quantity.Name}", $"unknown target {quantity.Target}");
            }
        }
        return (model with { Parameters = parameters, Seasonality = seasonality }, Initial(theta));
    }

    /// <summary>The initial state of <paramref name="theta"/>: the setup's, with its calibrated initial values.</summary>
    private InitialConditions Initial(ReadOnlySpan<double> theta)
    {
        var model = _setup.Model;
        var initial = new InitialConditionsBuilder(model.Compartments, _setup.Population);
        foreach (var init in _setup.Initial)
        {
            _ = init switch
            {
                CompartmentInit.Proportion p => initial.Proportion(p.Compartment, p.Value),
                CompartmentInit.Count c => initial.CountByAgeShare(c.Compartment, c.Value),
                CompartmentInit.Counts c => initial.Counts(c.Compartment, c.Values),
                CompartmentInit.PerAgeGroup c => initial.PerAgeGroup(c.Compartment, c.Values),
                _ => throw new ModelValidationException($"compartments.{init.Compartment}.init", $"unknown initial condition {init.GetType().Name}"),
            };
        }

        for (var i = 0; i < _setup.Quantities.Count; i++)
        {
            // epymodelingsuite: a drawn value ≥ 1 is a head count, below 1 a proportion.
            if (_setup.Quantities[i].Target == SampleTarget.InitialProportion)
                initial.Scalar(_setup.Quantities[i].Name, theta[i]);
        }
        initial.Rest(_setup.DefaultCompartment, _setup.OtherDefaultCompartments);
        return initial.Build();
    }
}
