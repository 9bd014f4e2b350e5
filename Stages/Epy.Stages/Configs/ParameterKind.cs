namespace Epy.Stages.Configs;

/// <summary>The <c>type</c> of a parameter.</summary>
public enum ParameterKind
{
    /// <summary>One number (or constant expression such as <c>1/1.5</c>).</summary>
    Scalar,

    /// <summary>One number per age group (<c>values</c>).</summary>
    AgeVarying,

    /// <summary>Drawn by the sampling modelset.</summary>
    Sampled,

    /// <summary>Given a prior by the calibration modelset.</summary>
    Calibrated,

    /// <summary>An expression over other parameters and <c>eigenvalue</c>.</summary>
    Calculated,
}
