using Epy.Engine;
using Epy.Engine.Calibration;
using Epy.Engine.Sampling;
using Epy.Stages.Configs;

namespace Epy.Stages.Building;

/// <summary>
/// Turns a calibration modelset into one location's <see cref="CalibrationPlan"/>. θ holds, in this
/// order, the calibrated parameters, the calibrated compartments' initial proportions
/// (<see cref="SampleTarget.InitialProportion"/>) and the start-date offset in days from
/// <c>start_date.reference_date</c> (<see cref="SampleTarget.StartDateOffset"/>, named <c>start_date</c>),
/// each in config order. The comparison is the sum of the listed simulated series; a calibration has
/// one comparison (<see cref="ComparisonConfig.OnlyOne"/>).
/// </summary>
public static class CalibrationBuilder
{
    /// <summary>The name of the start-date quantity.</summary>
    public const string StartDate = "start_date";

    private const string Field = "modelset.calibration";

    /// <summary>Builds the plan of <paramref name="model"/>'s location.</summary>
    /// <param name="experiment">The experiment (its calibration modelset and basemodel).</param>
    /// <param name="model">The location's model (<c>ModelBuilder.ForLocation</c>).</param>
    /// <param name="forecastRepo">The folder <c>observed_data_path</c> is relative to.</param>
    /// <param name="threads">Simulations run at once; 0 for one per core.</param>
    /// <exception cref="ConfigValidationException">Anything that cannot be used, located in the config.</exception>
    public static CalibrationPlan Build(Experiment experiment, LocationModel model, string forecastRepo, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(model);
        var calibration = Calibration(experiment);
        return Build(experiment, model, ObservedData.Load(calibration, calibration.Comparison[0], forecastRepo, model.Location), threads);
    }

    /// <summary>Builds the plan of <paramref name="model"/>'s location against <paramref name="observed"/>, already read (a task input carries it); reads no file.</summary>
    /// <param name="experiment">The experiment (its calibration modelset and basemodel).</param>
    /// <param name="model">The location's model.</param>
    /// <param name="observed">The location's observations inside the fitting window (<see cref="ObservedData.Load"/>).</param>
    /// <param name="threads">Simulations run at once; 0 for one per core.</param>
    /// <exception cref="ConfigValidationException">Anything that cannot be used, located in the config.</exception>
    public static CalibrationPlan Build(Experiment experiment, LocationModel model, ObservedSeries observed, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(observed);
        var basemodel = experiment.Basemodel;
        var calibration = Calibration(experiment);
        var errors = new BuildErrors();
        var referenceDate = ReferenceDate(basemodel, calibration, errors);
        errors.ThrowIfAny();

        var comparison = calibration.Comparison[0];
        var options = StrategyOptionsBuilder.Build(calibration.Strategy, threads);
        DistanceFunction distance;
        try
        {
            distance = Distances.Resolve(calibration.DistanceFunction.Value, $"{Field}.distance_function");
        }
        catch (ModelValidationException e)
        {
            throw BuildErrors.From(e, calibration.DistanceFunction.Span, $"{Field}.distance_function");
        }

        var setup = new EpidemicCalibrationSetup
        {
            Model = model.Definition,
            Population = model.Population,
            ReferenceDate = referenceDate,
            EndDate = basemodel.Timespan.EndDate.Value,
            Dt = basemodel.Timespan.DeltaT.Value,
            Initial = model.Initial.Fixed,
            DefaultCompartment = model.Initial.DefaultCompartment,
            OtherDefaultCompartments = model.Initial.OtherDefaults ?? [],
            Quantities = Quantities(calibration),
            Observed = observed,
            Comparison = [.. comparison.Simulation.Select(s => s.Value)],
            Distance = distance,
        };
        EpidemicDistanceModel distanceModel;
        try
        {
            distanceModel = new EpidemicDistanceModel(setup);
        }
        catch (ModelValidationException e)
        {
            throw Locate(e, basemodel, calibration);
        }
        var seed = (ulong)(basemodel.RandomSeed?.Value ?? 0);
        return new CalibrationPlan(model, setup, distanceModel, options, seed, calibration.Projection?.NTrajectories.Value ?? 0,
            ProjectionGeneration(calibration.Projection, options));
    }

