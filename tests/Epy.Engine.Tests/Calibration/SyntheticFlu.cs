using Epy.Engine.Calibration;
using Epy.Engine.Demography;
using Epy.Engine.Randomness;
using Epy.Engine.Reference;
using Epy.Engine.Sampling;

namespace Epy.Engine.Tests.Calibration;

/// <summary>
/// The reference flu model on Massachusetts with Rt and the start-date offset calibrated, fitted to
/// weekly admissions that the engine itself produced with Rt = 1.3 and an offset of 30 days.
/// </summary>
internal static class SyntheticFlu
{
    public const double TrueRt = 1.3;
    public const int TrueOffset = 30;
    public static readonly DateOnly LastObserved = new(2025, 3, 1);

    private static readonly Lazy<Population> Massachusetts = new(() =>
        EpydemixData.Load(TestData.EpydemixDataRoot, "United_States_Massachusetts", ReferenceModels.FluAgeGroups));

    public static IReadOnlyList<CalibratedQuantity> Quantities =>
    [
        new("Rt", SampleTarget.Parameter, Priors.Create("uniform", [1.0, 1.0], null, "calibration.parameters.Rt.prior")),
        new("start_date", SampleTarget.StartDateOffset, Priors.Create("randint", [0, 60], null, "calibration.start_date.prior")),
    ];

    /// <summary>A setup whose observations are <paramref name="observed"/> (by default the synthetic truth).</summary>
    public static EpidemicCalibrationSetup Setup(ObservedSeries? observed = null, IReadOnlyList<string>? comparison = null) =>
        ReferenceCalibration.Setup(Massachusetts.Value, observed ?? Truth.Value, Quantities) with
        {
            Comparison = comparison ?? ["Home_sev_to_Hosp_total"],
        };

    /// <summary>Weekly admissions from 2024-10-19 to 2025-03-01 of one simulation at the true values.</summary>
    public static readonly Lazy<ObservedSeries> Truth = new(() =>
    {
        var weeks = Enumerable.Range(0, 20).Select(w => new DateOnly(2024, 10, 19).AddDays(7 * w)).ToArray();
        var placeholder = new ObservedSeries(weeks, new double[weeks.Length]);
        var model = new EpidemicDistanceModel(Setup(placeholder));
        var values = model.Simulate([TrueRt, TrueOffset], new Xoshiro256(2024));
        return new ObservedSeries(weeks, values);
    });
}
