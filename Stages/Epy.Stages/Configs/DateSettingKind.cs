namespace Epy.Stages.Configs;

/// <summary>How a date such as <c>timespan.start_date</c> is set.</summary>
public enum DateSettingKind
{
    /// <summary>A fixed date written as <c>yyyy-MM-dd</c>.</summary>
    Fixed,

    /// <summary><c>sampled</c>: drawn by the sampling modelset's <c>start_date</c>.</summary>
    Sampled,

    /// <summary><c>calibrated</c>: given a prior by the calibration modelset's <c>start_date</c>.</summary>
    Calibrated,
}
