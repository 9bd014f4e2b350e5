namespace Epy.Engine.Model;

/// <summary>How a parameter's values map onto the (step × age group) table.</summary>
public enum ParameterShape
{
    /// <summary>One value for every step and age group.</summary>
    Scalar,

    /// <summary>One value per age group, the same on every step.</summary>
    AgeVarying,

    /// <summary>One value per step, the same for every age group.</summary>
    PerDate,

    /// <summary>One value per (step, age group), row-major by step.</summary>
    PerDateAndAge,
}

/// <summary>
/// A model parameter. Every value is an arithmetic expression (<c>"0.5"</c>, <c>"1/1.5"</c>,
/// <c>"Rt*mu/(eigenvalue*(1-p_asymp))"</c>) over numbers, other parameters and <c>eigenvalue</c>;
/// cell (t, k) of the parameter's table is its value expression for (t, k) evaluated at (t, k).
/// </summary>
/// <param name="Name">The name expressions refer to it by.</param>
/// <param name="Shape">How <paramref name="Values"/> map to cells.</param>
/// <param name="Values">1, A, T or T·A expressions, by shape.</param>
public sealed record Parameter(string Name, ParameterShape Shape, IReadOnlyList<string> Values)
{
    /// <summary>A scalar parameter with a numeric value.</summary>
    public static Parameter Scalar(string name, double value) =>
        new(name, ParameterShape.Scalar, [value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)]);

    /// <summary>A scalar parameter given by an expression.</summary>
    public static Parameter Expression(string name, string expression) => new(name, ParameterShape.Scalar, [expression]);

    /// <summary>An age-varying parameter with numeric values.</summary>
    public static Parameter AgeVarying(string name, params IReadOnlyList<double> values) =>
        new(name, ParameterShape.AgeVarying, [.. values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))]);
}

/// <summary>
/// Replaces a parameter's values on the steps dated <paramref name="Start"/>..<paramref name="End"/>
/// (both included) with one value (scalar) or one per age group; applied before any parameter or
/// rate that depends on it is evaluated.
/// </summary>
public sealed record ParameterOverride(string Parameter, DateOnly Start, DateOnly End, IReadOnlyList<string> Values);

/// <summary>
/// Scales the layer <paramref name="Layer"/> of the contacts by <paramref name="ScalingFactor"/>
/// on the dates <paramref name="Start"/>..<paramref name="End"/> (both included). Several
/// interventions on one layer and date multiply. A school closure is one on the <c>school</c> layer.
/// </summary>
public sealed record ContactIntervention(string Layer, DateOnly Start, DateOnly End, double ScalingFactor, string? Name = null);

/// <summary>
/// Balcan seasonality of <paramref name="TargetParameter"/>: multiplied on day d by
/// <c>max·((1−r)·cos(2π(d − d_max)/P) + 1 + r)/2</c> with r = min/max, so the factor runs from
/// <paramref name="MinValue"/> to <paramref name="MaxValue"/>; P = 365 days, or twice the gap
/// between <paramref name="MaxDate"/> and <paramref name="MinDate"/> when that is given.
/// </summary>
public sealed record Seasonality(string TargetParameter, DateOnly MaxDate, double MinValue, double MaxValue = 1.0, DateOnly? MinDate = null);

/// <summary>
/// Multiplies a parameter's values on the steps dated <paramref name="Start"/>..<paramref name="End"/>
/// (both included) by <paramref name="Factor"/> (epymodelingsuite's parameter intervention with a
/// <c>scaling_factor</c>): after its seasonality and before its overrides, so it scales the seasonal
/// value and an override in the same window still wins. Several scalings of one date multiply.
/// </summary>
public sealed record ParameterScaling(string Parameter, DateOnly Start, DateOnly End, double Factor);
