namespace Epy.Stages.Configs;

/// <summary>The <c>modelset.calibration</c> section.</summary>
/// <param name="Strategy">The ABC strategy and its options.</param>
/// <param name="DistanceFunction">The distance name (rmse, mae, mape, wmape); rmse when not written.</param>
/// <param name="ObservedDataPath">The observed CSV, relative to the forecast repository.</param>
/// <param name="Comparison">The observed columns and simulated flows compared (at least one).</param>
/// <param name="FittingWindow">The observations used; null to use them all.</param>
/// <param name="StartDate">The prior of a calibrated start date; null when not written.</param>
/// <param name="Compartments">The priors of calibrated compartment inits.</param>
/// <param name="Parameters">The priors of calibrated parameters.</param>
/// <param name="Projection">The projection after fitting; null for none.</param>
/// <param name="Span">Where the section starts.</param>
public sealed record CalibrationConfig(
    StrategyConfig Strategy,
    Located<string> DistanceFunction,
    Located<string> ObservedDataPath,
    IReadOnlyList<ComparisonConfig> Comparison,
    FittingWindowConfig? FittingWindow,
    DatePriorConfig? StartDate,
    IReadOnlyList<CalibratedQuantityConfig> Compartments,
    IReadOnlyList<CalibratedQuantityConfig> Parameters,
    ProjectionConfig? Projection,
    SourceSpan Span);
