using Epy.Engine.Demography;
using Epy.Engine.Model;

namespace Epy.Engine.Calibration;

/// <summary>
/// Everything needed to calibrate an epidemic model to weekly observations and to project from the
/// posterior: the model and its population, how it starts, the calibrated quantities with their
/// priors, the observations, and the series (summed) that are compared with them.
/// </summary>
public sealed record EpidemicCalibrationSetup
{
    /// <summary>The name of the parameter whose calibrated value replaces the seasonality's minimum.</summary>
    public const string SeasonalityMinimum = "seasonality_min";

    /// <summary>The model.</summary>
    public required ModelDefinition Model { get; init; }

    /// <summary>The location's population.</summary>
    public required Population Population { get; init; }

    /// <summary>The start date, or with a calibrated start-date offset, the date the offset counts from.</summary>
    public required DateOnly ReferenceDate { get; init; }

    /// <summary>The last date projections simulate to.</summary>
    public required DateOnly EndDate { get; init; }

    /// <summary>The step length in days.</summary>
    public double Dt { get; init; } = 1.0;

    /// <summary>How compartments that are not calibrated start.</summary>
    public IReadOnlyList<CompartmentInit> Initial { get; init; } = [];

    /// <summary>The compartment that takes the rest of the population (<c>init: default</c>).</summary>
    public required string DefaultCompartment { get; init; }

    /// <summary>Further <c>init: default</c> compartments, which share the rest equally with <see cref="DefaultCompartment"/>.</summary>
    public IReadOnlyList<string> OtherDefaultCompartments { get; init; } = [];

    /// <summary>The calibrated quantities, in θ order.</summary>
    public required IReadOnlyList<CalibratedQuantity> Quantities { get; init; }

    /// <summary>The observations inside the fitting window.</summary>
    public required ObservedSeries Observed { get; init; }

    /// <summary>The series summed to compare with the observations, e.g. <c>Home_sev_to_Hosp_total</c>.</summary>
    public required IReadOnlyList<string> Comparison { get; init; }

    /// <summary>The distance between observed and simulated series (default rmse).</summary>
    public DistanceFunction Distance { get; init; } = Distances.Resolve(null, "calibration.distance_function");

    /// <summary>How rates become probabilities.</summary>
    public SimulationOptions Options { get; init; } = SimulationOptions.Default;
}