    /// <summary>
    /// <c>projection.generation_number</c>, checked against the generations the strategy can produce:
    /// epydemix numbers them from 0, SMC has <c>num_generations</c>, rejection and top fraction one.
    /// </summary>
    private static int? ProjectionGeneration(ProjectionConfig? projection, AbcOptions options)
    {
        if (projection?.GenerationNumber is not { } generation)
            return null;
        var count = options is SmcOptions smc ? smc.NumGenerations : 1;
        if (generation.Value >= count)
        {
            throw BuildErrors.One(generation.Span, $"{Field}.projection.generation_number",
                $"generation {generation.Value} does not exist: {options.Strategy.ToName()} runs {(count == 1 ? "one generation, numbered 0" : $"{count} generations, numbered 0 to {count - 1}")}");
        }
        return generation.Value;
    }

    /// <summary>The calibration section, with the one comparison it may hold (see <see cref="ComparisonConfig"/>).</summary>
    private static CalibrationConfig Calibration(Experiment experiment)
    {
        var calibration = experiment.Calibration
            ?? throw BuildErrors.One(experiment.Modelset?.Span ?? experiment.Basemodel.Span, "modelset", "the experiment has no calibration modelset");
        var errors = new BuildErrors();
        foreach (var extra in calibration.Comparison.Skip(1))
            errors.Add(extra.Span, $"{Field}.comparison", ComparisonConfig.OnlyOne);
        errors.ThrowIfAny();
        return calibration;
    }

    private static DateOnly ReferenceDate(BasemodelConfig basemodel, CalibrationConfig calibration, BuildErrors errors)
    {
        var start = basemodel.Timespan.StartDate;
        switch (start.Kind)
        {
            case DateSettingKind.Fixed when calibration.StartDate is { } prior:
                errors.Add(prior.Span, $"{Field}.start_date", "the basemodel's start_date is fixed; write 'start_date: calibrated' there to calibrate it");
                return start.Date!.Value;
            case DateSettingKind.Fixed:
                return start.Date!.Value;
            case DateSettingKind.Calibrated when calibration.StartDate is { } prior:
                return prior.ReferenceDate.Value;
            default:
                errors.Add(start.Span, "model.timespan.start_date",
                    $"a {start.Kind.ToString().ToLowerInvariant()} start date needs the calibration modelset's start_date (reference_date and prior)");
                return default;
        }
    }

    private static List<CalibratedQuantity> Quantities(CalibrationConfig calibration)
    {
        var quantities = new List<CalibratedQuantity>();
        foreach (var p in calibration.Parameters)
            quantities.Add(new(p.Name.Value, SampleTarget.Parameter, DistributionBuilder.Prior(p.Prior, $"{Field}.parameters.{p.Name.Value}.prior")));
        foreach (var c in calibration.Compartments)
            quantities.Add(new(c.Name.Value, SampleTarget.InitialProportion, DistributionBuilder.Prior(c.Prior, $"{Field}.compartments.{c.Name.Value}.prior")));
        if (calibration.StartDate is { } start)
            quantities.Add(new(StartDate, SampleTarget.StartDateOffset, DistributionBuilder.Prior(start.Distribution, $"{Field}.start_date.prior")));
        return quantities;
    }

    private static ConfigValidationException Locate(ModelValidationException e, BasemodelConfig basemodel, CalibrationConfig calibration)
    {
        if (!e.Field.StartsWith("calibration", StringComparison.Ordinal))
            return ModelFieldMap.Locate(basemodel, e);
        var span = e.Field switch
        {
            var f when f.StartsWith("calibration.comparison", StringComparison.Ordinal) => calibration.Comparison[0].Span,
            var f when f.StartsWith("calibration.start_date", StringComparison.Ordinal) => calibration.StartDate?.Span ?? calibration.Span,
            _ => calibration.Span,
        };
        return BuildErrors.One(span, $"modelset.{e.Field}", e.Reason);
    }
}
