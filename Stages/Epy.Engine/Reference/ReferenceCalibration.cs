using Epy.Engine.Calibration;
using Epy.Engine.Demography;
using Epy.Engine.Model;
using Epy.Engine.Randomness;
using Epy.Engine.Sampling;

namespace Epy.Engine.Reference;

/// <summary>
/// The calibration benchmark: the reference flu model with Rt, the start date (days after
/// 2024-09-15) and the seasonal minimum calibrated against a season of weekly admissions
/// (2024-10-19..2025-05-31) that the engine produced at the reference values (Rt = 1.2, start
/// 2024-10-15, minimum 0.65).
/// </summary>
public static class ReferenceCalibration
{
    /// <summary>The date the start offset counts from.</summary>
    public static readonly DateOnly ReferenceDate = new(2024, 9, 15);

    /// <summary>The reference values in θ order: Rt, start offset (days), seasonality minimum.</summary>
    public static readonly IReadOnlyList<double> Truth = [1.2, 30, 0.65];

    /// <summary>Rt ~ uniform[1, 2], start offset ~ randint(0, 60), seasonality_min ~ uniform[0.5, 0.85].</summary>
    public static IReadOnlyList<CalibratedQuantity> Quantities { get; } =
    [
        new("Rt", SampleTarget.Parameter, new UniformPrior(1.0, 1.0)),
        new("start_date", SampleTarget.StartDateOffset, new RandIntPrior(0, 60)),
        new(EpidemicCalibrationSetup.SeasonalityMinimum, SampleTarget.Parameter, new UniformPrior(0.5, 0.35)),
    ];

    /// <summary>
    /// The setup on <paramref name="massachusetts"/>, fitted to <paramref name="observed"/> (default: the
    /// synthetic season), calibrating <paramref name="quantities"/> (default: <see cref="Quantities"/>).
    /// </summary>
    public static EpidemicCalibrationSetup Setup(Population massachusetts, ObservedSeries? observed = null, IReadOnlyList<CalibratedQuantity>? quantities = null) => new()
    {
        Model = ReferenceModels.FluDefinition() with { Parameters = [.. ReferenceModels.FluDefinition().Parameters.Where(p => p.Name != "Rt")] },
        Population = massachusetts,
        ReferenceDate = ReferenceDate,
        EndDate = new DateOnly(2025, 5, 31),
        Initial = [new CompartmentInit.Proportion("L", 0.0005), new CompartmentInit.Proportion("Initial_immune", 0.2)],
        DefaultCompartment = "S",
        Quantities = quantities ?? Quantities,
        Observed = observed ?? Season(massachusetts),
        Comparison = ["Home_sev_to_Hosp_total"],
    };

    /// <summary>The synthetic season: one simulation at <see cref="Truth"/> with seed 2024, weeks ending 2024-10-19..2025-05-31.</summary>
    public static ObservedSeries Season(Population massachusetts)
    {
        var weeks = Enumerable.Range(0, 33).Select(w => new DateOnly(2024, 10, 19).AddDays(7 * w)).ToArray();
        var model = new EpidemicDistanceModel(Setup(massachusetts, new ObservedSeries(weeks, new double[weeks.Length])));
        return new ObservedSeries(weeks, model.Simulate([.. Truth], new Xoshiro256(2024)));
    }
}
